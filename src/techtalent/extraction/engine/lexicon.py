"""The lexicon: every usable label variant of a taxonomy, in two Aho-Corasick automata (Dutch, English).

Each canonical word part is one character in the automata, so a key is as long as its number of words:
the tries stay small, rebuild in a fraction of a second when a saved lexicon is loaded, and every hit
starts and ends on word boundaries by construction.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from techtalent.extraction.engine.building import ACRONYM, KINDS, LABEL_TYPES, ROTATED, WIDTH, Built, build
from techtalent.extraction.engine.normalise import Canon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

__all__ = ["Lexicon", "Variant", "FORMAT", "ACRONYM", "ROTATED", "KINDS", "LABEL_TYPES"]

FORMAT = 10  # 10: a ge- word is no other verb's stem ("geboren" ≠ boren; caches built before are stale)
_LANGS = ("nl", "en")


@dataclass(frozen=True)
class Variant:
    """One matchable spelling of a label: its concept, the label as written, language, type and prior."""

    concept: int
    label: str
    lang: str
    type: str
    folded: str
    weight: float
    flags: int


class VariantTable:
    """Variants stored column-wise (compact to save and load); indexing gives a :class:`Variant`."""

    def __init__(self, columns: dict[str, Any]):
        self.concept = array("i", columns["concept"])
        self.label: list[str] = list(columns["label"])
        self.lang = (
            bytes(_LANGS.index(x) for x in columns["lang"])
            if isinstance(columns["lang"], list)
            else columns["lang"]
        )
        self.type = (
            bytes(LABEL_TYPES.index(x) for x in columns["type"])
            if isinstance(columns["type"], list)
            else columns["type"]
        )
        self.folded: list[str] = list(columns["folded"])
        self.weight = array("f", columns["weight"])
        self.flags = bytes(columns["flags"])

    def __len__(self) -> int:
        return len(self.concept)

    def __getitem__(self, index: int) -> Variant:
        return Variant(
            self.concept[index],
            self.label[index],
            _LANGS[self.lang[index]],
            LABEL_TYPES[self.type[index]],
            self.folded[index],
            self.weight[index],
            self.flags[index],
        )

    def columns(self) -> dict[str, Any]:
        """The columns, for saving."""
        return {
            "concept": self.concept,
            "label": self.label,
            "lang": self.lang,
            "type": self.type,
            "folded": self.folded,
            "weight": self.weight,
            "flags": self.flags,
        }


class Lexicon:
    """Label variants of one taxonomy version, ready for linear-time matching."""

    def __init__(self, version: str, built: Built, automata: dict[str, ahocorasick.Automaton] | None = None):
        self.version = version
        self.concepts = built.concepts
        self.variants = VariantTable(built.variants)
        self.keys = built.keys
        self.part_ids = built.part_ids
        self.parts = built.parts
        self.glossary = built.glossary
        self._titles = built.titles
        self.whole = built.whole
        self.canon = Canon(self.parts, self.glossary, self.whole)
        self.position = {c.uri: i for i, c in enumerate(self.concepts)}
        # Automaton values are indexes into ``keys``: integer values pickle compactly and load fast.
        self.known = {
            lang: frozenset(key[i : i + WIDTH] for key, _ in entries for i in range(0, len(key), WIDTH))
            for lang, entries in self.keys.items()
        }
        self.automata = (
            automata if automata is not None else {lang: _automaton(k) for lang, k in self.keys.items()}
        )

    @property
    def titles(self) -> list[LabelRecord]:
        """All labels of the occupations (for job-title search), generic ones included."""
        return [LabelRecord(*row) for row in self._titles]

    def __len__(self) -> int:
        return len(self.variants)

    @classmethod
    def build(
        cls,
        concepts: Sequence[ConceptRecord],
        labels: Iterable[LabelRecord],
        *,
        version: str,
        derived_min: float | None = None,
    ) -> Lexicon:
        """Build the lexicon from concepts and their labels (any languages; nl and en are used)."""
        if derived_min is None:
            return cls(version, build(concepts, labels))
        return cls(version, build(concepts, labels, derived_min=derived_min))

    def state(self) -> tuple[Any, ...]:
        """Everything needed to rebuild this lexicon, as plain picklable data (see ``from_state``)."""
        concepts = [(c.uri, c.kind, c.skill_type, c.collections) for c in self.concepts]
        return (
            FORMAT,
            self.version,
            concepts,
            self.variants.columns(),
            self.keys,
            self.part_ids,
            self.parts,
            self.glossary,
            self._titles,
            self.whole,
            self.automata,
        )

    @classmethod
    def from_state(cls, state: Any) -> Lexicon:
        """The lexicon of a ``state()`` tuple; ValueError when it is of another format."""
        if not isinstance(state, tuple) or not state or state[0] != FORMAT:
            raise ValueError(f"not a lexicon of format {FORMAT}")
        _, version, concepts, columns, keys, part_ids, parts, glossary, titles, whole, automata = state
        records = [ConceptRecord(*row) for row in concepts]
        return cls(version, Built(records, columns, keys, part_ids, parts, glossary, titles, whole), automata)


def _automaton(keys: list[tuple[str, tuple[int, ...]]]) -> ahocorasick.Automaton:
    """An automaton over ``keys`` whose value is the position of the key in the list."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for number, (key, _ids) in enumerate(keys):
        automaton.add_word(key, number)
    automaton.make_automaton()
    return automaton
