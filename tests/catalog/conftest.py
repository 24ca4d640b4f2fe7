"""Fixtures of the catalog tests: the toy ESCO imported, users, and the small offers files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.matching.django_fixtures import alice, bob, toy_db  # noqa: F401

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalog"
E = "http://data.europa.eu/esco/skill/"
SKILL = {
    "mag": E + "60ff3eac-7d4d-4e51-87b8-74c3b5d62498",
    "cnc": E + "4cb58ef4-67a9-4bea-a743-2c83ebd60e79",
    "drawings": E + "b07daddc-8625-4360-946e-ad2b0e56ebf6",
    "python": E + "ccd0a1d9-afda-43d9-b901-96344886e14d",
    "sql": E + "598de5b0-5b58-4ea7-8058-a4bc4d18c742",
    "robotics": E + "e87ec79a-c9ff-46f5-84fa-7a0f394cdf40",
    "machines": E + "4c831013-9027-4ec6-83de-c5c19e68d083",
    "statistics": E + "7ee4c2ea-b349-4bd2-81a3-ec31475d4833",
}


@pytest.fixture
def catalog(toy_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:  # noqa: F811
    """The toy ESCO plus the four offers of offers.csv, imported; the signing key in tmp_path."""
    from techtalent.catalog.importers.offers import offers_import

    monkeypatch.setenv("TECHTALENT_CREDENTIAL_KEY", str(tmp_path / "key.pem"))
    return offers_import(FIXTURES / "offers.csv")
