"""Synthetic passports from ESCO: an occupation's essential skills, some removed, some others added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from techtalent.matching.engine.model import PROFICIENCIES, MatchModel, Proficiency

__all__ = ["SyntheticPassport", "synthetic_passports"]

# Roughly how people rate themselves: most say intermediate or advanced.
_PROFICIENCY_SHARE = np.array([0.2, 0.35, 0.3, 0.15])


@dataclass(frozen=True)
class SyntheticPassport:
    """A generated passport and the occupation it was generated from."""

    source: str
    skills: Mapping[str, Proficiency]


def synthetic_passports(
    model: MatchModel,
    *,
    n: int,
    seed: int,
    drop: float = 0.3,
    add: float = 0.2,
    occupations: Sequence[str] | None = None,
) -> list[SyntheticPassport]:
    """`n` passports: (1 − drop) of a random occupation's essential skills plus `add` × as many others."""
    if not (0.0 <= drop < 1.0 and add >= 0.0):
        raise ValueError("drop must lie in [0, 1) and add be >= 0")
    rng = np.random.default_rng(seed)
    pool = np.asarray(occupations or model.occupations)
    used = np.flatnonzero(np.asarray(model.membership.sum(axis=0)).ravel() > 0)
    sources = rng.choice(pool, size=n)
    essential, membership = model.essential, model.membership
    result: list[SyntheticPassport] = []
    for source in sources:
        row = model.occupation_index[str(source)]
        own = essential.indices[essential.indptr[row] : essential.indptr[row + 1]]
        listed = set(membership.indices[membership.indptr[row] : membership.indptr[row + 1]].tolist())
        keep_n = max(1, len(own) - round(drop * len(own)))
        kept = rng.choice(own, size=keep_n, replace=False) if len(own) else own
        extra: list[int] = []
        want = round(add * len(own))
        while len(extra) < want:
            s = int(used[rng.integers(len(used))])
            if s not in listed and s not in extra:
                extra.append(s)
        chosen = [int(s) for s in kept] + extra
        levels = rng.choice(len(PROFICIENCIES), size=len(chosen), p=_PROFICIENCY_SHARE)
        result.append(
            SyntheticPassport(
                source=str(source),
                skills={
                    model.skills[s]: PROFICIENCIES[int(lv)] for s, lv in zip(chosen, levels, strict=True)
                },
            )
        )
    return result
