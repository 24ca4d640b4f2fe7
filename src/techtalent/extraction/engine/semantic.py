"""Dense retrieval: every ESCO concept ranked by how close its labels are to a sentence, in one product.

The index holds one unit vector per embedded label (English preferred and alternative labels), grouped by
concept, so a concept's similarity to a text is the best cosine over its labels and the text's sentences
and fragments. The vectors may be a read-only memory map; the encoder is any object with ``encode``.
Similarities become scores on the lexical scale by a calibrated linear ramp (``Calibration``), so a
semantic and a lexical score of 0.6 mean the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = ["Encoder", "DenseIndex", "Calibration", "index_texts", "fragments", "INDEX_KINDS", "ALTERNATIVES"]

INDEX_KINDS = ("skill", "occupation")
_LABEL_TYPES = ("preferred", "alternative")
# Alternative labels embedded per concept (the shortest first). bench/extraction_tune.py measured 1, 2, 3
# and all (with offsets 0, -0.03, -0.06 on their cosines): none beat preferred labels alone on the TUNE
# halves (see docs/extraction.md), and each one adds ~16,000 texts to the build.
ALTERNATIVES = 0
_SPLIT = re.compile(r"\s*(?:[,;:•·()\[\]/]|\s-\s|\band\b|\bor\b|\ben\b|\bof\b)\s*", re.IGNORECASE)


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One L2-normalised vector per text."""
        ...


@dataclass(frozen=True)
class Calibration:
    """How a cosine similarity becomes a score: 0 at ``low``, rising linearly to ``cap`` at ``high``."""

    # Chosen in the previous session on the validation splits of TECH and HOUSE and the dev half of
    # bench/devsets/extraction_en. bench/extraction_tune.py (grid over the ramp, cap, fragment offset,
    # occupation factor, index texts; TUNE halves only) kept them: its own best point lost RP@5 on the
    # REPORT halves, so it is not adopted (docs/extraction.md). Never chosen on the benchmark's test splits.
    low: float = 0.5
    high: float = 0.9
    cap: float = 0.6
    fragment: float = 0.0  # added to a fragment's cosine (a whole sentence gets 0)
    occupation: float = 1.0  # factor on an occupation's dense score (the gold of job ads is mostly skills)

    def score(self, similarity: NDArray[np.float32]) -> NDArray[np.float32]:
        """Scores in [0, cap] for an array of similarities."""
        ramp = (similarity - self.low) / (self.high - self.low)
        return np.asarray(np.clip(ramp, 0.0, 1.0) * self.cap, dtype=np.float32)


def index_texts(
    concepts: Sequence[ConceptRecord],
    labels: Iterable[LabelRecord],
    *,
    kinds: Sequence[str] = INDEX_KINDS,
    alternatives: int = ALTERNATIVES,
) -> tuple[list[str], list[int]]:
    """The texts to embed and the position (in ``concepts``) of the concept each belongs to, grouped."""
    position = {c.uri: i for i, c in enumerate(concepts) if c.kind in kinds}
    found: dict[int, tuple[list[str], list[str]]] = {}
    for record in labels:
        at = position.get(record.uri)
        if at is None or record.lang != "en" or record.type not in _LABEL_TYPES:
            continue
        preferred, alternative = found.setdefault(at, ([], []))
        (preferred if record.type == "preferred" else alternative).append(record.text.strip())
    texts: list[str] = []
    owners: list[int] = []
    for at in sorted(found):
        preferred, alternative = found[at]
        chosen = sorted(set(preferred)) + sorted(set(alternative) - set(preferred), key=lambda t: (len(t), t))
        for text in chosen[: len(set(preferred)) + alternatives]:
            if text:
                texts.append(text)
                owners.append(at)
    return texts, owners


def fragments(sentence: str, *, min_words: int = 2) -> list[str]:
    """The sentence plus its pieces between commas, "and", "or" and similar joints (each ≥ min_words)."""
    pieces = [p.strip() for p in _SPLIT.split(sentence) if p and p.strip()]
    out = [sentence.strip()]
    out += [p for p in pieces if len(p.split()) >= min_words and p != out[0]]
    return list(dict.fromkeys(p for p in out if p))


@cache
def _blas() -> ThreadpoolController:
    """The BLAS libraries of this process (found once)."""
    return ThreadpoolController()


class DenseIndex:
    """Label vectors grouped by concept; ``best`` gives every concept's top similarity to some queries."""

    def __init__(
        self,
        vectors: NDArray[np.float32],
        owners: Sequence[int] | NDArray[np.int64],
        model: str,
        labels: Sequence[str] = (),
    ):
        owner_array = np.asarray(owners, dtype=np.int64)
        if len(owner_array) != len(vectors):
            raise ValueError(f"{len(vectors)} vectors but {len(owner_array)} owners")
        if len(owner_array) and np.any(np.diff(owner_array) < 0):
            raise ValueError("index rows must be grouped by concept (owners in ascending order)")
        self.vectors = vectors
        self.model = model
        change = np.flatnonzero(np.diff(owner_array)) + 1 if len(owner_array) else np.zeros(0, np.int64)
        self.starts = np.concatenate([[0], change]).astype(np.int64) if len(owner_array) else change
        self.concepts = owner_array[self.starts] if len(owner_array) else owner_array
        pairs = zip(self.concepts, self.starts, strict=True)
        self._labels = {int(c): labels[int(s)] for c, s in pairs} if labels else {}

    def set_labels(self, labels: dict[int, str]) -> None:
        """Give each concept position its display label (kept beside the vectors on disk)."""
        self._labels = dict(labels)

    def label_of(self, concept: int) -> str:
        """The first embedded label (the preferred one) of a concept, "" when it is not indexed."""
        return self._labels.get(concept, "")

    def __len__(self) -> int:
        return int(len(self.concepts))

    def vectors_of(self, concepts: Sequence[int]) -> NDArray[np.float32]:
        """The vector of each concept position's first embedded label (the preferred one); a zero row for a
        concept that is not indexed."""
        dim = int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0
        out = np.zeros((len(concepts), dim), dtype=np.float32)
        if not len(self.concepts) or not len(concepts):
            return out
        wanted = np.asarray(concepts, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.concepts, wanted), len(self.concepts) - 1)
        present = self.concepts[at] == wanted
        out[present] = self.vectors[self.starts[at[present]]]
        return out

    def best(self, queries: NDArray[np.float32]) -> NDArray[np.float32]:
        """For each concept (in ``self.concepts`` order) the highest cosine to any query row."""
        if not len(self.concepts) or not len(queries):
            return np.full(len(self.concepts), -1.0, dtype=np.float32)
        per_row = np.asarray(self.vectors @ queries.T, dtype=np.float32).max(axis=1)
        return np.maximum.reduceat(per_row, self.starts).astype(np.float32)

    def best_per_query(self, queries: NDArray[np.float32]) -> NDArray[np.float32]:
        """A (queries × concepts) matrix of each concept's best cosine to each query."""
        if not len(self.concepts) or not len(queries):
            return np.full((len(queries), len(self.concepts)), -1.0, dtype=np.float32)
        with _blas().limit(limits=1, user_api="blas"):  # same bits; two threads cost twice the CPU here
            sims = np.asarray(queries @ self.vectors.T, dtype=np.float32)
        return np.maximum.reduceat(sims, self.starts, axis=1).astype(np.float32)
