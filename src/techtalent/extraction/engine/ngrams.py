"""Character n-gram TF-IDF over occupation labels: job titles match labels despite compounds and typos.

"CNC-verspaner" and "verspaner CNC", "elektromonteur" and "monteur elektrotechniek" share most of their
3- to 5-grams, which whole-word search misses. Labels are rows of a sparse TF-IDF matrix (n-grams within
word boundaries, sublinear term frequency, L2 rows); a concept's score is its best label's cosine.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from techtalent.core.text import fold

__all__ = ["CharNgramIndex", "char_ngrams"]


def char_ngrams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """The n-grams (``low``..``high`` characters) of each folded word padded with spaces."""
    grams: Counter[str] = Counter()
    for word in fold(text).replace("-", " ").replace("/", " ").split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.update(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
    return grams


class CharNgramIndex:
    """Labels as TF-IDF rows of character n-grams, grouped by the concept each belongs to."""

    def __init__(self, labels: Sequence[str], owners: Sequence[int]):
        if len(labels) != len(owners):
            raise ValueError("one owner per label")
        counted = [char_ngrams(label) for label in labels]
        df: Counter[str] = Counter(g for grams in counted for g in grams)
        self.vocabulary = {g: i for i, g in enumerate(sorted(df))}
        n = max(len(labels), 1)
        self.idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in sorted(df)], dtype=np.float32)
        self.matrix = self._rows(counted)
        self.owners = np.asarray(owners, dtype=np.int64)
        self.concepts = np.unique(self.owners)
        self._group = np.searchsorted(self.concepts, self.owners)

    def _rows(self, counted: Sequence[Counter[str]]) -> sparse.csr_matrix:
        rows, cols, values = [], [], []
        for r, grams in enumerate(counted):
            for gram, count in grams.items():
                col = self.vocabulary.get(gram)
                if col is not None:
                    rows.append(r)
                    cols.append(col)
                    values.append((1.0 + math.log(count)) * float(self.idf[col]))
        matrix = sparse.csr_matrix(
            (np.asarray(values, dtype=np.float32), (rows, cols)),
            shape=(len(counted), len(self.vocabulary)),
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.maximum(norms, 1e-12)).dot(matrix).tocsr()

    def search(self, text: str, *, top: int = 30) -> list[tuple[int, float]]:
        """The ``top`` concepts whose best label is most similar to ``text``: (concept, cosine)."""
        query = self._rows([char_ngrams(text)])
        if query.nnz == 0:
            return []
        similarity = np.asarray(self.matrix.dot(query.T).todense()).ravel()
        best = np.zeros(len(self.concepts), dtype=np.float32)
        np.maximum.at(best, self._group, similarity.astype(np.float32))
        keep = min(top, len(best))
        chosen = np.argpartition(-best, keep - 1)[:keep]
        ranked = sorted(
            ((int(self.concepts[g]), float(best[g])) for g in chosen if best[g] > 0), key=lambda x: -x[1]
        )
        return ranked
