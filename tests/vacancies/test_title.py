"""The title the save form proposes for a pasted vacancy: the job named on its first line, as an HR adviser
would type it, without the hours, the gender note or the employer's name that vacancy headings carry."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from techtalent.vacancies.selectors import title_of
from tests.extraction.conftest import VACANCY_NL

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("first_line", "employers", "title"),
    [
        ("Constructiebankwerker (38 uur) – Metaalbewerking Hoogeveen B.V.", [], "Constructiebankwerker"),
        ("Vacature: Lasser (m/v) - Van Dijk Staalbouw", ["Van Dijk Staalbouw"], "Lasser"),
        ("Allround monteur | 32-40 uur | Metaal Oost BV", [], "Allround monteur"),
        ("Medewerker pers- en ponsafdeling (fulltime)", [], "Medewerker pers- en ponsafdeling"),
        # a dash that is part of the title, or a place after it, stays
        ("Onderhoudsmonteur - Werktuigbouw", [], "Onderhoudsmonteur - Werktuigbouw"),
        ("Monteur elektrotechniek – Groningen", ["Metaal Oost"], "Monteur elektrotechniek – Groningen"),
        (
            "Constructiebankwerker gezocht – Van Dijk Staalbouw",
            [],
            "Constructiebankwerker gezocht – Van Dijk Staalbouw",
        ),
        ("Vacature: lasser", [], "lasser"),
        # an English heading (walk of 3 December in English: "(40 hours)" was kept)
        ("Maintenance Technician (40 hours) – Van Dijk Precision Parts B.V.", [], "Maintenance Technician"),
        ("Vacancy: CNC machinist (m/f, 32-40 hrs) | Acme Ltd", [], "CNC machinist"),
        ("CNC machinist (full-time) - Emmen", [], "CNC machinist - Emmen"),
    ],
)
def test_the_title_is_the_job_without_hours_gender_or_employer(
    first_line: str, employers: list[str], title: str
) -> None:
    assert title_of(f"{first_line}\n\nWat ga je doen?\n- lassen", employers) == title


@pytest.mark.django_db
def test_the_save_form_proposes_the_job_without_the_employer_it_is_saved_for(world: World) -> None:
    client = world.client("hana")  # HR at Acme Metaal
    text = "Lasser (32-40 uur) – Acme Metaal\n\n" + VACANCY_NL
    assert client.post("/extract/analyse/", {"text": text}, **HTMX).status_code == 200
    page = client.get("/extract/").content.decode()
    assert re.search(r'name="title" value="Lasser"', page), re.findall(r'name="title" value="[^"]*"', page)
