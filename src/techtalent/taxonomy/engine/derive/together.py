"""Which Dutch words ESCO's Dutch text writes in one text: a derived label whose words never meet there.

A derived label is put together word by word. When a word of it shares no Dutch text with any other word of
the label ("metalen bewegingloos gas lassen": bewegingloos, FreeDict's sense of inert, is in no Dutch text at
all), nothing Dutch ESCO wrote supports that the words belong together. ESCO's Dutch text is sparse, so most
right compounds meet no other word of their label either: the generator counts only rare words that are
no form of their English word (``generate._apart``), as a doubt on confidence, never to rank by. Function
words do not count: they meet every word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from techtalent.core.text import STOPWORDS
from techtalent.taxonomy.engine.derive.patterns import DUTCH_PREPOSITIONS

__all__ = ["DutchTexts", "learn_dutch_texts"]

_MIN_LETTERS = 3
_FUNCTION = STOPWORDS["nl"] | DUTCH_PREPOSITIONS


def _content(words: Iterable[str]) -> list[str]:
    return [
        w for w in dict.fromkeys(w.casefold() for w in words) if len(w) >= _MIN_LETTERS and w not in _FUNCTION
    ]


@dataclass(frozen=True)
class DutchTexts:
    """For each Dutch word of the aligned text, the texts (by number) it occurs in."""

    postings: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def apart_words(self, words: Sequence[str]) -> frozenset[str]:
        """The content words of a label (lower case) that share no Dutch text with any other content word of
        it; none for a label of fewer than two content words."""
        content = _content(words)
        if len(content) < 2:
            return frozenset()
        empty: frozenset[int] = frozenset()
        texts = [self.postings.get(w, empty) for w in content]
        return frozenset(
            content[i]
            for i, mine in enumerate(texts)
            if not any(j != i and not mine.isdisjoint(other) for j, other in enumerate(texts))
        )

    def as_dict(self) -> dict[str, list[int]]:
        """A JSON-ready form: word → sorted text numbers."""
        return {w: sorted(ids) for w, ids in self.postings.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence[int]]) -> DutchTexts:
        """Rebuild from :meth:`as_dict` output."""
        return cls({w: frozenset(ids) for w, ids in data.items()})


def learn_dutch_texts(texts: Iterable[Sequence[str]]) -> DutchTexts:
    """The texts each Dutch content word occurs in (function words left out)."""
    postings: dict[str, set[int]] = {}
    for number, text in enumerate(texts):
        for word in _content(text):
            postings.setdefault(word, set()).add(number)
    return DutchTexts({w: frozenset(ids) for w, ids in postings.items()})
