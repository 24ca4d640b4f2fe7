"""Fixtures of the scan tests: a small ESCO export with the skills the level mapping links to, a verified
company with a director, HR, staff and an outsider, and passports that staff share with the company."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.matching.django_fixtures import _forget  # the caches a fresh toy import must drop
from tests.taxonomy.toy_esco import SKILL_HEADER

DATA = Path(__file__).parents[2] / "src" / "techtalent" / "data"


def mapped_skills() -> dict[str, str]:
    """URI → English label of every ESCO skill the scan mapping reaches (own and framework competencies)."""
    found: dict[str, str] = {}
    mapping = yaml.safe_load((DATA / "scan" / "level-competencies.yaml").read_text(encoding="utf-8"))
    for comp in mapping["competencies"]:
        found.update({e["uri"]: e["label"] for e in comp["esco"]})
    framework = yaml.safe_load(
        (DATA / "frameworks" / "industry40-competencies.yaml").read_text(encoding="utf-8")
    )
    for item in framework["items"]:
        found.update({e["uri"]: e["label"] for e in item.get("esco") or []})
    return found


def write_export(root: Path) -> Path:
    """An English-only ESCO skills file in the official columns, with just the mapped skills."""
    (root / "en").mkdir(parents=True)
    with (root / "en" / "skills_en.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SKILL_HEADER)
        for uri, label in mapped_skills().items():
            writer.writerow(
                [
                    "KnowledgeSkillCompetence",
                    uri,
                    "skill/competence",
                    "cross-sector",
                    label,
                    "",
                    "",
                    "released",
                    "2020-01-01T00:00:00Z",
                    "",
                    "",
                    "",
                    f"{label} (test description)",
                ]
            )
    return root


@pytest.fixture
def scan_db(db: None, settings: Any, tmp_path: Path) -> Iterator[None]:
    """The mapped ESCO skills imported, the sector frameworks and the scan instruments loaded."""
    from techtalent.scan.services import instruments_load
    from techtalent.taxonomy.frameworks import frameworks_load
    from techtalent.taxonomy.services import esco_import

    settings.CACHE_DIR = tmp_path / "cache"
    _forget()
    esco_import(write_export(tmp_path / "esco"))
    frameworks_load()
    instruments_load()
    yield
    _forget()


@pytest.fixture
def make_user(db: None) -> Callable[[str], Any]:
    from django.contrib.auth import get_user_model

    def make(name: str) -> Any:
        return get_user_model().objects.create_user(username=name, password="Geheim-wachtwoord-1")

    return make


@pytest.fixture
def company(scan_db: None, make_user: Callable[[str], Any]) -> dict[str, Any]:
    """Metaal Noord BV (verified, Groningen): director (owner), HR, three staff, and an outsider."""
    from techtalent.orgs.services import membership_add, organisation_create, organisation_verify

    people = {name: make_user(name) for name in ("director", "hr", "anna", "bram", "cees", "outsider")}
    org = organisation_create(
        name="Metaal Noord BV", kind="employer", owner=people["director"], region="PV20"
    )
    organisation_verify(organisation=org)
    membership_add(organisation=org, user=people["hr"], role="hr")
    for name in ("anna", "bram", "cees"):
        membership_add(organisation=org, user=people[name], role="member")
    return {"org": org, **people}


@pytest.fixture
def share_passport() -> Callable[..., Any]:
    """Give a user a passport with these skills, shared with the organisation."""
    from techtalent.matching.services import passport_get_or_create, skill_add
    from techtalent.orgs.services import consent_grant

    def share(user: Any, organisation: Any, skills: list[str]) -> Any:
        passport = passport_get_or_create(user=user)
        for uri in skills:
            skill_add(passport=passport, uri=uri)
        return consent_grant(passport=passport, organisation=organisation)

    return share


def answers(value: int = 2, **overrides: int) -> dict[str, int]:
    """An answer for every question of the maturity scan (value everywhere unless overridden)."""
    from techtalent.scan.instruments import INSTRUMENT_DIR, read_instrument_file

    _raw, instrument = read_instrument_file(INSTRUMENT_DIR / "sih-maturity-v1.yaml")
    return {q.code: overrides.get(q.code.replace("-", "_"), value) for q in instrument.questions}


def culture_answers(value: int = 4) -> dict[str, int]:
    """An answer to every statement of the culture scan."""
    from techtalent.scan.instruments import INSTRUMENT_DIR, read_instrument_file

    _raw, instrument = read_instrument_file(INSTRUMENT_DIR / "culture-new-technicians-v1.yaml")
    return {q.code: value for q in instrument.questions}
