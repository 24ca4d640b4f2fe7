"""Cross-lingual query expansion: a Dutch query word stands for the English words a learned lexicon gives it.

The lexicon is any object with ``to_english(tokens) -> {word: weight}`` (weights in (0, 1]), such as the
derivation engine's ``TranslationLexicon``. A translated match is worth less than a matched Dutch word, so
official Dutch labels and exact matches stay ahead of labels reached only through translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from techtalent.core.text import STOPWORDS, stem, tokenize

__all__ = ["Lexicon", "TRANSLATED", "translated_terms"]

TRANSLATED = 0.72  # the quality of a match through translation (exact 1.0, inflected 0.9, typo 0.75)
_MIN_WEIGHT = 0.15


class Lexicon(Protocol):
    """A learned word lexicon from Dutch to English."""

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]: ...


def translated_terms(lexicon: Lexicon | None, token: str, terms: Mapping[str, int]) -> dict[int, float]:
    """Index terms (English stems) that ``token`` translates to, each with the quality of that match."""
    if lexicon is None or token in STOPWORDS["nl"]:
        return {}
    bag = lexicon.to_english([token])
    if not bag:
        return {}
    best = max(bag.values())
    found: dict[int, float] = {}
    for phrase, weight in bag.items():
        share = weight / best
        if share < _MIN_WEIGHT:
            continue
        words = [w for w in tokenize(phrase) if w not in STOPWORDS["en"]]
        for word in words:
            term = terms.get(stem(word, "en"))
            if term is not None:
                quality = TRANSLATED * share / max(1, len(words)) ** 0.5
                found[term] = max(found.get(term, 0.0), quality)
    return found
