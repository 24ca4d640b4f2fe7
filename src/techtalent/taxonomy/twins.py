"""Telling apart two concepts a list shows under one name. Machine-made Dutch names can coincide
("hydraulica" for both hydraulics and pneumatics, "lasapparatuur gebruiken" for use and for operate welding
equipment): a derived name that another row of the same list also shows gets ``twin`` set, and the pages put
its English label beside it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["hits_with_twins", "rows_with_twins", "twins"]


def twins(labels: Iterable[str]) -> set[str]:
    """The names (case-folded) that occur more than once in ``labels``."""
    counts = Counter(label.casefold() for label in labels)
    return {label for label, n in counts.items() if n > 1}


def rows_with_twins(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` ({"shown": ShownName, …}) with ``twin`` set on a derived name another row also shows."""
    shared = twins(r["shown"].label for r in rows)
    return [{**r, "twin": r["shown"].derived and r["shown"].label.casefold() in shared} for r in rows]


def hits_with_twins(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search hits (``concept_search``) with ``twin`` set on a derived label another hit also shows."""
    shared = twins(str(h["label"]) for h in hits)
    return [{**h, "twin": bool(h["label_derived"]) and str(h["label"]).casefold() in shared} for h in hits]
