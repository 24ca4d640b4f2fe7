"""Cheap language detection for the two languages the platform reads: Dutch and English."""

from __future__ import annotations

import re

__all__ = ["detect_language", "detect_from_words", "UnsupportedLanguage", "LANGUAGES", "resolve_language"]

LANGUAGES = ("nl", "en")
_WORD = re.compile(r"[a-zà-ÿ']+")
# Frequent function words that are not also frequent in the other language.
_MARKERS = {
    "nl": frozenset(
        "de het een en van voor op met aan te bij door om uit tot als naar over zijn is die dat dit deze je"
        " jij wij we ze zij ons onze jouw uw niet geen ook maar wordt worden hebt heeft hebben kun kunt"
        " bent ben"
        " ervaring kennis werken functie wat wie waar hoe goede binnen vanuit erg veel meer".split()
    ),
    "en": frozenset(
        "the a an and of for on with at to by from is are be this that these those you your we our their"
        " will have has not but also can who what where how experience knowledge work role team good within"
        " very more it they".split()
    ),
}
_SHARED = _MARKERS["nl"] & _MARKERS["en"]
_ONLY_NL, _ONLY_EN = _MARKERS["nl"] - _SHARED, _MARKERS["en"] - _SHARED


class UnsupportedLanguage(ValueError):
    """Raised for a language other than "auto", "nl" or "en"."""


def detect_language(text: str) -> str:
    """Guess whether ``text`` is Dutch ("nl") or English ("en") from function-word counts; ties give nl."""
    return detect_from_words(_WORD.findall(text[:20_000].lower()))


def detect_from_words(words: list[str]) -> str:
    """Like :func:`detect_language`, from lower-case words already split off."""
    sample = words[:3000]
    dutch = sum(map(_ONLY_NL.__contains__, sample))
    english = sum(map(_ONLY_EN.__contains__, sample))
    return "en" if english > dutch else "nl"


def resolve_language(lang: str, text: str, words: list[str] | None = None) -> str:
    """The language to read ``text`` in: ``lang`` itself, or the detected one for "auto"."""
    if lang == "auto":
        return detect_from_words(words) if words is not None else detect_language(text)
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(f"language must be auto, nl or en, not {lang!r}")
    return lang
