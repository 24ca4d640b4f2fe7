"""Text as the matcher sees it: folded (case, diacritics) with offsets back to the original, tokens, stems.

Labels and texts go through the same functions, so whatever a label becomes, the same words in a text
become too: Snowball stems per language, Dutch closed compounds split into known parts
("laswerk" → las + werk), and Dutch words bridged to English through the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import Stemmer

from techtalent.core.text import STOPWORDS

__all__ = ["FoldedText", "Token", "fold_text", "tokens_of", "Canon", "label_tokens"]

# The same token shape as techtalent.core.text: "+" and "#" stay (C++, C#), inner dots too (node.js).
TOKEN = re.compile(r"[a-z0-9]+(?:[.+#][a-z0-9+#]+)*[+#]*")
_LINKERS = ("s", "e", "en", "")
_MIN_COMPOUND, _MIN_HEAD, _MIN_MODIFIER = 7, 4, 3


class _FoldTable(dict[int, str]):
    """A str.translate table that folds each character on first sight and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(folded) != 1:
            self.irregular.add(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, when folding changed lengths, the original offset of every folded character."""

    text: str
    offsets: tuple[int, ...] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) span back to the original text."""
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def fold_text(text: str) -> FoldedText:
    """Fold ``text`` (lower case, no diacritics) keeping a way back to original character offsets."""
    folded = text.translate(_TABLE)
    if not (_TABLE.irregular and _TABLE.irregular.intersection(text)):
        return FoldedText(folded)
    offsets: list[int] = []
    for i, ch in enumerate(text):
        offsets.extend([i] * len(_TABLE[ord(ch)]))
    return FoldedText(folded, tuple(offsets))


@dataclass(frozen=True)
class Token:
    """A word of the folded text with its folded character span."""

    text: str
    start: int
    end: int


def tokens_of(folded: str) -> list[Token]:
    """Word tokens of folded text, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(folded)]


def label_tokens(label: str) -> list[str]:
    """Folded tokens of a label."""
    return TOKEN.findall(fold_text(label).text)


class Canon:
    """Turns folded tokens into canonical parts for the Dutch pass and the English pass."""

    def __init__(self, parts: Iterable[str], glossary: dict[str, tuple[str, ...]]):
        stop = STOPWORDS["nl"] | STOPWORDS["en"]
        self.parts = frozenset(p for p in parts if len(p) >= _MIN_MODIFIER and p not in stop and p.isalpha())
        self.glossary = glossary
        self._stem = {"nl": Stemmer.Stemmer("dutch"), "en": Stemmer.Stemmer("english")}
        self._cache: dict[str, dict[str, tuple[str, ...]]] = {"nl": {}, "en": {}, "nl>en": {}}

    def split(self, token: str) -> tuple[str, ...]:
        """Split a Dutch closed compound into two known parts (longest head first); else the token."""
        if len(token) < _MIN_COMPOUND or not token.isalpha():
            return (token,)
        for cut in range(_MIN_MODIFIER, len(token) - _MIN_HEAD + 1):
            head = token[cut:]
            if head not in self.parts:
                continue
            modifier = token[:cut]
            for linker in _LINKERS:
                if linker and not modifier.endswith(linker):
                    continue
                stem = modifier[: len(modifier) - len(linker)] if linker else modifier
                if stem in self.parts:
                    return (*self.split(stem), head)
        return (token,)

    def stem(self, token: str, lang: str) -> str:
        """Snowball stem of a token; short tokens and tokens with digits or symbols stay as they are."""
        if len(token) <= 3 or not token.isalpha():
            return token
        return str(self._stem[lang].stemWord(token))

    def of(self, token: str, mode: str) -> tuple[str, ...]:
        """Canonical parts of a token: mode "nl" (Dutch), "en" (English) or "nl>en" (Dutch text, English labels)."""
        cache = self._cache[mode]
        found = cache.get(token)
        if found is None:
            found = self._compute(token, mode)
            if len(cache) < 500_000:
                cache[token] = found
        return found

    def _compute(self, token: str, mode: str) -> tuple[str, ...]:
        if mode == "en":
            return (self.stem(token, "en"),)
        parts = self.split(token)
        if mode == "nl":
            return tuple(self.stem(p, "nl") for p in parts)
        out: list[str] = []
        for part in parts:
            bridged = self.glossary.get(self.stem(part, "nl")) or self.glossary.get(part)
            if bridged:
                out.extend(bridged)
            elif part in STOPWORDS["nl"]:
                out.append("\x01")  # a Dutch function word never completes an English label
            else:
                out.append(self.stem(part, "en"))
        return tuple(out)

    def key(self, tokens: Iterable[str], mode: str) -> str:
        """The automaton key of a label: its canonical parts between spaces."""
        return " " + " ".join(p for t in tokens for p in self.of(t, mode)) + " "
