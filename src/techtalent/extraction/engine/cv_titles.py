"""The jobs a person held, read from the work-experience lines of a CV.

A CV names its writer's jobs on lines of their own: "2016 – heden: lasser bij X", "Lasser, Bedrijf B.V.
(2015–2019)", "Functie: procesoperator". The extractor finds occupations only where a whole ESCO label
stands in the text, and ESCO has "procesoperator <x>" compounds but no bare "procesoperator"; the job-title
normaliser (``titles``) does map such titles. This module finds those lines (inside the work-experience
section, or anywhere for a "Functie:" line), cuts the title out (before the company, "bij", comma or dash),
and turns the normaliser's best occupation into an offer with a calibrated confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from techtalent.core.text import fold
from techtalent.extraction.engine.titles import TitleMatch, TitleNormaliser

__all__ = [
    "TitleLine",
    "title_lines",
    "title_confidence",
    "first_tied",
    "generic_title",
    "cv_title_occupations",
    "merge_occupations",
    "offered_concepts",
    "schooling_spans",
    "heading_spans",
    "personal_spans",
]

_WORK = re.compile(
    r"(werk|beroeps|arbeids|relevante |professionele )?ervaring|arbeidsverleden|loopbaan|"
    r"werkgevers?|(work |professional |employment |relevant )?experience|employment( history)?|"
    r"career( history)?|work history"
)
_OTHER = re.compile(
    r"opleiding(en)?|scholing|onderwijs|education|training(en|s)?|cursussen|courses|vaardigheden|skills|"
    r"competenties|competences|certificat(en|es|ions)|diploma'?s|talen|languages|persoonlijk(e gegevens)?|"
    r"personal( details)?|profiel|profile|hobby'?s|interesses|interests|referenties|references|contact|"
    r"stages?|internships?|nevenactiviteiten|vrijwilligerswerk|volunteering|samenvatting|summary"
)
# Schooling: a job named here is a diploma or a course ("mbo-4 Procestechnicus", "Chauffeur goederenvervoer"),
# not a job the writer held.
_SCHOOL = re.compile(
    r"opleiding(en)?|scholing|onderwijs|education|training(en|s)?|cursussen|courses|"
    r"certificat(en|es|ions)|diploma'?s|rijbewijs(zen)?|(driving )?licen[cs]es?|qualifications?"
)
_SCHOOL_LINE = re.compile(r"^\s*(?:opleiding|diploma|education|scholing|cursus|course)\s*:", re.I)
_PARTS = re.compile(r"\s+(?:en|and|&)\s+|\s*[,/&]\s*")
_HEADING = re.compile(r"^[\s#*]*(?P<name>[a-z' ]{3,40}?)[\s:]*$")
_BULLET = re.compile(r"^\s*[•▪●◦·*>-]\s")
_MONTH = r"(?:jan|feb|mrt|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?\s+"  # "maart 2015"
_YEAR = rf"(?:(?:{_MONTH})?(?:\d{{1,2}}[-/.])?(?:19|20)\d\d)"
_UNTIL = r"(?:heden|nu|present|now|today|current|huidig|tot heden|to date|\.{2,3})"
_RANGE = rf"{_YEAR}\s*(?:[-–—/]|t/m|tot|to|until)\s*(?:{_YEAR}|{_UNTIL})|{_YEAR}"
_DATES_FIRST = re.compile(rf"^\s*(?P<dates>{_RANGE})\s*[:,.|–—-]?\s+(?P<rest>\S.*)$", re.I)
_DATES_LAST = re.compile(rf"^(?P<rest>.*?\S)\s*[,(|–—-]?\s*\(?(?P<dates>{_RANGE})\)?\s*\.?$", re.I)
_LABELLED = re.compile(
    r"^\s*(?:functie|functietitel|beroep|job ?title|position|role|function)\s*:\s*(?P<rest>\S.*)$", re.I
)
# The title ends where the employer or the place begins: "lasser bij X", "Lasser, Bedrijf", "X — Firma".
_CUT = re.compile(r"\s+(?:bij|at|@|voor|for|via)\s+|\s*[,;(|]\s*|\s+[-–—]\s+|\s*[–—]\s*")
_LEAD = re.compile(r"^(?:werkzaam als|gewerkt als|als|as|worked as|working as)\s+", re.I)
_CURRENT = re.compile(rf"[-–—/]\s*{_UNTIL}|t/m\s*{_UNTIL}|tot\s*{_UNTIL}", re.I)
_MAX_TITLE_WORDS = 7


@dataclass(frozen=True)
class TitleLine:
    """A job title read from a line of a CV: the line (as written), the title cut out of it, the line's
    character offset in the text, and whether the job is the current one ("– heden")."""

    line: str
    title: str
    start: int
    current: bool = False


def _section(line: str) -> str | None:
    """'work', 'school' or 'other' when the line is a section heading of a CV, else None. A heading of
    several names ("Cursussen en certificaten") is school when one of them is, other when all are known."""
    match = _HEADING.match(fold(line))
    if not match or len(match.group("name").split()) > 4:
        return None
    name = match.group("name").strip()
    if _WORK.fullmatch(name):
        return "work"
    parts = [p for p in _PARTS.split(name) if p]
    if any(_SCHOOL.fullmatch(p) for p in parts):
        return "school"
    if parts and all(_OTHER.fullmatch(p) or _WORK.fullmatch(p) for p in parts):
        return "other"
    return None


def schooling_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of a CV's schooling: from a schooling heading ("Opleiding", "Cursussen en
    certificaten", "Rijbewijzen") to the next heading, and single "Opleiding: ..." lines."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    offset = 0
    for raw in text.splitlines(keepends=True):
        here, offset = offset, offset + len(raw)
        heading = _section(raw.strip()) if raw.strip() else None
        if heading is not None:
            if start is not None:
                spans.append((start, here))
            start = here if heading == "school" else None
        elif start is None and _SCHOOL_LINE.match(raw):
            spans.append((here, offset))
    if start is not None:
        spans.append((start, offset))
    return spans


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of a CV's section headings ("Profiel", "Languages", "Werkervaring:"): a heading names
    a section, not something the writer can do ("Profile" is no skill "profile people", "Talen" no "modern
    languages"; the languages are on the lines below it)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        here, offset = offset, offset + len(raw)
        line = raw.strip()
        if line and _section(line) is not None:
            start = here + raw.index(line[0])
            spans.append((start, start + len(line)))
    return spans


# A CV's personal and contact details state who and where the writer is, not what they can do: a birth date
# ("Geboren: 14 maart 1981" is no job line, and "geboren" no drilling), an address with a Dutch postal code
# ("9301 AB Roden": "AB" is no able seaman), a phone number, an e-mail address, a nationality. A field is a
# part of a line between "·", "|", "•", ";", a tab, three spaces or a sentence end. A driving licence is a
# real qualification: a field ends where "rijbewijs" / "driving licence" begins.
_FIELD_BREAK = re.compile(r"\s*[·|•;\t]\s*|(?<=[^\W\d_]{4}[.!?])\s+|\s{3,}")  # not after "Tel." or "Geb."
_PERSONAL_LABEL = re.compile(
    r"^(?:\d{1,2} jaar,?\s+)?(?:naam|name|adres|address|woonadres|woonplaats|postcode|postal code|"
    r"telefoon(?:nummer)?|tel|mobiel|gsm|phone|mobile|e-?mail|linkedin|website|"
    r"geboren|geboortedatum|geboorteplaats|geb|date of birth|place of birth|born|"
    r"nationaliteit|nationality|burgerlijke staat|marital status|geslacht|gender|leeftijd|age|"
    r"woonachtig|wonende|wonend)\b",
    re.I,
)
_CONTACT = re.compile(
    r"(?<!\d)\d{4} ?[A-Z]{2}\b(?!-)|[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.|"
    r"(?<!\d)(?:\+31|0031|0)[ -]?(?:\d[ -]?){9}(?!\d)"
)
_PERIOD = re.compile(rf"{_YEAR}\s*(?:[-–—/]|t/m|tot)\s*(?:{_YEAR}|{_UNTIL})", re.I)
_LICENCE = re.compile(r"\b(?:rijbewijs|rijbewijzen|driving licen[cs]e|driver'?s licen[cs]e)", re.I)


def personal_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of a CV's personal and contact fields: those led by a personal label (birth date,
    address, nationality, phone, e-mail ...) or holding a postal code, phone number, e-mail address or web
    address; a field ends before a driving licence ("Geboren 1981, rijbewijs B")."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        at = line.start()
        period = bool(_PERIOD.search(line.group()))
        for field in _FIELD_BREAK.split(line.group()):
            start = text.find(field, at) if field else -1
            if start < 0:
                continue
            at = start + len(field)
            stripped = field.strip(" -–—:")
            if not stripped or not (
                _PERSONAL_LABEL.match(stripped) or (_CONTACT.search(field) and not period)
            ):
                continue  # a job line may name its employer's address: "2012 – heden: lasser, 9301 AB Roden"
            licence = _LICENCE.search(field)
            end = start + (licence.start() if licence else len(field))
            if end > start:
                spans.append((start, end))
    return spans


def _schooled(concept: Mapping[str, Any], text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """True when every mention of a concept lies in the schooling (its spans, else its sentence)."""
    places = [(int(a), int(b)) for a, b in concept.get("spans") or ()]
    if not places:
        sentence = str((concept.get("evidence") or {}).get("sentence", "")).strip()
        at = text.find(sentence) if sentence else -1
        if at < 0:
            return False
        places = [(at, at + len(sentence))]
    return all(any(a <= s and e <= b for a, b in spans) for s, e in places)


def _cut(rest: str) -> str:
    """The job title at the start of what follows the dates: up to the employer, place or dash."""
    title = _CUT.split(rest.strip(), maxsplit=1)[0]
    title = _LEAD.sub("", title.strip(" :.-–—")).strip(" :.-–—")
    words = title.split()
    if not words or len(words) > _MAX_TITLE_WORDS or not any(c.isalpha() for c in title):
        return ""
    return title


# "Monteur / lasser", "monteur/lasser": two jobs on one line (not "medewerker/ster", not "TIG/BMBE").
_TWO_TITLES = re.compile(
    r"\s+/\s+|(?<=[a-z]{3})/(?!(?:ster|sters|e|es|in|trice|euse|ice|a|v|m|x)\b)(?=[a-z]{4})"
)


def _titles(title: str) -> list[str]:
    """The titles a cut title names: "a / b" is two."""
    parts = [p.strip(" :.-–—") for p in _TWO_TITLES.split(title)]
    parts = [p for p in parts if p and any(c.isalpha() for c in p)]
    return parts if len(parts) > 1 else [title]


def title_lines(text: str) -> list[TitleLine]:
    """The job-title lines of a CV's work experience, in text order (one title per line, two for a line
    "monteur / lasser")."""
    out: list[TitleLine] = []
    section: str | None = None  # None: no heading seen yet (a CV may start with its jobs)
    personal = personal_spans(text)
    offset = 0
    for raw in text.splitlines(keepends=True):
        start, offset = offset, offset + len(raw)
        line = raw.strip()
        if not line:
            continue
        if any(a <= start + len(raw) - len(raw.lstrip()) < b for a, b in personal):
            continue  # a birth date or an address is no job line ("Geboren: 14 maart 1981")
        heading = _section(line)
        if heading is not None:
            section = heading
            continue
        labelled = _LABELLED.match(line)
        if labelled:
            title = _cut(labelled.group("rest"))
            for one in _titles(title) if title else ():
                out.append(TitleLine(line, one, start, bool(_CURRENT.search(line))))
            continue
        if section in ("other", "school") or _BULLET.match(raw):
            continue  # tasks under a job, or education, skills, courses
        found = _DATES_FIRST.match(line) or _DATES_LAST.match(line)
        if not found:
            continue
        title = _cut(found.group("rest"))
        for one in _titles(title) if title else ():
            out.append(TitleLine(line, one, start, bool(_CURRENT.search(found.group("dates")))))
    return out


# Top score of the normaliser → share of first suggestions that are right, on the MELO dev titles
# (/work/shared/data/dev/job-titles-nl/melo_bel_nl.jsonl) and the dev CVs' title lines; measured by
# `bench/matching_cv.py --calibrate`. Between the knots the confidence is interpolated linearly.
# MELO dev: right 0.23 below 0.6, 0.43 from 0.6 to 0.95, 0.62 from 0.95 to 1 (exclusive), 0.95 at 1.0.
CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.2),
    (0.6, 0.3),
    (0.95, 0.5),
    (0.9999, 0.7),
    (1.0, 0.95),
)
# A first suggestion that ties with the second (within TIE) below a score of 1 is right less often
# (MELO dev, 0.95–1: 0.39 tied, 0.68 not): its confidence is scaled by TIED.
TIE = 0.02
TIED = 0.6
# A one-word title that is a word of the labels of at least GENERIC occupations (TitleNormaliser.spread:
# "operator" 536, "monteur" 106, "medewerker" 313; "lasser" 3, "chauffeur" 19) names a kind of job, not one
# job: ESCO has "operator" as a label of one occupation (beverage filtration technician), of whose labels
# the bare word is the least telling. Such a reading gets the confidence of a tied reading (scaled by
# TIED), so it is offered unticked. 50 occupations: about 1.7 % of ESCO's; every one-word MELO dev title
# that the normaliser maps at ≥ 0.95 lies below 11 (right 0.84 of those), so the calibration is untouched.
GENERIC = 50


def title_confidence(score: float, calibration: Sequence[tuple[float, float]] = CALIBRATION) -> float:
    """How likely the normaliser's first suggestion at ``score`` is the job meant (piecewise linear)."""
    if score <= calibration[0][0]:
        return calibration[0][1]
    for (x0, y0), (x1, y1) in zip(calibration, calibration[1:], strict=False):
        if score <= x1:
            return round(y0 + (y1 - y0) * (score - x0) / (x1 - x0), 4)
    return calibration[-1][1]


def generic_title(title: str, normaliser: TitleNormaliser, lang: str) -> bool:
    """Whether ``title`` names a kind of job, not one job: its head (up to the employer, place, dash or
    bracket: "Operator (m/v) – Rotterdam" → "Operator") is one word of the labels of ``GENERIC``
    occupations or more."""
    head = _cut(title) or title
    return normaliser.spread(head, lang) >= GENERIC


def first_tied(matches: Sequence[TitleMatch]) -> bool:
    """Whether the normaliser's first suggestion ties with its second (within ``TIE``) below a score of 1."""
    return len(matches) > 1 and matches[0].score < 1.0 and matches[0].score - matches[1].score < TIE


def cv_title_occupations(
    text: str,
    normaliser: TitleNormaliser,
    *,
    lang: str = "nl",
    calibration: Sequence[tuple[float, float]] = CALIBRATION,
) -> list[dict[str, Any]]:
    """The best occupation of each job-title line of a CV: uri, kind "occupation", evidence (the line),
    score (calibrated confidence) and the title read; best per occupation, in text order."""
    best: dict[str, dict[str, Any]] = {}
    for found in title_lines(text):
        matches = normaliser.normalise(found.title, lang=lang, top=2)
        if not matches:
            continue
        confidence = title_confidence(matches[0].score, calibration)
        if first_tied(matches) or generic_title(found.title, normaliser, lang):
            confidence = round(confidence * TIED, 4)
        uri = matches[0].uri
        if confidence > best.get(uri, {}).get("score", -1.0):
            best[uri] = {
                "uri": uri,
                "kind": "occupation",
                "evidence": found.line[:500],
                "score": confidence,
                "title": found.title,
            }
    return list(best.values())


def merge_occupations(*groups: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Found concepts of several readers as one list, the best score per kind and URI (the first reader
    wins a tie), in order of first appearance."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for group in groups:
        for item in group:
            key = (str(item.get("kind", "skill")), str(item["uri"]))
            if key not in merged or float(item["score"]) > float(merged[key]["score"]):
                merged[key] = dict(item)
    return list(merged.values())


def offered_concepts(concepts: Iterable[Mapping[str, Any]], text: str | None = None) -> list[dict[str, Any]]:
    """What a CV review offers of an extraction's accepted concepts: the skills and occupations not negated,
    each as {uri, kind, evidence (its sentence, at most 500 characters), score}. Given the CV ``text``, an
    occupation named only in its schooling (``schooling_spans``: "mbo-4 Procestechnicus") is a diploma, not
    a job held, and is left out; skills learnt there stay."""
    spans = schooling_spans(text) if text else []
    found = []
    for c in concepts:
        evidence = c.get("evidence") or {}
        if c.get("kind") == "occupation" and spans and _schooled(c, text or "", spans):
            continue
        if c.get("kind") in ("skill", "occupation") and not evidence.get("negated"):
            found.append(
                {
                    "uri": c["uri"],
                    "kind": c["kind"],
                    "evidence": str(evidence.get("sentence", ""))[:500],
                    "score": c["score"],
                }
            )
    return found
