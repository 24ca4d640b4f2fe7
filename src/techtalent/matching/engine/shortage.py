"""Shortage occupations: from the monitor's tension figures when present, else from the bundled list.

The bundled list (techtalent/data/shortage_occupations.yaml) names technical shortage occupations found in
the source documents, each with its provenance and ESCO occupation URIs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "shortage_occupations.yaml"

__all__ = ["BUNDLED", "ShortageOccupation", "ShortageSource", "bundled_shortage_list", "shortage_weights"]


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
    occupations: tuple[str, ...]


def bundled_shortage_list(text: str | None = None) -> list[ShortageOccupation]:
    """The bundled shortage list (or one given as YAML text)."""
    if text is None:
        text = BUNDLED.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    entries = []
    for item in data["occupations"]:
        entries.append(
            ShortageOccupation(
                code=item["code"],
                name_nl=item["name"]["nl"],
                name_en=item["name"]["en"],
                sources=tuple(
                    ShortageSource(s["document"], s["section"], s["quote"]) for s in item["sources"]
                ),
                mapping=item["mapping"],
                occupations=tuple(e["uri"] for e in item["esco"]),
            )
        )
    return entries


def shortage_weights(
    tension: Mapping[str, float] | None = None, *, threshold: float = 1.0
) -> dict[str, float]:
    """URI → shortage weight in (0, 1]: tension figures at or above `threshold`, else the bundled list."""
    if tension:
        tight = {uri: t for uri, t in tension.items() if t >= threshold}
        top = max(tight.values(), default=0.0)
        return {uri: t / top for uri, t in tight.items()} if top > 0 else {}
    return {uri: 1.0 for entry in bundled_shortage_list() for uri in entry.occupations}
