"""Fixtures of the extraction tests: the toy ESCO export imported, a private lexicon cache, documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TOY_ESCO = FIXTURES / "esco_toy" / "v1.1.1"
DOCUMENTS = FIXTURES / "extraction" / "documents"

E = "http://data.europa.eu/esco/"
URI = {
    "welder": E + "occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
    "cnc_operator": E + "occupation/5c082067-ea18-4ccb-8c43-e70b18ad8120",
    "software_developer": E + "occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1",
    "electrician": E + "occupation/4910419f-b4af-4f59-b544-9dbebc8a74f0",
    "mag_welding": E + "skill/60ff3eac-7d4d-4e51-87b8-74c3b5d62498",
    "tig_welding": E + "skill/a51adea8-bf02-488a-a0d8-b0961caca5b0",
    "welding": E + "skill/530cb489-d900-46ab-9350-4d50ccd49eea",
    "engineering_drawings": E + "skill/b07daddc-8625-4360-946e-ad2b0e56ebf6",
    "cnc_milling": E + "skill/4cb58ef4-67a9-4bea-a743-2c83ebd60e79",
    "python": E + "skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
    "sql": E + "skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742",
    "sockets": E + "skill/52d6eb67-56c0-4ad7-b5c2-71e7c2362ece",
    "wiring_diagrams": E + "skill/ed291aa0-8b2f-4179-b2f7-540ea6f63bf3",
}

VACANCY_NL = (
    "Vacature: lasser\n\nWij zoeken een ervaren lasser voor onze werkplaats in Eindhoven. "
    "Je beheerst MAG-lassen en TIG-lassen en kunt technische tekeningen lezen. "
    "Ervaring met CNC-frezen is een pré."
)
VACANCY_EN = (
    "We are looking for a software developer. You write Python and SQL every day, "
    "and you have experience with the team and the product."
)


@pytest.fixture(autouse=True)
def _private_cache(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Lexicon and search caches of the tests live in the test run's own folder."""
    settings.CACHE_DIR = tmp_path_factory.getbasetemp() / "extraction-cache"


def _forget_cached_indexes() -> None:
    # Both caches are keyed by the taxonomy stamp (release id + import second), which another test's toy
    # taxonomy, imported in the same second and rolled back, can share.
    from techtalent.extraction import services
    from techtalent.taxonomy import selectors

    selectors.forget_cache()
    services._cached = None


@pytest.fixture
def toy(db: None) -> Iterator[Path]:
    """The toy ESCO export (10 occupations, 34 skills, nl + en) imported into the test database."""
    from techtalent.taxonomy.services import esco_import

    _forget_cached_indexes()
    esco_import(TOY_ESCO)
    yield TOY_ESCO
    _forget_cached_indexes()
