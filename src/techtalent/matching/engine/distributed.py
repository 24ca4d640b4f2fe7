"""Top-k occupation matches for many passports on a Dask cluster, with the same code as in-process.

The client turns passports into a level matrix and cuts it into parts; the model is broadcast once to every
worker; each worker runs `top_k_levels` on its parts and sends back small (rows, k) arrays. Results are
identical to `batch_top_k`, since every passport's scores depend on that passport alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from techtalent.matching.engine.model import MatchModel, Proficiency
from techtalent.matching.engine.occupations import (
    DEFAULT_CHUNK,
    ScoredOccupation,
    scored_occupations,
    top_k_levels,
)
from techtalent.matching.engine.scoring import level_matrix

__all__ = ["dask_top_k"]


def dask_top_k(
    model: MatchModel,
    passports: Sequence[Mapping[str, Proficiency]],
    k: int,
    *,
    client: Any,
    part_size: int = 10_000,
    chunk: int = DEFAULT_CHUNK,
) -> list[list[ScoredOccupation]]:
    """Top-k occupations for each passport, computed on the workers of a `dask.distributed.Client`."""
    levels = level_matrix(model, passports)
    if levels.shape[0] == 0:
        return []
    model_on_workers = client.scatter(model, broadcast=True)
    parts = [levels[start : start + part_size] for start in range(0, levels.shape[0], part_size)]
    parts_on_workers = client.scatter(parts)  # sent once, not embedded in the task graph
    futures = client.map(
        _top_k_part, [model_on_workers] * len(parts), parts_on_workers, k=k, chunk=chunk, pure=False
    )
    results = client.gather(futures)
    indices = np.concatenate([r[0] for r in results])
    scores = np.concatenate([r[1] for r in results])
    return scored_occupations(model, indices, scores)


def _top_k_part(model: MatchModel, levels: Any, *, k: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    return top_k_levels(model, levels, k, chunk=chunk, threads=1)  # one task per worker thread
