"""Skill gaps: what a person still has to learn for an occupation, by skill group; reachable occupations.

The gap size is the share of the occupation's requirement weight not yet held: a held skill counts in
full whatever its proficiency, a skill credited through a neighbour counts for its partial credit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from techtalent.matching.engine.explain import explain
from techtalent.matching.engine.model import MatchModel, Proficiency, Relation
from techtalent.matching.engine.occupations import occupation_requirements
from techtalent.matching.engine.scoring import credit_matrix, level_matrix, score_passports

__all__ = [
    "Gap",
    "GapSkill",
    "Reachable",
    "SkillGroupGap",
    "gap",
    "gap_sizes",
    "occupation_passport",
    "reachable",
]


@dataclass(frozen=True)
class GapSkill:
    """A skill to learn: its share of the occupation's weight and the credit it already earns (partial)."""

    skill: str
    relation: Relation
    weight: float
    credit: float


@dataclass(frozen=True)
class SkillGroupGap:
    """The skills to learn within one skill group, and their remaining weight."""

    group: str
    label: str
    remaining: float
    skills: tuple[GapSkill, ...]


@dataclass(frozen=True)
class Gap:
    """What stands between a passport and an occupation."""

    occupation: str
    size: float
    missing_essential: int
    groups: tuple[SkillGroupGap, ...]


@dataclass(frozen=True)
class Reachable:
    """An occupation within reach: its score, gap size and shortage weight (0 when not a shortage)."""

    occupation: str
    score: float
    gap: float
    shortage: float


def occupation_passport(
    model: MatchModel, occupation: str, proficiency: Proficiency = "advanced"
) -> dict[str, Proficiency]:
    """The passport of someone who works in `occupation`: all its skills at one proficiency."""
    return {model.skills[r.skill]: proficiency for r in occupation_requirements(model, occupation)}


def gap(model: MatchModel, skills: Mapping[str, Proficiency], occupation: str) -> Gap:
    """The skills still to learn for `occupation`, grouped by skill group (largest remaining weight first)."""
    explanation = explain(model, skills, occupation_requirements(model, occupation))
    todo = [GapSkill(p.skill, p.relation, p.weight, p.credit) for p in explanation.partial] + [
        GapSkill(m.skill, m.relation, m.weight, 0.0)
        for m in explanation.missing_essential + explanation.missing_optional
    ]
    grouped: dict[int, list[GapSkill]] = defaultdict(list)
    for item in todo:
        grouped[int(model.skill_group[model.skill_index[item.skill]])].append(item)
    groups = []
    for g, items in grouped.items():
        uri = model.groups[g] if g >= 0 else ""
        items.sort(key=lambda i: (-i.weight * (1.0 - i.credit), i.skill))
        remaining = sum(i.weight * (1.0 - i.credit) for i in items)
        groups.append(SkillGroupGap(uri, model.label(uri) if uri else "(ungrouped)", remaining, tuple(items)))
    groups.sort(key=lambda g: (-g.remaining, g.group))
    return Gap(
        occupation=occupation,
        size=sum(g.remaining for g in groups),
        missing_essential=len(explanation.missing_essential)
        + sum(1 for p in explanation.partial if p.relation == "essential"),
        groups=tuple(groups),
    )


def gap_sizes(model: MatchModel, skills: Mapping[str, Proficiency]) -> np.ndarray:
    """The gap size of one passport to every occupation (same definition as `gap(...).size`)."""
    levels = level_matrix(model, [skills])
    held = levels.copy()
    held.data[:] = 1.0
    credit = credit_matrix(model, levels).maximum(held).tocsr()  # held skills count in full
    covered = model.weights @ credit.T
    totals = model.weight_totals
    share = np.divide(covered.toarray().ravel(), totals, out=np.zeros(len(totals)), where=totals > 0)
    result: np.ndarray = np.clip(1.0 - share, 0.0, 1.0)
    return result


def reachable(
    model: MatchModel,
    skills: Mapping[str, Proficiency],
    *,
    max_gap: float = 0.4,
    top: int = 20,
    order: Literal["score", "gap"] = "score",
    shortage: Mapping[str, float] | None = None,
    exclude: Sequence[str] = (),
) -> list[Reachable]:
    """Occupations whose gap is at most `max_gap`, ranked by score (fit) or by gap size."""
    sizes = gap_sizes(model, skills)
    scores = score_passports(model, [skills])[0]
    shortage = shortage or {}
    skip = {model.occupation_index[u] for u in exclude if u in model.occupation_index}
    found = [o for o in np.flatnonzero(sizes <= max_gap) if int(o) not in skip]
    if order == "score":
        found.sort(key=lambda o: (-scores[o], sizes[o], o))
    else:
        found.sort(key=lambda o: (sizes[o], -scores[o], o))
    return [
        Reachable(
            model.occupations[o],
            float(scores[o]),
            float(sizes[o]),
            float(shortage.get(model.occupations[o], 0.0)),
        )
        for o in found[:top]
    ]
