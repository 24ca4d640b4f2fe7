"""Versioned questionnaires as frozen values, built from plain dicts (an adapter reads the YAML)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Instrument", "InstrumentError", "Option", "Question", "Section", "instrument_from_dict"]

KINDS = ("maturity", "culture")
ROUNDINGS = ("floor", "nearest")


class InstrumentError(ValueError):
    """An instrument definition is malformed; the message names the place."""


@dataclass(frozen=True)
class Option:
    """One answer on a scale: its value (0 = not applicable, left out of the score) and its text."""

    value: int
    text: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    """One item: text and help in nl/en, a weight, and the section it scores into."""

    code: str
    section: str
    text: Mapping[str, str]
    help: Mapping[str, str]
    weight: float
    subarea: str


@dataclass(frozen=True)
class Section:
    """A transformation (maturity scan) or a theme (culture scan), with its sub-areas and suggestions."""

    code: str
    name: Mapping[str, str]
    subareas: tuple[str, ...]
    suggestions: tuple[Mapping[str, str], ...]
    source: Mapping[str, str]


@dataclass(frozen=True)
class Instrument:
    """A versioned questionnaire with its answer scale and scoring rules."""

    code: str
    version: int
    kind: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    authorship: Mapping[str, str]
    scale: tuple[Option, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    rounding: str
    min_answered: float
    suggestion_below: float
    anonymous: bool

    def question(self, code: str) -> Question:
        """The question with this code."""
        for q in self.questions:
            if q.code == code:
                return q
        raise KeyError(code)

    def section(self, code: str) -> Section:
        """The section with this code."""
        for s in self.sections:
            if s.code == code:
                return s
        raise KeyError(code)

    def questions_of(self, section: str) -> tuple[Question, ...]:
        """The questions of one section, in order."""
        return tuple(q for q in self.questions if q.section == section)

    @property
    def values(self) -> frozenset[int]:
        """The answer values the scale allows."""
        return frozenset(o.value for o in self.scale)

    @property
    def max_value(self) -> int:
        """The highest value on the scale."""
        return max(o.value for o in self.scale)


def _texts(raw: Any, where: str, *, required: bool = True) -> dict[str, str]:
    if raw is None and not required:
        return {"nl": "", "en": ""}
    if not isinstance(raw, Mapping) or not {"nl", "en"} <= set(raw):
        raise InstrumentError(f"{where}: needs a text in 'nl' and 'en'")
    return {"nl": str(raw["nl"]).strip(), "en": str(raw["en"]).strip()}


def _section(raw: Mapping[str, Any], where: str) -> Section:
    code = str(raw.get("code") or "")
    if not code:
        raise InstrumentError(f"{where}: section without a code")
    return Section(
        code=code,
        name=_texts(raw.get("name"), f"{where} {code} name"),
        subareas=tuple(str(s) for s in raw.get("subareas") or ()),
        suggestions=tuple(
            _texts(s, f"{where} {code} suggestion {i + 1}")
            for i, s in enumerate(raw.get("suggestions") or ())
        ),
        source={str(k): str(v) for k, v in (raw.get("source") or {}).items()},
    )


def instrument_from_dict(raw: Mapping[str, Any]) -> Instrument:
    """Build and check an instrument from its parsed YAML; raises InstrumentError naming the problem."""
    code = str(raw.get("code") or "")
    where = f"instrument {code or '?'}"
    if not code:
        raise InstrumentError("instrument without a code")
    kind = str(raw.get("kind") or "")
    if kind not in KINDS:
        raise InstrumentError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    try:
        version = int(raw["version"])
    except (KeyError, TypeError, ValueError):
        raise InstrumentError(f"{where}: needs an integer version") from None
    scoring = raw.get("scoring") or {}
    rounding = str(scoring.get("rounding", "floor"))
    if rounding not in ROUNDINGS:
        raise InstrumentError(f"{where}: scoring.rounding must be floor or nearest")
    scale = tuple(
        Option(value=int(o["value"]), text=_texts(o.get("text"), f"{where} scale {o.get('value')}"))
        for o in raw.get("scale") or ()
    )
    if len({o.value for o in scale if o.value > 0}) < 2:
        raise InstrumentError(f"{where}: the scale needs at least two scored values (> 0)")
    sections = tuple(_section(s, where) for s in raw.get("sections") or ())
    section_codes = [s.code for s in sections]
    if len(set(section_codes)) != len(section_codes) or not sections:
        raise InstrumentError(f"{where}: sections must exist and have unique codes")
    questions: list[Question] = []
    for s_raw in raw.get("sections") or ():
        for q in s_raw.get("questions") or ():
            q_code = str(q.get("code") or "")
            q_where = f"{where} question {q_code or '?'}"
            weight = float(q.get("weight", 1))
            if not q_code or weight <= 0:
                raise InstrumentError(f"{q_where}: needs a code and a positive weight")
            questions.append(
                Question(
                    code=q_code,
                    section=str(s_raw["code"]),
                    text=_texts(q.get("text"), q_where),
                    help=_texts(q.get("help"), f"{q_where} help", required=False),
                    weight=weight,
                    subarea=str(q.get("subarea") or ""),
                )
            )
    codes = [q.code for q in questions]
    if len(set(codes)) != len(codes):
        raise InstrumentError(f"{where}: question codes must be unique")
    empty = [s.code for s in sections if not any(q.section == s.code for q in questions)]
    if empty:
        raise InstrumentError(f"{where}: sections without questions: {', '.join(empty)}")
    return Instrument(
        code=code,
        version=version,
        kind=kind,
        title=_texts(raw.get("title"), f"{where} title"),
        intro=_texts(raw.get("intro"), f"{where} intro", required=False),
        authorship=_texts(raw.get("authorship"), f"{where} authorship"),
        scale=scale,
        sections=sections,
        questions=tuple(questions),
        rounding=rounding,
        min_answered=float(scoring.get("min_answered", 0.5)),
        suggestion_below=float(scoring.get("suggestion_below", 60)),
        anonymous=bool(raw.get("anonymous", False)),
    )
