"""Explanations: the required skills a passport matches, matches in part (via what) or misses, with weights.

Every item's ``weight`` is its share of the target's total requirement weight, so the weights of all items
add up to 1 and ``coverage = Σ weight × credit`` over matched and partial items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from techtalent.matching.engine.model import VIAS, MatchModel, Proficiency, Relation, Via

__all__ = ["Explanation", "MatchedSkill", "MissingSkill", "PartialMatch", "Requirement", "explain"]


@dataclass(frozen=True)
class Requirement:
    """One skill a target (occupation or vacancy) asks for, with its absolute requirement weight."""

    skill: int
    relation: Relation
    weight: float


@dataclass(frozen=True)
class MatchedSkill:
    """A required skill the passport holds."""

    skill: str
    relation: Relation
    weight: float
    proficiency: Proficiency
    credit: float


@dataclass(frozen=True)
class PartialMatch:
    """A required skill the passport does not hold, credited in part through a held `source` skill."""

    skill: str
    relation: Relation
    weight: float
    credit: float
    via: Via
    source: str
    source_proficiency: Proficiency


@dataclass(frozen=True)
class MissingSkill:
    """A required skill without any credit."""

    skill: str
    relation: Relation
    weight: float


@dataclass(frozen=True)
class Explanation:
    """Why a passport scores what it scores against one target."""

    coverage: float
    relevance: float
    matched: tuple[MatchedSkill, ...]
    partial: tuple[PartialMatch, ...]
    missing_essential: tuple[MissingSkill, ...]
    missing_optional: tuple[MissingSkill, ...]
    unused: tuple[str, ...]  # passport skills the target does not list


def explain(
    model: MatchModel, passport: Mapping[str, Proficiency], requirements: Sequence[Requirement]
) -> Explanation:
    """Explain the coverage and relevance of one passport against one target's requirements."""
    settings = model.settings
    held = {model.skill_index[uri]: p for uri, p in passport.items() if uri in model.skill_index}
    total = sum(r.weight for r in requirements)
    matched: list[MatchedSkill] = []
    partial: list[PartialMatch] = []
    missing: list[MissingSkill] = []
    covered = 0.0
    for req in requirements:
        share = req.weight / total if total > 0 else 0.0
        uri = model.skills[req.skill]
        if req.skill in held:
            credit = settings.proficiency_credit[held[req.skill]]
            matched.append(MatchedSkill(uri, req.relation, share, held[req.skill], credit))
            covered += req.weight * credit
            continue
        best = _best_source(model, req.skill, held)
        if best is None:
            missing.append(MissingSkill(uri, req.relation, share))
            continue
        credit, via, source = best
        partial.append(
            PartialMatch(uri, req.relation, share, credit, via, model.skills[source], held[source])
        )
        covered += req.weight * credit

    listed = {r.skill: r.relation for r in requirements}
    ratio = settings.optional_weight / settings.essential_weight if settings.essential_weight else 0.0
    use = {"essential": 1.0, "optional": ratio}
    power = 1.0 + settings.specificity
    own = sum(float(model.idf[s]) ** power for s in held)
    used = sum(float(model.idf[s]) ** power * use[listed[s]] for s in held if s in listed)

    def by_weight(item: MatchedSkill | PartialMatch | MissingSkill) -> tuple[float, str]:
        return (-item.weight, item.skill)

    return Explanation(
        coverage=covered / total if total > 0 else 0.0,
        relevance=min(used / own, 1.0) if own > 0 else 0.0,
        matched=tuple(sorted(matched, key=by_weight)),
        partial=tuple(sorted(partial, key=by_weight)),
        missing_essential=tuple(sorted((m for m in missing if m.relation == "essential"), key=by_weight)),
        missing_optional=tuple(sorted((m for m in missing if m.relation == "optional"), key=by_weight)),
        unused=tuple(sorted(model.skills[s] for s in held if s not in listed)),
    )


def _best_source(
    model: MatchModel, skill: int, held: Mapping[int, Proficiency]
) -> tuple[float, Via, int] | None:
    """The held skill that gives `skill` the most credit, with the relation it goes through."""
    settings = model.settings
    best: tuple[float, Via, int] | None = None
    for via in VIAS:  # the first via wins a tie, then the lower skill index
        factor = settings.via_credit(via)
        if factor == 0.0:
            continue
        adjacency = model.neighbours[via]
        for source in adjacency.indices[adjacency.indptr[skill] : adjacency.indptr[skill + 1]]:
            proficiency = held.get(int(source))
            if proficiency is None:
                continue
            credit = factor * settings.proficiency_credit[proficiency]
            if (
                best is None
                or credit > best[0]
                or (credit == best[0] and via == best[1] and source < best[2])
            ):
                best = (credit, via, int(source))
    return best
