"""Job titles → ESCO occupations: clean the title, search occupation labels, prefer the head noun.

Vacancy titles carry noise that no occupation label has: gender markers ("(m/v/x)", "medewerker/ster"),
seniority ("Sr.", "medior"), hours ("32-40 uur"), places and "vacature". After cleaning, the taxonomy's
label search (tolerant to inflection and typos) ranks occupations for the title and for each of its
alternatives ("monteur/technicus"); labels that contain the head noun of the title rank higher. That
score is blended with the best character n-gram cosine to an occupation label of the title's language
(``ngrams``), which catches compounds and spelling variants the word search misses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from techtalent.core.text import fold, stem, tokenize
from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.extraction.engine.ngrams import CharNgramIndex
from techtalent.taxonomy.engine.search import ConceptRecord, SearchIndex

__all__ = ["TitleNormaliser", "TitleMatch", "clean_title"]

_GENDER = re.compile(r"\(?\b[mvhfwxd](?:\s*/\s*[mvhfwxd]){1,3}\b\)?|\((?:st)?er\)|\((?:v|m|x)\)", re.I)
_SUFFIX_SLASH = re.compile(r"\b(\w{3,})\s*/\s*-?(ster|sters|e|es|in|ster|trice|euse|ice|a)\b")
_HOURS = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:-|–|tot|to)?\s*\d*\s*(?:uur|u|hours|hrs|h|fte|uren)\b(?:\s*(?:per|p/w|/)\s*w(?:eek|k)?)?"
)
_PARENS = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")
_PLACE = re.compile(r"\s(?:in|te|bij|regio|omgeving|at)\s+[A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*)*\s*$")
_SEGMENTS = re.compile(r"\s+[-–—|•]\s+|\s*[|•,]\s*")
_NOISE = frozenset(
    """
    sr sr. senior jr jr. junior medior lead ervaren startende beginnend allround zelfstandig zelfstandige
    enthousiaste enthousiast gedreven fulltime parttime full part time vacature vacatures gezocht zoeken
    gevraagd hiring urgent direct per week fte uur uren zzp freelance freelancer interim tijdelijk vast
    contract remote hybride hybrid thuiswerken m v x nieuw new wanted hbo mbo wo ploegendienst
    2-ploegendienst 3-ploegendienst dagdienst avonddienst eerste tweede
    """.split()
)
_ABBREVIATIONS = {
    "mdw": "medewerker",
    "medew": "medewerker",
    "mw": "medewerker",
    "ass": "assistent",
    "adm": "administratief",
    "tech": "technisch",
    "mgr": "manager",
    "eng": "engineer",
    "dev": "developer",
    "ict'er": "ict-specialist",
    "it'er": "ict-specialist",
    "vakman": "vakman",
    "bhv'er": "bhv",
    "hr": "hr",
    "td": "technische dienst",
}
# Dutch titles whose first word is the head: "medewerker klantenservice", "hoofd onderhoud".
_HEAD_FIRST = frozenset(
    """
    medewerker medewerkster manager hoofd adviseur coordinator specialist consultant beheerder leider
    assistent directeur officer teamleider projectleider docent leraar monteur technicus
    """.split()
)


_NO_HEAD = 0.8  # a label without the title's head noun ("officier technische dienst" for a monteur)
_HEAD_ONLY = 0.5  # searching the head noun alone ("monteur") is a fallback, not an answer
SEARCH_SHARE = 0.5  # weight of the word search in the blend; the rest is the character n-gram cosine


@dataclass(frozen=True)
class TitleMatch:
    """An occupation a job title may stand for, with the occupation's label and a score in [0, 1]."""

    uri: str
    label: str
    score: float
    matched_label: str = ""


def clean_title(title: str) -> list[str]:
    """The searchable forms of a job title, most likely first (noise, gender and seniority removed)."""
    text = " ".join(title.split())
    text = _GENDER.sub(" ", text)
    text = _SUFFIX_SLASH.sub(r"\1", text)
    text = _HOURS.sub(" ", text)
    text = _PARENS.sub(" ", text)  # "(hbo)", "(AutoCAD/Inventor)", "(32-40 uur)": rarely part of the title
    text = _PLACE.sub("", text)
    forms: list[str] = []
    segments = [s for s in _SEGMENTS.split(text) if s.strip()]
    for segment in [*segments[:1], text, *segments[1:]]:
        words = []
        for word in segment.split():
            key = fold(word).strip(".:;,!?'\"")
            if key in _NOISE or not key or key.isdigit():
                continue
            words.append(_ABBREVIATIONS.get(key.rstrip("."), word))
        cleaned = " ".join(words).strip(" -/")
        if cleaned:
            for alternative in _alternatives(cleaned):
                if alternative not in forms:
                    forms.append(alternative)
    return forms or [title.strip()]


def _alternatives(text: str) -> list[str]:
    """A title, and when it offers "a/b" or "a of b", each alternative on its own."""
    out = [" ".join(text.replace("/", " ").split())]
    match = re.search(r"(\S+)\s*/\s*(\S+)|(\S+)\s+of\s+(\S+)", text)
    if match:
        a, b = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        for pick in (a, b):
            out.append(" ".join((text[: match.start()] + pick + text[match.end() :]).split()))
    return out


def _compact(text: str) -> str:
    """A label or title without case, accents, spaces and hyphens, to compare spellings."""
    return re.sub(r"[\s\-‐–]+", "", fold(text))


def head_noun(text: str) -> str:
    """The word a Dutch or English job title is about (last word, or the first of "hoofd onderhoud")."""
    words = text.split()
    while len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 7:
        words.pop()  # a trailing abbreviation qualifies the title: "lasser MIG/MAG", "monteur PLC"
    tokens = tokenize(" ".join(words))
    if not tokens:
        return ""
    if len(tokens) > 1 and tokens[0] in _HEAD_FIRST:
        return tokens[0]
    if tokens[-1] in {"of", "van"} or (len(tokens) > 2 and tokens[-2] in {"of", "van", "voor"}):
        return tokens[0]
    return tokens[-1]


class TitleNormaliser:
    """Maps job titles to occupations with the taxonomy's label search."""

    def __init__(self, lexicon_or_index: Lexicon | SearchIndex, *, search_share: float = SEARCH_SHARE):
        self._split: Callable[[str], tuple[str, ...]] = lambda token: (token,)
        self._labels: list[tuple[str, str, str]] = []
        if isinstance(lexicon_or_index, Lexicon):
            occupations = [c for c in lexicon_or_index.concepts if c.kind == "occupation"]
            titles = lexicon_or_index.titles
            self.index = SearchIndex(occupations, titles)
            self._split = lexicon_or_index.canon.split
            self._labels = [(t.uri, t.lang, t.text) for t in titles]
        else:
            self.index = lexicon_or_index
        self.search_share = search_share
        self._concept: dict[str, ConceptRecord] = {c.uri: c for c in self.index.concepts}
        self._ngrams: dict[str, tuple[CharNgramIndex, list[str]] | None] = {}
        self._spelled: dict[str, dict[str, set[str]]] = {}
        self._spread: dict[str, dict[str, int]] = {}

    def spread(self, word: str, lang: str) -> int:
        """How many occupations have a label (of ``lang`` or English) with ``word`` as one of its words: a
        generic head word ("operator", "monteur", "medewerker") is in hundreds of labels, a specific one
        ("lasser", "metselaar") in a few. 0 for a normaliser built on a bare search index."""
        if lang not in self._spread:
            holders: dict[str, set[str]] = {}
            for uri, label_lang, text in self._labels:
                if label_lang in (lang, "en"):
                    for token in set(tokenize(text)):
                        holders.setdefault(token, set()).add(uri)
            self._spread[lang] = {token: len(uris) for token, uris in holders.items()}
        tokens = tokenize(word)
        return self._spread[lang].get(tokens[0], 0) if len(tokens) == 1 else 0

    def spelled_as(self, form: str, lang: str) -> set[str]:
        """Occupations with a label (of ``lang`` or English) that is ``form`` up to case, spaces and
        hyphens: "Proces-operator", "proces operator" and "procesoperator" are one label."""
        if lang not in self._spelled:
            keys: dict[str, set[str]] = {}
            for uri, label_lang, text in self._labels:
                if label_lang in (lang, "en"):
                    keys.setdefault(_compact(text), set()).add(uri)
            self._spelled[lang] = keys
        return self._spelled[lang].get(_compact(form), set())

    def ngram_index(self, lang: str) -> tuple[CharNgramIndex, list[str]] | None:
        """The character n-gram index of the occupation labels in ``lang`` and English (built on first use).

        English labels count for Dutch titles too: ads keep English job names ("Software Developer").
        """
        if lang not in self._ngrams:
            langs = {lang, "en"}
            uris = sorted({uri for uri, label_lang, _ in self._labels if label_lang in langs})
            position = {uri: i for i, uri in enumerate(uris)}
            rows = [(position[uri], text) for uri, label_lang, text in self._labels if label_lang in langs]
            rows.sort()
            self._ngrams[lang] = (
                (CharNgramIndex([t for _, t in rows], [p for p, _ in rows]), uris) if rows else None
            )
        return self._ngrams[lang]

    def normalise(self, title: str, *, lang: str = "nl", top: int = 10) -> list[TitleMatch]:
        """Rank occupations for a job title, best first."""
        return list(self._normalise(title, lang, top))

    @lru_cache(maxsize=4096)  # noqa: B019 - one normaliser per taxonomy version, kept for the process
    def _normalise(self, title: str, lang: str, top: int) -> tuple[TitleMatch, ...]:
        forms = clean_title(title)
        head = head_noun(forms[0])
        head_stems = {s for s in (stem(head, "nl"), stem(head, "en")) if len(s) >= 3} if head else set()
        searches = [(form, 1.0 if rank == 0 else 0.97) for rank, form in enumerate(forms[:6])]
        split = " ".join(part for token in tokenize(forms[0]) for part in self._split(token))
        if split != " ".join(tokenize(forms[0])):
            searches.append((split, 0.95))  # "storingsmonteur werktuigbouw" → "storing monteur werktuigbouw"
        if head and len(tokenize(forms[0])) > 1:
            searches.append((head, _HEAD_ONLY))
        best: dict[str, tuple[float, str]] = {}
        for form, factor in searches:
            hits = self.index.search(
                form, lang=lang, limit=max(top * 3, 30), kind="occupation", complete=True
            )
            for hit in hits:
                label = fold(hit.matched_label)
                score = hit.score * factor
                if head_stems and not any(s in label for s in head_stems):
                    score *= _NO_HEAD
                if score > best.get(hit.uri, (0.0, ""))[0]:
                    best[hit.uri] = (score, hit.matched_label)
        best = self._blend(best, forms[0], lang, max(top * 3, 30))
        for form, factor in searches[:2]:  # a spelling variant of one occupation's label is that label
            spelled = self.spelled_as(form, lang)
            for uri in spelled if len(spelled) == 1 else ():
                if factor > best.get(uri, (0.0, ""))[0]:
                    best[uri] = (factor, form)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:top]
        return tuple(
            TitleMatch(uri, self.index.display_label(uri, lang)[0], round(min(1.0, score), 4), matched)
            for uri, (score, matched) in ranked
        )

    def _blend(
        self, found: dict[str, tuple[float, str]], form: str, lang: str, limit: int
    ) -> dict[str, tuple[float, str]]:
        """Word-search scores blended with the character n-gram cosine of the cleaned title."""
        built = self.ngram_index(lang)
        if built is None:
            return found
        index, uris = built
        grams = {uris[c]: cosine for c, cosine in index.search(form, top=limit)}
        share = self.search_share
        return {
            uri: (
                share * found.get(uri, (0.0, ""))[0] + (1 - share) * grams.get(uri, 0.0),
                found.get(uri, (0.0, ""))[1],
            )
            for uri in found.keys() | grams.keys()
        }


def normalise_many(
    normaliser: TitleNormaliser, titles: Sequence[str], *, lang: str = "nl"
) -> list[TitleMatch | None]:
    """The best occupation for each title, or None."""
    out: list[TitleMatch | None] = []
    for title in titles:
        matches = normaliser.normalise(title, lang=lang, top=1)
        out.append(matches[0] if matches else None)
    return out
