"""The vacancies API: list, create, read, update and delete an organisation's vacancies and rank their
candidates; members only (404 otherwise), the org:vacancies scope for tokens, clear 4xx for bad input."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from techtalent.orgs.services import token_create
from techtalent.vacancies.models import Vacancy
from tests.extraction.conftest import URI

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
BASE = "/api/orgs/acme-metaal/vacancies"
NEW = {
    "title": "Constructiebankwerker",
    "text": "Je last met MAG.",
    "occupation": URI["welder"],
    "skills": [{"uri": URI["mag_welding"]}, {"uri": URI["cnc_milling"], "relation": "optional"}],
}


def send(client: Client, method: str, url: str, data: Any = None, **headers: Any) -> tuple[int, Any]:
    body = json.dumps(data) if data is not None else None
    response = getattr(client, method)(url, body, content_type="application/json", **headers)
    return response.status_code, (response.json() if response.content else None)


def test_a_member_creates_reads_lists_changes_and_deletes_a_vacancy(world: World) -> None:
    hana = world.client("hana")
    status, created = send(hana, "post", BASE, NEW)
    assert status == 201 and created["organisation"] == "acme-metaal" and created["created_by"] == "hana"
    assert {(s["uri"], s["relation"], s["source"]) for s in created["skills"]} == {
        (URI["mag_welding"], "essential", "manual"),
        (URI["cnc_milling"], "optional", "manual"),
    }
    assert created["skills"][0]["label"] == "MAG-lassen uitvoeren" and created["text"] == NEW["text"]
    one = f"{BASE}/{created['id']}"
    status, english = send(hana, "get", f"{one}?lang=en")
    assert status == 200 and english["skills"][0]["label"] == "perform metal active gas welding"
    status, page = send(hana, "get", BASE)
    assert status == 200 and page["count"] == 1 and page["items"][0]["id"] == created["id"]
    patch = {"title": "Lasser", "occupation": "", "skills": [{"uri": URI["tig_welding"]}]}
    status, changed = send(hana, "patch", one, patch)
    assert status == 200 and changed["title"] == "Lasser" and changed["occupation"] is None
    assert [s["uri"] for s in changed["skills"]] == [URI["tig_welding"]]
    assert send(hana, "delete", one)[0] == 204
    assert not Vacancy.objects.exists() and send(hana, "get", one)[0] == 404


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({**NEW, "skills": [{"uri": "http://example.org/nope"}]}, 400, "geen ESCO-vaardigheid"),
        ({**NEW, "occupation": URI["mag_welding"]}, 400, "geen ESCO-beroep"),
        ({**NEW, "title": ""}, 422, ""),
        ({**NEW, "skills": [{"uri": URI["mag_welding"], "relation": "must"}]}, 422, ""),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_saves_nothing(
    world: World, data: Any, status: int, words: str
) -> None:
    got, body = send(world.client("hana"), "post", BASE, data)
    assert got == status and words in json.dumps(body, ensure_ascii=False)
    assert not Vacancy.objects.exists()


def test_someone_outside_the_organisation_gets_404_and_changes_nothing(world: World) -> None:
    _s, created = send(world.client("hana"), "post", BASE, NEW)
    one = f"{BASE}/{created['id']}"
    otto = world.client("otto")
    for method, url, data in [
        ("get", BASE, None), ("post", BASE, NEW), ("get", one, None), ("patch", one, {"title": "x"}),
        ("delete", one, None), ("get", f"{one}/candidates", None),
    ]:  # fmt: skip
        status, body = send(otto, method, url, data)
        assert status == 404 and "lid" in body["detail"], (method, url)
    # the vacancy under another organisation's path is not found either
    assert send(otto, "get", f"/api/orgs/other-techniek/vacancies/{created['id']}")[0] == 404
    assert Vacancy.objects.get().title == "Constructiebankwerker"
    assert send(world.client(None), "get", BASE)[0] == 401


def test_candidates_of_a_saved_vacancy_only_for_recruiters_and_only_those_that_fit(world: World) -> None:
    from techtalent.orgs import services as orgs
    from tests.vacancies.test_services import python_passport

    pia = python_passport(world)
    _s, created = send(world.client("hana"), "post", BASE, NEW)
    url = f"{BASE}/{created['id']}/candidates"
    status, found = send(world.client("hana"), "get", url)
    assert status == 200 and [c["passport"] for c in found] == [world.passport.id]
    assert pia.id not in {c["passport"] for c in found}
    assert URI["mag_welding"] in {s["uri"] for s in found[0]["explanation"]["matched"]}
    assert send(world.client("hana"), "get", f"{url}?top=0")[0] == 400
    orgs.membership_add(organisation=world.acme, user=world.users["bob"], role="member")
    status, body = send(world.client("bob"), "get", url)
    assert status == 403 and "HR" in body["detail"]


def test_a_token_needs_the_vacancies_scope(world: World) -> None:
    _t, plain = token_create(user=world.users["hana"], name="x", scopes=["passport:read"])
    _t, scoped = token_create(user=world.users["hana"], name="y", scopes=["org:vacancies"])
    client = Client()
    status, body = send(client, "get", BASE, HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert status == 403 and "org:vacancies" in body["detail"]
    assert send(client, "post", BASE, NEW, HTTP_AUTHORIZATION=f"Bearer {scoped}")[0] == 201
