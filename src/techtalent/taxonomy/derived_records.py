"""Derive labels and the lexicon from plain ESCO records (no database), for the import and the benches."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from techtalent.taxonomy.derivation import corpus_from_records, targets_from_records
from techtalent.taxonomy.engine import LabelRecord
from techtalent.taxonomy.engine.derive import (
    SentencePair,
    TranslationLexicon,
    learn_label_model,
    learn_lexicon,
)
from techtalent.taxonomy.freedict import dictionary_pairs

__all__ = ["Derivation", "derive_from_records", "derived_search_labels", "lexicon_from_records"]

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
    skill_types: Mapping[str, str] | None = None,
    use_dictionary: bool = True,
    source: str = "en",
    target: str = "nl",
) -> Derivation:
    """Learn from every concept known in both languages; derive ``target`` labels for skills that lack one."""
    outcome = Derivation(source, target)
    if (source, target) != ("en", "nl"):  # the engine's label patterns are learned for English → Dutch
        raise ValueError(f"no label derivation from {source} to {target}")
    if not any(lang == target for _, lang, _, _ in labels) or not any(
        lang == source for _, lang, _, _ in labels
    ):
        return outcome
    corpus = corpus_from_records(
        labels, texts, kinds, extra_pairs=dictionary() if use_dictionary else (), skill_types=skill_types
    )
    model = learn_label_model(corpus)
    outcome.labels = model.derive(targets_from_records(labels, kinds, skill_types=skill_types))
    outcome.lexicon = model.lexicon
    return outcome


def lexicon_from_records(
    labels: Sequence[LabelTuple],
    texts: Mapping[tuple[str, str], Sequence[str]],
    kinds: Mapping[str, str],
    *,
    skill_types: Mapping[str, str] | None = None,
    use_dictionary: bool = True,
) -> TranslationLexicon:
    """The Dutch↔English lexicon alone, learned from all parallel text as the import learns it."""
    corpus = corpus_from_records(
        labels, texts, kinds, extra_pairs=dictionary() if use_dictionary else (), skill_types=skill_types
    )
    return learn_lexicon(corpus)


@functools.lru_cache(maxsize=1)
def dictionary() -> tuple[SentencePair, ...]:
    """FreeDict's word pairs when Debian's packages are installed (read once per process), else none."""
    return tuple(dictionary_pairs())


def derived_search_labels(derivation: Derivation) -> Iterable[LabelRecord]:
    """The derived labels as search-index label records (type "derived", with their confidence)."""
    for label in derivation.labels:
        yield LabelRecord(label.uri, derivation.target, "derived", label.text, float(label.confidence))
