"""Dutch sentences as English word bags, for the dense path: the same index and fusion as English texts.

The English sentence model is not asked to read Dutch. Each Dutch word becomes the English words the
learned lexicon gives it (compounds split by the lexicon: onderhoudsmonteur → maintenance + mechanic),
in the order of the Dutch words; the curated glossary (``glossary.NL_EN``) comes first where it has the
word. Function words are dropped, the joints "en"/"of" and punctuation are kept (so the text splits into
the same fragments as an English one), and words the lexicon does not know are kept as written: names
and loanwords (SAP, PLC, MIG, CNC, software). Word order stays Dutch; a mean-pooled sentence encoder
barely cares, and "je verhelpt storingen" → "resolve malfunctions" reads as an English skill phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Protocol

import simplemma

from techtalent.core.text import STOPWORDS
from techtalent.extraction.engine.semantic import Calibration

__all__ = [
    "Translator",
    "english_words",
    "english_sentence",
    "TRANSLATE_TOP",
    "TRANSLATE_SHARE",
    "TRANSLATED_CALIBRATION",
]

TRANSLATE_TOP = 2  # English words kept per Dutch word
TRANSLATE_SHARE = 0.5  # a runner-up word is kept when its weight is at least this share of the best
# A translated word bag carries stray words that make wrong labels look similar, so its similarities get a
# flatter ramp onto the same score scale (0 at 0.5, the cap at 1.0 instead of 0.9): a score, and the
# acceptance threshold, then mean about the same precision in both languages. Chosen by a grid over
# low 0.4–0.6 × high 0.8–1.0 on the dev halves of vacancies_nl and extraction_nl (docs/extraction.md).
TRANSLATED_CALIBRATION = Calibration(low=0.5, high=1.0, cap=0.6)
_TOKEN = re.compile(r"[\w][\w'+#]*|[,;:()•·]", re.UNICODE)  # hyphens and slashes split: VCA-diploma
_JOINTS = {"en": "and", "of": "or", "zowel": "", "als": ""}
# Pronouns and auxiliary verbs of vacancy prose carry no skill ("je bent", "je hebt", "wij zoeken").
_FILLER = frozenset(
    "je jij jou jouw u uw wij we ons onze zij ze hij zij ik mijn bent ben is zijn hebt heb heeft hebben "
    "wordt worden word kunt kan kunnen wilt wil willen gaat ga gaan zal zult zullen moet moeten mag "
    "daarnaast verder ook graag bij ons wie wat waar".split()
)


class Translator(Protocol):
    """A learned Dutch→English word lexicon (the derivation engine's ``TranslationLexicon``)."""

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]: ...


@lru_cache(maxsize=50_000)
def _lemma(token: str) -> str:
    """The Dutch dictionary form of a word (verhelpt → verhelpen, zaagt → zagen), else the word."""
    lemma = simplemma.lemmatize(token, lang="nl")
    return lemma.casefold() if lemma else token


def english_words(
    translator: Translator,
    token: str,
    glossary: Mapping[str, str] | None = None,
    *,
    top: int | None = None,
    share: float | None = None,
) -> list[str]:
    """The English words for one Dutch word (or its lemma): the glossary's, else the lexicon's best and a
    close runner-up; the word itself when neither knows it."""
    lemma = _lemma(token)
    forms = (token, lemma) if lemma != token else (token,)
    for form in forms:
        if glossary and form in glossary:
            return [glossary[form]]
    bag: dict[str, float] = {}
    for form in reversed(forms):  # the lemma first: the lexicon learned dictionary forms best
        bag = translator.to_english([form])
        if bag:
            break
    if not bag:
        return [token]
    ranked = sorted(bag.items(), key=lambda item: (-item[1], item[0]))
    best, top, share = ranked[0][1], top or TRANSLATE_TOP, TRANSLATE_SHARE if share is None else share
    return [word for word, weight in ranked[:top] if weight >= share * best]


_PARTICLES = ("uit", "aan", "op", "af", "mee", "door", "over", "bij", "in", "na", "om", "terug", "voor")


def _separable(raws: list[str], glossary: Mapping[str, str]) -> dict[int, str]:
    """Separable verbs split over the clause ("je voert onderhoud uit" → uitvoeren → "perform"): the
    position of the verb → its English, when the glossary knows particle + infinitive."""
    found: dict[int, str] = {}
    clause_start = 0
    for at, raw in enumerate(raws):
        token = raw.casefold()
        if not token[0].isalnum() or token in _JOINTS:
            clause_start = at + 1
            continue
        if token not in _PARTICLES or at == clause_start:
            continue
        for verb_at in range(clause_start, at):
            word = raws[verb_at].casefold()
            english = glossary.get(token + _lemma(word)) if word[0].isalnum() else None
            if english and verb_at not in found:
                found[verb_at] = english
                break
    return found


def english_sentence(
    translator: Translator,
    text: str,
    glossary: Mapping[str, str] | None = None,
    *,
    top: int | None = None,
    share: float | None = None,
) -> str:
    """A Dutch sentence as an English word bag in Dutch word order ('' when nothing is left)."""
    stop = STOPWORDS["nl"] | _FILLER
    out: list[str] = []
    raws = _TOKEN.findall(text)
    verbs = _separable(raws, glossary or {})
    for at, raw in enumerate(raws):
        token = raw.casefold()
        if at in verbs:
            out.append(verbs[at])
            continue
        if token in _JOINTS:
            if _JOINTS[token]:
                out.append(_JOINTS[token])
            continue
        if not token[0].isalnum():
            out.append(token)
            continue
        if token in stop or token.isdigit():
            continue
        if raw.isupper() and len(raw) <= 5:  # acronyms: VCA, PLC, MIG, SAP
            out.append(raw)
            continue
        words = english_words(translator, token, glossary, top=top, share=share)
        out.extend(w for w in words if w)
    sentence = " ".join(out)
    sentence = re.sub(r"\s+([,;:)])", r"\1", sentence).strip(" ,;:")
    return sentence if any(ch.isalnum() for ch in sentence) else ""
