"""Confidence: a monotone map from raw candidate quality to the token F1 it achieved on held-out examples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from techtalent.core.text import fold
from techtalent.taxonomy.engine.derive.tokens import words

__all__ = ["Calibration", "fit_calibration", "token_f1", "best_f1"]


def token_f1(candidate: str, reference: str) -> float:
    """Token-level F1 of two labels (case and diacritics ignored, repeated words counted)."""
    a, b = Counter(fold(t) for t in words(candidate)), Counter(fold(t) for t in words(reference))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def best_f1(candidate: str, references: Sequence[str]) -> float:
    """The best token F1 of ``candidate`` against any of ``references``."""
    return max((token_f1(candidate, r) for r in references), default=0.0)


@dataclass(frozen=True)
class Calibration:
    """Quality thresholds and the expected F1 at and above each (non-decreasing)."""

    edges: tuple[float, ...]
    values: tuple[float, ...]

    def __call__(self, quality: float) -> float:
        """Expected token F1 for a raw quality, in [0, 1]."""
        if not self.edges:
            return round(min(1.0, max(0.0, quality)), 3)
        index = int(np.searchsorted(np.asarray(self.edges), quality, side="right")) - 1
        return round(float(self.values[max(0, index)]), 3)


def fit_calibration(qualities: Sequence[float], scores: Sequence[float], *, bins: int = 10) -> Calibration:
    """Isotonic fit over quantile bins of quality (pool-adjacent-violators on the bin means)."""
    if len(qualities) < bins:
        return Calibration((), ())
    order = np.argsort(np.asarray(qualities), kind="stable")
    q, s = np.asarray(qualities)[order], np.asarray(scores, dtype=float)[order]
    chunks = np.array_split(np.arange(len(q)), bins)
    blocks = [[float(s[c].mean()), float(len(c)), float(q[c[0]])] for c in chunks if len(c)]
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][0] > merged[-1][0]:
            b = merged.pop()
            a = merged[-1]
            total = a[1] + b[1]
            merged[-1] = [(a[0] * a[1] + b[0] * b[1]) / total, total, a[2]]
    edges = (0.0, *(m[2] for m in merged[1:]))
    return Calibration(tuple(edges), tuple(min(1.0, max(0.0, m[0])) for m in merged))
