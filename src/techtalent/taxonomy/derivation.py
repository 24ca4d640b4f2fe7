"""Build the derivation engine's inputs from ESCO records already read (import rows or the database).

Labels come as ``(uri, lang, type, text)`` tuples and texts as ``{(uri, lang): (description, scope note,
definition, ...)}``, the shapes of :class:`~techtalent.taxonomy.importers.esco.EscoBundle`; nothing here
touches the database, so the importer can call it on its in-memory rows and a command on rows it selected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from techtalent.taxonomy.engine.derive import (
    LabelPair,
    ParallelCorpus,
    SentencePair,
    SkillToLabel,
)
from techtalent.taxonomy.engine.derive.tokens import sentences, words

__all__ = ["LabelSet", "group_labels", "corpus_from_records", "targets_from_records"]

LabelTuple = tuple[str, str, str, str]
_MAX_TEXT_TOKENS = 80
_USED_TYPES = ("preferred", "alternative", "female", "male")


@dataclass
class LabelSet:
    """The labels of one concept in one language."""

    preferred: str = ""
    others: list[str] = field(default_factory=list)


def group_labels(labels: Iterable[LabelTuple]) -> dict[str, dict[str, LabelSet]]:
    """uri → lang → its preferred and other labels (hidden labels, i.e. misspellings, left out)."""
    grouped: dict[str, dict[str, LabelSet]] = defaultdict(lambda: defaultdict(LabelSet))
    for uri, lang, kind, text in sorted(labels):
        if kind not in _USED_TYPES or not text.strip():
            continue
        entry = grouped[uri][lang]
        if kind == "preferred":
            entry.preferred = text.strip()
        else:
            entry.others.append(text.strip())
    return grouped


def _text_pairs(source_text: str, target_text: str) -> list[SentencePair]:
    """Sentence pairs of one text field: sentence by sentence when the counts agree, else the whole field."""
    if not source_text or not target_text or source_text == target_text:
        return []
    source_sentences, target_sentences = sentences(source_text), sentences(target_text)
    if len(source_sentences) == len(target_sentences):
        chunks = list(zip(source_sentences, target_sentences, strict=True))
    else:
        chunks = [(source_text, target_text)]
    out = []
    for en_text, nl_text in chunks:
        en, nl = words(en_text), words(nl_text)
        if en and nl and len(en) <= _MAX_TEXT_TOKENS and len(nl) <= _MAX_TEXT_TOKENS:
            out.append(SentencePair(en, nl, "text"))
    return out


def corpus_from_records(
    labels: Iterable[LabelTuple],
    texts: Mapping[tuple[str, str], Sequence[str]],
    kinds: Mapping[str, str],
    *,
    source: str = "en",
    target: str = "nl",
    exclude: Collection[str] = (),
    extra_pairs: Sequence[SentencePair] = (),
) -> ParallelCorpus:
    """Every concept known in both languages as sentence pairs; skill label pairs kept apart as examples.

    ``exclude`` names concepts whose target-language labels and texts must not be learned from (a bench's
    withheld skills); ``extra_pairs`` adds e.g. dictionary entries.
    """
    grouped = group_labels(labels)
    pairs: list[SentencePair] = []
    skill_labels: list[LabelPair] = []
    for uri in sorted(grouped):
        if uri in exclude:
            continue
        by_lang = grouped[uri]
        en, nl = by_lang.get(source), by_lang.get(target)
        if en is None or nl is None or not en.preferred or not nl.preferred:
            continue
        pairs.append(SentencePair(words(en.preferred), words(nl.preferred), "label"))
        if en.others and nl.others:
            bag_en = words(" ; ".join(en.others))[:_MAX_TEXT_TOKENS]
            bag_nl = words(" ; ".join(nl.others))[:_MAX_TEXT_TOKENS]
            pairs.append(SentencePair(bag_en, bag_nl, "text"))
        if kinds.get(uri) == "skill":
            skill_labels.append(LabelPair(en.preferred, nl.preferred, True))
            # One alternative each way as an extra, weaker example when both sides have exactly one.
            if len(en.others) == 1 and len(nl.others) == 1:
                skill_labels.append(LabelPair(en.others[0], nl.others[0], False))
    for uri, lang in sorted(texts):
        if lang != source or uri in exclude or (uri, target) not in texts:
            continue
        for en_text, nl_text in zip(texts[(uri, source)], texts[(uri, target)], strict=False):
            pairs.extend(_text_pairs(en_text.strip(), nl_text.strip()))
    pairs.extend(extra_pairs)
    english = tuple(
        sorted(
            labels_of.preferred
            for uri, by_lang in grouped.items()
            if kinds.get(uri) == "skill" and (labels_of := by_lang.get(source)) is not None
        )
    )
    return ParallelCorpus(tuple(pairs), tuple(skill_labels), english)


def targets_from_records(
    labels: Iterable[LabelTuple],
    kinds: Mapping[str, str],
    *,
    source: str = "en",
    target: str = "nl",
    exclude: Collection[str] = (),
    skill_types: Mapping[str, str] | None = None,
) -> list[SkillToLabel]:
    """Skills with a source-language label and no official target-language one (or listed in ``exclude``)."""
    grouped = group_labels(labels)
    out = []
    for uri in sorted(grouped):
        if kinds.get(uri) != "skill":
            continue
        en, nl = grouped[uri].get(source), grouped[uri].get(target)
        if en is None or not en.preferred:
            continue
        if nl is not None and nl.preferred and uri not in exclude:
            continue
        skill_type = (skill_types or {}).get(uri, "")
        out.append(SkillToLabel(uri, en.preferred, tuple(en.others), skill_type))
    return out
