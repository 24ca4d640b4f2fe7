"""The catalog API: search, describe a module, decide skills, lines and stations, routes, credentials."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from techtalent.catalog.models import Offer
from techtalent.catalog.services import provider_manager_add
from tests.catalog.conftest import SKILL


@pytest.fixture
def provider_client(catalog: list[Any], alice: Any) -> Client:
    provider_manager_add(provider=catalog[0].provider, user=alice)
    client = Client()
    client.force_login(alice)
    return client


def test_search_finds_offers_by_word_and_filters_and_paginates(catalog: list[Any]) -> None:
    body = Client().get("/api/catalog/offers", {"q": "frezen"}).json()
    assert body["total"] == 1 and body["items"][0]["title"] == "CNC-frezen basis"
    assert Client().get("/api/catalog/offers", {"level": "bachelor"}).json()["total"] == 1
    page = Client().get("/api/catalog/offers", {"per_page": 2, "page": 2}).json()
    assert (page["total"], len(page["items"]), page["page"]) == (4, 2, 2)
    assert Client().get("/api/catalog/offers", {"q": "sql"}).json()["total"] == 1  # found by its skill label


def test_a_provider_describes_a_module_and_accepts_a_suggested_skill(provider_client: Client) -> None:
    made = provider_client.post(
        "/api/catalog/offers",
        {
            "provider": "Techniek College Oost",
            "title": "Lassen in de praktijk",
            "hours": 24,
            "description": "Je oefent MAG-lassen en leest technische tekeningen.",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    offer = made.json()
    suggested = {s["uri"]: s["status"] for s in offer["skills"]}
    assert suggested.get(SKILL["mag"]) == "suggested"
    decided = provider_client.post(
        f"/api/catalog/offers/{offer['id']}/skills",
        {"uri": SKILL["mag"], "accept": True},
        content_type="application/json",
    )
    assert {s["uri"]: s["status"] for s in decided.json()}[SKILL["mag"]] == "accepted"


def test_others_may_not_change_a_providers_offers_and_anonymous_users_get_401(
    catalog: list[Any], bob: Any
) -> None:
    offer = Offer.objects.get(title="CNC-frezen basis")
    client = Client()
    payload = {"uri": SKILL["cnc"], "accept": False}
    assert (
        client.post(f"/api/catalog/offers/{offer.pk}/skills", payload, "application/json").status_code == 401
    )
    client.force_login(bob)
    denied = client.post(f"/api/catalog/offers/{offer.pk}/skills", payload, "application/json")
    assert denied.status_code == 403 and "detail" in denied.json()


def test_bad_input_is_a_4xx_with_detail_never_a_500(provider_client: Client) -> None:
    for response in (
        provider_client.get("/api/catalog/offers/999999"),
        provider_client.get("/api/catalog/route", {"skills": " , "}),
        provider_client.post(
            "/api/catalog/offers",
            {"provider": "Techniek College Oost", "title": "X", "level": "doctoraal"},
            "application/json",
        ),
        provider_client.post("/api/catalog/offers", {"title": ""}, "application/json"),
        provider_client.post("/api/catalog/credentials/verify", "[1, 2]", "application/json"),
        provider_client.get("/api/catalog/credentials/not-a-uuid"),
    ):
        assert 400 <= response.status_code < 500, response.content
        assert "detail" in response.json()


def test_a_line_gets_stations_and_the_route_api_returns_the_documented_shape(provider_client: Client) -> None:
    line = provider_client.post(
        "/api/catalog/lines",
        {"name": "Lijn Maakindustrie", "owner": "Techniek College Oost"},
        "application/json",
    ).json()
    mag, cnc = (Offer.objects.get(title=t).pk for t in ("MAG-lassen voor beginners", "CNC-frezen basis"))
    first = provider_client.post(
        f"/api/catalog/lines/{line['id']}/stations", {"offer_id": mag}, "application/json"
    )
    station_id = first.json()["stations"][0]["id"]
    second = provider_client.post(
        f"/api/catalog/lines/{line['id']}/stations",
        {"offer_id": cnc, "prerequisites": [station_id]},
        "application/json",
    ).json()
    assert [s["title"] for s in second["stations"]] == ["MAG-lassen voor beginners", "CNC-frezen basis"]
    assert second["status"] == "active" and second["stations"][1]["prerequisites"] == [station_id]
    route = Client().get("/api/catalog/route", {"skills": f"{SKILL['cnc']},{SKILL['statistics']}"}).json()
    assert [s["id"] for s in route["stations"]] == [mag, cnc]
    assert set(route["stations"][0]) >= {"id", "title", "provider", "skills", "hours", "cost_eur"}
    assert (route["covered"], route["missing"]) == ([SKILL["cnc"]], [SKILL["statistics"]])
    assert (route["hours"], route["cost_eur"]) == (120, 1350)


def test_credentials_are_issued_fetched_exported_and_verified_through_the_api(
    provider_client: Client, bob: Any
) -> None:
    mag = Offer.objects.get(title="MAG-lassen voor beginners").pk
    issued = provider_client.post(
        "/api/catalog/credentials", {"recipient": "bob", "offer_id": mag}, "application/json"
    )
    assert issued.status_code == 201
    doc = issued.json()
    uid = doc["id"].removeprefix("urn:uuid:")
    assert Client().get(f"/api/catalog/credentials/{uid}").json() == doc
    assert (
        Client().get(f"/api/catalog/credentials/{uid}/elm").json()["type"][1] == "EuropeanDigitalCredential"
    )
    ok = Client().post("/api/catalog/credentials/verify", json.dumps(doc), "application/json").json()
    assert ok["valid"] and ok["trusted"] and ok["skills"] == [SKILL["mag"]]
    doc["credentialSubject"]["name"] = "someone else"
    bad = Client().post("/api/catalog/credentials/verify", json.dumps(doc), "application/json").json()
    assert not bad["valid"] and "signature" in bad["reason"]
    other = Offer.objects.get(title="Python en SQL voor data").pk  # another provider's offer
    denied = provider_client.post(
        "/api/catalog/credentials", {"recipient": "bob", "offer_id": other}, "application/json"
    )
    assert denied.status_code == 403
