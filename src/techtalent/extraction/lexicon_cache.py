"""The lexicon's disk cache: one pickle per taxonomy version in the data folder, written atomically.

Beside it, ``translator-<version>.json`` holds the learned nl→en lexicon that Dutch texts take to the dense
index, so a Dask worker that loads the lexicon from the shared folder reads Dutch exactly as the server does.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = [
    "save_lexicon",
    "load_lexicon",
    "cached_lexicon",
    "cache_file",
    "translator_file",
    "save_translator",
    "load_translator",
    "requirements_file",
    "save_requirements",
    "load_requirements",
]


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
    *,
    derived_min: float | None = None,
) -> Lexicon:
    """Load ``<cache_dir>/lexicon-<version>.pickle`` if present, else build it and save it there."""
    path = cache_file(cache_dir, version)
    if path.exists():
        try:
            return load_lexicon(path)
        except (ValueError, EOFError, TypeError, AttributeError, pickle.UnpicklingError):
            path.unlink(missing_ok=True)
    concepts, labels = build()
    lexicon = Lexicon.build(concepts, labels, version=version, derived_min=derived_min)
    save_lexicon(lexicon, path)
    return lexicon


def translator_file(lexicon_file: Path) -> Path:
    """Where the nl→en lexicon of the lexicon saved at ``lexicon_file`` is kept."""
    path = Path(lexicon_file)
    return path.with_name("translator-" + path.name.removeprefix("lexicon-")).with_suffix(".json")


def save_translator(translator: Any, path: Path) -> None:
    """Write a ``TranslationLexicon`` (its ``as_dict`` form) to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(translator.as_dict(), out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_translator(path: Path) -> Any:
    """The ``TranslationLexicon`` saved at ``path``, or None when there is none (or it is unreadable)."""
    from techtalent.taxonomy.engine.derive import TranslationLexicon

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return TranslationLexicon.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def requirements_file(lexicon_file: Path) -> Path:
    """Where the occupation–skill relations of the lexicon saved at ``lexicon_file`` are kept."""
    path = Path(lexicon_file)
    return path.with_name("requirements-" + path.name.removeprefix("lexicon-")).with_suffix(".json")


def save_requirements(requirements: dict[str, dict[str, str]], path: Path) -> None:
    """Write occupation URI → {skill URI: essential|optional} to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(requirements, out, sort_keys=True)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_requirements(path: Path) -> dict[str, dict[str, str]] | None:
    """The occupation–skill relations saved at ``path``, or None when there are none (or unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return {str(o): {str(s): str(r) for s, r in needs.items()} for o, needs in data.items()}
