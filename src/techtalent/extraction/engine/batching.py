"""Many documents at once: every sentence and fragment of a batch is encoded in one call.

The encoder gives a text the same vector alone or in any batch (see ``encoder.MiniLMEncoder.encode``), so
a batch's results are exactly those of extracting each document on its own; only the model calls are
fewer and fuller. The lexical pass runs twice (once to learn each document's queries): it is two orders
of magnitude cheaper than the encoder.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from techtalent.extraction.engine.extractor import ExtractionResult, Extractor
from techtalent.extraction.engine.semantic import Encoder

__all__ = ["extract_many"]


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


def _with_encoder(extractor: Extractor, encoder: Encoder) -> Extractor:
    clone = copy.copy(extractor)  # shares the lexicon, matcher and dense index
    clone.encoder = encoder
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
    dim = int(np.asarray(extractor.dense.vectors[:1]).shape[1])
    recorder = _Recorder(extractor.encoder.name, dim)
    probe = _with_encoder(extractor, recorder)
    for doc_id, text in documents:
        probe.extract(text, lang=lang, doc_id=doc_id, top=top, kinds=kinds)
    fast = _with_encoder(extractor, _Memo(extractor.encoder, recorder.texts))
    return [fast.extract(text, lang=lang, doc_id=doc_id, top=top, kinds=kinds) for doc_id, text in documents]
