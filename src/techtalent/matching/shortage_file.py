"""Adapter: the bundled shortage list (techtalent/data/shortage_occupations.yaml), read once and cached."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from techtalent.matching.engine.shortage import ShortageOccupation, shortage_from_data

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "shortage_occupations.yaml"

__all__ = ["BUNDLED", "bundled_document_titles", "bundled_shortage_list", "shortage_list_from_text"]


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


@lru_cache(maxsize=1)
def bundled_document_titles() -> dict[str, str]:
    """The titles of the bundled list's source documents by file name ("003_….txt" → "Smart Industry …")."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    documents = data.get("documents") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in documents.items()} if isinstance(documents, dict) else {}
