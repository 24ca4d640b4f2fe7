"""The lexical pass: a text as one character per canonical word part, run through an Aho-Corasick automaton.

Parts are stems, with Dutch compounds split and, for the English labels, Dutch words bridged to English.
Labels are spelled the same way, so a hit always covers whole parts. Punctuation between words becomes
a barrier so no label spans two clauses. Cost: linear in the text, with per-word work cached.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add, sub
from typing import cast

from techtalent.extraction.engine.building import BARRIER_PART, UNKNOWN_PART, WIDTH
from techtalent.extraction.engine.fuzzy import NearMisses
from techtalent.extraction.engine.lexicon import ACRONYM, ROTATED, Lexicon
from techtalent.extraction.engine.normalise import FoldedText, Tokens, join_separable

__all__ = ["Mention", "Matcher", "resolve_overlaps", "person_names", "PASSES"]

PASSES = {"nl": (("nl", "nl"), ("en", "nl>en")), "en": (("en", "en"),)}
_UNKNOWN, _BARRIER = UNKNOWN_PART, BARRIER_PART
_PREFIX = ("", _BARRIER)  # indexed by a token's barrier flag
_GAP_BREAK = re.compile(r"[.,;:!?()\[\]\n|•]")
# "MIG- en TIG-lassen", "front- en backend": a dangling modifier shares the head of the last member.
_ELLIPSIS = re.compile(
    r"\b[a-z0-9]+-\s*(?:,\s*[a-z0-9]+-\s*)*(?:en|of|and|or|&|/)\s+[a-z0-9]+(?:-[a-z0-9]+)?\b"
)
# What every elliptic coordination holds (its first dangling member and what follows it), in a pattern
# that starts with a literal so the regex engine can skip to it: a cheap test before _ELLIPSIS.
_ELLIPSIS_HINT = re.compile(r"-(?<=[a-z0-9]-)\s*(?:,|(?:en|of|and|or|&|/)\s)")


@dataclass(frozen=True)
class Mention:
    """One label variant found in the text: token range, size in parts, the variant and the rule."""

    first: int
    last: int
    size: int
    variant: int
    rule: str


@dataclass(frozen=True)
class _Word:
    chars: str
    bridged: bool
    fuzzy: bool


class _Words:
    """Per-lexicon cache: a folded word → its part characters in one mode."""

    def __init__(self, lexicon: Lexicon, near: NearMisses | None):
        self.lexicon, self.near = lexicon, near
        self.cache: dict[str, dict[str, _Word]] = {mode: {} for mode in ("nl", "en", "nl>en")}
        # The same cache reduced to the part characters, for the haystack's C-level look-ups.
        self.chars: dict[str, dict[str, str]] = {mode: {} for mode in ("nl", "en", "nl>en")}

    def get(self, word: str, mode: str) -> _Word:
        cache = self.cache[mode]
        found = cache.get(word)
        if found is None:
            found = self._compute(word, mode)
            if len(cache) < 300_000:
                cache[word] = found
                self.chars[mode][word] = found.chars
        return found

    def _compute(self, word: str, mode: str) -> _Word:
        canon, ids = self.lexicon.canon, self.lexicon.part_ids
        known = self.lexicon.known["nl" if mode == "nl" else "en"]
        parts = canon.of(word, mode)
        fuzzy = False
        if self.near is not None and not all(ids.get(p) in known for p in parts):
            fixed = self.near.correct(word)
            if fixed is not None and all(ids.get(p) in known for p in canon.of(fixed, mode)):
                parts, fuzzy = canon.of(fixed, mode), True
        bridged = mode == "nl>en" and parts != canon.of(word, "en")
        return _Word("".join(ids.get(p, _UNKNOWN) for p in parts), bridged, fuzzy)


def _barriers(folded: str, tokens: Tokens) -> list[bool]:
    """For each token, whether punctuation (a clause break) stands between it and the previous token."""
    count = len(tokens)
    before = [False] * count
    ends = map(re.Match.end, _GAP_BREAK.finditer(folded))
    for index in map(bisect.bisect_left, repeat(tokens.starts), ends):
        if 0 < index < count:
            before[index] = True
    return before


def _haystack(
    words: _Words, texts: list[str], barriers: list[bool], mode: str
) -> tuple[str, list[int], list[int]]:
    """The codes of a text in one mode, and per token the offset and length of its codes in them."""
    looked: list[str | None] = list(map(words.chars[mode].get, texts))
    if None in looked:
        get = words.get
        codes = [get(t, mode).chars if c is None else c for c, t in zip(looked, texts, strict=True)]
    else:
        codes = cast(list[str], looked)
    lens = list(map(len, codes))
    if any(barriers):
        codes = list(map(add, map(_PREFIX.__getitem__, barriers), codes))
        ends = accumulate(map(len, codes))
    else:
        ends = accumulate(lens)
    return "".join(codes), list(map(sub, ends, lens)), lens


# A raw hit: first token, last token, size in parts, variant, partial-word flag, mode, forced rule.
_Hit = tuple[int, int, int, int, int, str, str]


def _scan(
    words: _Words,
    text: str,
    ft: FoldedText,
    tokens: Tokens,
    lang: str,
    mode: str,
    barriers: list[bool],
    rule: str = "",
) -> list[_Hit]:
    lexicon = words.lexicon
    hay, firsts, lens = _haystack(words, tokens.texts, barriers, mode)
    flags = lexicon.variants.flags
    keys = lexicon.keys[lang]
    found: list[_Hit] = []
    append = found.append
    bisect_right = bisect.bisect_right
    for end_char, number in lexicon.automata[lang].iter(hay):
        stop = end_char + 1
        if stop % WIDTH:
            continue  # a hit that straddles two part codes
        key, ids = keys[number]
        size = len(key)
        start_char = stop - size
        first = bisect_right(firsts, start_char) - 1
        last = bisect_right(firsts, end_char) - 1
        # 0: whole words; 1: ends on a word's last part (a compound's head); 2: inside a word
        partial = 2 if stop != firsts[last] + lens[last] else int(start_char != firsts[first])
        length = size // WIDTH
        for variant_id in ids:
            flag = flags[variant_id]
            if flag:
                if flag & ROTATED and mode != "nl>en":
                    continue
                if (
                    flag & ACRONYM
                    and not text[slice(*ft.original(tokens.starts[first], tokens.ends[last]))].isupper()
                ):
                    continue
            append((first, last, length, variant_id, partial, mode, rule))
    return found


def _rule(words: _Words, tokens: Tokens, hit: _Hit) -> str:
    """How a kept hit was found: exact, stem, compound, translation, fuzzy or enumeration."""
    first, last, _size, variant_id, partial, mode, forced = hit
    if forced:
        return forced
    if first == last:  # the common case, without the lists
        text = tokens.texts[first]
        word = words.get(text, mode)
        if word.fuzzy:
            return "fuzzy"
        if partial:
            return "compound"
        if words.lexicon.variants.flags[variant_id] & ROTATED or word.bridged:
            return "translation"
        return "exact" if text == words.lexicon.variants.folded[variant_id] else "stem"
    span = [words.get(t, mode) for t in tokens.texts[first : last + 1]]
    if any(w.fuzzy for w in span):
        return "fuzzy"
    if partial:
        return "compound"
    if words.lexicon.variants.flags[variant_id] & ROTATED or any(w.bridged for w in span):
        return "translation"
    surface = " ".join(tokens.texts[first : last + 1])
    return "exact" if surface == words.lexicon.variants.folded[variant_id] else "stem"


def _coordinations(folded: str, tokens: Tokens) -> list[list[int]]:
    """The token indexes of each elliptic coordination of three tokens or more (the same for every pass)."""
    if _ELLIPSIS_HINT.search(folded) is None:
        return []
    starts = tokens.starts
    out: list[list[int]] = []
    for match in _ELLIPSIS.finditer(folded):
        inside = list(
            range(bisect.bisect_left(starts, match.start()), bisect.bisect_left(starts, match.end()))
        )
        if len(inside) >= 3:
            out.append(inside)
    return out


def _ellipses(
    words: _Words,
    text: str,
    ft: FoldedText,
    tokens: Tokens,
    lang: str,
    mode: str,
    coordinations: list[list[int]],
) -> list[_Hit]:
    """Mentions hidden in elliptic coordination: "MIG- en TIG-lassen" holds MIG-lassen."""
    found: list[_Hit] = []
    folded = ft.text
    texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
    for inside in coordinations:
        last_start, last_text = starts[inside[-1]], texts[inside[-1]]
        if folded[last_start - 1 : last_start] == "-":
            head = last_text
        else:
            split = words.lexicon.canon.split(last_text)
            if len(split) < 2:
                continue
            head = split[-1]
        for i in inside[:-2]:
            member, member_end = texts[i], ends[i]
            after = folded[member_end : member_end + 2]
            if not (after.startswith("-") and not after[1:].isalnum()):
                continue
            original = text[slice(*ft.original(starts[i], member_end))]
            phrase = f"{member} {head}"
            shown = f"{original} {head}" if len(original) == len(member) else phrase
            size = len(member)
            virtual = Tokens([member, head], [0, size + 1], [size, len(phrase)])
            for hit in _scan(
                words, shown, FoldedText(phrase), virtual, lang, mode, [False, False], "enumeration"
            ):
                if hit[0] == 0 and hit[1] == 1:
                    found.append((i, inside[-1], hit[2], hit[3], False, mode, "enumeration"))
    return found


class Matcher:
    """Runs the lexical passes of one lexicon over texts; keeps per-word caches between texts."""

    def __init__(self, lexicon: Lexicon, near: NearMisses | None = None):
        self.words = _Words(lexicon, near)

    def _plausible(self, tokens: Tokens, hit: _Hit) -> bool:
        return _plausible_hit(self.words, tokens, hit)

    def find(self, text: str, ft: FoldedText, tokens: Tokens, lang: str) -> list[Mention]:
        """The label variants found in the text, overlaps resolved (longest first)."""
        hits: list[_Hit] = []
        elliptic: list[_Hit] = []
        barriers = _barriers(ft.text, tokens)
        if lang == "nl":
            joined = join_separable(tokens.texts, barriers)
            if joined != tokens.texts:
                tokens = Tokens(joined, tokens.starts, tokens.ends)
        coordinations = _coordinations(ft.text, tokens) if "- " in ft.text else []
        for automaton_lang, mode in PASSES[lang]:
            hits.extend(_scan(self.words, text, ft, tokens, automaton_lang, mode, barriers))
            if coordinations:
                elliptic.extend(_ellipses(self.words, text, ft, tokens, automaton_lang, mode, coordinations))
        words = self.words
        hits = [h for h in hits if _plausible_hit(words, tokens, h)]
        if hits and any(c.isupper() for c in text):
            names = person_names(text, ft, tokens, lambda t: _UNKNOWN in words.get(t, lang).chars)
            if names:
                # "Wim de Boer", "Jan Bakker": a surname is no occupation (boer, bakker, visser, smit); skills
                # keep such words ("Microsoft Excel")
                variants, concepts = words.lexicon.variants, words.lexicon.concepts
                hits = [
                    h
                    for h in hits
                    if not (
                        h[0] == h[1]
                        and h[0] in names
                        and concepts[variants.concept[h[3]]].kind == "occupation"
                    )
                ]
        # Elliptic hits share their head word with the last member ("MIG- en TIG-lassen"): both stay.
        kept = resolve_overlaps(hits, self.words.lexicon.variants.weight) + elliptic
        return [Mention(h[0], h[1], h[2], h[3], _rule(self.words, tokens, h)) for h in kept]


# Endings that only inflect a word (plural, verb forms, Dutch adjective -e); what a stem match may differ by.
_INFLECTIONS = frozenset(
    ["", "s", "es", "e", "ed", "d", "ing", "en", "n", "t", "te", "ten", "de", "den", "'s", "y", "ies", "ied"]
)


def _inflected(surface: list[str], label: str) -> bool:
    """True when the words differ from the label's words by inflection only (databases ~ database, not
    experience ~ experiment or translate ~ translator, which Snowball gives the same stem)."""
    words = label.split()
    if len(words) != len(surface):
        words, surface = ["".join(words)], ["".join(surface)]
    for seen, wanted in zip(surface, words, strict=True):
        if seen == wanted:
            continue
        common = 0
        for a, b in zip(seen, wanted, strict=False):
            if a != b:
                break
            common += 1
        for rest in (seen[common:], wanted[common:]):
            if rest and common and rest[0] == seen[common - 1]:
                rest = rest[1:]  # a doubled consonant: programming ~ program, lassen ~ las
            if rest not in _INFLECTIONS:
                return False
    return True


# Dutch surname particles ("tussenvoegsels") and their English and French counterparts in names.
_PARTICLES = frozenset("de van der den ter ten te 't het in op la le du da di von".split())


def person_names(text: str, ft: FoldedText, tokens: Tokens, unknown: Callable[[str], bool]) -> frozenset[int]:
    """Positions of words that read as a person's name: a capitalised word after a name particle that
    follows a capitalised word, and that word ("Wim de Boer", "Bas van Dijk"), or after a capitalised word
    the lexicon does not know, on the same line ("Jan Bakker"; not "Ervaren Lasser"). Dutch and English
    write occupations and skills in lower case inside a sentence, and many surnames are occupations.
    """

    def original(at: int) -> str:
        return text[slice(*ft.original(tokens.starts[at], tokens.ends[at]))]

    def capitalised(word: str) -> bool:
        return len(word) > 1 and word[0].isupper() and word[1:].islower()

    def same_line(a: int, b: int) -> bool:
        gap = text[
            ft.original(tokens.starts[a], tokens.ends[a])[1] : ft.original(tokens.starts[b], tokens.ends[b])[
                0
            ]
        ]
        return "\n" not in gap and not any(c in gap for c in ".,;:!?()|•")

    found: set[int] = set()
    for at in range(1, len(tokens)):
        if not capitalised(original(at)):
            continue
        before = at - 1
        while before >= 0 and original(before) in _PARTICLES and same_line(before, before + 1):
            before -= 1
        if before < 0 or not same_line(before, before + 1) or not capitalised(original(before)):
            continue
        if before < at - 1:
            found.update((before, at))  # "Bas van Dijk": the first name too (bas is also a singer)
        elif unknown(tokens.texts[before]):
            found.add(at)
    return frozenset(found)


def _plausible_hit(words: _Words, tokens: Tokens, hit: _Hit) -> bool:
    """False for hits that are usually wrong: a word differing from the label by more than inflection,
    one part from inside a compound that is not its head, a Dutch word bridged to a one-word occupation."""
    first, last, size, variant_id, partial, mode, forced = hit
    if forced:
        return True
    label = words.lexicon.variants.folded[variant_id]
    if partial:
        # A one-part label may match a compound's head only when the label is Dutch: an English word
        # inside a Dutch compound is a false friend ("kantbank" is no "banking").
        dutch = words.lexicon.variants.lang[variant_id] == 0
        return size > 1 or (partial == 1 and len(label) >= 5 and dutch)
    surface = tokens.texts[first : last + 1]
    if mode == "nl>en":
        get = words.get
        for t in surface:
            if get(t, mode).bridged:
                concept = words.lexicon.variants.concept[variant_id]
                return " " in label or words.lexicon.concepts[concept].kind != "occupation"
    return _inflected(surface, label)


def resolve_overlaps(hits: list[_Hit], weight: Sequence[float]) -> list[_Hit]:
    """Keep the longest hits; shorter ones inside them go, hits of the same extent all stay."""
    ranked = sorted(hits, key=lambda h: (-h[2], h[0] - h[1], -weight[h[3]]))
    taken: dict[int, tuple[int, int, int]] = {}
    kept: list[_Hit] = []
    for hit in ranked:
        first, last, size = hit[0], hit[1], hit[2]
        extent = (first, last, size)
        if any(taken.get(t, extent) != extent for t in range(first, last + 1)):
            continue
        for t in range(first, last + 1):
            taken[t] = extent
        kept.append(hit)
    return kept
