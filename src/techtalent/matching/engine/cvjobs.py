"""Which occupations found in a CV the CV page ticks as jobs held: read per job line, by where each is named.

Two readers find occupations in a CV: the extractor (a whole ESCO label somewhere in the text, with character
spans) and the job-title reader (the title of each work-experience line through the title normaliser, with a
calibrated confidence). Before this module their best score per occupation was ticked from
``TitlePrior.min_confidence`` wherever the occupation was named. Three things a person reading the CV sees
were lost that way (session 7, bench/matching_cv.py, dev halves of the three persona sets):

* **The employer is no job.** On a job line the title stands before the employer ("Mechatronicus,
  machinebouwer (semicon toeleverancier)", "Tekenaar-constructeur, machinebouwer voedingsindustrie"); an
  occupation the extractor reads in that employer part ("machinebouwer" → engine designer, mine mechanical
  engineer) says what the company does, not what the person did. Such a mention does not count.
* **Readings of one line compete, across both readers.** The title reader's reading of a line and the
  extractor's readings of the title part of that line are rival readings of one job: one more than ``margin``
  below the line's best is offered unticked (as ``titles.competing_readings`` did for equal evidence
  strings only, which missed an extractor reading whose sentence was another one).
* **With a current job, earlier jobs are history.** When a job line is current ("2023 – heden"), an
  occupation named only on earlier job lines (ending in a year) or in the lines under them (the tasks of
  that job) is offered unticked: the cook who became an electrician is matched as an electrician. An
  occupation also read on a current line keeps its best score. A CV without a current job (a job seeker)
  keeps all its jobs: what the person did last is not more telling than what they did before.

* **The current job is the best guess.** When no occupation reaches the tick but a current job line has a
  reading of at least ``GUESS`` (0.3: a title normaliser score of about 0.6) that is neither tied with the
  next one nor of a generic word ("operator"), that reading is ticked (at ``min_confidence``): "Monteur
  warmtepompen" → heat pump technician (0.43), "CNC-operator frezen" → milling machine operator (0.36). The
  job a person does now says more than the few general skills a CV yields; the page shows it ticked, and the
  person can untick it.

An occupation whose every mention is discounted (named only in employers, or where ``spans`` has none left
for it: the caller leaves out the schooling and the writer's name) is not offered at all; mentions
outside job lines and their blocks (a profile: "Ervaren procesoperator ...") count as they are. Skills are
left as they are; the order of the input is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from techtalent.matching.engine.titles import COMPETING_MARGIN, TitlePrior

__all__ = ["GUESS", "JobLine", "held_jobs"]

# The least confidence of a current job's reading that the page ticks when nothing else is ticked (chosen on
# the dev halves of the three persona sets: 0.2, 0.3, 0.4 gave all-dev MRR 0.623, 0.627, 0.587).
GUESS = 0.3

Span = tuple[int, int]


@dataclass(frozen=True)
class JobLine:
    """A work-experience line of a CV: its character range, the ranges of the job titles on it, whether it is
    the current job, the last year on it (None: no year), the title reader's readings of it (occupation URI,
    confidence) and where the lines under it that belong to the job (its tasks) end (``block_end``)."""

    start: int
    end: int
    titles: tuple[Span, ...] = ()
    current: bool = False
    until: int | None = None
    readings: tuple[tuple[str, float], ...] = ()
    block_end: int | None = None
    guesses: tuple[str, ...] = ()  # the readings that may stand as a guess (not tied, not a generic word)

    def holds(self, span: Span) -> bool:
        return self.start <= span[0] and span[1] <= self.end

    def in_block(self, span: Span) -> bool:
        return self.end <= span[0] and span[1] <= (self.block_end or self.end)

    def in_title(self, span: Span) -> bool:
        """True when the span overlaps a job title of the line (a line without known titles: anywhere)."""
        return not self.titles or any(a < span[1] and span[0] < b for a, b in self.titles)


@dataclass
class _Mention:
    score: float
    line: JobLine | None  # the job line it stands on, or None
    block: JobLine | None = None  # the job line it stands under (a task of that job), or None


def held_jobs(
    found: Iterable[Mapping[str, Any]],
    spans: Mapping[str, Sequence[Span]],
    lines: Sequence[JobLine],
    *,
    margin: float = COMPETING_MARGIN,
    settings: TitlePrior | None = None,
    guess: float | None = GUESS,
) -> list[dict[str, Any]]:
    """The CV page's offers: ``found`` (skills and occupations, each with uri, kind, evidence, score; the
    extractor's and the title reader's merged), with each occupation's score read again from its mentions:
    the extractor's mentions (``spans``: occupation URI → character ranges, with the extractor's score of
    the item) and the title reader's readings of ``lines``. A discounted reading (beaten on its line by more
    than ``margin``, or of an earlier job beside a current one) scores just under ``min_confidence``, so it
    is offered unticked; an occupation named only in employer parts of job lines is left out. With nothing
    ticked, the best of the current lines' ``guesses`` read at ``guess`` or more is ticked (None: never)."""
    settings = settings or TitlePrior()
    floor = round(settings.min_confidence - 0.01, 4)
    items = [dict(item) for item in found]
    mentions: dict[str, list[_Mention]] = {}
    for item in items:
        if item.get("kind") != "occupation":
            continue
        uri = str(item["uri"])
        if uri in spans:
            mentions.setdefault(uri, [])  # found by the extractor: named where its spans say, or nowhere
        for span in spans.get(uri, ()):
            span = (int(span[0]), int(span[1]))
            line = next((j for j in lines if j.holds(span)), None)
            if line is not None and not line.in_title(span):
                mentions.setdefault(uri, [])  # named in the employer part: no mention of a job
                continue
            block = None if line else next((j for j in lines if j.in_block(span)), None)
            mentions.setdefault(uri, []).append(_Mention(float(item["score"]), line, block))
    for line in lines:
        for uri, confidence in line.readings:
            mentions.setdefault(uri, []).append(_Mention(float(confidence), line))
    best_on: dict[int, float] = {}
    for ms in mentions.values():
        for m in ms:
            if m.line is not None:
                best_on[id(m.line)] = max(best_on.get(id(m.line), 0.0), m.score)
    has_current = any(j.current for j in lines)

    def earlier(job: JobLine | None) -> bool:
        return has_current and job is not None and not job.current and job.until is not None

    out: list[dict[str, Any]] = []
    for item in items:
        uri = str(item["uri"])
        if item.get("kind") != "occupation" or uri not in mentions:
            out.append(item)
            continue
        ms = mentions[uri]
        if not ms:
            continue  # named only where employers stand
        now = any(m.line is not None and m.line.current for m in ms)
        score = 0.0
        for m in ms:
            value = m.score
            if m.line is not None and value < best_on[id(m.line)] - margin:
                value = min(value, floor)  # a weaker rival reading of the line
            if not now and (earlier(m.line) or earlier(m.block)):
                value = min(value, floor)  # a job before the current one
            score = max(score, value)
        item["score"] = round(score, 4)
        out.append(item)
    if guess is not None and not any(
        f.get("kind") == "occupation" and float(f["score"]) >= settings.min_confidence for f in out
    ):
        candidates = [
            (confidence, uri)
            for line in lines
            if line.current
            for uri, confidence in line.readings
            if uri in line.guesses and confidence >= guess
        ]
        if candidates:
            best = max(candidates, key=lambda c: c[0])[1]  # the first of equals
            for f in out:
                if f.get("kind") == "occupation" and str(f["uri"]) == best:
                    f["score"] = settings.min_confidence
                    break
    return out
