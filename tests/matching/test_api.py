"""The passports and matching API: CRUD of one's own passport, export, delete, shares, explained matches,
paths; bad input is a 4xx with {"detail"}; lists are paginated."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def client_of_alice(alice: Any, toy_db: Any) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def test_a_passport_is_built_through_the_api(client_of_alice: Client) -> None:
    created = client_of_alice.post("/api/passports/", content_type=JSON).json()
    pid = created["id"]
    assert created["owner"] == "alice" and created["skills"] == []
    skill = client_of_alice.post(
        f"/api/passports/{pid}/skills", {"uri": URI["python"], "proficiency": "expert"}, content_type=JSON
    ).json()
    assert skill["label"] == "Python (computerprogrammering)" and skill["proficiency"] == "expert"
    held = client_of_alice.post(
        f"/api/passports/{pid}/occupations", {"uri": URI["software_developer"], "years": 3}, content_type=JSON
    )
    assert held.status_code == 200 and held.json()["years"] == 3.0
    edu = client_of_alice.post(
        f"/api/passports/{pid}/education", {"level": "hbo", "programme": "HBO-ICT"}, content_type=JSON
    ).json()
    patched = client_of_alice.patch(
        f"/api/passports/{pid}", {"region": "Drenthe", "findable": True}, content_type=JSON
    ).json()
    assert patched["region"] == "Drenthe" and patched["findable"] is True
    skills = client_of_alice.get(f"/api/passports/{pid}/skills?limit=1").json()
    assert skills["count"] >= 2 and len(skills["items"]) == 1
    assert client_of_alice.delete(f"/api/passports/{pid}/skills?uri={URI['python']}").status_code == 204
    assert client_of_alice.delete(f"/api/passports/{pid}/education/{edu['id']}").status_code == 204
    assert client_of_alice.get("/api/passports/me").json()["id"] == pid


def test_shares_are_made_listed_and_revoked(client_of_alice: Client, alice_passport: Any, bob: Any) -> None:
    pid = alice_passport.id
    link = client_of_alice.post(f"/api/passports/{pid}/shares", {"days": 3}, content_type=JSON).json()
    assert link["url"].startswith("http://testserver/passport/link/") and link["expires"]
    named = client_of_alice.post(f"/api/passports/{pid}/shares", {"username": "bob"}, content_type=JSON)
    nobody = client_of_alice.post(f"/api/passports/{pid}/shares", {"username": "nobody"}, content_type=JSON)
    assert named.status_code == nobody.status_code == 202  # the same answer: user names cannot be probed
    assert named.json()["detail"].replace("'bob'", "X") == nobody.json()["detail"].replace("'nobody'", "X")
    listed = client_of_alice.get(f"/api/passports/{pid}/shares").json()
    assert listed["count"] == 3 and {s["username"] for s in listed["items"]} == {"bob", "nobody", None}
    assert client_of_alice.delete(f"/api/passports/{pid}/shares/{link['id']}").status_code == 204
    assert client_of_alice.delete(f"/api/passports/{pid}/shares/{link['id']}").status_code == 404


def test_export_and_delete_with_the_account(
    client_of_alice: Client, alice_passport: Any, row_counts: Any
) -> None:
    pid = alice_passport.id
    exported = client_of_alice.get(f"/api/passports/{pid}/export").json()
    assert exported["schema"] == "techtalent-passport/1" and len(exported["skills"]) == 2
    assert client_of_alice.delete(f"/api/passports/{pid}?account=true").status_code == 204
    assert row_counts() == dict.fromkeys(
        ("Passport", "PassportSkill", "OccupationHeld", "Education", "PassportShare", "User"), 0
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"uri": "http://example.org/not-esco"}, 400),
        ({"uri": URI["python"], "proficiency": "guru"}, 422),
        ({"uri": URI["python"], "source": "rumour"}, 422),
        ({}, 422),
        ({"uri": ""}, 422),
    ],
)
def test_bad_skills_are_refused_with_a_detail(client_of_alice: Client, body: dict, status: int) -> None:
    pid = client_of_alice.post("/api/passports/", content_type=JSON).json()["id"]
    response = client_of_alice.post(f"/api/passports/{pid}/skills", body, content_type=JSON)
    assert response.status_code == status and "detail" in response.json()


def test_skills_in_ranked_explained_occupations_out(toy_db: Any) -> None:
    body = {"skills": {URI["mag_welding"]: "advanced", URI["tig_welding"]: "basic"}, "lang": "en", "top": 3}
    page = Client().post("/api/match/occupations?limit=2", body, content_type=JSON).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    best = page["items"][0]
    assert best["uri"] == URI["welder"] and best["label"] == "welder"
    assert {s["uri"] for s in best["explanation"]["matched"]} == {URI["mag_welding"], URI["tig_welding"]}
    assert all(s["weight"] > 0 for s in best["explanation"]["missing"])


@pytest.mark.parametrize(
    "body",
    [
        {"skills": {}},
        {"skills": {URI["python"]: "guru"}},
        {"skills": {"http://example.org/x": "basic"}},
        {"skills": {URI["python"]: "basic"}, "top": 0},
        {"skills": {URI["python"]: "basic"}, "lang": "de"},
        {"skills": [URI["python"]]},
    ],
)
def test_bad_match_input_is_a_4xx_with_a_detail(toy_db: Any, body: dict) -> None:
    response = Client().post("/api/match/occupations", body, content_type=JSON)
    assert 400 <= response.status_code < 500 and "detail" in response.json()


def test_paths_from_an_occupation_and_bad_paths_input(toy_db: Any) -> None:
    ok = Client().get(f"/api/match/paths?from={URI['welder']}&max_steps=2")
    assert ok.status_code == 200 and "items" in ok.json()
    for query in (
        "from=http://example.org/x",
        f"from={URI['welder']}&max_steps=9",
        "",
        f"from={URI['welder']}&to=http://example.org/x",
    ):
        response = Client().get(f"/api/match/paths?{query}")
        assert 400 <= response.status_code < 500 and "detail" in response.json(), query


def test_the_openapi_document_lists_the_new_routes() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert "/api/passports/{passport_id}/export" in schema["paths"]
    assert "/api/match/occupations" in schema["paths"] and "/api/match/paths" in schema["paths"]
