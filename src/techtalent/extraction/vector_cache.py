"""Text vectors kept on disk per model, so a text is embedded once whatever index or run asks for it.

The encoder gives a text the same vector alone or in any batch, so a stored vector equals a fresh one bit
for bit. Vectors live as chunk files (``chunk-*.npz``: texts and float32 rows) in one folder per model;
each write is a new file renamed into place, so concurrent builders (two CI sessions, pytest workers)
never see half a file and at worst embed a text twice. The folder is ``TECHTALENT_VECTOR_CACHE`` when set
(scripts/test.sh points both CI sessions at one), else ``vectors`` in the lexicon cache folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from techtalent.extraction.engine.semantic import Encoder

__all__ = ["VectorCache", "vector_folder", "encode_cached"]

ProgressFn = Callable[[str, int, int], None]


def vector_folder(cache_dir: Path) -> Path:
    """The vector cache folder: TECHTALENT_VECTOR_CACHE, else ``<cache_dir>/vectors``."""
    configured = os.environ.get("TECHTALENT_VECTOR_CACHE", "").strip()
    return Path(configured) if configured else Path(cache_dir) / "vectors"


class VectorCache:
    """Text → unit vector of one model, read from and appended to a folder of chunk files."""

    def __init__(self, folder: Path, model: str):
        self.folder = Path(folder) / model
        self.rows: dict[str, int] = {}
        blocks: list[NDArray[np.float32]] = []
        offset = 0
        for chunk in sorted(self.folder.glob("chunk-*.npz")) if self.folder.is_dir() else []:
            try:
                with np.load(chunk) as data:
                    texts, vectors = data["texts"].tolist(), np.asarray(data["vectors"], np.float32)
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
                continue  # a damaged chunk is ignored: its texts are embedded again
            if len(texts) != len(vectors):
                continue
            for i, text in enumerate(texts):
                self.rows.setdefault(text, offset + i)
            blocks.append(vectors)
            offset += len(vectors)
        self.matrix = np.concatenate(blocks) if blocks else np.zeros((0, 0), np.float32)

    def missing(self, texts: Iterable[str]) -> list[str]:
        """The texts not stored yet, each once, in first-seen order."""
        return [t for t in dict.fromkeys(texts) if t not in self.rows]

    def add(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Store ``vectors`` of ``texts`` as one new chunk file."""
        if not texts:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".chunk", suffix=".npz")
        os.close(handle)
        try:
            np.savez(
                temporary, texts=np.array(list(texts), dtype=str), vectors=np.asarray(vectors, np.float32)
            )
            os.replace(temporary, self.folder / f"chunk-{time.time_ns()}-{os.getpid()}-{key}.npz")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        start = len(self.matrix)
        block = np.asarray(vectors, np.float32)
        self.matrix = np.concatenate([self.matrix, block]) if start else block
        for i, text in enumerate(texts):
            self.rows.setdefault(text, start + i)

    def vectors(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """The stored rows of ``texts`` in order (KeyError when one is missing)."""
        return np.asarray(self.matrix[[self.rows[t] for t in texts]], dtype=np.float32)


def encode_cached(
    texts: Sequence[str],
    encoder: Encoder,
    folder: Path,
    *,
    progress: ProgressFn | None = None,
    chunk: int = 2048,
    what: str = "embedding ESCO labels",
) -> NDArray[np.float32]:
    """The vectors of ``texts``: stored ones from ``folder``, the others embedded in chunks and stored."""
    cache = VectorCache(folder, encoder.name)
    todo = cache.missing(texts)
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        cache.add(part, np.asarray(encoder.encode(part), dtype=np.float32))
        if progress is not None:
            progress(what, min(start + chunk, len(todo)), len(todo))
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return cache.vectors(texts)
