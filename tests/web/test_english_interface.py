"""The English interface as an English-speaking user sees it (walk of 3 December 2026 in English,
docs/walk-2026-12-03-en.md): no Dutch example words in its hints, a count of one said in the singular,
Dutch quotes marked as Dutch, and a skill already on the list not offered to be added again."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests.extraction.conftest import URI

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.matching.django_fixtures", "tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
DUTCH_EXAMPLES = re.compile(r"\b(lassen|lasser|onderhoud|elektricien|elektromonteur|frezen)\b", re.IGNORECASE)


def _english(client: Client, url: str, **params: Any) -> str:
    page = client.get(url, {**params, "lang": "en"}).content.decode()
    assert '<html lang="en">' in page, url
    return page


def test_the_hints_of_the_english_pages_give_english_examples(alice_passport: Any, alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    hints: dict[str, list[str]] = {}
    for url in ("/", "/esco/", "/extract/", "/passport/", "/passport/paths/"):
        page = _english(client, url)
        hints[url] = re.findall(r'placeholder="([^"]*)"', page)
        assert not [h for h in hints[url] if DUTCH_EXAMPLES.search(h)], (url, hints[url])
    assert "e.g. welding, CNC milling, electrician" in hints["/"]
    assert "e.g. welder, CNC operator, electrician" in hints["/extract/"]
    assert "e.g. welding, maintenance, PLC" in hints["/passport/"]
    paths = _english(client, "/passport/paths/")
    assert "e.g. maintenance" in hints["/passport/paths/"] and "a search such as “maintenance”" in paths
    # the Dutch pages keep their Dutch examples
    dutch = client.get("/passport/", {"lang": "nl"}).content.decode()
    assert 'placeholder="bijv. lassen, onderhoud, PLC"' in dutch


def test_a_path_target_of_one_occupation_is_said_in_the_singular(alice_passport: Any, alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    one = _english(client, "/passport/paths/", to="welder", steps=3)
    assert re.search(r"Target: 1 occupation found for “welder”\.", one), one
    dutch = client.get("/passport/paths/", {"to": "lasser", "steps": 3, "lang": "nl"}).content.decode()
    assert re.search(r"Doel: 1 beroep gevonden voor “lasser”\.", dutch)


LINKS = [
    {
        "group": "service-en-onderhoud",
        "name": "Maintenance technicians",
        "confidence": "exact",
        "sources": [
            {
                "document": "000_x.txt",
                "section": "Grootste hoeveelheid kwalificaties",
                "quote": "Eerste monteur",
            }
        ],
    }
]


def test_a_shortage_quote_is_marked_as_dutch_and_said_to_be_so_in_english() -> None:
    with translation.override("en"):
        english = render_to_string("matching/_shortage.html", {"links": LINKS})
    assert '<q lang="nl">Eerste monteur</q> <span class="muted">(quoted in Dutch)</span>' in english
    assert '<span lang="nl">000_x.txt, Grootste hoeveelheid kwalificaties</span>' in english  # no title known
    with translation.override("nl"):
        dutch = render_to_string("matching/_shortage.html", {"links": LINKS})
    assert '<q lang="nl">Eerste monteur</q> —' in dutch and "geciteerd" not in dutch


def test_a_skill_already_in_the_passport_is_shown_added_not_offered_again(
    alice_passport: Any, alice: Any
) -> None:
    client = Client()
    client.force_login(alice)
    hits = client.get("/passport/search/skills/", {"q": "welding", "lang": "en"}, **HTMX).content.decode()
    held = re.search(rf'<button[^>]*data-uri="{re.escape(URI["mag_welding"])}"[^>]*>([^<]*)<', hits)
    assert held and "disabled" in held.group(0) and held.group(1) == "Added", hits
    assert f'class="small add-skill" data-uri="{URI["mag_welding"]}"' not in hits
    assert 'class="small add-skill"' in hits  # the skills not yet held can still be added


def test_a_skill_already_asked_for_by_the_vacancy_is_shown_added(world: World) -> None:
    from tests.vacancies.test_pages import saved

    client = world.client("hana")
    vacancy = saved(world, client)
    hits = client.get(f"/vacancies/{vacancy.id}/skills/search/", {"q": "MAG"}).content.decode()
    held = re.search(rf'<button[^>]*data-uri="{re.escape(URI["mag_welding"])}"[^>]*>([^<]*)<', hits)
    assert held and "disabled" in held.group(0) and held.group(1) == "Toegevoegd", hits


def test_a_shortage_source_is_named_by_its_title_not_its_file_name() -> None:
    from techtalent.matching.engine.shortage import ShortageLink, ShortageSource
    from techtalent.matching.results import shortage_out

    document = "003_989611638bc5453e.txt"
    source = ShortageSource(document=document, section="Inleiding", quote="Technische beroepen Drenthe")
    link = ShortageLink(
        occupation="o", group="g", name_nl="n", name_en="n", sources=(source,), mapping="",
        confidence="exact", tension=(),
    )  # fmt: skip
    links = shortage_out([link], "en")
    assert (
        links[0]["sources"][0]["title"]
        == "Smart Industry Hub Noord-Nederland, masterplan onderwijs en arbeid"
    )
    with translation.override("en"):
        shown = render_to_string("matching/_shortage.html", {"links": links})
    assert f'<cite title="{document}">Smart Industry Hub Noord-Nederland, masterplan' in shown


def test_the_passports_remove_buttons_are_named_whole_in_each_language(
    alice_passport: Any, alice: Any
) -> None:
    # the walk: the passport's buttons said "Remove" + name by concatenation and lacked the vacancy's class
    client = Client()
    client.force_login(alice)
    for lang, said in (("en", r"Remove [^\"]+"), ("nl", r"[^\"]+ verwijderen")):
        page = client.get("/passport/", {"lang": lang}).content.decode()
        labels = re.findall(r'class="small secondary remove-skill" aria-label="([^"]*)"', page)
        assert labels and all(re.fullmatch(said, label) for label in labels), (lang, labels)
