"""English word co-occurrence in ESCO's own text, for the sense choice of the Dutch dense path (an adapter:
it counts plain strings the callers read from the export or the database, and caches the counts as JSON).

A text unit is one English label, or one sentence of an English description or scope note; words are
taken in their dictionary form (simplemma), without stopwords and words under three letters. Pairs seen
once are dropped (chance), which keeps the table small (``engine.senses.Cooccurrence``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from techtalent.core.text import STOPWORDS
from techtalent.extraction.engine.senses import SENSE_MIN_PAIR, Cooccurrence
from techtalent.extraction.engine.translate import english_lemma

__all__ = ["count_cooccurrence", "cached_cooccurrence", "cooccurrence_file", "english_units"]

_FORMAT = 1
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def english_units(labels: Iterable[str], texts: Iterable[str]) -> Iterable[str]:
    """The text units: each label, and each sentence of each longer text."""
    yield from labels
    for text in texts:
        yield from (s for s in _SENTENCE.split(text) if s.strip())


def count_cooccurrence(units: Iterable[str]) -> Cooccurrence:
    """Word and pair counts (each at most once per unit) over English text units."""
    stop = STOPWORDS["en"]
    counts: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    total = 0
    for unit in units:
        words = {english_lemma(w) for w in _WORD.findall(unit.casefold()) if w not in stop}
        words = {w for w in words if len(w) >= 3 and w not in stop}
        if not words:
            continue
        total += 1
        counts.update(words)
        pairs.update(combinations(sorted(words), 2))
    nested: dict[str, dict[str, int]] = {}
    for (a, b), n in pairs.items():
        if n >= SENSE_MIN_PAIR:
            nested.setdefault(a, {})[b] = n
    return Cooccurrence(dict(counts), nested, total)


def cooccurrence_file(lexicon_file: Path) -> Path:
    """Where the counts of a lexicon's taxonomy are cached: beside the lexicon file."""
    path = Path(lexicon_file)
    return path.with_name("cooccurrence-" + path.name.removeprefix("lexicon-")).with_suffix(".json")


def cached_cooccurrence(path: Path, units: Iterable[str] | None = None) -> Cooccurrence:
    """The counts cached at ``path`` (JSON), else counted from ``units`` (a callable's result) and saved."""
    path = Path(path)
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == _FORMAT:
                return Cooccurrence(data["counts"], data["pairs"], int(data["units"]))
        except (OSError, ValueError, KeyError, AttributeError):
            pass
    found = count_cooccurrence(units or ())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(
            {"format": _FORMAT, "counts": found.counts, "pairs": found.pairs, "units": found.units}, out
        )
    os.replace(temporary, path)
    return found
