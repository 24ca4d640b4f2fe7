"""Fusing the lexical pass with dense retrieval into one ranking and one accepted set.

A concept's fused score is the noisy-or of its lexical score and its calibrated dense score, so a label
found literally and confirmed by the sentence's meaning ranks above either alone, and a paraphrase
("you keep our machines running") can still rank when no label is written out. The ranking keeps the best
K concepts whatever their score; the accepted concepts are those at or above the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from techtalent.extraction.engine.semantic import Calibration, DenseIndex, Encoder, fragments

__all__ = ["DenseHit", "dense_hits", "fuse", "distinct"]

_CHUNK = 64  # queries per matrix product: bounds memory on long documents
_CANDIDATES = 50  # dense candidates kept per document before fusion


@dataclass(frozen=True)
class DenseHit:
    """A concept's best dense match in a document: similarity, score and the sentence it came from."""

    concept: int
    similarity: float
    score: float
    sentence: int
    query: str


def dense_hits(
    sentences: Sequence[str],
    encoder: Encoder,
    index: DenseIndex,
    calibration: Calibration,
    *,
    allowed: NDArray[np.bool_] | None = None,
    occupations: NDArray[np.bool_] | None = None,
    keep: int = _CANDIDATES,
) -> dict[int, DenseHit]:
    """The ``keep`` concepts of ``index`` most similar to any sentence or fragment, by concept position.

    A fragment's cosines get ``calibration.fragment`` added (the whole sentence none), and the scores of
    the concepts marked in ``occupations`` are multiplied by ``calibration.occupation``.
    """
    queries: list[str] = []
    owner: list[int] = []
    offsets: list[float] = []
    for number, sentence in enumerate(sentences):
        for i, piece in enumerate(fragments(sentence)):
            queries.append(piece)
            owner.append(number)
            offsets.append(0.0 if i == 0 else calibration.fragment)
    if not queries or not len(index):
        return {}
    vectors = encoder.encode(queries)
    shift = np.asarray(offsets, dtype=np.float32)[:, None]
    best = np.full(len(index), -1.0, dtype=np.float32)
    which = np.zeros(len(index), dtype=np.int64)
    for start in range(0, len(queries), _CHUNK):
        block = index.best_per_query(vectors[start : start + _CHUNK])
        if calibration.fragment:
            block = block + shift[start : start + _CHUNK]
        top = block.max(axis=0)
        better = top > best
        which[better] = block.argmax(axis=0)[better] + start
        best = np.maximum(best, top)
    if allowed is not None:
        best = np.where(allowed, best, -1.0).astype(np.float32)
    keep = min(keep, len(best))
    chosen = np.argpartition(-best, keep - 1)[:keep] if keep else np.zeros(0, np.int64)
    scores = calibration.score(best[chosen])
    if occupations is not None and calibration.occupation != 1.0:
        scores = np.where(occupations[chosen], scores * calibration.occupation, scores).astype(np.float32)
    return {
        int(index.concepts[g]): DenseHit(
            int(index.concepts[g]),
            round(float(best[g]), 4),
            round(float(s), 4),
            owner[int(which[g])],
            queries[int(which[g])],
        )
        for g, s in zip(chosen, scores, strict=True)
        if best[g] > -1.0
    }


def fuse(lexical: float, dense: float) -> float:
    """Noisy-or of a lexical and a dense score, both in [0, 1]."""
    return round(1.0 - (1.0 - lexical) * (1.0 - dense), 4)


def distinct(hits: dict[int, DenseHit]) -> dict[int, float]:
    """The concepts that are the most similar of all to their query, with their lead over the runner-up
    of that query (among ``hits``); a query with one hit gives its similarity above 0.5 as the lead."""
    by_query: dict[str, list[DenseHit]] = {}
    for hit in hits.values():
        by_query.setdefault(hit.query, []).append(hit)
    out: dict[int, float] = {}
    for group in by_query.values():
        group.sort(key=lambda h: (-h.similarity, h.concept))
        runner_up = group[1].similarity if len(group) > 1 else 0.5
        out[group[0].concept] = round(group[0].similarity - runner_up, 4)
    return out
