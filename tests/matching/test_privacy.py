"""A passport is visible only to its owner and those they share it with: everyone else gets a 404
(never the data) on pages, the API and exports; links stop working when revoked or expired."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from techtalent.matching import services
from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_client(bob: Any) -> Client:
    client = Client()
    client.force_login(bob)
    return client


def test_another_user_gets_404_on_every_api_route(alice_passport: Any, bob_client: Client) -> None:
    pid = alice_passport.id
    reads = [
        f"/api/passports/{pid}",
        f"/api/passports/{pid}/skills",
        f"/api/passports/{pid}/export",
        f"/api/passports/{pid}/shares",
        f"/api/passports/{pid}/matches",
    ]
    for url in reads:
        response = bob_client.get(url)
        assert response.status_code == 404, url
        assert "alice" not in response.content.decode() and "detail" in response.json()
    writes = [
        ("patch", f"/api/passports/{pid}", {"findable": True}),
        ("post", f"/api/passports/{pid}/skills", {"uri": URI["python"]}),
        ("post", f"/api/passports/{pid}/shares", {"username": "bob"}),
        ("post", f"/api/passports/{pid}/education", {"level": "hbo", "programme": "x"}),
        ("delete", f"/api/passports/{pid}?account=true", None),
        ("delete", f"/api/passports/{pid}/skills?uri={URI['mag_welding']}", None),
    ]
    for method, url, body in writes:
        response = getattr(bob_client, method)(url, body, content_type="application/json")
        assert response.status_code == 404, url
    assert alice_passport.skills.count() == 2 and not alice_passport.findable
    assert bob_client.get("/api/passports/").json()["items"] == []


def test_anonymous_visitors_get_401_from_the_api_and_the_login_page_from_pages(alice_passport: Any) -> None:
    client = Client()
    assert client.get(f"/api/passports/{alice_passport.id}").status_code == 401
    for url in (
        "/passport/",
        "/passport/export.json",
        "/passport/matches/",
        f"/passport/{alice_passport.id}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_pages_and_exports_of_another_user_are_404_or_their_own(
    alice_passport: Any, bob_client: Client
) -> None:
    assert bob_client.get(f"/passport/{alice_passport.id}/").status_code == 404
    own = bob_client.get("/passport/export.json").json()  # bob's own, empty passport
    assert own["account"]["username"] == "bob" and own["skills"] == []
    page = bob_client.get("/passport/").content.decode()
    assert URI["mag_welding"] not in page and "Lastechniek" not in page


def test_a_named_share_opens_the_passport_read_only(alice_passport: Any, bob_client: Client) -> None:
    share = services.share_with_user(passport=alice_passport, username="bob")
    assert bob_client.get(f"/passport/{alice_passport.id}/").status_code == 200
    assert bob_client.get(f"/api/passports/{alice_passport.id}").json()["owner"] == "alice"
    assert bob_client.get(f"/api/passports/{alice_passport.id}/export").status_code == 404  # owner only
    assert (
        bob_client.patch(
            f"/api/passports/{alice_passport.id}", {}, content_type="application/json"
        ).status_code
        == 404
    )
    services.share_revoke(passport=alice_passport, share_id=share.id)
    assert bob_client.get(f"/passport/{alice_passport.id}/").status_code == 404


def test_a_link_works_until_revoked_or_expired(alice_passport: Any) -> None:
    client = Client()
    link = services.share_link_create(passport=alice_passport, days=7)
    page = client.get(f"/passport/link/{link.token}/")
    assert page.status_code == 200 and "lasser" in page.content.decode()
    link.expires = timezone.now() - timedelta(minutes=1)
    link.save()
    assert client.get(f"/passport/link/{link.token}/").status_code == 404
    other = services.share_link_create(passport=alice_passport, days=None)
    services.share_revoke(passport=alice_passport, share_id=other.id)
    assert client.get(f"/passport/link/{other.token}/").status_code == 404
    assert client.get("/passport/link/not-a-token/").status_code == 404


def test_another_user_cannot_revoke_or_edit_through_the_pages(
    alice_passport: Any, bob_client: Client
) -> None:
    link = services.share_link_create(passport=alice_passport, days=7)
    bob_client.post("/passport/edit/share-revoke/", {"id": link.id})
    bob_client.post("/passport/skills/remove/", {"uri": URI["mag_welding"]})
    assert alice_passport.shares.count() == 1 and alice_passport.skills.count() == 2


def test_a_login_alone_sees_no_candidates_an_hr_of_a_verified_organisation_sees_consenting_ones(
    alice_passport: Any, bob: Any, bob_client: Client
) -> None:
    from techtalent.orgs import services as orgs

    services.passport_update(passport=alice_passport, findable=True)  # all verified employers
    response = bob_client.post("/candidates/", {"occupation": URI["welder"]})
    assert response.status_code == 403 and "MAG" not in response.content.decode()
    company = orgs.organisation_create(name="Lasbedrijf Noord", kind="employer", owner=bob)
    assert bob_client.post("/candidates/", {"occupation": URI["welder"]}).status_code == 403  # unverified
    orgs.organisation_verify(organisation=company)
    html = bob_client.post(
        "/candidates/", {"organisation": company.id, "occupation": URI["welder"]}
    ).content.decode()
    assert f"Paspoort {alice_passport.id}" in html and "MAG" in html
    services.passport_update(passport=alice_passport, findable=False)
    html = bob_client.post(
        "/candidates/", {"organisation": company.id, "occupation": URI["welder"]}
    ).content.decode()
    assert f"Paspoort {alice_passport.id}" not in html and "MAG" not in html
