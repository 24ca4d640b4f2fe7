"""Evaluation: how often a synthetic passport's source occupation ranks top-k, for the engine and Jaccard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from techtalent.matching.engine.model import MatchModel
from techtalent.matching.engine.scoring import level_matrix, score_passports, top_k_indices
from techtalent.matching.engine.synthetic import SyntheticPassport

__all__ = ["HitRates", "hit_rates", "jaccard_scores"]


@dataclass(frozen=True)
class HitRates:
    """Share of passports whose source occupation is ranked first / among the first five."""

    method: str
    passports: int
    top1: float
    top5: float


def jaccard_scores(model: MatchModel, passports: Sequence[Mapping[str, str]]) -> np.ndarray:
    """(passports, occupations) plain Jaccard of the skill sets (all listed skills, proficiency ignored)."""
    held = level_matrix(model, passports)
    held.data[:] = 1.0
    membership = model.membership
    inter = (membership @ held.T).T.toarray()
    sizes = (
        np.asarray(held.sum(axis=1)).ravel()[:, None] + np.asarray(membership.sum(axis=1)).ravel()[None, :]
    )
    union = sizes - inter
    result: np.ndarray = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return result


def hit_rates(
    model: MatchModel, passports: Sequence[SyntheticPassport], *, chunk: int = 2000
) -> tuple[HitRates, HitRates]:
    """Top-1/top-5 hit rates of the engine and of the Jaccard baseline on the same passports."""
    hits = {"engine": np.zeros(2), "jaccard": np.zeros(2)}
    for start in range(0, len(passports), chunk):
        part = passports[start : start + chunk]
        truth = np.array([model.occupation_index[p.source] for p in part])[:, None]
        skills = [p.skills for p in part]
        for method, scores in (
            ("engine", score_passports(model, skills)),
            ("jaccard", jaccard_scores(model, skills)),
        ):
            top, _ = top_k_indices(scores, 5)
            hits[method] += [(top[:, :1] == truth).any(axis=1).sum(), (top == truth).any(axis=1).sum()]
    n = max(len(passports), 1)
    engine, jaccard = (
        HitRates(m, len(passports), hits[m][0] / n, hits[m][1] / n) for m in ("engine", "jaccard")
    )
    return engine, jaccard
