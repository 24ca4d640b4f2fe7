"""The engine straight from an ESCO CSV folder, without a database: for benchmarks and real-data tests."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from techtalent.extraction.dense_cache import ProgressFn, cached_index
from techtalent.extraction.engine import DenseIndex, Extractor, Lexicon
from techtalent.extraction.engine.semantic import Encoder
from techtalent.extraction.lexicon_cache import cached_lexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = ["esco_records", "esco_version", "esco_lexicon", "esco_dense", "esco_extractor", "encoder"]


@lru_cache(maxsize=2)
def esco_records(esco: Path) -> tuple[tuple[ConceptRecord, ...], tuple[LabelRecord, ...]]:
    """Concepts and labels of the ESCO export in ``esco`` (a folder with the nl and en CSVs)."""
    from techtalent.taxonomy.importers.esco import read_esco

    bundle = read_esco(Path(esco))
    concepts = tuple(
        ConceptRecord(uri, c["kind"], c.get("skill_type", "")) for uri, c in bundle.concepts.items()
    )
    return concepts, tuple(LabelRecord(*label) for label in sorted(bundle.labels))


def esco_version(esco: Path) -> str:
    """A cache key for the export in ``esco``: its folder name and a digest of its absolute path."""
    digest = hashlib.sha1(str(Path(esco).resolve()).encode()).hexdigest()[:8]
    return f"esco-{Path(esco).name}-{digest}"


def esco_lexicon(esco: Path, cache_dir: Path) -> Lexicon:
    """The lexicon of the export, cached in ``cache_dir``."""
    return cached_lexicon(cache_dir, esco_version(esco), lambda: esco_records(esco))


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The local sentence encoder (one per process)."""
    from techtalent.extraction.encoder import MiniLMEncoder

    return MiniLMEncoder()


def esco_dense(
    esco: Path, cache_dir: Path, lexicon: Lexicon, *, progress: ProgressFn | None = None
) -> DenseIndex:
    """The dense index of the export over the lexicon's concepts, cached in ``cache_dir``."""
    _, labels = esco_records(esco)
    return cached_index(
        cache_dir, lexicon.version, lexicon.concepts, lambda: labels, encoder(), progress=progress
    )


def esco_extractor(esco: Path, cache_dir: Path, *, semantic: bool = True, **options: float) -> Extractor:
    """An extractor over the export: lexical, plus dense retrieval when ``semantic``."""
    lexicon = esco_lexicon(esco, cache_dir)
    if not semantic:
        return Extractor(lexicon, **options)  # type: ignore[arg-type]
    return Extractor(lexicon, encoder=encoder(), dense=esco_dense(esco, cache_dir, lexicon), **options)  # type: ignore[arg-type]
