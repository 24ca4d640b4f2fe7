"""Cheap language detection for the two languages the platform reads (Dutch, English) and two it refuses.

Function words decide between Dutch and English. German and French texts have function words of their
own; when those outnumber the Dutch and English ones, simplemma's detector (loaded only then) confirms
the language and the text is refused with :class:`ForeignLanguage` instead of being read as Dutch.
"""

from __future__ import annotations

import re

__all__ = [
    "detect_language",
    "detect_from_words",
    "UnsupportedLanguage",
    "ForeignLanguage",
    "LANGUAGES",
    "resolve_language",
    "foreign_language",
]

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
# Words frequent in German or French and rare in Dutch and English texts.
_FOREIGN = {
    "de": frozenset(
        "der das und ist nicht mit für wir sie ein eine einen zu von dem den sich auch auf sind oder"
        " ihre ihr unsere unser werden wird haben bei nach über können sowie im zum zur".split()
    ),
    "fr": frozenset(
        "le la les et est une des du pour avec nous vous dans sur pas que qui au aux sont votre notre"
        " vos nos être avoir ou cette ces leur très".split()
    ),
}
LANGUAGE_NAMES = {"de": "German", "fr": "French"}


class UnsupportedLanguage(ValueError):
    """Raised for a language other than "auto", "nl" or "en"."""


class ForeignLanguage(UnsupportedLanguage):
    """Raised for a text in a language techtalent does not read (German, French)."""

    def __init__(self, lang: str):
        self.lang = lang
        super().__init__(
            f"the text looks {LANGUAGE_NAMES.get(lang, lang)} ({lang}); techtalent reads Dutch and English"
        )


def foreign_language(text: str, words: list[str] | None = None) -> str | None:
    """ "de" or "fr" when ``text`` is German or French (function words, confirmed by simplemma), else None."""
    sample = (words if words is not None else _WORD.findall(text[:20_000].lower()))[:3000]
    ours = sum(map(_ONLY_NL.__contains__, sample)) + sum(map(_ONLY_EN.__contains__, sample))
    counts = {lang: sum(map(markers.__contains__, sample)) for lang, markers in _FOREIGN.items()}
    lang, count = max(counts.items(), key=lambda item: item[1])
    if count < 3 or count <= ours:
        return None
    import simplemma

    guess = simplemma.langdetect(text[:2000], lang=("nl", "en", "de", "fr"))
    return lang if guess and guess[0][0] == lang else None


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
    """The language to read ``text`` in: ``lang`` itself, or the detected one for "auto".

    Raises :class:`ForeignLanguage` for a German or French text, whatever ``lang`` says.
    """
    if lang not in LANGUAGES and lang != "auto":
        raise UnsupportedLanguage(f"language must be auto, nl or en, not {lang!r}")
    foreign = foreign_language(text, words)
    if foreign is not None:
        raise ForeignLanguage(foreign)
    if lang == "auto":
        return detect_from_words(words) if words is not None else detect_language(text)
    return lang
