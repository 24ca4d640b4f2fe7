"""Adapter: the bundled shortage list (techtalent/data/shortage_occupations.yaml), read once and cached."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from techtalent.matching.engine.shortage import ShortageOccupation, shortage_from_data

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "shortage_occupations.yaml"

__all__ = ["BUNDLED", "bundled_shortage_list", "shortage_list_from_text"]


def shortage_list_from_text(text: str) -> list[ShortageOccupation]:
    """Shortage groups from YAML text (clear error on bad YAML or a malformed entry)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"shortage list is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("shortage list must be a mapping with an 'occupations' list")
    return shortage_from_data(data)


@lru_cache(maxsize=1)
def bundled_shortage_list() -> tuple[ShortageOccupation, ...]:
    """The bundled shortage groups."""
    return tuple(shortage_list_from_text(BUNDLED.read_text(encoding="utf-8")))
