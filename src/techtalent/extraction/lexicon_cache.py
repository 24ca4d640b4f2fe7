"""The lexicon's disk cache: one pickle per taxonomy version in the data folder, written atomically."""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = ["save_lexicon", "load_lexicon", "cached_lexicon", "cache_file"]


def cache_file(cache_dir: Path, version: str, stem: str = "lexicon", suffix: str = ".pickle") -> Path:
    """``<cache_dir>/<stem>-<version made file-safe><suffix>``."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", version)
    return Path(cache_dir) / f"{stem}-{safe}{suffix}"


def save_lexicon(lexicon: Lexicon, path: Path) -> None:
    """Write the lexicon to ``path`` atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(lexicon.state(), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_lexicon(path: Path) -> Lexicon:
    """Read a lexicon written by :func:`save_lexicon` (a local cache file; never load one from elsewhere)."""
    with open(path, "rb") as handle:
        state = pickle.load(handle)  # noqa: S301 - our own cache file
    try:
        return Lexicon.from_state(state)
    except ValueError as error:
        raise ValueError(f"{path}: {error}; delete it to rebuild") from None


def cached_lexicon(
    cache_dir: Path,
    version: str,
    build: Callable[[], tuple[Sequence[ConceptRecord], Iterable[LabelRecord]]],
) -> Lexicon:
    """Load ``<cache_dir>/lexicon-<version>.pickle`` if present, else build it and save it there."""
    path = cache_file(cache_dir, version)
    if path.exists():
        try:
            return load_lexicon(path)
        except (ValueError, EOFError, TypeError, AttributeError, pickle.UnpicklingError):
            path.unlink(missing_ok=True)
    concepts, labels = build()
    lexicon = Lexicon.build(concepts, labels, version=version)
    save_lexicon(lexicon, path)
    return lexicon
