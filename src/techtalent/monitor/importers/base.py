"""What every importer produces: plain rows with their source and where in the input they came from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ObservationIn", "ProgressFn", "RegionIn", "SourceIn", "breakdown_key"]

_NAMING = ("title", "publisher", "year", "licence")
ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SourceIn:
    """A document section and quote, or a dataset table, query and retrieval date."""

    kind: str
    document: str = ""
    section: str = ""
    quote: str = ""
    dataset: str = ""
    table_id: str = ""
    query: str = ""
    url: str = ""
    retrieved: dt.date | None = None
    title: str = ""
    publisher: str = ""
    year: str = ""
    licence: str = ""

    @property
    def digest(self) -> str:
        """A stable key, so one source is stored once."""
        data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(self).items()}
        for key in _NAMING:  # added later: left out when empty, so older sources keep their digest
            if not data[key]:
                del data[key]
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class ObservationIn:
    """One figure to store; ``where`` names the file and line for error messages."""

    indicator: str
    region: str
    period: str
    value: float
    unit: str
    source: SourceIn
    breakdowns: dict[str, str] = field(default_factory=dict)
    measure: str = "level"
    base_period: str = ""
    approximate: bool = False
    status: str = "final"
    ref: str = ""
    note: str = ""
    where: tuple[str, int | None] = ("", None)


@dataclass(frozen=True)
class RegionIn:
    """A region with its CBS code, and optionally its parent, arbeidsmarktregio and shape."""

    code: str
    name: str
    kind: str
    parent: str = ""
    arbeidsmarktregio: str = ""
    shape: dict[str, Any] | None = None
    shape_source: str = ""


def breakdown_key(breakdowns: dict[str, str]) -> str:
    """The breakdowns as a sorted ``k=v;k=v`` string; the empty string is the total."""
    return ";".join(f"{k}={v}" for k, v in sorted(breakdowns.items()))
