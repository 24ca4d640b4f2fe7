"""The monitor's values: indicators, regions, sourced observations, what documents leave out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "BETTER",
    "CHANGE_UNITS",
    "COUNT_UNITS",
    "MEASURES",
    "STATUSES",
    "UNITS",
    "DocumentData",
    "Indicator",
    "Localised",
    "NotPlaced",
    "Observation",
    "Region",
    "Source",
    "StarterData",
]

COUNT_UNITS = frozenset({"persons", "count"})
UNITS = COUNT_UNITS | {"percent", "percentage_points", "ratio"}
BETTER = frozenset({"higher", "lower", "neutral"})
STATUSES = frozenset({"provisional", "final"})
# A change observation states how far a level moved between base_period and period.
CHANGE_UNITS = {"change_percent": "percent", "change_points": "percentage_points"}
MEASURES = frozenset({"level", *CHANGE_UNITS})


@dataclass(frozen=True)
class Localised:
    """A text in Dutch and English."""

    nl: str
    en: str


@dataclass(frozen=True)
class Indicator:
    """What is measured, in which unit, and which direction counts as better."""

    code: str
    name: Localised
    definition: Localised
    unit: str
    better: str


@dataclass(frozen=True)
class Region:
    """The Netherlands, a landsdeel, a province, an arbeidsmarktregio or a municipality, by CBS code."""

    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the document, its section or table, and the words that state it."""

    document: str
    section: str
    quote: str


@dataclass(frozen=True)
class Observation:
    """One figure for an indicator, region and period, optionally broken down, as a document states it."""

    id: str
    indicator: str
    region: str
    period: str
    value: float
    unit: str
    status: str
    source: Source
    breakdowns: tuple[tuple[str, str], ...] = ()
    measure: str = "level"
    base_period: str | None = None
    approximate: bool = False
    note: str = ""

    @property
    def key(self) -> str:
        """A reference unique across the starter data: ``<document stem>#<id>``."""
        return f"{self.source.document.removesuffix('.txt')}#{self.id}"

    @property
    def breakdown(self) -> Mapping[str, str]:
        """The breakdowns as a mapping (key -> value)."""
        return dict(self.breakdowns)


@dataclass(frozen=True)
class NotPlaced:
    """Figures a document states that the store does not hold, and why."""

    document: str
    section: str
    quotes: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class DocumentData:
    """The observations taken from one source document, and the figures left out."""

    document: str
    title: str
    observations: tuple[Observation, ...]
    not_placed: tuple[NotPlaced, ...]


@dataclass(frozen=True)
class StarterData:
    """The whole bundled starter data set."""

    indicators: Mapping[str, Indicator]
    regions: Mapping[str, Region]
    breakdowns: Mapping[str, frozenset[str]]
    documents: tuple[DocumentData, ...]

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation of every document, in document order."""
        return tuple(obs for doc in self.documents for obs in doc.observations)
