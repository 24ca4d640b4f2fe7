"""Dutch compounds: split an unknown word into known words (onderhoudsmonteur → onderhoud + monteur) and
join adjacent words into a compound the corpus has seen (las + technieken → lastechnieken)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

__all__ = ["split_compound", "split_concatenation", "join_compounds", "compound_count", "compound_heads"]

_LINKS = ("", "s", "e", "en", "-")
_MIN_PART = 3


def split_compound(word: str, known: Mapping[str, int], *, keep_known: bool = True) -> list[str]:
    """The best split of ``word`` into two or three known words (with a linking s/e/en), else ``[word]``.

    A known word stays whole unless ``keep_known`` is false (then its parts are looked for too).
    """
    if len(word) < 2 * _MIN_PART + 1 or (keep_known and word in known):
        return [word]
    best: tuple[float, list[str]] | None = None
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, rest = word[:cut], word[cut:]
        if head not in known:
            continue
        for link in _LINKS:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < _MIN_PART:
                continue
            tails = [tail] if tail in known else split_compound(tail, known)
            if len(tails) == 1 and tail not in known:
                continue
            # Prefer long, frequent parts and few of them.
            score = min(len(head), *(len(t) for t in tails)) - 2 * len(tails)
            if best is None or score > best[0]:
                best = (score, [head, *tails])
    return best[1] if best else [word]


def split_concatenation(word: str, known: Mapping[str, int], *, min_count: int = 3) -> list[str]:
    """Two known words written together without a space (firstaid → first aid), else ``[word]``; the first
    must be frequent (``min_count``).

    For dictionary entries whose spaces were lost; a word the corpus knows stays whole.
    """
    if word in known or len(word) < 2 * _MIN_PART:
        return [word]
    best: tuple[int, list[str]] | None = None
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if known.get(head, 0) >= min_count and known.get(tail, 0) >= 1:
            score = min(known[head], known[tail])
            if best is None or score > best[0]:
                best = (score, [head, tail])
    return best[1] if best else [word]


@functools.lru_cache(maxsize=65536)
def compound_heads(word: str) -> tuple[str, ...]:
    """The forms a word takes as the first part of a compound: itself, and a verb or plural without its
    ending (lassen → las-, as in lasapparatuur; pompen → pomp-)."""
    forms = [word]
    for ending in ("en", "s"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= _MIN_PART:
            forms.append(stem)
            if len(stem) > _MIN_PART and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                forms.append(stem[:-1])  # lass → las
    return tuple(forms)


def _compound(previous: str, word: str, known: Mapping[str, int], min_count: int) -> str | None:
    for head in compound_heads(previous):
        for link in _LINKS[:-1]:
            candidate = head + link + word
            if known.get(candidate, 0) >= min_count:
                return candidate
    return None


def compound_count(previous: str, word: str, known: Mapping[str, int]) -> int:
    """How often the corpus writes ``previous`` and ``word`` as one compound (0 if never)."""
    found = _compound(previous, word, known, 1)
    return known.get(found, 0) if found else 0


def join_compounds(
    words: Sequence[str],
    known: Mapping[str, int],
    *,
    min_count: int = 1,
    apart: frozenset[str] = frozenset(),
) -> list[str]:
    """Join adjacent words into a compound the corpus has (with a linking s/e/en, the first word in its
    compound form) wherever it has one; a word of ``apart`` (prepositions) never opens one: "toezien op
    laden" stays apart even where the corpus writes "opladen"."""
    out: list[str] = []
    for word in words:
        joined = _compound(out[-1], word, known, min_count) if out and out[-1] not in apart else None
        if joined:
            out[-1] = joined
        else:
            out.append(word)
    return out
