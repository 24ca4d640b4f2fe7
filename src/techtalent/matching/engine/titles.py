"""Job titles found in a CV as a prior on the occupation ranking.

A CV names the jobs its writer held ("2016 – heden: lasser"); the extractor maps such titles to ESCO
occupations with a confidence. Those titles say more about where a person fits than the few, often general
skills read from the same CV, so they enter the score as a prior:

    prior(o)  = max over titles t of confidence(t) × (1 if o is t, group_credit × evidence(o) if o is in
                t's ISCO group)
    score'(o) = (1 − weight) · score(o) + weight · prior(o)

``evidence(o)`` = skill score(o) / the passport's best skill score: a neighbour of a job held is lifted only
as far as the person's skills point to it, so a sibling that uses none of them (0 % skill match: "breeuwer"
beside a held "productiemedewerker") is never put above real skill matches. A passport without any skill
score (no skills, or none the occupations list) has no evidence either way; then the unit group keeps its
plain share. The job held itself always gets its full confidence: the person did that work.
Titles below ``min_confidence`` are left out (a surname read as a job title scores about 0.5).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from techtalent.matching.engine.model import MatchModel

__all__ = ["TitlePrior", "title_prior", "with_title_prior", "competing_readings", "COMPETING_MARGIN"]

# A reading of a CV line more than this far below the line's best reading is a weaker rival, not a second
# job (chosen on the dev halves of cv_personas_nl and cv_personas_nl_extra, bench/matching_cv.py).
COMPETING_MARGIN = 0.15


@dataclass(frozen=True)
class TitlePrior:
    """How strongly titles found in a CV steer the ranking (chosen on the dev half of cv_personas_nl)."""

    weight: float = 0.5
    group_credit: float = 0.5
    min_confidence: float = 0.6

    def __post_init__(self) -> None:
        for name in ("weight", "group_credit", "min_confidence"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1]")


def title_prior(
    model: MatchModel,
    titles: Mapping[str, float],
    settings: TitlePrior | None = None,
    *,
    skill_scores: np.ndarray | None = None,
) -> np.ndarray:
    """(occupations,) prior in [0, 1] from occupation URIs found as titles, each with its confidence; the
    unit-group share scaled by ``skill_scores`` (occupations,) relative to their maximum, when given."""
    settings = settings or TitlePrior()
    prior = np.zeros(len(model.occupations))
    evidence = np.ones(len(model.occupations))
    if skill_scores is not None:
        scores = np.asarray(skill_scores, dtype=np.float64).ravel()
        best = float(scores.max()) if scores.size else 0.0
        if best > 0:
            evidence = np.clip(scores / best, 0.0, 1.0)
    by_group: dict[str, list[int]] = defaultdict(list)
    for uri, index in model.occupation_index.items():
        code = model.isco.get(uri)
        if code:
            by_group[code].append(index)
    for uri, confidence in titles.items():
        found = model.occupation_index.get(uri)
        if found is None or confidence < settings.min_confidence:
            continue
        code = model.isco.get(uri)
        if code:
            members = np.asarray(by_group[code], dtype=np.int64)
            share = settings.group_credit * confidence * evidence[members]
            prior[members] = np.maximum(prior[members], share)
        prior[found] = max(prior[found], confidence)
    return np.minimum(prior, 1.0)


def with_title_prior(scores: np.ndarray, prior: np.ndarray, settings: TitlePrior | None = None) -> np.ndarray:
    """(passports, occupations) scores blended with a prior over occupations (broadcast over passports)."""
    settings = settings or TitlePrior()
    blended: np.ndarray = (1.0 - settings.weight) * scores + settings.weight * prior
    return blended


def competing_readings(
    found: Iterable[Mapping[str, Any]],
    *,
    margin: float = COMPETING_MARGIN,
    settings: TitlePrior | None = None,
) -> list[dict[str, Any]]:
    """Occupations found in a CV, where those read from the same line compete: "Elektromonteur, woningbouw"
    is one job, so a reading of that line scoring more than ``margin`` below the line's best is kept below
    ``min_confidence`` (offered, unticked) instead of entering the matches as a job held. Skills, and
    readings of different lines, are left as they are; the order is kept."""
    settings = settings or TitlePrior()
    items = [dict(item) for item in found]
    lines = {
        i: " ".join(str(item.get("evidence", "")).split())
        for i, item in enumerate(items)
        if item.get("kind") == "occupation"
    }
    best: dict[str, float] = {}
    for i, line in lines.items():
        best[line] = max(best.get(line, 0.0), float(items[i]["score"]))
    floor = round(settings.min_confidence - 0.01, 4)
    for i, line in lines.items():
        item = items[i]
        score = float(item["score"])
        if line and score >= settings.min_confidence and score < best[line] - margin:
            item["score"] = min(score, floor)
    return items
