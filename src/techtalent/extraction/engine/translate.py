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

__all__ = ["Translator", "english_words", "english_sentence", "TRANSLATE_TOP", "TRANSLATE_SHARE"]

TRANSLATE_TOP = 2  # English words kept per Dutch word
TRANSLATE_SHARE = 0.5  # a runner-up word is kept when its weight is at least this share of the best
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
    top: int = TRANSLATE_TOP,
    share: float = TRANSLATE_SHARE,
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
    best = ranked[0][1]
    return [word for word, weight in ranked[:top] if weight >= share * best]


def english_sentence(
    translator: Translator,
    text: str,
    glossary: Mapping[str, str] | None = None,
    *,
    top: int = TRANSLATE_TOP,
    share: float = TRANSLATE_SHARE,
) -> str:
    """A Dutch sentence as an English word bag in Dutch word order ('' when nothing is left)."""
    stop = STOPWORDS["nl"] | _FILLER
    out: list[str] = []
    for raw in _TOKEN.findall(text):
        token = raw.casefold()
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
