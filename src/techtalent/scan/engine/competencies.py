"""From (transformation, level) to the competencies a company needs, and how far its staff cover them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Competency", "CompetencyGap", "LevelRequirement", "competencies_for", "staff_gaps"]


@dataclass(frozen=True)
class Competency:
    """A competency with the ESCO skills that evidence it and where the link comes from."""

    code: str
    name: Mapping[str, str]
    skills: tuple[str, ...]
    framework: str
    source: Mapping[str, str]


@dataclass(frozen=True)
class LevelRequirement:
    """One mapping row: reaching `level` in `transformation` needs `competency` (confidence, method)."""

    transformation: str
    level: int
    competency: str
    confidence: float
    method: str
    rationale: Mapping[str, str]


@dataclass(frozen=True)
class CompetencyGap:
    """How many staff evidence a competency (and, where they consented to be named, who)."""

    competency: str
    level: int
    new: bool
    covered: int
    staff: int
    named_covered: tuple[str, ...]
    named_missing: tuple[str, ...]
    confidence: float


def competencies_for(
    requirements: Sequence[LevelRequirement], transformation: str, target: int, current: int | None
) -> list[tuple[LevelRequirement, bool]]:
    """Rows needed up to the target level, each flagged new when above the current level."""
    rows = [r for r in requirements if r.transformation == transformation and r.level <= target]
    rows.sort(key=lambda r: (r.level, -r.confidence, r.competency))
    return [(r, current is None or r.level > current) for r in rows]


def staff_gaps(
    needed: Sequence[tuple[LevelRequirement, bool]],
    competencies: Mapping[str, Competency],
    staff_skills: Mapping[str, frozenset[str]],
    named: frozenset[str],
) -> list[CompetencyGap]:
    """Per needed competency the staff who have at least one of its ESCO skills; names only for `named`."""
    seen: set[str] = set()
    gaps = []
    for row, new in needed:
        if row.competency in seen or row.competency not in competencies:
            continue
        seen.add(row.competency)
        skills = set(competencies[row.competency].skills)
        covered = sorted(p for p, have in staff_skills.items() if skills & have)
        missing = sorted(p for p in staff_skills if p not in covered)
        gaps.append(
            CompetencyGap(
                competency=row.competency,
                level=row.level,
                new=new,
                covered=len(covered),
                staff=len(staff_skills),
                named_covered=tuple(p for p in covered if p in named),
                named_missing=tuple(p for p in missing if p in named),
                confidence=row.confidence,
            )
        )
    return gaps
