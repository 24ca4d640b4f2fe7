"""Cross-lingual query expansion: a Dutch query as a bag of English words, through the learned lexicon."""

from __future__ import annotations

from techtalent.taxonomy.engine.derive.lexicon import TranslationLexicon
from techtalent.taxonomy.engine.derive.tokens import words

__all__ = ["english_query"]


def english_query(lexicon: TranslationLexicon, query: str, *, per_word: int = 2) -> str:
    """The English words a Dutch query stands for, best first, as one query string ('' when none)."""
    bag: list[str] = []
    for token in words(query):
        for word, weight in lexicon.english_candidates(token)[:per_word]:
            if word not in bag and (not bag or weight >= 0.05):
                bag.append(word)
    return " ".join(bag)
