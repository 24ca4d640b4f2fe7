"""What the CV page offers for a CV: skills and occupations found, with the jobs held ticked by where they are
named (engine/cvjobs.py). One function for the page (``services.cv_found``) and bench/matching_cv.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from techtalent.extraction.engine.cv_titles import (
    GENERIC,
    TIE,
    TIED,
    cv_title_occupations,
    heading_spans,
    merge_occupations,
    offered_concepts,
    personal_spans,
    schooling_spans,
    title_confidence,
    title_lines,
)
from techtalent.extraction.engine.titles import TitleNormaliser
from techtalent.matching.engine.cvjobs import JobLine, held_jobs
from techtalent.matching.engine.titles import competing_readings

__all__ = ["CV_RANKED", "CV_SKILL_FLOOR", "cv_offers", "job_lines", "name_spans", "near_skills"]

# Skills of a CV offered (ticked) from the extractor's ranking below its acceptance threshold
# (``extractor.MIN_SCORE`` 0.4, calibrated on vacancies): a CV names what its writer did in a few short task
# lines ("- Plaatsen en aansluiten van cv-ketels en warmtepompen."), and the skills read from them score
# 0.3–0.4 ("install heat pump" 0.33, "perform tungsten inert gas welding" 0.33, "operate forklift" 0.35).
# With only the accepted skills a Dutch CV yields about four and one stray one steers the ranking. Chosen on
# the dev halves of the three CV persona sets (bench/matching_cv.py; docs/matching.md, session 9): floor
# 0.35 / 0.3 / 0.25 gave all-dev skills+titles MRR 0.651 / 0.703 / 0.685 (0.655 without). The CV page asks
# the extractor for its best ``CV_RANKED`` concepts, which hold every skill above the floor of a CV.
CV_SKILL_FLOOR = 0.3
CV_RANKED = 40

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_BULLET = re.compile(r"^\s*[•▪●◦·*>-]\s")
# A heading: a short line of words without digits or sentence punctuation ("Opleiding", "Cursussen en
# certificaten", "Vaardigheden:"); it ends the lines that belong to the job above it.
_HEADING = re.compile(r"^[^\W\d_][^\d.,;!?•()]*:?$")


# The writer's name on the CV's first line ("Sander Wijnen", "Jan de Timmerman", "Tim Koster – Helmond"):
# two to four capitalised words or name particles, no digits. A first name or surname that is also an
# occupation's label ("sander", "timmerman") names no job.
_PARTICLES = frozenset("van de der den het ten ter te in 't el al da di du le la von".split())
_NAME_PART = re.compile(r"\s+[-–—|,·•]\s+|\s*[|,·•]\s*")


def name_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the parts of the CV's first non-empty line that read as a person's name."""
    stripped = text.lstrip()
    if not stripped:
        return []
    start = len(text) - len(stripped)
    line = stripped.splitlines()[0]
    spans: list[tuple[int, int]] = []
    at = 0
    for part in _NAME_PART.split(line):
        offset = line.find(part, at)
        at = offset + len(part)
        words = part.split()
        if (
            2 <= len(words) <= 4
            and not any(c.isdigit() for c in part)
            and words[0][:1].isupper()
            and words[-1][:1].isupper()
            and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
            and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
        ):
            spans.append((start + offset, start + offset + len(part)))
    return spans


def _only_in(spans: Iterable[Any], ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether there are spans and every one lies inside one of ``ranges``."""
    spans = list(spans)
    return bool(spans and ranges) and all(
        any(x <= int(a) and int(b) <= y for x, y in ranges) for a, b in spans
    )


# An occupation label of two upper-case letters (ESCO: "AB" able seaman, "KP" kitchen porter, "PA", "OS",
# "SD", "TA") is also a postal code's letters ("9301 AB"), a company form or a country (BV, NL): alone it
# names a job only in the title of a job line.
_SHORT_ACRONYM = re.compile(r"[A-Z]{2}")


def _acronym_only(concept: Mapping[str, Any], text: str, lines: Sequence[JobLine]) -> bool:
    """Whether an occupation is read only from two-letter upper-case tokens outside job lines' titles."""
    places = [(int(a), int(b)) for a, b in concept.get("spans") or ()]
    return bool(places) and all(
        _SHORT_ACRONYM.fullmatch(text[a:b]) and not any(j.holds((a, b)) and j.in_title((a, b)) for j in lines)
        for a, b in places
    )


def _heading(raw: str) -> bool:
    line = raw.strip()
    return bool(line) and len(line.split()) <= 4 and not _BULLET.match(raw) and bool(_HEADING.match(line))


def job_lines(text: str, normaliser: TitleNormaliser, *, lang: str = "nl") -> list[JobLine]:
    """The work-experience lines of a CV (``cv_titles.title_lines``) as the engine reads them: character
    range, title ranges, current or the last year named, the title normaliser's best reading of each title
    (its confidence as ``cv_titles.cv_title_occupations`` computes it) and where the lines under it end."""
    by_start: dict[int, dict[str, Any]] = {}
    for found in title_lines(text):
        start = text.find(found.line, found.start)
        if start < 0:
            continue
        line = by_start.setdefault(
            start,
            {"end": start + len(found.line), "titles": [], "readings": [], "guesses": [], "current": False},
        )
        at = found.line.find(found.title)
        if at >= 0:
            line["titles"].append((start + at, start + at + len(found.title)))
        line["current"] = line["current"] or found.current
        years = [int(y) for y in _YEAR.findall(found.line)]
        line["until"] = max(years) if years else None
        matches = normaliser.normalise(found.title, lang=lang, top=2)
        if matches:
            confidence = title_confidence(matches[0].score)
            tied = len(matches) > 1 and matches[0].score < 1.0 and matches[0].score - matches[1].score < TIE
            if tied or normaliser.spread(found.title, lang) >= GENERIC:
                confidence = round(confidence * TIED, 4)
            else:
                line["guesses"].append(matches[0].uri)
            line["readings"].append((matches[0].uri, confidence))
    ends = _block_ends(text, set(by_start))
    return [
        JobLine(
            start=start,
            end=line["end"],
            titles=tuple(line["titles"]),
            current=line["current"],
            until=line["until"],
            readings=tuple(line["readings"]),
            block_end=ends.get(start, line["end"]),
            guesses=tuple(line["guesses"]),
        )
        for start, line in sorted(by_start.items())
    ]


def _block_ends(text: str, starts: set[int]) -> dict[int, int]:
    """Per job line (by start), where the lines under it end: at the next job line, a heading or the
    schooling."""
    school = schooling_spans(text)
    ends: dict[int, int] = {}
    current: int | None = None
    offset = 0
    for raw in text.splitlines(keepends=True):
        here, offset = offset, offset + len(raw)
        at = here + len(raw) - len(raw.lstrip())
        if at in starts:
            current = at
            ends[at] = offset
        elif not raw.strip():
            continue
        elif current is not None and (_heading(raw) or any(a <= here < b for a, b in school)):
            current = None
        elif current is not None:
            ends[current] = offset
    return ends


def near_skills(
    concepts: Iterable[Mapping[str, Any]],
    ranking: Iterable[Mapping[str, Any]],
    *,
    floor: float = CV_SKILL_FLOOR,
) -> list[Mapping[str, Any]]:
    """The accepted ``concepts`` and, after them, the skills of the extractor's ``ranking`` that score at
    least ``floor`` and are not among the accepted ones (best first, as ranked)."""
    found = list(concepts)
    seen = {str(c["uri"]) for c in found}
    for c in ranking:
        if c.get("kind") == "skill" and float(c["score"]) >= floor and str(c["uri"]) not in seen:
            seen.add(str(c["uri"]))
            found.append(c)
    return found


def cv_offers(
    concepts: Iterable[Mapping[str, Any]],
    text: str,
    normaliser: TitleNormaliser,
    *,
    lang: str = "nl",
    ranking: Iterable[Mapping[str, Any]] = (),
    floor: float = CV_SKILL_FLOOR,
) -> list[dict[str, Any]]:
    """The CV page's offers for an extraction's ``concepts`` (with their ``spans``) of ``text``: skills and
    occupations not negated and not only in the schooling (``cv_titles.offered_concepts``), merged with the
    best occupation of each job-title line, each occupation scored by where it is named (engine/cvjobs.py;
    the schooling and the writer's name on the first line, ``name_spans``, name no job, and a skill
    or occupation read only inside that name or only in the personal and contact details,
    ``cv_titles.personal_spans``, or only in a section heading, ``cv_titles.heading_spans``, is not offered
    at all, nor an occupation read only from a two-letter acronym outside a job line's title);
    then a weak rival reading of one evidence line is offered unticked (``competing_readings``). The
    skills of the extractor's ``ranking`` from ``floor`` (``near_skills``) are offered as the accepted ones
    are, under the same rules."""
    concepts = near_skills(concepts, ranking, floor=floor)
    names = name_spans(text)
    lines = job_lines(text, normaliser, lang=lang)
    # a concept read only inside the writer's name ("Lisa van Dam" → dams, "Sander" → sander) or only in the
    # personal and contact details (a birth date, an address, a phone number) is not offered; nor is an
    # occupation read only from a two-letter acronym outside a job line's title ("9301 AB Roden" → matroos)
    personal = personal_spans(text)
    # nor one read only in a section heading ("Profile" → profile people, "Languages" → modern languages)
    headings = heading_spans(text)
    concepts = [
        c
        for c in concepts
        if not _only_in(c.get("spans") or (), names)
        and not _only_in(c.get("spans") or (), personal)
        and not _only_in(c.get("spans") or (), headings)
        and not (c.get("kind") == "occupation" and _acronym_only(c, text, lines))
    ]
    found = offered_concepts(concepts, text)
    titles = [
        {key: item[key] for key in ("uri", "kind", "evidence", "score")}
        for item in cv_title_occupations(text, normaliser, lang=lang)
    ]
    spans: dict[str, list[tuple[int, int]]] = {}
    school = schooling_spans(text)
    for c in concepts:
        if c.get("kind") != "occupation" or not c.get("spans"):
            continue
        kept = spans.setdefault(str(c["uri"]), [])
        for a, b in c.get("spans") or ():
            if any(x <= a and b <= y for x, y in school):
                continue  # a diploma is no mention of a job
            if any(x <= a and b <= y for x, y in names):
                continue  # nor is the writer's name
            if any(x <= a and b <= y for x, y in personal):
                continue  # nor an address or a birth date
            kept.append((int(a), int(b)))
    merged = merge_occupations(found, titles)
    return competing_readings(held_jobs(merged, spans, lines))
