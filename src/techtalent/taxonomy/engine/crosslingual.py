"""Cross-lingual query expansion: a Dutch query word stands for the English words a learned lexicon gives it.

The lexicon is any object with ``to_english(tokens) -> {word: weight}`` (weights in (0, 1]), such as the
derivation engine's ``TranslationLexicon``. A translated match is worth less than a matched Dutch word, so
official Dutch labels and exact matches stay ahead of labels reached only through translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from techtalent.core.text import STOPWORDS, stem, tokenize

__all__ = [
    "Lexicon",
    "Phrase",
    "TRANSLATED",
    "acronym_phrases",
    "cognates",
    "cognate_phrases",
    "context_senses",
    "translated_phrases",
    "translated_terms",
]

TRANSLATED = 0.72  # the quality of a match through translation (exact 1.0, inflected 0.9, typo 0.75)
_MIN_WEIGHT = 0.15
# An English word also stands for its base without a derivational ending (picker → pick, roofer → roof,
# sewerage → sewer), so "orderpicken" (→ order picker) reaches "pick orders"; such a match is trusted a little
# less. The base has at least this many letters (fix of fixing; drain of drainage, not man of manage).
_DERIVATIONAL = {"er": 3, "ers": 3, "or": 3, "ing": 3, "age": 4}
_DERIVED_MATCH = 0.9
COGNATE = 0.85  # an unknown Dutch word spelled the English way (laminaat → laminate), relative to TRANSLATED
# Regular spelling correspondences of Dutch and English loan words: endings, then c for k (elektro → electro).
_COGNATE_ENDINGS = (
    ("isatie", "isation"),
    ("atie", "ation"),
    ("aties", "ations"),
    ("ering", "ation"),
    ("ische", "ic"),
    ("ische", "ical"),
    ("isch", "ic"),
    ("isch", "ical"),
    ("iteit", "ity"),
    ("ologie", "ology"),
    ("isme", "ism"),
    ("ieken", "ics"),
    ("iek", "ic"),
    ("iek", "ics"),
    ("ieve", "ive"),
    ("ief", "ive"),
    ("aten", "ates"),
    ("aat", "ate"),
    ("eren", "e"),
    ("eren", "ate"),
    ("eren", ""),
    ("aire", "ary"),
    ("air", "ary"),
    ("eur", "or"),
    ("eur", "er"),
    ("uur", "ure"),
    ("ie", "y"),
    ("", ""),
)
COMPOUND = 0.9  # a rare Dutch compound as the translations of its parts, relative to TRANSLATED
_PART_OPTIONS = 3
_SELDOM, _SELDOM_WORD = 2, 0.6  # a compound seen this often at most: its single aligned words × this
# A weaker sense of a word, below the bag's cut-off (reviseren → overhaul behind revise), still counts in a
# label that another query word matches ("motoren reviseren" → "overhaul engines"): the query's other words
# choose the sense. Senses among the first few, at least this share of the best one, one English word each.
_CONTEXT_SENSES, _CONTEXT_FROM = 8, 0.05
# A word ESCO's Dutch text never writes also stands for its base's translations (behangen → behang), × this.
_BASE_ENDINGS = ("en", "n", "s", "e")
_MIN_BASE, _BASE_SHARE = 4, 0.9
ACRONYM = 0.9  # an acronym the taxonomy's text spells out ("tig" → "tungsten inert gas"), in either language


class Lexicon(Protocol):
    """A learned word lexicon from Dutch to English."""

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]: ...


def translated_terms(lexicon: Lexicon | None, token: str, terms: Mapping[str, int]) -> dict[int, float]:
    """Index terms (English stems) that ``token`` translates to, each with the quality of that match."""
    found: dict[int, float] = {}
    for alternatives, quality in translated_phrases(lexicon, token, terms):
        share = quality / max(1, len(alternatives)) ** 0.5
        for word in alternatives:
            for term, value in word:
                found[term] = max(found.get(term, 0.0), value * share)
    return found


Phrase = tuple[tuple[tuple[int, float], ...], ...]  # per English word: (index term, relative quality) options


def translated_phrases(
    lexicon: Lexicon | None, token: str, terms: Mapping[str, int]
) -> list[tuple[Phrase, float]]:
    """The English phrases ``token`` translates to, as index terms per word, each with its match quality.

    A label matches a phrase ("stopcontact" → "electric socket") fully only when it has all its words.
    """
    if lexicon is None or token in STOPWORDS["nl"]:
        return []
    bag = _with_ties(lexicon, token, lexicon.to_english([token]))
    bag = _with_base(lexicon, token, bag)
    compound = compound_phrase(lexicon, token, terms)
    if not bag:
        return compound or cognate_phrases(token, terms)
    best = max(bag.values())
    out: list[tuple[Phrase, float]] = []
    # A compound seen once or twice has nothing to tell its translation from a word of the same sentence
    # (koeltechniek → conditioning): its single aligned words count less than the phrase of its parts.
    seldom = bool(compound) and getattr(lexicon, "counts_nl", {}).get(token, 0) <= _SELDOM
    for phrase, weight in bag.items():
        share = weight / best
        if share < _MIN_WEIGHT:
            continue
        if seldom and " " not in phrase.strip():
            share *= _SELDOM_WORD
        words = []
        for word in (w for w in tokenize(phrase) if w not in STOPWORDS["en"]):
            options = [(terms.get(stem(word, "en")), 1.0), (_derivational_term(word, terms), _DERIVED_MATCH)]
            words.append(tuple((term, value) for term, value in options if term is not None))
        if any(words):
            out.append((tuple(words), TRANSLATED * share))
    return out + compound


def _with_ties(lexicon: Lexicon, token: str, bag: dict[str, float]) -> dict[str, float]:
    """The bag with the translations as likely as its last one (plaat → plate, disc, image, and the equally
    likely sheet): which of equals the bag's cut-off keeps says nothing about them."""
    candidates = getattr(lexicon, "english_candidates", None)
    if candidates is None or not bag:
        return bag
    found = candidates(token)
    if len(found) <= len(bag) or not found[0][1]:
        return bag
    best, last = found[0][1], min(prob for word, prob in found if word in bag)
    extra = {word: round(prob / best, 4) for word, prob in found if prob >= last and word not in bag}
    return {**bag, **extra}


def _with_base(lexicon: Lexicon, token: str, bag: dict[str, float]) -> dict[str, float]:
    """For a word ESCO's Dutch text never writes (its translations come from the dictionary only), also the
    translations of the word it inflects (behangen → behang → wallpaper, beside the dictionary's paper), at
    :data:`_BASE_SHARE` of their weight: the taxonomy's own words say what its readers mean."""
    counts = getattr(lexicon, "counts_nl", None)
    if not bag or counts is None or counts.get(token, 0):
        return bag
    for ending in _BASE_ENDINGS:
        base = token[: -len(ending)]
        if token.endswith(ending) and len(base) >= _MIN_BASE and (found := lexicon.to_english([base])):
            merged = dict(bag)
            for word, weight in found.items():
                merged[word] = max(merged.get(word, 0.0), round(weight * _BASE_SHARE, 4))
            return merged
    return bag


def _derivational_term(word: str, terms: Mapping[str, int]) -> int | None:
    """The index term of ``word`` without a derivational ending, when there is one."""
    for ending, shortest in _DERIVATIONAL.items():
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= shortest:
            for candidate in (base, base + "e"):
                if (term := terms.get(stem(candidate, "en"))) is not None:
                    return term
    return None


def acronym_phrases(
    lexicon: Lexicon | None, token: str, terms: Mapping[str, int]
) -> list[tuple[Phrase, float]]:
    """The English phrase an acronym stands for (``tig`` → "tungsten inert gas") as index terms per word,
    when the lexicon learned it; its words the index lacks are left out."""
    expand = getattr(lexicon, "expand_acronym", None)
    expansion = expand(token) if expand is not None else None
    if not isinstance(expansion, str):
        return []
    words = tuple(
        ((term, 1.0),)
        for word in tokenize(expansion)
        if word not in STOPWORDS["en"] and (term := terms.get(stem(word, "en"))) is not None
    )
    return [(words, ACRONYM)] if words else []


def cognates(token: str) -> list[str]:
    """English spellings of a Dutch loan word by regular correspondences (laminaat → laminate, elektronisch
    → electronic, kalibreren → calibrate), longest matching ending first; the word itself excluded."""
    out: list[str] = []
    for dutch, english in _COGNATE_ENDINGS:
        if not token.endswith(dutch) or len(token) - len(dutch) < 3:
            continue
        base = token[: len(token) - len(dutch)] + english
        for candidate in (base, base.replace("k", "c")):
            if candidate != token and candidate not in out:
                out.append(candidate)
    return out


def cognate_phrases(token: str, terms: Mapping[str, int]) -> list[tuple[Phrase, float]]:
    """For a Dutch word the lexicon does not know, the English index words it is a cognate of, each a
    one-word phrase at the quality of a translation scaled by :data:`COGNATE`."""
    if len(token) < 5:
        return []
    found: list[tuple[Phrase, float]] = []
    seen: set[int] = set()
    for candidate in cognates(token):
        term = terms.get(stem(candidate, "en"))
        if term is not None and term not in seen:
            seen.add(term)
            found.append(((((term, 1.0),),), TRANSLATED * COGNATE))
    return found[:3]


def compound_phrase(lexicon: Lexicon, token: str, terms: Mapping[str, int]) -> list[tuple[Phrase, float]]:
    """A Dutch compound the corpus seldom shows whole (koeltechniek, loodgieterswerk) as a phrase of its
    parts' English translations, one word per part with the part's best few renderings as options."""
    parts_of = getattr(lexicon, "compound_parts", None)
    candidates = getattr(lexicon, "english_candidates", None)
    if parts_of is None or candidates is None:
        return []
    parts = parts_of(token)
    if len(parts) < 2:
        return []
    words = []
    for part in parts:
        options: dict[int, float] = {}
        found = candidates(part)[:_PART_OPTIONS]
        best = found[0][1] if found else 1.0
        for english, prob in found:
            content = [w for w in tokenize(english) if w not in STOPWORDS["en"]]
            if len(content) != 1:
                continue
            for term, value in (
                (terms.get(stem(content[0], "en")), 1.0),
                (_derivational_term(content[0], terms), _DERIVED_MATCH),
            ):
                if term is not None:
                    options[term] = max(options.get(term, 0.0), value * prob / best)
        words.append(tuple(options.items()))
    return [(tuple(words), TRANSLATED * COMPOUND)] if any(words) else []


def context_senses(lexicon: Lexicon | None, token: str, terms: Mapping[str, int]) -> dict[int, float]:
    """The index terms of the weaker one-word senses of ``token`` that its translation bag leaves out,
    each with its share of the best sense's probability (for choosing senses by the other query words)."""
    candidates = getattr(lexicon, "english_candidates", None)
    if lexicon is None or candidates is None or token in STOPWORDS["nl"]:
        return {}
    found = candidates(token)[:_CONTEXT_SENSES]
    if not found or not found[0][1]:
        return {}
    bag = lexicon.to_english([token])
    best = found[0][1]
    out: dict[int, float] = {}
    for english, prob in found:
        share = prob / best
        content = [w for w in tokenize(english) if w not in STOPWORDS["en"]]
        if english in bag or share < _CONTEXT_FROM or len(content) != 1:
            continue
        for term in (terms.get(stem(content[0], "en")), _derivational_term(content[0], terms)):
            if term is not None:
                out[term] = max(out.get(term, 0.0), share)
    return out
