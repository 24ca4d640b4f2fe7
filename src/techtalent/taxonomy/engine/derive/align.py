"""IBM Model 1 word alignment in numpy: expectation-maximisation over every co-occurring word pair at once.

Each target word of a sentence pair is explained by one source word of that pair (or by NULL, id 0).
All (pair, target position, source word) entries are flattened into arrays, so one EM iteration is a few
``bincount`` calls over them; label pairs (short, gold) can weigh more than description sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Vocabulary", "TranslationTable", "train_ibm1"]

NULL = "<null>"


class Vocabulary:
    """Word ↔ integer id, with id 0 reserved for NULL."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {NULL: 0}
        self.words: list[str] = [NULL]

    def id(self, word: str) -> int:
        """The id of ``word``, adding it when new."""
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.words)
            self.words.append(word)
        return found

    def encode(self, tokens: Sequence[str]) -> NDArray[np.int64]:
        """Ids of ``tokens``."""
        return np.array([self.id(t) for t in tokens], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class TranslationTable:
    """Sparse t(target | source) as parallel arrays: source id, target id, probability."""

    source: NDArray[np.int64]
    target: NDArray[np.int64]
    prob: NDArray[np.float64]


def _entries(
    sources: Sequence[NDArray[np.int64]],
    targets: Sequence[NDArray[np.int64]],
    weights: Sequence[float],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Flatten pairs into (target position, source, target) entries; NULL joins every source side."""
    pos_parts, src_parts, tgt_parts, weight_parts = [], [], [], []
    offset = 0
    for src, tgt, weight in zip(sources, targets, weights, strict=True):
        if not len(src) or not len(tgt):
            continue
        src0 = np.concatenate(([0], src))
        positions = np.arange(offset, offset + len(tgt))
        pos_parts.append(np.repeat(positions, len(src0)))
        src_parts.append(np.tile(src0, len(tgt)))
        tgt_parts.append(np.repeat(tgt, len(src0)))
        weight_parts.append(np.full(len(tgt), weight))
        offset += len(tgt)
    if not pos_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0)
    return (
        np.concatenate(pos_parts),
        np.concatenate(src_parts),
        np.concatenate(tgt_parts),
        np.concatenate(weight_parts),
    )


def train_ibm1(
    sources: Sequence[NDArray[np.int64]],
    targets: Sequence[NDArray[np.int64]],
    weights: Sequence[float],
    *,
    iterations: int = 5,
    min_prob: float = 1e-3,
) -> TranslationTable:
    """Learn t(target | source) by EM; entries below ``min_prob`` are dropped from the result."""
    pos, src, tgt, weight = _entries(sources, targets, weights)
    if not len(pos):
        empty = np.zeros(0, dtype=np.int64)
        return TranslationTable(empty, empty, np.zeros(0))
    n_target_words = int(tgt.max()) + 1
    keys = src * n_target_words + tgt
    cells, cell_of = np.unique(keys, return_inverse=True)
    cell_src = cells // n_target_words
    cell_tgt = cells % n_target_words
    # Start from co-occurrence counts rather than uniform: one iteration closer to convergence.
    t = np.bincount(cell_of, minlength=len(cells)).astype(np.float64)
    t /= np.bincount(cell_src, weights=t)[cell_src]
    for _ in range(iterations):
        p = t[cell_of]
        denominator = np.bincount(pos, weights=p)
        posterior = p / denominator[pos] * weight[pos]
        counts = np.bincount(cell_of, weights=posterior, minlength=len(cells))
        totals = np.bincount(cell_src, weights=counts)
        t = counts / np.maximum(totals[cell_src], 1e-12)
    keep = t >= min_prob
    return TranslationTable(cell_src[keep], cell_tgt[keep], t[keep])
