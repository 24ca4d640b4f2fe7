"""Fixtures of the passport tests: the toy ESCO imported, private caches, two users and a passport."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.extraction.conftest import TOY_ESCO, URI

__all__ = ["URI", "toy_db", "alice", "bob", "alice_passport", "MATCHING_TABLES", "row_counts"]


def _forget() -> None:
    from techtalent.extraction import services
    from techtalent.matching import selectors as matching
    from techtalent.taxonomy import selectors

    selectors.forget_cache()
    services._cached = None
    matching.forget_cache()


@pytest.fixture
def toy_db(db: None, settings: Any, tmp_path: Path) -> Iterator[Path]:
    """The toy ESCO export (10 occupations, 34 skills, nl + en) imported, with caches of its own."""
    from techtalent.taxonomy.services import esco_import

    settings.CACHE_DIR = tmp_path / "cache"
    _forget()
    esco_import(TOY_ESCO)
    yield TOY_ESCO
    _forget()


@pytest.fixture
def alice(db: None) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("alice", password="alice-secret-42")


@pytest.fixture
def bob(db: None) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("bob", password="bob-secret-42")


@pytest.fixture
def alice_passport(toy_db: Path, alice: Any) -> Any:
    """Alice's passport: two welding skills, an occupation, an education and preferences."""
    from techtalent.matching import services

    passport = services.passport_get_or_create(user=alice)
    services.skill_add(passport=passport, uri=URI["mag_welding"], proficiency="advanced")
    services.skill_add(passport=passport, uri=URI["tig_welding"], source="cv", evidence="TIG-lassen, 5 jaar")
    services.occupation_add(passport=passport, uri=URI["welder"], years=6, derive_skills=False)
    services.education_add(passport=passport, level="mbo-2", programme="Lastechniek")
    services.passport_update(passport=passport, region="Groningen", hours_per_week=32)
    return passport


MATCHING_TABLES = ("Passport", "PassportSkill", "OccupationHeld", "Education", "PassportShare")


def _row_counts() -> dict[str, int]:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    counts = {name: apps.get_model("matching", name).objects.count() for name in MATCHING_TABLES}
    counts["User"] = get_user_model().objects.count()
    return counts


@pytest.fixture
def row_counts(db: None) -> Callable[[], dict[str, int]]:
    """Counts the rows in every table of the matching app, and the users."""
    return _row_counts
