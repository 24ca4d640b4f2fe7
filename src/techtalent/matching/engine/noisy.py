"""Noisy passports from real occupations, as a person would fill them in (for honest evaluation).

A person lists only part of what their job asks (``keep_essential`` of its essential skills and
``keep_optional`` of its optional ones), some skills of a neighbouring job they also did (a sibling
occupation: same ISCO unit group, else same minor group; ``sibling`` × as many as the kept essentials) and a
few general, transversal skills ("teamwork", "show initiative"; ``transversal`` of them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from techtalent.matching.engine.model import PROFICIENCIES, MatchModel
from techtalent.matching.engine.synthetic import SyntheticPassport

__all__ = ["noisy_passports", "sibling_occupations"]

_PROFICIENCY_SHARE = np.array([0.2, 0.35, 0.3, 0.15])


def sibling_occupations(model: MatchModel, occupation: str) -> list[str]:
    """Other occupations in the same ISCO unit group, else in the same minor (3-digit) group."""
    code = model.isco.get(occupation, "")
    if not code:
        return []
    for digits in (4, 3):
        found = sorted(
            uri for uri, c in model.isco.items() if uri != occupation and c[:digits] == code[:digits]
        )
        if found:
            return found
    return []


def _row(matrix: object, row: int) -> np.ndarray:
    indptr, indices = matrix.indptr, matrix.indices  # type: ignore[attr-defined]
    result: np.ndarray = indices[indptr[row] : indptr[row + 1]]
    return result


def noisy_passports(
    model: MatchModel,
    *,
    n: int,
    seed: int,
    keep_essential: float = 0.3,
    keep_optional: float = 0.3,
    sibling: float = 1.0,
    transversal: int = 3,
    occupations: Sequence[str] | None = None,
) -> list[SyntheticPassport]:
    """`n` noisy passports of randomly drawn occupations (with at least 3 essential skills)."""
    if not (0.0 < keep_essential <= 1.0 and 0.0 <= keep_optional <= 1.0 and sibling >= 0.0):
        raise ValueError("keep_essential must lie in (0, 1], keep_optional in [0, 1], sibling >= 0")
    rng = np.random.default_rng(seed)
    counts = np.diff(model.essential.indptr)
    pool = [u for u in (occupations or model.occupations) if counts[model.occupation_index[u]] >= 3]
    if not pool:
        raise ValueError("no occupation with at least 3 essential skills")
    siblings_of: dict[str, list[str]] = {}
    general = np.asarray(sorted(model.skill_index[u] for u in model.transversal), dtype=np.int64)
    result: list[SyntheticPassport] = []
    for source in rng.choice(np.asarray(pool), size=n):
        row = model.occupation_index[str(source)]
        essential, optional = _row(model.essential, row), _row(model.optional, row)
        chosen = set(_sample(rng, essential, keep_essential).tolist())
        chosen |= set(_sample(rng, optional, keep_optional, minimum=0).tolist())
        if str(source) not in siblings_of:
            siblings_of[str(source)] = sibling_occupations(model, str(source))
        siblings = siblings_of[str(source)]
        if siblings and sibling > 0:
            other = model.occupation_index[siblings[int(rng.integers(len(siblings)))]]
            theirs = np.setdiff1d(_row(model.essential, other), essential)
            want = min(len(theirs), round(sibling * len(chosen)))
            if want:
                chosen |= set(rng.choice(theirs, size=want, replace=False).tolist())
        if len(general) and transversal:
            chosen |= set(rng.choice(general, size=min(transversal, len(general)), replace=False).tolist())
        ordered = sorted(int(s) for s in chosen)
        levels = rng.choice(len(PROFICIENCIES), size=len(ordered), p=_PROFICIENCY_SHARE)
        result.append(
            SyntheticPassport(
                source=str(source),
                skills={model.skills[s]: PROFICIENCIES[int(v)] for s, v in zip(ordered, levels, strict=True)},
            )
        )
    return result


def _sample(rng: np.random.Generator, items: np.ndarray, share: float, minimum: int = 1) -> np.ndarray:
    if not len(items):
        return items
    size = min(len(items), max(minimum, round(share * len(items))))
    picked: np.ndarray = rng.choice(items, size=size, replace=False)
    return picked
