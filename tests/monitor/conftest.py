"""Fixtures for the monitor starter data: the shipped YAML, parsed by the engine, and the source documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from techtalent.monitor.engine import Rule, StarterData, parse_rules, parse_starter_data

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "src" / "techtalent" / "data" / "monitor"
SEEDS_DIR = Path(os.environ.get("TECHTALENT_SHARED", REPO.parent / "shared")) / "seeds"


def read_starter_data() -> StarterData:
    """The shipped starter data, read from disk and parsed (the engine itself does no I/O)."""
    return parse_starter_data(
        indicators=(DATA_DIR / "indicators.yaml").read_text(encoding="utf-8"),
        regions=(DATA_DIR / "regions.yaml").read_text(encoding="utf-8"),
        breakdowns=(DATA_DIR / "breakdowns.yaml").read_text(encoding="utf-8"),
        documents=[p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "observations").glob("*.yaml"))],
    )


@pytest.fixture(scope="session")
def starter() -> StarterData:
    return read_starter_data()


@pytest.fixture(scope="session")
def rules(starter: StarterData) -> tuple[Rule, ...]:
    text = (DATA_DIR / "checks.yaml").read_text(encoding="utf-8")
    return parse_rules(text, indicators=starter.indicators, regions=starter.regions)


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The source documents; skips when they are absent (CI then fails, see tests/conftest.py)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not available at {SEEDS_DIR}")
    return SEEDS_DIR


from tests.monitor.django_fixtures import odata, store  # noqa: E402,F401  (fixtures of the Django side)
