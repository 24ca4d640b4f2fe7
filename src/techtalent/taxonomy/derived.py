"""Writes of derived (machine-made) labels: learned at import from the stored ESCO labels and texts.

ESCO gives every concept in both languages where it can; for skills it gives Dutch labels only to the
collections. After each import that changed labels or texts, the derivation engine learns from the concepts
known in both languages and derives Dutch candidates for every skill without an official Dutch label. They
live in :class:`DerivedLabel`, never among the official labels; one for a skill is dropped as soon as an
official label in that language is imported. The learned lexicon is cached per taxonomy version.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from techtalent.core.bulk import bulk_delete_ids, bulk_insert
from techtalent.core.cache import StampedCache
from techtalent.taxonomy.derivation import corpus_from_records
from techtalent.taxonomy.derived_records import derive_from_records, dictionary
from techtalent.taxonomy.engine.derive import TranslationLexicon, learn_lexicon
from techtalent.taxonomy.models import Concept, ConceptText, DerivedLabel, Label

__all__ = ["DERIVE_PAIRS", "DerivationOutcome", "derived_labels_sync", "translation_lexicon"]

log = logging.getLogger(__name__)

DERIVE_PAIRS = (("en", "nl"),)  # (source, target): derive target-language labels from the source language
_TEXT_FIELDS = ("description", "scope_note", "definition")
LabelTuple = tuple[str, str, str, str]


@dataclass
class DerivationOutcome:
    """What one derivation did: rows added/removed/updated, seconds taken, and the lexicon it learned."""

    added: int = 0
    removed: int = 0
    updated: int = 0
    seconds: float = 0.0
    lexicon: Any = None


def _stored_records() -> tuple[list[LabelTuple], dict[tuple[str, str], tuple[str, ...]], dict[str, str]]:
    """All stored labels, texts and concept kinds as the plain records the derivation adapter reads."""
    rows = Concept.objects.values_list("id", "uri", "kind")
    uri_of = {cid: uri for cid, uri, _ in rows}
    kinds = {uri: kind for _, uri, kind in rows}
    rows_labels = Label.objects.values_list("concept_id", "lang", "type", "text").iterator(chunk_size=20000)
    labels = [(uri_of[cid], lang, type_, text) for cid, lang, type_, text in rows_labels]
    texts = {
        (uri_of[cid], lang): tuple(rest)
        for cid, lang, *rest in ConceptText.objects.values_list("concept_id", "lang", *_TEXT_FIELDS)
    }
    return labels, texts, kinds


def _drop_superseded(target: str) -> int:
    """Delete derived labels of concepts that now have an official preferred label in ``target``."""
    official = Label.objects.filter(lang=target, type="preferred").values("concept_id")
    victims = list(
        DerivedLabel.objects.filter(lang=target, concept_id__in=official).values_list("id", flat=True)
    )
    bulk_delete_ids(DerivedLabel, victims)
    return len(victims)


def _write(target: str, derived: list[Any], ids: Mapping[str, int], outcome: DerivationOutcome) -> None:
    """Make the stored derived labels of ``target`` equal ``derived``; only the difference is written."""
    stored = DerivedLabel.objects.filter(lang=target).values_list(
        "id", "concept_id", "text", "confidence", "method", "rank"
    )
    existing = {(cid, text): (row_id, conf, method, rank) for row_id, cid, text, conf, method, rank in stored}
    wanted: dict[tuple[int, str], tuple[float, str, int]] = {}
    for label in derived:
        key = (ids[label.uri], label.text[:500])
        if key not in wanted or wanted[key][2] > label.rank:
            wanted[key] = (float(label.confidence), label.method[:200], int(label.rank))
    removed = [row[0] for key, row in existing.items() if key not in wanted]
    added = [(*key, *wanted[key]) for key in sorted(wanted) if key not in existing]
    added = [(cid, target, text, c, m, r) for cid, text, c, m, r in added]
    changed = [
        DerivedLabel(
            id=existing[key][0], concept_id=key[0], lang=target, text=key[1], confidence=c, method=m, rank=r
        )
        for key, (c, m, r) in wanted.items()
        if key in existing and existing[key][1:] != (c, m, r)
    ]
    bulk_delete_ids(DerivedLabel, removed)
    bulk_insert(DerivedLabel, ("concept_id", "lang", "text", "confidence", "method", "rank"), added)
    DerivedLabel.objects.bulk_update(changed, ["confidence", "method", "rank"], batch_size=500)
    outcome.added += len(added)
    outcome.removed += len(removed)
    outcome.updated += len(changed)


def derived_labels_sync(*, relearn: bool) -> DerivationOutcome:
    """Drop superseded derived labels and, when ``relearn`` (labels or texts changed), derive them anew.

    Runs inside the import's transaction; without ``relearn`` the stored derived labels are kept as they are.
    """
    outcome = DerivationOutcome()
    for _source, target in DERIVE_PAIRS:
        outcome.removed += _drop_superseded(target)
    if not relearn:
        return outcome
    started = time.perf_counter()
    labels, texts, kinds = _stored_records()
    ids = dict(Concept.objects.values_list("uri", "id"))
    languages = {lang for _, lang, _, _ in labels}
    for source, target in DERIVE_PAIRS:
        if source not in languages:
            continue
        skill_types = dict(Concept.objects.filter(kind="skill").values_list("uri", "skill_type"))
        derivation = derive_from_records(
            labels,
            texts,
            kinds,
            skill_types=skill_types,
            use_dictionary=settings.DERIVE_WITH_DICTIONARY,
            source=source,
            target=target,
        )
        _write(target, derivation.labels, ids, outcome)
        outcome.lexicon = outcome.lexicon or derivation.lexicon
    outcome.seconds = time.perf_counter() - started
    return outcome


def _learn_stored_lexicon() -> dict[str, object] | None:
    """The lexicon learned from the stored taxonomy, in its plain (cacheable) form; None without a pair."""
    labels, texts, kinds = _stored_records()
    source, target = DERIVE_PAIRS[0]
    skill_types = dict(Concept.objects.filter(kind="skill").values_list("uri", "skill_type"))
    corpus = corpus_from_records(
        labels,
        texts,
        kinds,
        source=source,
        target=target,
        extra_pairs=dictionary() if settings.DERIVE_WITH_DICTIONARY else (),
        skill_types=skill_types,
    )
    return learn_lexicon(corpus).as_dict() if corpus.pairs else None


_lexicon_cache: StampedCache[dict[str, object] | None] = StampedCache(
    "nl-en-lexicon-v5", _learn_stored_lexicon
)
_lexicon_memo: dict[str, Any] = {}


def prime_lexicon(stamp: str, lexicon: Any) -> None:
    """Cache the lexicon an import just learned for its new taxonomy version (saves learning it twice)."""
    _lexicon_cache.put(stamp, lexicon.as_dict() if lexicon is not None else None)


def translation_lexicon(stamp: str) -> Any:
    """The nl↔en lexicon of taxonomy version ``stamp``: from memory, the disk cache, or learned and cached."""
    if stamp not in _lexicon_memo:
        data = _lexicon_cache.get(stamp)
        _lexicon_memo.clear()
        if data:
            _lexicon_memo[stamp] = TranslationLexicon.from_dict(data)
        else:
            _lexicon_memo[stamp] = None
    return _lexicon_memo[stamp]
