"""Evaluation: how often a passport's source occupation ranks top-k, for the engine and fair baselines.

Baselines, computed on the same passports: Jaccard of the passport's skills and the occupation's *essential*
skills (what a plain set match would use), Jaccard on all listed skills, and TF-IDF cosine (binary skill
vectors weighted by ``idf``; essential and optional alike).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techtalent.matching.engine.model import MatchModel
from techtalent.matching.engine.scoring import level_matrix, score_passports, top_k_indices
from techtalent.matching.engine.synthetic import SyntheticPassport

__all__ = [
    "BASELINES",
    "HitRates",
    "hit_rates",
    "jaccard_essential_scores",
    "jaccard_scores",
    "method_hit_rates",
    "tfidf_scores",
]

Scorer = Callable[[MatchModel, Sequence[Mapping[str, str]]], np.ndarray]


@dataclass(frozen=True)
class HitRates:
    """Share of passports whose source occupation is ranked first / among the first five."""

    method: str
    passports: int
    top1: float
    top5: float


def _held(model: MatchModel, passports: Sequence[Mapping[str, str]]) -> sparse.csr_matrix:
    held = level_matrix(model, passports)
    held.data[:] = 1.0
    return held


def _jaccard(held: sparse.csr_matrix, targets: sparse.csr_matrix) -> np.ndarray:
    inter = (targets @ held.T).T.toarray()
    sizes = np.asarray(held.sum(axis=1)).ravel()[:, None] + np.asarray(targets.sum(axis=1)).ravel()[None, :]
    union = sizes - inter
    result: np.ndarray = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return result


def jaccard_scores(model: MatchModel, passports: Sequence[Mapping[str, str]]) -> np.ndarray:
    """(passports, occupations) Jaccard of the skill sets (all listed skills, proficiency ignored)."""
    return _jaccard(_held(model, passports), model.membership)


def jaccard_essential_scores(model: MatchModel, passports: Sequence[Mapping[str, str]]) -> np.ndarray:
    """(passports, occupations) Jaccard of the passport's skills and the occupation's essential skills."""
    return _jaccard(_held(model, passports), model.essential)


def tfidf_scores(model: MatchModel, passports: Sequence[Mapping[str, str]]) -> np.ndarray:
    """(passports, occupations) cosine of idf-weighted binary skill vectors."""
    idf = sparse.diags(model.idf)
    people = (_held(model, passports) @ idf).tocsr()
    jobs = (model.membership @ idf).tocsr()
    dots = (jobs @ people.T).T.toarray()
    norms = (
        np.sqrt(np.asarray(people.multiply(people).sum(axis=1)).ravel())[:, None]
        * np.sqrt(np.asarray(jobs.multiply(jobs).sum(axis=1)).ravel())[None, :]
    )
    result: np.ndarray = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    return result


BASELINES: dict[str, Scorer] = {
    "jaccard (essential)": jaccard_essential_scores,
    "jaccard (all listed)": jaccard_scores,
    "tf-idf cosine": tfidf_scores,
}


def method_hit_rates(
    model: MatchModel,
    passports: Sequence[SyntheticPassport],
    methods: Mapping[str, Scorer],
    *,
    chunk: int = 1000,
) -> list[HitRates]:
    """Top-1/top-5 hit rates of each method on the same passports."""
    hits = {name: np.zeros(2) for name in methods}
    for start in range(0, len(passports), chunk):
        part = passports[start : start + chunk]
        truth = np.array([model.occupation_index[p.source] for p in part])[:, None]
        skills = [p.skills for p in part]
        for name, scorer in methods.items():
            top, _ = top_k_indices(scorer(model, skills), 5)
            hits[name] += [(top[:, :1] == truth).any(axis=1).sum(), (top == truth).any(axis=1).sum()]
    n = max(len(passports), 1)
    return [HitRates(name, len(passports), h[0] / n, h[1] / n) for name, h in hits.items()]


def hit_rates(
    model: MatchModel, passports: Sequence[SyntheticPassport], *, chunk: int = 1000
) -> tuple[HitRates, HitRates]:
    """Top-1/top-5 hit rates of the engine and of Jaccard on essential skills, on the same passports."""
    engine, jaccard = method_hit_rates(
        model,
        passports,
        {"engine": score_passports, "jaccard (essential)": jaccard_essential_scores},
        chunk=chunk,
    )
    return engine, jaccard
