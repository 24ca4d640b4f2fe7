"""Build the derivation engine's inputs from ESCO records already read (import rows or the database).

Labels come as ``(uri, lang, type, text)`` tuples and texts as ``{(uri, lang): (description, scope note,
definition, ...)}``, the shapes of :class:`~techtalent.taxonomy.importers.esco.EscoBundle`; nothing here
touches the database, so the importer can call it on its in-memory rows and a command on rows it selected.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from techtalent.taxonomy.engine.derive import (
    DerivedLabel,
    DutchLabelModel,
    LabelPair,
    ParallelCorpus,
    SentencePair,
    SkillToLabel,
    learn_label_model,
)
from techtalent.taxonomy.engine.derive.acronyms import learn_acronyms
from techtalent.taxonomy.engine.derive.tokens import cased_words, sentences, words
from techtalent.taxonomy.freedict import dictionary_pairs

__all__ = [
    "LabelSet",
    "group_labels",
    "corpus_from_records",
    "targets_from_records",
    "derive_from_records",
]

LabelTuple = tuple[str, str, str, str]
_MAX_TEXT_TOKENS = 80
_MAX_BAG = 4  # longer alternative lists rarely correspond across languages
_USED_TYPES = ("preferred", "alternative", "female", "male")
_LETTERS = re.compile(r"[a-z]+")


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
    skill_types: Mapping[str, str] | None = None,
) -> ParallelCorpus:
    """Every concept known in both languages as sentence pairs; skill label pairs kept apart as examples.

    ``exclude`` names concepts whose target-language labels and texts must not be learned from (a bench's
    withheld skills); ``extra_pairs`` adds e.g. dictionary entries.
    """
    grouped = group_labels(labels)
    pairs: list[SentencePair] = []
    skill_labels: list[LabelPair] = []
    label_groups = []
    for uri in sorted(grouped):
        if uri in exclude:
            continue
        by_lang = grouped[uri]
        en, nl = by_lang.get(source), by_lang.get(target)
        if en is None or nl is None or not en.preferred or not nl.preferred:
            continue
        if kinds.get(uri) != "skill":  # occupations and groups: their compounds teach trade words
            label_groups.append(
                (
                    tuple(words(text) for text in (en.preferred, *en.others)),
                    tuple(words(text) for text in (nl.preferred, *nl.others)),
                )
            )
        pairs.append(SentencePair(words(en.preferred), words(nl.preferred), "label"))
        if en.others and nl.others and len(en.others) <= _MAX_BAG and len(nl.others) <= _MAX_BAG:
            bag_en = words(" ; ".join(en.others))[:_MAX_TEXT_TOKENS]
            bag_nl = words(" ; ".join(nl.others))[:_MAX_TEXT_TOKENS]
            pairs.append(SentencePair(bag_en, bag_nl, "text"))
        if kinds.get(uri) == "skill":
            skill_type = (skill_types or {}).get(uri, "")
            skill_labels.append(LabelPair(en.preferred, nl.preferred, True, skill_type))
            # One alternative each way as an extra, weaker example when both sides have exactly one.
            if len(en.others) == 1 and len(nl.others) == 1:
                skill_labels.append(LabelPair(en.others[0], nl.others[0], False, skill_type))
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
    target_labels = [
        text
        for uri, by_lang in grouped.items()
        if uri not in exclude and (entry := by_lang.get(target)) is not None
        for text in (entry.preferred, *entry.others)
    ]
    capitalised = _capitalised(texts, target_labels, target, exclude)
    acronyms = _acronyms(grouped, texts, source)
    return ParallelCorpus(
        tuple(pairs), tuple(skill_labels), english, capitalised, tuple(label_groups), acronyms
    )


def _acronyms(
    grouped: Mapping[str, Mapping[str, LabelSet]], texts: Mapping[tuple[str, str], Sequence[str]], lang: str
) -> tuple[tuple[str, str], ...]:
    """The acronyms that ``lang``'s labels and texts spell out, with their expansions in label spelling."""
    label_texts = [
        text
        for by_lang in grouped.values()
        if (entry := by_lang.get(lang)) is not None
        for text in (entry.preferred, *entry.others)
    ]
    vocabulary = Counter(word for text in label_texts for word in _LETTERS.findall(text.casefold()))
    bigrams = set()
    for text in label_texts:
        tokens = _LETTERS.findall(text.casefold())
        bigrams.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    corpus = [
        *label_texts,
        *(t for (_uri, text_lang), fields in texts.items() if text_lang == lang for t in fields),
    ]
    return tuple(sorted(learn_acronyms(corpus, vocabulary, bigrams).items()))


def _capitalised(
    texts: Mapping[tuple[str, str], Sequence[str]], labels: Sequence[str], lang: str, exclude: Collection[str]
) -> frozenset[str]:
    """Words ``lang`` mostly writes with a capital inside sentences and in labels (Fins, Koreaans, Excel)."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for label in labels:  # ESCO labels are lower case except for names
        for word in cased_words(label):
            (upper if word[:1].isupper() and word[1:].islower() else lower)[word.casefold()] += 1
    for (uri, text_lang), fields in texts.items():
        if text_lang != lang or uri in exclude:
            continue
        for text in fields:
            for sentence in sentences(text):
                for word in cased_words(sentence)[1:]:
                    (upper if word[:1].isupper() and word[1:].islower() else lower)[word.casefold()] += 1
    return frozenset(w for w, n in upper.items() if n >= 2 and n > lower[w])


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


def derive_from_records(
    labels: Iterable[LabelTuple],
    texts: Mapping[tuple[str, str], Sequence[str]],
    kinds: Mapping[str, str],
    *,
    skill_types: Mapping[str, str] | None = None,
    use_dictionary: bool = True,
    source: str = "en",
    target: str = "nl",
) -> tuple[DutchLabelModel, list[DerivedLabel]]:
    """Learn from the records (and FreeDict when installed); derive Dutch labels for skills lacking one."""
    labels = list(labels)
    # FreeDict holds English↔Dutch only.
    extra = dictionary_pairs() if use_dictionary and (source, target) == ("en", "nl") else []
    corpus = corpus_from_records(
        labels, texts, kinds, extra_pairs=extra, skill_types=skill_types, source=source, target=target
    )
    model = learn_label_model(corpus)
    targets = targets_from_records(labels, kinds, skill_types=skill_types, source=source, target=target)
    return model, model.derive(targets)
