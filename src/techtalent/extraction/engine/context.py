"""Where a mention stands: its sentence, the section of the document, negation and "nice to have".

Works on folded text (lower case, no diacritics) so the cue lists need one spelling only. Sections come
from heading lines ("Wat bieden wij?", "About us:") and from cue words inside a sentence (salary, equal
opportunities); boilerplate sections weigh little, so company blurbs and benefits give no skills.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = [
    "Sentence",
    "sentences",
    "section_of",
    "SECTION_WEIGHT",
    "negated",
    "negates",
    "optional",
    "sentence_at",
]

SECTION_WEIGHT = {
    "requirements": 1.0,
    "heading": 0.8,
    "tasks": 1.0,
    "other": 0.9,
    "company": 0.3,
    "offer": 0.12,
    "diversity": 0.08,
    "apply": 0.08,
}
_HEADINGS = [
    (
        "offer",
        r"wij bieden|wat (bieden|krijg|mag je verwachten)|ons aanbod|wat staat er tegenover|"
        r"arbeidsvoorwaarden|what we offer|we offer|benefits|perks|compensation|what'?s in it for you|"
        r"what you get",
    ),
    ("diversity", r"diversiteit|inclusi|gelijke kansen|equal opportunit|diversity"),
    ("apply", r"sollicit|interesse\b|reageren|^contact|how to apply|^apply|^procedure|acquisitie"),
    (
        "company",
        r"over ons|wie (zijn|is) |over (het bedrijf|de organisatie|de werkgever)|about (us|the company|"
        r"the team|company)|who we are|^het bedrijf|^de organisatie|onze organisatie|bedrijfsprofiel|"
        r"company profile",
    ),
    (
        "requirements",
        r"wat vragen (wij|we)|wat (breng|neem) je mee|wie ben (jij|je)|wie zoeken (wij|we)|functie-?eisen|"
        r"profiel|vereisten|requirements|qualifications|what you bring|your profile|who you are|looking for|"
        r"must have|skills|competenties|kennis en ervaring",
    ),
    (
        "tasks",
        r"wat ga je doen|taken|werkzaamheden|de functie|functieomschrijving|verantwoordelijkheden|"
        r"responsibilit|what you('ll| will) do|the role|your role|job description|duties|tasks|de baan",
    ),
]
_HEADING_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _HEADINGS))
_CUES = [
    (
        "offer",
        re.compile(
            r"salaris|pensioen|vakantiedagen|reiskosten|lease ?auto|dertiende maand|13e maand|"
            r"salary|pension|holiday|paid time off|vacation days|health insurance|bruto per maand"
        ),
    ),
    (
        "diversity",
        re.compile(
            r"gelijke kansen|diversiteit|inclusie|ongeacht|equal opportunit|regardless of|"
            r"diversity|inclusive"
        ),
    ),
    (
        "apply",
        re.compile(
            r"solliciteer|reageer|stuur (je|uw) cv|neem contact|apply now|send (your|us) (cv|resume)|"
            r"acquisitie"
        ),
    ),
    (
        "company",
        re.compile(
            r"^((wij|we) zijn (een|de|het)|we are (a|an|the)|ons bedrijf|onze organisatie|"
            r"our company|founded in|opgericht in)\b"
        ),
    ),
]
_LINE = re.compile(r"[^\n]+")
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=\S)|\s+[•▪●◦·*-]\s+|^\s*[•▪●◦·*-]\s+")
# _SPLIT at the start of a line (where its second and third branches meet) and after it.
_SPLIT_FIRST = re.compile(r"\s*[•▪●◦·*-]\s+")
_SPLIT_REST = re.compile(r"\s(?:(?<=[.!?;]\s)\s*(?=\S)|\s*[•▪●◦·*-]\s+)")
_NEGATORS = re.compile(
    r"\b(geen|niet|no|not|without|zonder|noch|nor|never|nooit|don t|dont|hoeft)\b(?! (alleen|only))"
)
_AFTER_NEGATION = re.compile(
    r"^[^,;:.]{0,30}?\b(niet (vereist|nodig|noodzakelijk|verplicht|nodig)|geen (vereiste|must|eis|vereist)|"
    r"not (required|needed|necessary|mandatory|a must|essential))"
)
_OPTIONAL = re.compile(
    r"\b(pre|pluspunt|nice to have|is a plus|a plus|bonus|strekt tot aanbeveling|"
    r"preferred|wenselijk|pre\.)\b"
)
_CLAUSE = re.compile(r"[,;:()]| maar | but | however ")


class Sentence(NamedTuple):
    """A sentence or list item: folded character span and the section it belongs to."""

    start: int
    end: int
    section: str


def _heading(line: str) -> str | None:
    """The section a heading line opens, or None when the line is not a heading."""
    text = line.strip(" \t#*•-:").strip()
    if not text or len(text) > 60 or len(text.split()) > 8:
        return None
    # Short lines (headings, list items) recur from text to text: remember what the regex said.
    found = _SHORT_LINES.get(line, _UNSEEN)
    if found is _UNSEEN:
        found = _short_heading(line, text)
        if len(_SHORT_LINES) < 100_000:
            _SHORT_LINES[line] = found
    return found


_UNSEEN = "\x00unseen"
_SHORT_LINES: dict[str, str | None] = {}


_BULLET = re.compile(r"^\s*[•▪●◦·*-]\s+")


def _short_heading(line: str, text: str) -> str | None:
    colon = line.rstrip().endswith(":")
    # A short sentence ("Monsters nemen volgens de procedures.") or list item is content, not a heading.
    if not colon and (text.endswith(".") or _BULLET.match(line)):
        return None
    match = _HEADING_RE.search(text)
    if match and match.lastgroup:
        return _kind_of(match)
    return "other" if colon else None


def _kind_of(match: re.Match[str]) -> str:
    """The outer named group that matched (lastgroup may name an inner one)."""
    for kind, _ in _HEADINGS:
        if match.group(kind) is not None:
            return kind
    return "other"


def sentences(folded: str) -> list[Sentence]:
    """Sentences and list items of folded text, each labelled with its section."""
    out: list[Sentence] = []
    append = out.append
    section = "other"
    for line in _LINE.finditer(folded):
        text = line.group()
        start = line.start()
        heading = _heading(text)
        if heading is not None:
            section = heading
            append(Sentence(start, line.end(), "heading"))
            continue
        # _SPLIT.finditer(text) in two steps: the bullet at the line start (no cut: nothing before it),
        # then the rest with a pattern that starts on a space (which the regex engine can skip to).
        first = _SPLIT_FIRST.match(text)
        offset = start
        for match in _SPLIT_REST.finditer(text, first.end() if first else 0):
            cut = match.start() + offset
            if cut > start:
                append(Sentence(start, cut, section))
            start = cut
        end = line.end()
        if end > start:
            append(Sentence(start, end, section))
    return out


def section_of(folded: str, sentence: Sentence) -> str:
    """The section of a sentence, corrected by cue words inside it (a salary line is an offer)."""
    if sentence.section not in ("other", "requirements", "tasks", "company"):
        return sentence.section
    text = folded[sentence.start : sentence.end].strip()
    return next((kind for kind, cue in _CUES if cue.search(text)), sentence.section)


def sentence_at(sentences_: list[Sentence], starts: list[int], position: int) -> Sentence | None:
    """The sentence containing folded ``position``."""
    index = bisect.bisect_right(starts, position) - 1
    return sentences_[index] if index >= 0 else None


def negated(folded: str, sentence: Sentence, start: int, end: int) -> bool:
    """True when the mention at [start, end) is negated ("geen ervaring met X vereist", "X not required")."""
    before = folded[sentence.start : start]
    clauses = _CLAUSE.split(before)
    window = " ".join(clauses[-1].split()[-6:]) if clauses else ""
    if _NEGATORS.search(window):
        return True
    return bool(_AFTER_NEGATION.search(folded[end : sentence.end]))


def negates(folded: str, sentence: Sentence) -> bool:
    """True when a negation stands anywhere in the sentence (for mentions without a span of their own)."""
    text = folded[sentence.start : sentence.end]
    return bool(_NEGATORS.search(text) or _AFTER_NEGATION.search(text))


def optional(folded: str, sentence: Sentence) -> bool:
    """True when the sentence marks what it names as a plus rather than a requirement."""
    return bool(_OPTIONAL.search(folded[sentence.start : sentence.end]))
