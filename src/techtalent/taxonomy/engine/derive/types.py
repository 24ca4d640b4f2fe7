"""The plain data the derivation engine reads and writes: sentence pairs, targets, labels, lexicon arrays."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SentencePair", "ParallelCorpus", "SkillToLabel", "DerivedLabel", "LabelPair"]


@dataclass(frozen=True)
class SentencePair:
    """The same text in English and Dutch, as tokens; ``kind`` is "label" (short, gold) or "text"."""

    en: tuple[str, ...]
    nl: tuple[str, ...]
    kind: str = "label"


@dataclass(frozen=True)
class LabelPair:
    """A skill label known in both languages (the examples label generation learns from)."""

    en: str
    nl: str
    preferred: bool = True
    skill_type: str = ""


@dataclass(frozen=True)
class ParallelCorpus:
    """Sentence pairs to learn a lexicon from, skill label pairs to learn label patterns from, and all English
    skill labels (monolingual: which first words are verbs), and the Dutch words written with a capital."""

    pairs: tuple[SentencePair, ...]
    skill_labels: tuple[LabelPair, ...] = field(default=())
    english_skill_labels: tuple[str, ...] = field(default=())
    capitalised_nl: frozenset[str] = field(default=frozenset())
    # Per concept other than a skill: its English labels and its Dutch labels, as tokens (compound phrases).
    label_groups: tuple[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], ...] = field(
        default=()
    )
    # Acronyms the English text spells out ("tungsten inert gas (TIG)"): (acronym, expansion), lower case.
    acronyms: tuple[tuple[str, str], ...] = field(default=())

    def __len__(self) -> int:
        return len(self.pairs)


@dataclass(frozen=True)
class SkillToLabel:
    """A skill without an official Dutch label: its English preferred and alternative labels."""

    uri: str
    preferred_en: str
    alternatives_en: tuple[str, ...] = ()
    skill_type: str = ""


@dataclass(frozen=True)
class DerivedLabel:
    """A machine-made Dutch label candidate; ``rank`` 1 is the best, ``confidence`` in [0, 1]."""

    uri: str
    text: str
    confidence: float
    method: str
    rank: int
