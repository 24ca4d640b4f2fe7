"""Many documents at once: one encoder call and one index product for all sentences of a batch.

A first, cheap pass (the lexical pass with a recording encoder and an index that answers nothing) learns
each document's queries. Then every distinct query is encoded once, in one call, and compared with the
whole index in a few large matrix products; the real pass looks those similarities up instead of
multiplying per document. Both steps give bit for bit what extracting one document at a time gives: the
encoder's vectors do not depend on the batch (``encoder.MiniLMEncoder.encode``), and an element of a
BLAS matrix product does not depend on the other rows of a product of two or more rows — a product of a
single row (BLAS's matrix-vector path, which rounds differently) is left to the index itself.
``tests/extraction`` checks the equality on the toy taxonomy and on full ESCO.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from techtalent.extraction.engine.extractor import ExtractionResult, Extractor
from techtalent.extraction.engine.semantic import DenseIndex, Encoder

__all__ = ["extract_many", "GROUP_QUERIES"]

GROUP_QUERIES = 1024  # distinct queries whose similarities are held at once (≈ 70 MB for ESCO v1.1.1)
_BLOCK = 256  # queries per index product


class _Recorder:
    """An encoder that only notes the texts asked for (and returns zero vectors)."""

    def __init__(self, name: str, dim: int):
        self.name, self.dim, self.texts = name, dim, list[str]()

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Zero vectors; the texts are kept."""
        self.texts.extend(texts)
        return np.zeros((len(texts), self.dim), dtype=np.float32)


class _Memo:
    """An encoder over vectors computed beforehand, falling back to the real encoder for new texts."""

    def __init__(self, encoder: Encoder, texts: Sequence[str]):
        self.name, self.encoder = encoder.name, encoder
        unique = list(dict.fromkeys(texts))
        self.vectors = dict(zip(unique, encoder.encode(unique), strict=True)) if unique else {}

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """The stored vectors of ``texts`` (new ones encoded now)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.encoder.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])


class _Lookup(DenseIndex):
    """The index with similarities computed beforehand (``rows``), or none at all (``rows`` None)."""

    def __init__(self, index: DenseIndex, rows: dict[bytes, NDArray[np.float32]] | None):
        self.__dict__.update(index.__dict__)  # the same vectors, groups and labels
        self.base, self.rows = index, rows

    def best_per_query(self, queries: NDArray[np.float32]) -> NDArray[np.float32]:
        """Each query's stored row; -1 everywhere without rows; a single query as the index computes it."""
        if self.rows is None:
            return np.full((len(queries), len(self.concepts)), -1.0, dtype=np.float32)
        if len(queries) < 2 or any(q.tobytes() not in self.rows for q in queries):
            return self.base.best_per_query(queries)
        return np.stack([self.rows[q.tobytes()] for q in queries])


def _similarities(
    index: DenseIndex, vectors: Sequence[NDArray[np.float32]]
) -> dict[bytes, NDArray[np.float32]]:
    """Every concept's best cosine to each distinct query vector, in blocks of at least two rows."""
    unique = list({v.tobytes(): v for v in vectors}.values())
    rows: dict[bytes, NDArray[np.float32]] = {}
    if len(unique) < 2:
        return rows  # one query: the index's own single-row product
    starts = list(range(0, len(unique), _BLOCK))
    if len(unique) - starts[-1] < 2:
        starts.pop()  # a last block of one row joins the one before
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(unique)
        block = index.best_per_query(np.stack(unique[start:end]))
        rows.update((v.tobytes(), row) for v, row in zip(unique[start:end], block, strict=True))
    return rows


def _groups(asked: Sequence[Sequence[str]], limit: int) -> list[list[int]]:
    """Consecutive documents in groups of at most ``limit`` distinct queries (a larger one alone)."""
    groups: list[list[int]] = []
    current: list[int] = []
    seen: set[str] = set()
    for number, texts in enumerate(asked):
        new = set(texts) - seen
        if current and len(seen) + len(new) > limit:
            groups.append(current)
            current, seen, new = [], set(), set(texts)
        current.append(number)
        seen |= new
    if current:
        groups.append(current)
    return groups


def _with(extractor: Extractor, encoder: Encoder, dense: DenseIndex) -> Extractor:
    clone = copy.copy(extractor)  # shares the lexicon, matcher and kind masks
    clone.encoder, clone.dense = encoder, dense
    return clone


def extract_many(
    extractor: Extractor,
    documents: Sequence[tuple[str | None, str]],
    *,
    lang: str = "auto",
    top: int = 10,
    kinds: tuple[str, ...] = ("skill", "occupation"),
) -> list[ExtractionResult]:
    """``extractor.extract`` for each (id, text), with one encoder call for the whole batch."""
    if extractor.encoder is None or extractor.dense is None or len(documents) < 2:
        return [extractor.extract(t, lang=lang, doc_id=i, top=top, kinds=kinds) for i, t in documents]
    extractor.matcher  # noqa: B018 - build the shared matcher once, before the copies
    index = extractor.dense
    dim = int(np.asarray(index.vectors[:1]).shape[1])
    asked: list[list[str]] = []
    for doc_id, text in documents:
        recorder = _Recorder(extractor.encoder.name, dim)
        _with(extractor, recorder, _Lookup(index, None)).extract(
            text, lang=lang, doc_id=doc_id, top=top, kinds=kinds
        )
        asked.append(recorder.texts)
    memo = _Memo(extractor.encoder, [t for texts in asked for t in texts])
    results: list[ExtractionResult] = []
    for group in _groups(asked, GROUP_QUERIES):
        texts = list(dict.fromkeys(t for i in group for t in asked[i]))
        # A document with more queries than a group holds is compared block by block, as alone.
        rows = _similarities(index, [memo.vectors[t] for t in texts]) if len(texts) <= GROUP_QUERIES else {}
        fast = _with(extractor, memo, _Lookup(index, rows))
        results += [
            fast.extract(documents[i][1], lang=lang, doc_id=documents[i][0], top=top, kinds=kinds)
            for i in group
        ]
    return results
