"""Tokens and sentences for alignment: lower case, diacritics kept (derived labels must read as Dutch)."""

from __future__ import annotations

import re

__all__ = ["words", "cased_words", "sentences"]

_WORD = re.compile(r"[^\W_]+(?:['’.+#-][^\W_]+)*[+#]*")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9À-Þ(\"'‘“-])")


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens; hyphenated words (ICT-beheer) and C++ stay one token."""
    return tuple(_WORD.findall(text.casefold()))


def cased_words(text: str) -> tuple[str, ...]:
    """Word tokens as written (for copying names such as SQL or Haskell unchanged)."""
    return tuple(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    """Split a description into sentences at full stops and similar marks before a capital."""
    parts = [part.strip() for line in text.splitlines() for part in _SENTENCE_END.split(line)]
    return [part for part in parts if part]
