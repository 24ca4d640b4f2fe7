"""The vacancy pages through the Django test client: save from the extraction review with exactly the
accepted concepts, the vacancy page (Dutch names, remove, add, edit, delete), the list, the candidates
with reasons, and 404/403 for those outside the organisation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from techtalent.vacancies.models import Vacancy
from tests.extraction.conftest import URI, VACANCY_NL

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def reviewed(client: Client, reject: str, accept: list[str]) -> str:
    """Paste the Dutch vacancy on the extraction page, reject one concept, accept others; the page."""
    assert client.post("/extract/analyse/", {"text": VACANCY_NL}, **HTMX).status_code == 200
    client.post("/extract/decide/", {"uri": reject, "decision": "rejected"}, **HTMX)
    for uri in accept:
        client.post("/extract/decide/", {"uri": uri, "decision": "accepted"}, **HTMX)
    return client.get("/extract/").content.decode()


def saved(world: World, client: Client) -> Vacancy:
    reviewed(client, URI["tig_welding"], [URI["mag_welding"], URI["cnc_milling"], URI["welder"]])
    response = client.post("/vacancies/save/", {"organisation": world.acme.id, "title": "Lasser"})
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/vacancies/{vacancy.id}/"
    return vacancy


def test_a_member_of_an_employer_gets_save_vacancy_with_the_title_from_the_text(world: World) -> None:
    page = reviewed(world.client("hana"), URI["tig_welding"], [URI["mag_welding"]])
    assert 'id="save-vacancy"' in page and "Vacature opslaan" in page
    assert re.search(r'name="title" value="lasser"', page)  # "Vacature: lasser" without "Vacature:"
    assert "met het 1 geaccepteerde concept" in page
    for outsider in ("bob", None):  # no employer organisation, or not signed in: no save form
        assert 'id="save-vacancy"' not in reviewed(world.client(outsider), URI["tig_welding"], [])


def test_saving_keeps_exactly_the_accepted_concepts_and_the_text(world: World) -> None:
    vacancy = saved(world, world.client("hana"))
    wanted = dict(vacancy.skills.values_list("uri", "relation"))
    assert wanted == {URI["mag_welding"]: "essential", URI["cnc_milling"]: "optional"}  # "is een pré"
    assert URI["tig_welding"] not in wanted  # rejected, and the open ones stay out too
    assert vacancy.occupation == URI["welder"] and vacancy.text == VACANCY_NL
    assert vacancy.created_by == world.users["hana"] and vacancy.organisation == world.acme


def test_the_vacancy_page_lists_its_skills_by_dutch_name(world: World) -> None:
    client = world.client("hana")
    vacancy = saved(world, client)
    page = client.get(f"/vacancies/{vacancy.id}/").content.decode()
    assert "MAG-lassen uitvoeren" in page and "Vacature opgeslagen met 2 vaardigheden" in page
    assert f'data-uri="{URI["tig_welding"]}"' not in page
    assert "pré" in page or "pluspunt" in page  # the optional one says so
    assert 'id="to-vacancy-candidates"' in page


def test_remove_and_add_a_skill_edit_and_delete(world: World) -> None:
    client = world.client("hana")
    vacancy = saved(world, client)
    base = f"/vacancies/{vacancy.id}"
    block = client.post(f"{base}/skills/remove/", {"uri": URI["cnc_milling"]}, **HTMX).content.decode()
    assert block.startswith('<div id="skills">') and f'data-uri="{URI["cnc_milling"]}"' not in block
    hits = client.get(f"{base}/skills/search/", {"q": "TIG"}).content.decode()
    assert f'action="{base}/skills/add/"' in hits and f'data-uri="{URI["tig_welding"]}"' in hits
    block = client.post(f"{base}/skills/add/", {"uri": URI["tig_welding"], "relation": "optional"}, **HTMX)
    assert f'data-uri="{URI["tig_welding"]}" class="optional"' in block.content.decode()
    assert vacancy.skills.get(uri=URI["tig_welding"]).source == "manual"
    client.post(f"{base}/edit/", {"title": "Lasser TIG", "occupation": ""})
    vacancy.refresh_from_db()
    assert vacancy.title == "Lasser TIG" and vacancy.occupation == ""
    listing = client.get("/vacancies/").content.decode()
    assert "Lasser TIG" in listing and "Acme Metaal" in listing
    assert client.post(f"{base}/delete/").status_code == 302
    assert not Vacancy.objects.exists()


def test_someone_outside_the_organisation_gets_404_everywhere(world: World) -> None:
    vacancy = saved(world, world.client("hana"))
    base = f"/vacancies/{vacancy.id}"
    otto = world.client("otto")
    for url in (f"{base}/", f"{base}/candidates/", f"{base}/skills/search/?q=las"):
        assert otto.get(url).status_code == 404, url
    for url in (f"{base}/delete/", f"{base}/edit/", f"{base}/skills/remove/"):
        assert otto.post(url, {"title": "x", "uri": URI["mag_welding"]}).status_code == 404, url
    assert Vacancy.objects.get().skills.count() == 2
    assert "Lasser" not in otto.get("/vacancies/").content.decode()
    # saving into an organisation one is not a member of is refused too
    reviewed(otto, URI["tig_welding"], [URI["mag_welding"]])
    otto.post("/vacancies/save/", {"organisation": world.acme.id, "title": "Overgenomen"})
    assert Vacancy.objects.count() == 1
    assert world.client(None).get(f"{base}/").status_code == 302  # to the sign-in page


def test_candidates_of_a_saved_vacancy_with_reasons_and_never_one_that_shares_nothing(world: World) -> None:
    from tests.vacancies.test_services import python_passport

    pia = python_passport(world)
    client = world.client("hana")
    vacancy = saved(world, client)
    page = client.get(f"/vacancies/{vacancy.id}/candidates/").content.decode()
    assert f'data-passport="{world.passport.id}"' in page and f'data-passport="{pia.id}"' not in page
    assert "Gevonden" in page or "Overeenkomend" in page or 'class="skills matched"' in page
    assert "MAG-lassen uitvoeren" in page
    vacancy.skills.all().delete()
    Vacancy.objects.filter(id=vacancy.id).update(occupation="")
    client.post(f"/vacancies/{vacancy.id}/skills/add/", {"uri": URI["sql"]})
    page = client.get(f"/vacancies/{vacancy.id}/candidates/").content.decode()
    assert 'id="no-candidates"' in page and "Geen van de 2 paspoorten" in page


def test_a_plain_member_sees_the_vacancy_but_not_its_candidates(world: World) -> None:
    from techtalent.orgs import services as orgs

    vacancy = saved(world, world.client("hana"))
    orgs.membership_add(organisation=world.acme, user=world.users["bob"], role="member")
    bob = world.client("bob")
    assert bob.get(f"/vacancies/{vacancy.id}/").status_code == 200
    refused = bob.get(f"/vacancies/{vacancy.id}/candidates/")
    assert refused.status_code == 403 and 'id="refusal"' in refused.content.decode()


def test_the_paste_a_text_candidates_page_drops_passports_that_share_nothing(world: World) -> None:
    from tests.vacancies.test_services import python_passport

    pia = python_passport(world)
    page = (
        world.client("hana")
        .post("/candidates/", {"organisation": world.acme.id, "text": VACANCY_NL, "occupation": ""})
        .content.decode()
    )
    assert f"Paspoort {world.passport.id}" in page and f"Paspoort {pia.id}" not in page
    assert 'id="to-save-vacancy"' in page


def test_the_pages_read_in_english_on_request(world: World) -> None:
    client = world.client("hana")
    vacancy = saved(world, client)
    client.cookies["django_language"] = "en"
    page: Any = client.get(f"/vacancies/{vacancy.id}/").content.decode()
    assert "Skills asked for" in page and "perform metal active gas welding" in page
