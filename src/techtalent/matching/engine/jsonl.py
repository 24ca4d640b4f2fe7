"""Passports in, top-k occupation matches out, as JSON Lines (one object per line; no file I/O here)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from techtalent.matching.engine.model import PROFICIENCIES, Proficiency
from techtalent.matching.engine.occupations import ScoredOccupation

__all__ = ["PassportRecord", "matches_to_jsonl", "passports_from_jsonl"]


@dataclass(frozen=True)
class PassportRecord:
    """One input line: ``{"id": "p1", "skills": {"<skill uri>": "advanced", ...}}``."""

    id: str
    skills: Mapping[str, Proficiency]


def passports_from_jsonl(lines: Iterable[str]) -> list[PassportRecord]:
    """Parse passport lines (blank lines skipped); a bad line raises ValueError naming its number."""
    records: list[PassportRecord] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            ident, skills = data["id"], data["skills"]
            if not isinstance(skills, dict) or any(p not in PROFICIENCIES for p in skills.values()):
                raise ValueError(f"skills must map skill URIs to one of {', '.join(PROFICIENCIES)}")
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {number}: {error}") from error
        records.append(PassportRecord(str(ident), cast(dict[str, Proficiency], skills)))
    return records


def matches_to_jsonl(
    records: Sequence[PassportRecord], matches: Sequence[Sequence[ScoredOccupation]]
) -> Iterator[str]:
    """One output line per passport: ``{"id": …, "matches": [{"occupation": uri, "score": s}, …]}``."""
    for record, found in zip(records, matches, strict=True):
        yield json.dumps(
            {"id": record.id, "matches": [{"occupation": m.uri, "score": m.score} for m in found]},
            ensure_ascii=False,
        )
