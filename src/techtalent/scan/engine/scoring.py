"""Scores of one filled-in instrument: a level per transformation, a 0–100 score per culture theme."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from techtalent.scan.engine.instrument import Instrument

__all__ = [
    "AnswerProblem",
    "MaturityResult",
    "SectionScore",
    "ThemeResult",
    "check_answers",
    "score_culture",
    "score_maturity",
]


@dataclass(frozen=True)
class AnswerProblem:
    """Something wrong with one answer: missing, unknown question, or a value not on the scale."""

    question: str
    problem: str  # "missing" | "unknown" | "invalid"
    value: object = None


@dataclass(frozen=True)
class SectionScore:
    """The weighted mean and the level of one section; level None when too few questions were answered."""

    section: str
    level: int | None
    mean: float | None
    answered: int
    total: int


@dataclass(frozen=True)
class MaturityResult:
    """Levels per transformation of one company's scan."""

    instrument: str
    version: int
    sections: tuple[SectionScore, ...]

    def levels(self) -> dict[str, int | None]:
        """Section code → level (None: too few answers)."""
        return {s.section: s.level for s in self.sections}


@dataclass(frozen=True)
class ThemeResult:
    """A culture theme scored 0–100 with the suggestions that apply."""

    theme: str
    score: float | None
    answered: int
    total: int
    suggestions: tuple[Mapping[str, str], ...]


def check_answers(
    instrument: Instrument, answers: Mapping[str, int], *, complete: bool
) -> list[AnswerProblem]:
    """Problems with a set of answers; with complete=True every question must have an answer."""
    problems: list[AnswerProblem] = []
    known = {q.code for q in instrument.questions}
    allowed = instrument.values
    for code, value in answers.items():
        if code not in known:
            problems.append(AnswerProblem(code, "unknown", value))
        elif not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
            problems.append(AnswerProblem(code, "invalid", value))
    if complete:
        problems.extend(
            AnswerProblem(q.code, "missing") for q in instrument.questions if q.code not in answers
        )
    return problems


def _weighted_mean(
    instrument: Instrument, section: str, answers: Mapping[str, int]
) -> tuple[float | None, int]:
    questions = instrument.questions_of(section)
    total_weight = 0.0
    weighted = 0.0
    answered = 0
    for q in questions:
        value = answers.get(q.code)
        if value is None:
            continue
        answered += 1
        if value > 0:  # 0 = not applicable / don't know: answered, but not scored
            weighted += q.weight * value
            total_weight += q.weight
    if total_weight == 0 or answered < instrument.min_answered * len(questions):
        return None, answered
    return weighted / total_weight, answered


def _level(mean: float, rounding: str, top: int) -> int:
    raw = math.floor(mean + 1e-9) if rounding == "floor" else math.floor(mean + 0.5)
    return max(1, min(top, raw))


def score_maturity(instrument: Instrument, answers: Mapping[str, int]) -> MaturityResult:
    """Level 1–5 per transformation: weighted mean of the scored answers, rounded as the instrument says."""
    sections = []
    for section in instrument.sections:
        mean, answered = _weighted_mean(instrument, section.code, answers)
        sections.append(
            SectionScore(
                section=section.code,
                level=None if mean is None else _level(mean, instrument.rounding, instrument.max_value),
                mean=None if mean is None else round(mean, 3),
                answered=answered,
                total=len(instrument.questions_of(section.code)),
            )
        )
    return MaturityResult(instrument.code, instrument.version, tuple(sections))


def score_culture(instrument: Instrument, answers: Mapping[str, int]) -> tuple[ThemeResult, ...]:
    """0–100 per theme ((mean − 1) / (max − 1)); the theme's suggestions when below the instrument's bar."""
    top = instrument.max_value
    results = []
    for section in instrument.sections:
        mean, answered = _weighted_mean(instrument, section.code, answers)
        score = None if mean is None else round((mean - 1) / (top - 1) * 100, 1)
        low = score is not None and score < instrument.suggestion_below
        results.append(
            ThemeResult(
                theme=section.code,
                score=score,
                answered=answered,
                total=len(instrument.questions_of(section.code)),
                suggestions=section.suggestions if low else (),
            )
        )
    return tuple(results)
