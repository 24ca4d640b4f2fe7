"""Near misses: a long word one edit away from a label word (typos such as "programeren").

A symmetric-deletion index (every word with one character deleted) finds all words within one edit
in a handful of dictionary look-ups, so the cost stays linear in the text; rapidfuzz confirms the pick.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA

__all__ = ["NearMisses"]

MIN_LENGTH = 9


class NearMisses:
    """Corrects long unknown words to the one known word within one edit, when there is exactly one."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w for w in words if len(w) >= MIN_LENGTH - 1 and w.isalpha())
        self._deletes: dict[str, list[str]] = {}
        for word in self.words:
            for variant in {word[:i] + word[i + 1 :] for i in range(len(word))}:
                self._deletes.setdefault(variant, []).append(word)
        self._cache: dict[str, str | None] = {}

    def correct(self, token: str) -> str | None:
        """The single known word within one edit of ``token``, or None."""
        if len(token) < MIN_LENGTH or not token.isalpha() or token in self.words:
            return None
        if token in self._cache:
            return self._cache[token]
        found: set[str] = set()
        if token in self._deletes:
            found.update(self._deletes[token])
        for i in range(len(token)):
            variant = token[:i] + token[i + 1 :]
            if variant in self.words:
                found.add(variant)
            found.update(self._deletes.get(variant, ()))
        close = [w for w in found if OSA.distance(token, w, score_cutoff=1) <= 1]
        result = close[0] if len(close) == 1 else None
        if len(self._cache) < 200_000:
            self._cache[token] = result
        return result
