"""Which words of a derived label are English words left in it: English, and not Dutch the import has seen.

A derived label may keep an English word of its source ("ergonomically werken", "office administratie",
"militaire driller"). That is right for acronyms, names and loanwords Dutch ESCO text itself uses (SQL,
software), wrong for ordinary English words. Both vocabularies come from the import: English from the
English skill labels and the aligned English text, Dutch from the aligned Dutch text and the Dutch headwords
of the dictionary, when installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from techtalent.taxonomy.engine.derive.tokens import cased_words, words
from techtalent.taxonomy.engine.derive.types import ParallelCorpus

__all__ = ["WordEvidence", "learn_word_evidence"]

# A word Dutch text uses as a loan is seen there at least this often, and at this share of its English uses.
_MIN_DUTCH_USES = 3
_DUTCH_SHARE = 0.2
_MIN_LETTERS = 3
# Regular English → Dutch spelling of loan words (psychotherapy → psychotherapie, orthopedic → orthopedisch):
# endings, then letters inside the word. A spelling counts only when Dutch text or the dictionary has it.
_ENDINGS = (
    ("isation", "isatie"),
    ("ization", "isatie"),
    ("ations", "aties"),
    ("ation", "atie"),
    ("ities", "iteiten"),
    ("ity", "iteit"),
    ("ically", "isch"),
    ("ical", "isch"),
    ("ical", "ische"),
    ("ics", "ica"),
    ("ics", "iek"),
    ("ic", "isch"),
    ("ic", "ische"),
    ("ic", "iek"),
    ("ology", "ologie"),
    ("graphy", "grafie"),
    ("ies", "ieën"),
    ("ism", "isme"),
    ("ive", "ief"),
    ("ive", "ieve"),
    ("ary", "air"),
    ("ure", "uur"),
    ("ate", "aat"),
    ("y", "ie"),
    ("", ""),
)
_LETTERS = (("ph", "f"), ("th", "t"), ("ae", "e"), ("y", "i"))


@dataclass(frozen=True)
class WordEvidence:
    """English and Dutch word use as the import saw it; tells an English word left in a Dutch label."""

    english: frozenset[str]
    dutch_dictionary: frozenset[str]
    counts_en: Mapping[str, int]
    counts_nl: Mapping[str, int]

    _memo: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def is_english_only(self, word: str) -> bool:
        """Whether a lower-case word is English and not Dutch: not a dictionary Dutch word, and Dutch text
        uses it seldom (fewer than three times, or under a fifth as often as English text does)."""
        known = self._memo.get(word)
        if known is None:
            known = self._memo[word] = self._english_only(word)
        return known

    def _english_only(self, word: str) -> bool:
        if len(word) < _MIN_LETTERS or not word.isalpha():
            return False
        english = self.counts_en.get(word, 0)
        if not english and word not in self.english:
            return False  # unknown in both: a name or a word of neither language
        if word in self.dutch_dictionary:
            return False
        dutch = self.counts_nl.get(word, 0)
        return dutch < _MIN_DUTCH_USES or dutch < _DUTCH_SHARE * english

    def leftover(self, text: str, source: str = "") -> list[str]:
        """The words of a Dutch label that are English words left in it; acronyms and names (written in
        capitals in the label or inside its English source) are not."""
        if not any(self.is_english_only(w) for w in text.casefold().split()):
            return []  # the common case, without tokenizing
        named = {w.casefold() for i, w in enumerate(cased_words(source)) if _is_name(w, opening=i == 0)}
        return [
            w
            for i, w in enumerate(cased_words(text))
            if not _is_name(w, opening=i == 0)
            and w.casefold() not in named
            and self.is_english_only(w.casefold())
        ]

    def dutch_spelling(self, word: str) -> str | None:
        """The Dutch spelling of an English loan word that Dutch text or the dictionary writes, or None."""
        found: list[str] = []
        for english, dutch in _ENDINGS:
            if not word.endswith(english) or len(word) - len(english) < 3:
                continue
            base = word[: len(word) - len(english)]
            for spelled in _respellings(base):
                candidate = spelled + dutch
                if candidate != word and (
                    candidate in self.dutch_dictionary or self.counts_nl.get(candidate)
                ):
                    found.append(candidate)
        return max(found, key=lambda w: (self.counts_nl.get(w, 0), -found.index(w))) if found else None

    def as_dict(self) -> dict[str, list[str]]:
        """The word lists (counts come from the lexicon), for caching with the model."""
        return {"english": sorted(self.english), "dutch_dictionary": sorted(self.dutch_dictionary)}

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Iterable[str]], counts_en: Mapping[str, int], counts_nl: Mapping[str, int]
    ) -> WordEvidence:
        """Rebuild from :meth:`as_dict` output and the lexicon's word counts."""
        english, dutch = frozenset(data.get("english", ())), frozenset(data.get("dutch_dictionary", ()))
        return cls(english, dutch, counts_en, counts_nl)


def _respellings(base: str) -> list[str]:
    """The stem as written and with Dutch letters: c → k before a, o, u or a consonant, ph → f, th → t."""
    dutch = base
    for english, letter in _LETTERS:
        dutch = dutch.replace(english, letter)
    hard = "".join(
        "k" if c == "c" and (i + 1 == len(dutch) or dutch[i + 1] not in "eihk") else c
        for i, c in enumerate(dutch)
    )
    return list(dict.fromkeys((base, dutch, hard)))


def _is_name(word: str, *, opening: bool) -> bool:
    """Acronyms (TIG, SQL), names (Haskell) and words with digits are kept as they are written."""
    if any(c.isdigit() for c in word):
        return True
    if word.isupper() and len(word) > 1:
        return True
    return word[:1].isupper() and not opening


def learn_word_evidence(
    corpus: ParallelCorpus, counts_en: Mapping[str, int], counts_nl: Mapping[str, int]
) -> WordEvidence:
    """English words of the skill labels and English text, Dutch headwords of the dictionary pairs."""
    english = {w for label in corpus.english_skill_labels for w in words(label)}
    english.update(w for e in corpus.skill_labels for w in words(e.en))
    dictionary = {w for pair in corpus.pairs if pair.kind == "dictionary" for w in pair.nl}
    english.update(w for pair in corpus.pairs if pair.kind == "dictionary" for w in pair.en)
    return WordEvidence(frozenset(english), frozenset(dictionary), counts_en, counts_nl)
