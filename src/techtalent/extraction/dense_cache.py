"""The dense index on disk: label vectors per taxonomy version and model, memory-mapped when read.

Three files side by side in the cache folder: ``dense-<version>-<model>-alt<N>.npy`` (float32 vectors,
opened with ``mmap_mode="r"`` so every process shares one copy through the page cache; N alternative labels
per concept), ``.owners.npy`` (the concept position of each row) and ``.json`` (the model, the concept
list's digest, N and the label of each concept). All are written to temporary names and renamed into
place, the vectors last, so a reader never sees half. Building takes its text vectors from the vector
cache (``vector_cache``) where it can, so a re-import or a second test session embeds nothing again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from techtalent.extraction.engine.semantic import ALTERNATIVES, DenseIndex, Encoder, index_texts
from techtalent.extraction.lexicon_cache import cache_file
from techtalent.extraction.vector_cache import encode_cached, vector_folder
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = ["build_index", "cached_index", "index_files", "concepts_digest", "load_index"]

_FORMAT = 2
ProgressFn = Callable[[str, int, int], None]


def concepts_digest(concepts: Sequence[ConceptRecord]) -> str:
    """A digest of the concept list's order: the index is only valid for the same positions."""
    return hashlib.sha1("\n".join(c.uri for c in concepts).encode()).hexdigest()[:16]


def index_files(
    cache_dir: Path, version: str, model: str, alternatives: int = ALTERNATIVES
) -> tuple[Path, Path, Path]:
    """The vectors, owners and metadata files of one index."""
    vectors = cache_file(cache_dir, f"{version}-{model}-alt{alternatives}", stem="dense", suffix=".npy")
    return vectors, vectors.with_suffix(".owners.npy"), vectors.with_suffix(".json")


def build_index(
    concepts: Sequence[ConceptRecord],
    labels: Iterable[LabelRecord],
    encoder: Encoder,
    *,
    progress: ProgressFn | None = None,
    chunk: int = 2048,
    alternatives: int = ALTERNATIVES,
    vectors_dir: Path | None = None,
) -> tuple[DenseIndex, list[str]]:
    """Embed the index texts of ``concepts`` in batches; returns the index and the texts embedded.

    With ``vectors_dir`` the texts already in that vector cache are not embedded again.
    """
    texts, owners = index_texts(concepts, labels, alternatives=alternatives)
    if vectors_dir is not None:
        vectors = encode_cached(texts, encoder, vectors_dir, progress=progress, chunk=chunk)
        return DenseIndex(vectors, owners, encoder.name, texts), texts
    blocks = []
    for start in range(0, len(texts), chunk):
        blocks.append(np.asarray(encoder.encode(texts[start : start + chunk]), dtype=np.float32))
        if progress is not None:
            progress("embedding ESCO labels", min(start + chunk, len(texts)), len(texts))
    vectors = np.concatenate(blocks) if blocks else np.zeros((0, 1), dtype=np.float32)
    return DenseIndex(vectors, owners, encoder.name, texts), texts


def _write(path: Path, write: Callable[[Path], None]) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _save(
    index: DenseIndex,
    texts: list[str],
    owners: np.ndarray,
    digest: str,
    files: tuple[Path, ...],
    alternatives: int,
) -> None:
    vectors_file, owners_file, meta_file = files
    vectors_file.parent.mkdir(parents=True, exist_ok=True)
    first = {int(c): texts[int(s)] for c, s in zip(index.concepts, index.starts, strict=True)}
    meta = {
        "format": _FORMAT,
        "model": index.model,
        "concepts": digest,
        "alternatives": alternatives,
        "labels": first,
    }

    def save_array(array: np.ndarray) -> Callable[[Path], None]:
        def write(path: Path) -> None:
            with path.open("wb") as out:
                np.save(out, array)

        return write

    _write(owners_file, save_array(owners))

    def save_meta(path: Path) -> None:
        path.write_text(json.dumps(meta), encoding="utf-8")

    _write(meta_file, save_meta)
    _write(vectors_file, save_array(np.asarray(index.vectors)))


def _load(files: tuple[Path, ...], model: str, digest: str, alternatives: int) -> DenseIndex | None:
    vectors_file, owners_file, meta_file = files
    if not all(f.exists() for f in files):
        return None
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        expected = {"format": _FORMAT, "model": model, "concepts": digest, "alternatives": alternatives}
        if any(meta.get(key) != value for key, value in expected.items()):
            return None
        vectors = np.load(vectors_file, mmap_mode="r")
        owners = np.load(owners_file)
    except (OSError, ValueError):
        return None
    index = DenseIndex(vectors, owners, model)
    index.set_labels({int(k): v for k, v in meta["labels"].items()})
    return index


def load_index(
    cache_dir: Path,
    version: str,
    concepts: Sequence[ConceptRecord],
    model: str,
    alternatives: int = ALTERNATIVES,
) -> DenseIndex:
    """The saved index of ``version`` (FileNotFoundError when it is missing or stale)."""
    files = index_files(cache_dir, version, model, alternatives)
    found = _load(files, model, concepts_digest(concepts), alternatives)
    if found is None:
        raise FileNotFoundError(f"{files[0]}: no current dense index here; share the cache folder")
    return found


def cached_index(
    cache_dir: Path,
    version: str,
    concepts: Sequence[ConceptRecord],
    labels: Callable[[], Iterable[LabelRecord]],
    encoder: Encoder,
    *,
    progress: ProgressFn | None = None,
    alternatives: int = ALTERNATIVES,
) -> DenseIndex:
    """The dense index of ``version`` from the cache folder, else built (minutes) and saved there."""
    files = index_files(cache_dir, version, encoder.name, alternatives)
    digest = concepts_digest(concepts)
    found = _load(files, encoder.name, digest, alternatives)
    if found is not None:
        return found
    started = time.perf_counter()
    index, texts = build_index(
        concepts,
        labels(),
        encoder,
        progress=progress,
        alternatives=alternatives,
        vectors_dir=vector_folder(cache_dir),
    )
    owners = np.repeat(index.concepts, np.diff(np.append(index.starts, len(texts))))
    _save(index, texts, owners, digest, files, alternatives)
    if progress is not None:
        progress(f"indexed {len(texts)} labels in {time.perf_counter() - started:.0f} s", 1, 1)
    loaded = _load(files, encoder.name, digest, alternatives)
    return loaded if loaded is not None else index
