"""Text normalisation shared by search and extraction: case, diacritics, hyphens, tokens, stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
import Stemmer

__all__ = ["fold", "tokenize", "stem", "stem_tokens", "dutch_lemma", "own_participle", "STOPWORDS"]

# Tokens keep "+" and "#" so that C++ and C# stay themselves; dots inside tokens (".net", "node.js") too.
_TOKEN = re.compile(r"[a-z0-9]+(?:[.+#][a-z0-9+#]+)*[+#]*")
_STEMMERS = {"nl": "dutch", "en": "english"}

STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "de het een en of van voor in op met aan te bij door om uit tot als naar over onder zijn is die dat"
        " dit deze je jij u we wij ze zij hun ons onze".split()
    ),
    "en": frozenset(
        "the a an and or of for in on with at to by from as into about is are be this that these those"
        " your you we our their its".split()
    ),
}


def fold(text: str) -> str:
    """Lower-case and strip diacritics (café → cafe, coördinatie → coordinatie)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Split folded text into word tokens; hyphens, slashes and punctuation separate words."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS.get(lang, "english"))


def stem(token: str, lang: str) -> str:
    """Snowball stem of one folded token in ``lang`` (nl or en)."""
    return str(_stemmer(lang).stemWord(token))


def stem_tokens(tokens: list[str], lang: str) -> list[str]:
    """Snowball stems of folded tokens in ``lang``."""
    return list(_stemmer(lang).stemWords(tokens))


def dutch_lemma(token: str) -> str:
    """The Dutch dictionary form of a word (verhelpt → verhelpen, zaagt → zagen), else the word."""
    return (simplemma.lemmatize(token, lang="nl") or token).casefold()


@lru_cache(maxsize=10_000)
def own_participle(token: str, stemmed: str) -> bool:
    """False when Snowball's dropping of the prefix ge- reads ``token`` (stemmed as ``stemmed``) as another
    verb: the rest is a verb's infinitive of the same stem and the word is its own dictionary form, no form of
    that verb ("geboren" is born, not drilled: the participle of boren is geboord). "gelast", "gewerkt",
    "gelezen" and "gedragen" stay participles. One rule for search and extraction."""
    if not token.startswith("ge") or stemmed.startswith(token[:3]):
        return True
    rest = token[2:]
    if not (rest.endswith("en") and simplemma.is_known(rest, lang="nl") and dutch_lemma(rest) == rest):
        return True
    return stem(rest, "nl") != stemmed or dutch_lemma(token) != token
