"""Derive labels and the lexicon from plain ESCO records (no database), for the import and the benches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from techtalent.taxonomy.derivation import corpus_from_records, targets_from_records
from techtalent.taxonomy.engine import LabelRecord
from techtalent.taxonomy.engine.derive import learn_label_model

__all__ = ["Derivation", "derive_from_records", "derived_search_labels"]

LabelTuple = tuple[str, str, str, str]


@dataclass
class Derivation:
    """The derived labels of one language pair and the lexicon learned (None without parallel text)."""

    source: str
    target: str
    labels: list[Any] = field(default_factory=list)
    lexicon: Any = None


def derive_from_records(
    labels: Sequence[LabelTuple],
    texts: Mapping[tuple[str, str], Sequence[str]],
    kinds: Mapping[str, str],
    *,
    source: str = "en",
    target: str = "nl",
) -> Derivation:
    """Learn from every concept known in both languages; derive ``target`` labels for skills that lack one."""
    outcome = Derivation(source, target)
    corpus = corpus_from_records(labels, texts, kinds, source=source, target=target)
    if not corpus.pairs:
        return outcome
    model = learn_label_model(corpus)
    outcome.labels = model.derive(targets_from_records(labels, kinds, source=source, target=target))
    outcome.lexicon = model.lexicon
    return outcome


def derived_search_labels(derivation: Derivation) -> Iterable[LabelRecord]:
    """The derived labels as search-index label records (type "derived", with their confidence)."""
    for label in derivation.labels:
        yield LabelRecord(label.uri, derivation.target, "derived", label.text, float(label.confidence))
