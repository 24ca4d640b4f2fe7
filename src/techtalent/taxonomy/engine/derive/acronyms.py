"""Acronyms learned from the taxonomy's own English text: "tungsten inert gas (TIG)" teaches TIG.

A word in capitals in brackets right after words whose initials spell it ("metal inert gas (MIG)",
"heating, ventilation and air conditioning (HVAC)", "computer-aided design (CAD)") is an acronym of those
words. Each acronym keeps the expansion the text gives most often, its words corrected to the spelling the
labels use when the text has a typo ("tungsten intert gas" → "tungsten inert gas"). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["learn_acronyms", "acronym_expansion"]

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_WORD = re.compile(r"[A-Za-z]+")
_SKIPPABLE = frozenset({"and", "of", "for", "the", "in", "on", "to", "with", "&"})
_MAX_WINDOW = 12  # words before the bracket searched for the expansion


def acronym_expansion(acronym: str, preceding: list[str]) -> tuple[str, ...] | None:
    """The words at the end of ``preceding`` whose initials spell ``acronym`` (linking words such as "and"
    may stand between them), or None. Hyphenated parts count as words ("computer-aided" → c, a)."""
    letters = acronym.casefold()
    if not letters.isalpha() or len(letters) < 2:
        return None
    need = len(letters) - 1
    picked: list[str] = []
    for word in reversed(preceding[-_MAX_WINDOW:]):
        low = word.casefold()
        if need < 0:
            break
        if low[0] == letters[need]:
            picked.append(low)
            need -= 1
        elif low in _SKIPPABLE and picked:
            picked.append(low)
        else:
            return None
    if need >= 0:
        return None
    return tuple(reversed(picked))


def learn_acronyms(
    texts: Iterable[str], vocabulary: Mapping[str, int], bigrams: Collection[str] = ()
) -> dict[str, str]:
    """Lower-cased acronym → its most frequent expansion in ``texts``, its words spelled as in
    ``vocabulary`` (English label words with counts); ``bigrams`` ("inert gas") are word pairs the labels
    have, which decide between equally close spellings of a typo."""
    seen: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for text in texts:
        for match in _ACRONYM.finditer(text):
            acronym = match.group(1)
            if sum(ch.isupper() for ch in acronym) < 2:
                continue
            preceding = _WORD.findall(text[max(0, match.start() - 200) : match.start()])
            expansion = acronym_expansion(acronym, preceding)
            if expansion:
                seen[acronym.casefold()][expansion] += 1
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in vocabulary:
        by_length[len(word)].append(word)
    out: dict[str, str] = {}
    for acronym, expansions in sorted(seen.items()):
        words = list(max(expansions.items(), key=lambda item: (item[1], item[0]))[0])
        for i, word in enumerate(words):
            neighbours = (words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "")
            words[i] = _spelled(word, vocabulary, by_length, neighbours, bigrams)
        out[acronym] = " ".join(words)
    return out


def _spelled(
    word: str,
    vocabulary: Mapping[str, int],
    by_length: Mapping[int, list[str]],
    neighbours: tuple[str, str],
    bigrams: Collection[str],
) -> str:
    """``word`` as the vocabulary spells it: itself when known, else the word one edit away with the same
    first letter (a typo in a description) that the labels write beside its neighbours, or else the most
    frequent such word; itself when there is none."""
    if word in vocabulary or len(word) < 4:
        return word
    before, after = neighbours
    best: tuple[bool, int, str] | None = None
    for length in (len(word) - 1, len(word), len(word) + 1):
        bucket = by_length.get(length, [])
        for candidate, _dist, _ in process.extract(
            word, bucket, scorer=OSA.distance, score_cutoff=1, limit=None
        ):
            if candidate[0] != word[0]:
                continue
            attested = f"{before} {candidate}" in bigrams or f"{candidate} {after}" in bigrams
            key = (attested, vocabulary[candidate], candidate)
            if best is None or key > best:
                best = key
    return best[2] if best else word
