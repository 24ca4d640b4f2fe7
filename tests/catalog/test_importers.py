"""Offers from the documented CSV/JSON format, and real programmes from the DUO and Tekkieworden files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from techtalent.catalog.importers.duo import programmes_import
from techtalent.catalog.importers.levels import parse_level
from techtalent.catalog.importers.offers import offers_import
from techtalent.catalog.models import Offer, OfferSkill
from techtalent.core.errors import DataFileError
from tests.catalog.conftest import FIXTURES, SKILL
from tests.conftest import SHARED


def test_csv_offers_keep_their_fields_and_stated_skills_are_accepted(catalog: list[Any]) -> None:
    mag = Offer.objects.get(title="MAG-lassen voor beginners")
    assert (mag.provider.name, mag.level, mag.nlqf, mag.hours, float(mag.cost_eur or 0)) == (
        "Techniek College Oost",
        "mbo2",
        2,
        40,
        450.0,
    )
    assert (mag.region, mag.language, mag.source) == ("GM0153", "nl", "offers.csv, line 2")
    assert list(mag.skills.values_list("uri", "status", "method")) == [(SKILL["mag"], "accepted", "stated")]


def test_a_row_without_skills_gets_suggestions_from_extraction(catalog: list[Any]) -> None:
    drawing = Offer.objects.get(title="Technisch tekenen")
    suggested = dict(drawing.skills.values_list("uri", "status"))
    assert suggested.get(SKILL["drawings"]) == "suggested"  # "technische tekeningen lezen" is in the text


def test_json_offers_take_lists_of_skills_and_nlqf_levels(toy_db: Path) -> None:
    (offer,) = offers_import(FIXTURES / "offers.json")
    assert (offer.kind, offer.form, offer.nlqf, offer.level, offer.provider.kind) == (
        "masterclass",
        "blended",
        4,
        "mbo4",
        "academy",
    )
    assert set(offer.skills.values_list("uri", flat=True)) == {SKILL["robotics"], SKILL["machines"]}


def test_a_malformed_row_names_file_line_and_field_and_nothing_is_saved(toy_db: Path) -> None:
    with pytest.raises(DataFileError) as info:
        offers_import(FIXTURES / "offers_bad_hours.csv")
    assert (info.value.file, info.value.line, info.value.field) == ("offers_bad_hours.csv", 3, "hours")
    assert Offer.objects.count() == 0 and OfferSkill.objects.count() == 0


def test_an_unknown_skill_uri_or_level_is_refused_with_its_line(toy_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("provider,title,level,skills\nX,Y,mbo 2,http://data.europa.eu/esco/skill/nope\n", "utf-8")
    with pytest.raises(DataFileError, match=r"bad.csv, line 2: .*not an ESCO skill"):
        offers_import(bad)
    bad.write_text("provider,title,level\nX,Y,doctoraal\n", "utf-8")
    with pytest.raises(DataFileError, match=r"line 2, field 'level'"):
        offers_import(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mbo 4", ("mbo4", 4, 4)),
        ("MBO-2", ("mbo2", 2, 2)),
        ("Ad", ("ad", 5, 5)),
        ("hbo bachelor", ("bachelor", 6, 6)),
        ("NLQF 7", ("master", 7, 7)),
        ("EQF 8", ("", 8, 8)),
        ("", ("", None, None)),
    ],
)
def test_levels_are_read_as_dutch_files_write_them(
    text: str, expected: tuple[str, int | None, int | None]
) -> None:
    assert parse_level(text) == expected


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_duo_hbo_programmes_are_imported_with_code_level_form_region_and_enrolment() -> None:
    path = SHARED / "data" / "nl" / "duo" / "hbo_inscriptions_2019.csv"
    if not path.exists():
        pytest.skip("DUO files not found")
    count = programmes_import(path)
    assert count > 1000
    offer = Offer.objects.get(
        provider__name="Hanzehogeschool Groningen", code="34267", form="fulltime", title="B Elektrotechniek"
    )
    assert (offer.level, offer.code_scheme, offer.region, offer.sector) == (
        "bachelor",
        "croho",
        "GM0106",
        "techniek",
    )
    assert "Assen" in offer.locations and offer.enrolment_year == 2019 and offer.enrolment is not None
    assert offer.source.startswith("hbo_inscriptions_2019.csv, line ") and "Bron: DUO" in offer.source
    assert programmes_import(path) == 0  # a second import adds nothing


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_mbo_qualifications_and_tekkieworden_tech_labels_are_imported() -> None:
    duo = SHARED / "data" / "nl" / "duo" / "mbo_inscriptions_2019.csv"
    tekkie = SHARED / "data" / "nl" / "tekkieworden" / "opleidingen_mbo_tech_filtered.csv"
    ho_tech = SHARED / "data" / "nl" / "tekkieworden" / "opleidingen_ho_tech_filtered.csv"
    if not duo.exists():
        pytest.skip("DUO files not found")
    assert programmes_import(duo) > 1000
    entree = Offer.objects.filter(provider__name="Albeda", code="23110", form="dual").first()
    assert entree is not None and (entree.level, entree.code_scheme, entree.nlqf) == ("mbo1", "crebo", 1)
    assert programmes_import(tekkie) > 100
    assert Offer.objects.filter(code_scheme="crebo", sector__startswith="tech: ").exists()
    assert programmes_import(ho_tech) > 100
    assert Offer.objects.filter(code="49124", sector__contains="tech: designer").exists()
