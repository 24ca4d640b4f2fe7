"""Match one passport, or many in one vectorised pass, against every ESCO occupation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techtalent.matching.engine.explain import Explanation, Requirement, explain
from techtalent.matching.engine.model import MatchModel, Proficiency
from techtalent.matching.engine.scoring import level_matrix, score_levels, score_passports, top_k_indices
from techtalent.matching.engine.titles import TitlePrior, title_prior, with_title_prior

__all__ = [
    "OccupationMatch",
    "ScoredOccupation",
    "batch_top_k",
    "match_occupations",
    "occupation_requirements",
    "scored_occupations",
    "top_k_levels",
]

DEFAULT_CHUNK = 2000


@dataclass(frozen=True)
class OccupationMatch:
    """An occupation, its score in [0, 1] against a passport, and why."""

    uri: str
    score: float
    explanation: Explanation
    skills_score: float | None = None  # the skills' score alone when titles steered ``score``; else None


@dataclass(frozen=True)
class ScoredOccupation:
    """An occupation and its score, without explanation (batch output)."""

    uri: str
    score: float


def occupation_requirements(model: MatchModel, occupation: str) -> list[Requirement]:
    """The skills an occupation requires, as requirements for `explain`."""
    if occupation not in model.occupation_index:
        raise KeyError(f"unknown occupation: {occupation}")
    return [Requirement(s, rel, w) for s, rel, w in model.occupation_skills(occupation)]


def match_occupations(
    model: MatchModel,
    skills: Mapping[str, Proficiency],
    *,
    top: int = 10,
    titles: Mapping[str, float] | None = None,
    prior: TitlePrior | None = None,
) -> list[OccupationMatch]:
    """The `top` occupations for one passport, best first, each with its explanation; `titles` (occupation
    URI -> confidence, e.g. job titles found in a CV) steer the ranking as a prior (engine/titles.py)."""
    scores = skill_scores = score_passports(model, [skills])
    if titles:
        lift = title_prior(model, titles, prior, skill_scores=skill_scores[0])
        scores = with_title_prior(skill_scores, lift, prior)
    columns, values = top_k_indices(scores, top)
    return [
        OccupationMatch(
            uri=model.occupations[o],
            score=float(v),
            explanation=explain(model, skills, occupation_requirements(model, model.occupations[o])),
            skills_score=float(skill_scores[0, o]) if titles else None,
        )
        for o, v in zip(columns[0], values[0], strict=True)
    ]


def batch_top_k(
    model: MatchModel,
    passports: Sequence[Mapping[str, Proficiency]],
    k: int,
    *,
    chunk: int = DEFAULT_CHUNK,
    threads: int | None = None,
) -> list[list[ScoredOccupation]]:
    """Top-k occupations for each of many passports (scores only), in chunks to bound memory."""
    indices, scores = top_k_levels(model, level_matrix(model, passports), k, chunk=chunk, threads=threads)
    return scored_occupations(model, indices, scores)


def top_k_levels(
    model: MatchModel,
    levels: sparse.csr_matrix,
    k: int,
    *,
    chunk: int = DEFAULT_CHUNK,
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(passports, k) occupation indices and scores, best first, for passports given as a level matrix.

    Chunks are scored on `threads` threads (default 1; callers pass their CPU count); scipy and numpy
    release the GIL in their kernels. Each chunk's result depends on its own rows only, so threading
    changes nothing.
    """
    k = min(k, len(model.occupations))
    indices = np.zeros((levels.shape[0], k), dtype=np.int64)
    scores = np.zeros((levels.shape[0], k), dtype=np.float64)

    def run(start: int) -> None:
        part = levels[start : start + chunk]
        stop = start + part.shape[0]
        indices[start:stop], scores[start:stop] = top_k_indices(score_levels(model, part), k)

    starts = range(0, levels.shape[0], chunk)
    workers = threads or 1
    if workers <= 1 or len(starts) <= 1:
        for start in starts:
            run(start)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, starts))
    return indices, scores


def scored_occupations(
    model: MatchModel, indices: np.ndarray, scores: np.ndarray
) -> list[list[ScoredOccupation]]:
    """Turn top-k index and score arrays into records."""
    return [
        [ScoredOccupation(model.occupations[int(o)], float(v)) for o, v in zip(row_i, row_v, strict=True)]
        for row_i, row_v in zip(indices, scores, strict=True)
    ]
