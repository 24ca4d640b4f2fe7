"""The adapter between instrument data files and the engine: read YAML, load versions, build engine values."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from techtalent.scan.engine import Instrument, InstrumentError, instrument_from_dict

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "scan"
INSTRUMENT_DIR = DATA_DIR / "instruments"

__all__ = ["DATA_DIR", "INSTRUMENT_DIR", "instrument_files", "read_instrument_file", "engine_instrument"]


def instrument_files(directory: Path = INSTRUMENT_DIR) -> list[Path]:
    """The instrument data files shipped with techtalent."""
    return sorted(directory.glob("*.yaml"))


def read_instrument_file(path: Path) -> tuple[dict[str, Any], Instrument]:
    """Parse and check one instrument file; InstrumentError names the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise InstrumentError(f"{path.name}: an instrument file holds one mapping")
    try:
        return raw, instrument_from_dict(raw)
    except InstrumentError as exc:
        raise InstrumentError(f"{path.name}: {exc}") from None


def definition_digest(definition: dict[str, Any]) -> str:
    """A stable fingerprint of a definition, to notice a changed file under an unchanged version."""
    return hashlib.sha256(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@cache
def _cached(digest: str, payload: str) -> Instrument:
    return instrument_from_dict(json.loads(payload))


def engine_instrument(definition: dict[str, Any]) -> Instrument:
    """The engine value of a stored definition (cached by content)."""
    payload = json.dumps(definition, sort_keys=True, ensure_ascii=False)
    return _cached(hashlib.sha256(payload.encode()).hexdigest(), payload)
