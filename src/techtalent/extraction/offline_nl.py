"""Dutch through the skills language, straight from an ESCO CSV folder (no database): benches and tests.

The platform gets its derived Dutch labels and the nl↔en lexicon from the import (``taxonomy.derived``);
here the same derivation runs on the CSVs (``taxonomy.derived_records``) and its result is cached as JSON
in the cache folder, so a bench or a test session derives once. The extractor built here uses the
derived labels in the lexicon and the lexicon for the Dutch semantic path, as the platform does.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from techtalent.extraction.dictionary import bridged
from techtalent.extraction.engine import Extractor, Lexicon, TitleNormaliser
from techtalent.extraction.engine.building import DERIVED_MIN_CONFIDENCE
from techtalent.extraction.engine.senses import Cooccurrence
from techtalent.extraction.engine.translate import WEAK_COUNT
from techtalent.extraction.lexicon_cache import cache_file, cached_lexicon
from techtalent.extraction.offline import encoder, esco_records, esco_version
from techtalent.taxonomy.engine.derive import DERIVATION_VERSION, TranslationLexicon
from techtalent.taxonomy.engine.search import LabelRecord

__all__ = ["esco_derivation", "esco_lexicon_nl", "esco_extractor_nl", "esco_cooccurrence"]

_FORMAT = 1


def _derive(esco: Path) -> dict[str, object]:
    from techtalent.taxonomy.derived_records import derive_from_records
    from techtalent.taxonomy.importers.esco import read_esco

    bundle = read_esco(Path(esco))
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    derivation = derive_from_records(bundle.labels, bundle.texts, kinds, skill_types=skill_types)
    labels = [[d.uri, d.text, round(float(d.confidence), 4)] for d in derivation.labels]
    lexicon = derivation.lexicon.as_dict() if derivation.lexicon is not None else None
    return {"format": _FORMAT, "labels": labels, "lexicon": lexicon}


@lru_cache(maxsize=2)
def esco_derivation(esco: Path, cache_dir: Path) -> tuple[tuple[LabelRecord, ...], TranslationLexicon | None]:
    """The derived Dutch labels (type "derived") and the learned lexicon of the export, cached as JSON."""
    path = cache_file(cache_dir, esco_version(esco), stem=f"derived-nl-d{DERIVATION_VERSION}", suffix=".json")
    data: dict[str, object] | None = None
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        data = _derive(esco)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temporary, path)
    rows = data["labels"]
    assert isinstance(rows, list)
    labels = tuple(LabelRecord(uri, "nl", "derived", text, float(conf)) for uri, text, conf in rows)
    raw = data.get("lexicon")
    lexicon = TranslationLexicon.from_dict(raw) if isinstance(raw, dict) else None
    return labels, lexicon


def _english_units(esco: Path) -> Iterator[str]:
    from techtalent.extraction.cooccurrence import english_units
    from techtalent.taxonomy.importers.esco import read_esco

    bundle = read_esco(Path(esco))
    labels = [label[3] for label in bundle.labels if label[1] == "en"]
    texts = [part for (_, lang), text in bundle.texts.items() if lang == "en" for part in text if part]
    yield from english_units(labels, texts)


@lru_cache(maxsize=2)
def esco_cooccurrence(esco: Path, cache_dir: Path) -> Cooccurrence:
    """English word co-occurrence in the export's labels and descriptions (the sense choice), cached."""
    from techtalent.extraction.cooccurrence import cached_cooccurrence

    path = cache_file(cache_dir, esco_version(esco), stem="cooccurrence-en", suffix=".json")
    return cached_cooccurrence(path, _english_units(esco))


def esco_lexicon_nl(esco: Path, cache_dir: Path, derived_min: float = DERIVED_MIN_CONFIDENCE) -> Lexicon:
    """The lexicon of the export plus its derived Dutch labels at or above ``derived_min`` confidence."""
    version = f"{esco_version(esco)}-nl{derived_min:g}-d{DERIVATION_VERSION}"

    def records() -> tuple[object, list[LabelRecord]]:
        concepts, labels = esco_records(esco)
        derived, _ = esco_derivation(esco, cache_dir)
        return concepts, [*labels, *derived]

    return cached_lexicon(cache_dir, version, records, derived_min=derived_min)  # type: ignore[arg-type]


def esco_extractor_nl(
    esco: Path,
    cache_dir: Path,
    *,
    derived_min: float = DERIVED_MIN_CONFIDENCE,
    semantic: bool = True,
    bridge: str = "replace",
    weak_count: int = WEAK_COUNT,
    senses: bool = True,
    title_job: bool = True,
    **options: float,
) -> Extractor:
    """An extractor over the export with derived Dutch labels; Dutch texts also take the dense path through
    the learned lexicon when ``semantic`` (the dense index is the one of the plain export, shared)."""
    from techtalent.extraction.dense_cache import cached_index

    lexicon = esco_lexicon_nl(esco, cache_dir, derived_min)
    if not semantic:
        return Extractor(lexicon, **options)  # type: ignore[arg-type]
    _, labels = esco_records(esco)
    _, translator = esco_derivation(esco, cache_dir)
    if bridge != "none":  # the dictionary for the words the lexicon knows weakly (as the platform does)
        cooccurrence = esco_cooccurrence(esco, cache_dir) if senses else None
        translator = bridged(translator, weak_count=weak_count, mode=bridge, cooccurrence=cooccurrence)  # type: ignore[arg-type]
    dense = cached_index(cache_dir, esco_version(esco), lexicon.concepts, lambda: labels, encoder())
    titles = TitleNormaliser(lexicon) if title_job else None
    needs = esco_requirements(esco) if title_job else None
    return Extractor(
        lexicon,
        encoder=encoder(),
        dense=dense,
        translator=translator,
        titles=titles,
        requirements=needs,
        **options,  # type: ignore[arg-type]
    )


@lru_cache(maxsize=2)
def esco_requirements(esco: Path) -> dict[str, dict[str, str]]:
    """ESCO's occupation–skill relations of the export: occupation URI → {skill URI: essential|optional}."""
    needs: dict[str, dict[str, str]] = {}
    with (esco / "relations" / "occupationSkillRelations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            relation = "essential" if row["relationType"] == "essential" else "optional"
            needs.setdefault(row["occupationUri"], {})[row["skillUri"]] = relation
    return needs
