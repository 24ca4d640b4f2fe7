"""Optional semantic re-ranking: how well a found label fits the sentence it was found in.

Never required and never downloads: :class:`SentenceTransformerScorer` imports sentence-transformers
only when built, sets the Hugging Face hub offline and reads a model from a local folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = ["SemanticScorer", "SentenceTransformerScorer", "SemanticUnavailable"]


class SemanticUnavailable(RuntimeError):
    """Raised when the semantic scorer cannot run here (package missing or no local model)."""


@runtime_checkable
class SemanticScorer(Protocol):
    """Scores pairs of (context sentence, concept label) by similarity in [0, 1]."""

    def similarity(self, contexts: Sequence[str], labels: Sequence[str]) -> list[float]:
        """Similarity of each context to the label at the same position."""
        ...


class SentenceTransformerScorer:
    """A :class:`SemanticScorer` over a local sentence-transformers model folder."""

    def __init__(self, model_path: Path):
        path = Path(model_path)
        if not path.is_dir():
            raise SemanticUnavailable(f"{path}: no local model folder (models are never downloaded)")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise SemanticUnavailable("sentence-transformers is not installed") from error
        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def similarity(self, contexts: Sequence[str], labels: Sequence[str]) -> list[float]:
        """Cosine similarity of each context to its label, clipped to [0, 1]."""
        if not contexts:
            return []
        left = self._model.encode(list(contexts), normalize_embeddings=True, convert_to_numpy=True)
        right = self._model.encode(list(labels), normalize_embeddings=True, convert_to_numpy=True)
        return [max(0.0, min(1.0, float((a * b).sum()))) for a, b in zip(left, right, strict=True)]
