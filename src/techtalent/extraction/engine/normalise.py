"""Text as the matcher sees it: folded (case, diacritics) with offsets back to the original, tokens, stems.

Labels and texts go through the same functions, so whatever a label becomes, the same words in a text
become too: Snowball stems per language, Dutch closed compounds split into known parts
("laswerk" → las + werk), and Dutch words bridged to English through the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple, overload

import simplemma
import Stemmer

from techtalent.core.text import STOPWORDS, dutch_lemma, own_participle
from techtalent.extraction.engine.glossary import ABBREVIATIONS

__all__ = [
    "FoldedText",
    "Token",
    "Tokens",
    "fold_text",
    "tokens_of",
    "Canon",
    "label_tokens",
    "dutch_lemma",
    "join_separable",
]

# The same token shape as techtalent.core.text: "+" and "#" stay (C++, C#), inner dots too (node.js).
TOKEN = re.compile(r"[a-z0-9]+(?:[.+#][a-z0-9+#]+)*[+#]*")
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")
_LINKERS = ("", "s", "e", "en")
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


@lru_cache(maxsize=100_000)
def _verb_lemma(token: str) -> str | None:
    """The infinitive of a Dutch present-tense verb form ("verhelpt" → "verhelpen"), else None."""
    lemma = dutch_lemma(token)
    if lemma == token or not lemma.endswith("en") or lemma[:2] != token[:2] or len(token) <= 3:
        return None
    return lemma


# Particles of Dutch separable verbs, which a main clause puts at its end: "ik los storingen op" (oplossen).
_PARTICLES = frozenset("op af aan uit in mee door na over toe terug vast weg bij neer om samen voor".split())
_CONJUNCTIONS = frozenset("en maar want dus of".split())
_VERB_SLOTS = 3  # the finite verb stands among a clause's first words ("ik los", "daarnaast voer ik")


def _infinitives(finite: str) -> list[str]:
    """Infinitives a Dutch present-tense form may belong to: los/lost → lossen, voer → voeren, neem → nemen,
    geef → geven, lees → lezen; a plural form is its own infinitive."""
    if finite.endswith("en"):
        return [finite]
    stems = [finite, finite[:-1]] if finite.endswith("t") and len(finite) > 3 else [finite]
    out: list[str] = []
    for stem in stems:
        if len(stem) < 2 or not stem.isalpha():
            continue
        out.append(stem + "en")
        last = {"f": "v", "s": "z"}.get(stem[-1], stem[-1])
        if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
            out.append(stem[:-2] + last + "en")  # neem → nemen, boor → boren
        elif len(stem) >= 2 and stem[-2] in "aeiou" and (len(stem) < 3 or stem[-3] not in "aeiou"):
            out.append(stem + stem[-1] + "en")  # los → lossen, stel → stellen
        if last != stem[-1]:
            out.append(stem[:-1] + last + "en")  # leef → leven
    return out


def join_separable(texts: list[str], breaks: list[bool]) -> list[str]:
    """Token texts with each Dutch separable verb of a main clause joined at its particle: in "ik los graag
    storingen op" the particle becomes "oplossen" and the finite verb an empty token, so the clause reads
    as "storingen oplossen" (not "los", a stray Dutch label). A particle ends a clause before a clause
    break (``breaks``: punctuation before the token), a conjunction or the end."""
    out = list(texts)
    count = len(texts)
    start = 0
    for last in range(count):
        if breaks[last]:
            start = last
        ends = last + 1 == count or breaks[last + 1] or texts[last + 1] in _CONJUNCTIONS
        if not ends or texts[last] not in _PARTICLES or last - start < 2:
            continue
        for verb in range(start, min(start + _VERB_SLOTS, last)):
            joined = next(
                (
                    texts[last] + inf
                    for inf in _infinitives(texts[verb])
                    if simplemma.is_known(texts[last] + inf, lang="nl")
                ),
                None,
            )
            if joined is not None and out[verb]:
                out[verb], out[last] = "", joined
                break
    return out


def fold_text(text: str) -> FoldedText:
    """Fold ``text`` (lower case, no diacritics) keeping a way back to original character offsets."""
    if text.isascii():  # ASCII folds to its lower case, one character for one
        return FoldedText(text.lower())
    # str.translate leaves its fast path at the first non-ASCII character: fold the ASCII runs with
    # str.lower (the same result for them) and only the rest through the table.
    pieces = _NON_ASCII.split(text)
    pieces[0::2] = [piece.lower() for piece in pieces[0::2]]
    pieces[1::2] = [piece.translate(_TABLE) for piece in pieces[1::2]]
    folded = "".join(pieces)
    if not (_TABLE.irregular and _TABLE.irregular.intersection(text)):
        return FoldedText(folded)
    offsets: list[int] = []
    for i, ch in enumerate(text):
        offsets.extend([i] * len(_TABLE[ord(ch)]))
    return FoldedText(folded, tuple(offsets))


class Token(NamedTuple):
    """A word of the folded text with its folded character span."""

    text: str
    start: int
    end: int


class Tokens:
    """The words of a folded text as parallel lists (cheap to build); indexing gives :class:`Token`."""

    def __init__(self, texts: list[str], starts: list[int], ends: list[int]):
        self.texts, self.starts, self.ends = texts, starts, ends

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [
                Token(*row)
                for row in zip(self.texts[index], self.starts[index], self.ends[index], strict=True)
            ]
        return Token(self.texts[index], self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Token]:
        return (Token(*row) for row in zip(self.texts, self.starts, self.ends, strict=True))


def tokens_of(folded: str) -> Tokens:
    """Word tokens of folded text, in order."""
    # One split gives gap, token, gap, token, ..., gap: running lengths are the token offsets.
    pieces = _TOKEN_SPLIT.split(folded)
    bounds = list(accumulate(map(len, pieces)))
    return Tokens(pieces[1::2], bounds[0:-1:2], bounds[1::2])


def label_tokens(label: str) -> list[str]:
    """Folded tokens of a label."""
    return TOKEN.findall(fold_text(label).text)


class Canon:
    """Turns folded tokens into canonical parts for the Dutch pass and the English pass."""

    def __init__(self, parts: Iterable[str], glossary: dict[str, tuple[str, ...]], whole: Iterable[str] = ()):
        stop = STOPWORDS["nl"] | STOPWORDS["en"]
        self.whole = frozenset(whole)
        self.parts = frozenset(p for p in parts if len(p) >= _MIN_MODIFIER and p not in stop and p.isalpha())
        self.glossary = glossary
        self._stem = {"nl": Stemmer.Stemmer("dutch"), "en": Stemmer.Stemmer("english")}
        self._cache: dict[str, dict[str, tuple[str, ...]]] = {"nl": {}, "en": {}, "nl>en": {}}

    def split(self, token: str) -> tuple[str, ...]:
        """Split a Dutch closed compound into known parts (longest head first); else the token."""
        if len(token) < _MIN_COMPOUND or not token.isalpha() or token in self.whole:
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
                    return (stem, head)
        return (token,)

    def stem(self, token: str, lang: str) -> str:
        """Snowball stem of a token; short tokens and tokens with digits or symbols stay as they are."""
        if len(token) <= 3 or not token.isalpha():
            return token
        if lang == "nl" and token.endswith("t") and (lemma := _verb_lemma(token)) is not None:
            token = lemma  # "je verhelpt storingen" meets "storingen verhelpen": stem the infinitive
        if lang == "nl" and token.startswith("ge"):
            stemmed = str(self._stem["nl"].stemWord(token))
            return stemmed if own_participle(token, stemmed) else token
        if lang == "nl" and token.endswith(("ster", "sters", "aar", "aars")):
            # Snowball reduces "lasster" (a welder) to "las" as in "lassen" (welding), and "ontwikkelaar"
            # (a developer) to "ontwikkel" as in "ontwikkeling": keep the people apart from the work.
            return token.removesuffix("s")
        return str(self._stem[lang].stemWord(token))

    def of(self, token: str, mode: str) -> tuple[str, ...]:
        """Canonical parts of a token in mode "nl", "en" or "nl>en" (Dutch text against English labels)."""
        cache = self._cache[mode]
        found = cache.get(token)
        if found is None:
            found = self._compute(token, mode)
            if len(cache) < 500_000:
                cache[token] = found
        return found

    def _compute(self, token: str, mode: str) -> tuple[str, ...]:
        if mode != "nl" and token in ABBREVIATIONS:
            return tuple(self.stem(word, "en") for word in TOKEN.findall(ABBREVIATIONS[token]))
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
