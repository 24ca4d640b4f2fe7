"""Shortage occupations as values: groups named by a source document, each mapped to ESCO occupations.

Every link from a shortage group to an ESCO occupation carries the group's sources (document, section,
verbatim quote), how the document's wording was read onto ESCO (``mapping``) and how sure that reading is
(``confidence``: ``exact`` when the document names the occupation, ``group`` when it names a group of
occupations and the link is our reading). Tension figures (UWV's spanningsindicator, via the monitor) are
referred to by observation id and weigh a group by how tight its labour market is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ShortageLink",
    "ShortageOccupation",
    "ShortageSource",
    "shortage_from_data",
    "shortage_links",
    "shortage_weights",
]

CONFIDENCES = ("exact", "group")


@dataclass(frozen=True)
class ShortageSource:
    """Where a shortage is stated: document, section and a verbatim quote."""

    document: str
    section: str
    quote: str


@dataclass(frozen=True)
class ShortageOccupation:
    """A group of occupations in shortage, as named by a source document, mapped to ESCO occupations."""

    code: str
    name_nl: str
    name_en: str
    sources: tuple[ShortageSource, ...]
    mapping: str
    confidence: str
    occupations: tuple[str, ...]
    tension: tuple[str, ...] = ()  # monitor observation ids of the tension figures that concern the group


@dataclass(frozen=True)
class ShortageLink:
    """One ESCO occupation in shortage, with the group that says so and its provenance."""

    occupation: str
    group: str
    name_nl: str
    name_en: str
    sources: tuple[ShortageSource, ...]
    mapping: str
    confidence: str
    tension: tuple[str, ...]


def shortage_from_data(data: Mapping[str, Any]) -> list[ShortageOccupation]:
    """Shortage groups from parsed data (the shape of techtalent/data/shortage_occupations.yaml)."""
    entries = []
    for n, item in enumerate(data.get("occupations") or [], start=1):
        try:
            confidence = item.get("confidence", "group")
            if confidence not in CONFIDENCES:
                raise ValueError(f"confidence must be one of {CONFIDENCES}, not {confidence!r}")
            entries.append(
                ShortageOccupation(
                    code=item["code"],
                    name_nl=item["name"]["nl"],
                    name_en=item["name"]["en"],
                    sources=tuple(
                        ShortageSource(s["document"], s["section"], s["quote"]) for s in item["sources"]
                    ),
                    mapping=item["mapping"],
                    confidence=confidence,
                    occupations=tuple(e["uri"] for e in item["esco"]),
                    tension=tuple(item.get("tension") or ()),
                )
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"shortage entry {n}: missing or malformed field {error}") from None
    return entries


def shortage_links(entries: Sequence[ShortageOccupation]) -> dict[str, list[ShortageLink]]:
    """ESCO occupation URI → every shortage link that names it (each with its provenance)."""
    links: dict[str, list[ShortageLink]] = {}
    for e in entries:
        for uri in e.occupations:
            links.setdefault(uri, []).append(
                ShortageLink(uri, e.code, e.name_nl, e.name_en, e.sources, e.mapping, e.confidence, e.tension)
            )
    return links


def shortage_weights(
    entries: Sequence[ShortageOccupation],
    tension: Mapping[str, float] | None = None,
    *,
    threshold: float = 1.0,
) -> dict[str, float]:
    """URI → shortage weight in (0, 1]: 1 for a listed occupation, scaled by its group's tension when known.

    ``tension`` maps monitor observation ids to their values; a group whose figures are all below
    ``threshold`` (not tight) is left out, otherwise it weighs its highest figure over the highest of all.
    """
    tension = tension or {}
    top = max((v for v in tension.values() if v >= threshold), default=0.0)
    weights: dict[str, float] = {}
    for e in entries:
        figures = [tension[t] for t in e.tension if t in tension]
        if figures and max(figures) < threshold:
            continue
        weight = max(figures) / top if figures and top > 0 else 1.0
        for uri in e.occupations:
            weights[uri] = max(weights.get(uri, 0.0), weight)
    return weights
