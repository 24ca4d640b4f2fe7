"""The authorisation matrix: every passport, candidate, organisation, consent and token route (pages and
API) tried as the owner, another person, HR of another (verified) organisation, HR of an unverified
organisation and anonymous. Nothing of alice's passport is visible across accounts or organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from techtalent.orgs import services
from tests.extraction.conftest import URI

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
JSON = "application/json"
ACTORS = ("alice", "bob", "otto", "uma", None)  # owner, another person, other org's HR, unverified HR, anon
SECRET = ("MAG", "Lastechniek", "Groningen", "alice")  # what alice's passport and account give away


def _routes(w: World, share_id: int, token_id: int) -> list[tuple[str, str, Any, dict[Any, int]]]:
    pid, cid, acme = w.passport.id, w.consent.id, w.acme.slug
    own = {"alice": 200, "bob": 404, "otto": 404, "uma": 404, None: 401}
    page = {"alice": 200, "bob": 404, "otto": 404, "uma": 404, None: 302}
    org_api = {"alice": 404, "bob": 404, "otto": 404, "uma": 404, None: 401}
    org_page = {"alice": 404, "bob": 404, "otto": 404, "uma": 404, None: 302}
    mine = {"alice": 200, "bob": 200, "otto": 200, "uma": 200, None: 401}  # each their own, none of alice's
    mine_page = {**mine, None: 302}
    return [
        ("get", f"/api/passports/{pid}", None, own),
        ("get", f"/api/passports/{pid}/skills", None, own),
        ("get", f"/api/passports/{pid}/export", None, own),
        ("get", f"/api/passports/{pid}/shares", None, own),
        ("get", f"/api/passports/{pid}/matches", None, own),
        ("get", f"/api/passports/{pid}/matches", None, own),
        ("get", f"/api/orgs/{acme}", None, org_api),
        ("post", f"/api/orgs/{acme}/candidates", {"occupation": URI["welder"]}, org_api),
        (
            "post",
            f"/api/orgs/{w.pending.slug}/candidates",
            {"occupation": URI["welder"]},
            {"alice": 404, "bob": 404, "otto": 404, "uma": 403, None: 401},
        ),  # fmt: skip
        (
            "post",
            f"/api/orgs/{w.other.slug}/candidates",
            {"occupation": URI["welder"]},
            {"alice": 404, "bob": 404, "otto": 200, "uma": 404, None: 401},
        ),  # fmt: skip
        ("get", "/api/orgs/", None, mine),
        ("get", "/api/orgs/consents", None, mine),
        ("get", "/orgs/", None, mine_page),
        ("get", "/orgs/consents/", None, mine_page),
        ("get", "/orgs/tokens/", None, mine_page),
        ("get", "/passport/", None, mine_page),
        ("get", "/orgs/verification/", None, {**{a: 302 for a in ACTORS}}),
        ("delete", f"/api/orgs/consents/{cid}", None, {**own, "alice": 204}),
        ("get", f"/passport/{pid}/", None, page),
        ("get", "/candidates/", None, {"alice": 403, "bob": 403, "otto": 200, "uma": 403, None: 302}),
        (
            "post",
            "/candidates/",
            {"organisation": w.acme.id, "occupation": URI["welder"]},
            {"alice": 403, "bob": 403, "otto": 400, "uma": 403, None: 302},
        ),  # fmt: skip
        ("get", f"/orgs/{acme}/", None, org_page),
        ("post", f"/orgs/{acme}/invite/", {"username": "bob", "role": "owner", "days": 3}, org_page),
        (
            "post",
            f"/orgs/{acme}/members/{w.acme.memberships.get(user=w.users['hana']).id}/remove/",
            None,
            org_page,
        ),  # fmt: skip
        (
            "post",
            f"/orgs/verification/{w.pending.id}/verify/",
            None,
            {"alice": 302, "bob": 302, "otto": 302, "uma": 302, None: 302},
        ),  # fmt: skip
        (
            "post",
            "/passport/edit/share-revoke/",
            {"id": share_id},
            {"alice": 302, "bob": 302, "otto": 302, "uma": 302, None: 302},
        ),  # fmt: skip
        ("post", f"/orgs/consents/{cid}/revoke/", None, {**page, "alice": 302}),
        ("post", f"/orgs/tokens/{token_id}/revoke/", None, {**page, "alice": 302}),
    ]


def test_every_route_as_every_actor(world: World) -> None:
    w = world
    share = services_share(w)
    token, _secret = services.token_create(user=w.users["alice"], name="x", scopes=["passport:read"])
    routes = _routes(w, share.id, token.id)
    for actor in ACTORS[1:]:
        _try(w, actor, routes)
    w.passport.refresh_from_db()
    assert w.passport.skills.count() == 2 and w.passport.shares.count() == 1  # no one else changed a thing
    assert not w.pending.verified and w.acme.memberships.count() == 2 and w.consent.revoked_at is None
    _try(w, "alice", routes)  # the owner last: her writes revoke the share, consent and token
    assert w.passport.shares.count() == 0 and w.passport.consents.get().revoked_at is not None


def _try(w: World, actor: str | None, routes: list[tuple[str, str, Any, dict[Any, int]]]) -> None:
    client = w.client(actor)
    for method, url, body, expected in routes:
        kwargs = {"content_type": JSON} if url.startswith("/api/") and body is not None else {}
        response = getattr(client, method)(url, body, **kwargs) if body else getattr(client, method)(url)
        assert response.status_code == expected[actor], (actor, method, url, response.status_code)
        if actor != "alice" and response.status_code < 300:
            text = response.content.decode()
            assert not [s for s in SECRET if s in text], (actor, url)
            assert "matching" not in text or url != "/api/orgs/consents", actor  # no consent of alice's
            assert 'id="consents"' not in text and 'id="tokens"' not in text, (actor, url)


def services_share(w: World) -> Any:
    from techtalent.matching.services import share_link_create

    return share_link_create(passport=w.passport, days=3)


def test_only_hr_of_the_chosen_verified_organisation_sees_the_passport(world: World) -> None:
    w = world
    body = {"occupation": URI["welder"]}
    hana = w.client("hana").post(f"/api/orgs/{w.acme.slug}/candidates", body, content_type=JSON)
    assert hana.status_code == 200 and [c["passport"] for c in hana.json()] == [w.passport.id]
    matched = {m["uri"] for m in hana.json()[0]["explanation"]["matched"]}
    assert URI["mag_welding"] in matched
    otto = w.client("otto").post(f"/api/orgs/{w.other.slug}/candidates", body, content_type=JSON)
    assert otto.status_code == 200 and otto.json() == []
    page = w.client("hana").post("/candidates/", {"organisation": w.acme.id, **body}).content.decode()
    assert f"Paspoort {w.passport.id}" in page and "MAG-lassen" in page
    other_page = w.client("otto").post("/candidates/", {"organisation": w.other.id, **body}).content.decode()
    assert f"Paspoort {w.passport.id}" not in other_page and 'id="no-candidates"' in other_page
    # a member without a recruiting role sees none
    services.membership_add(organisation=w.acme, user=w.users["bob"], role="member")
    assert (
        w.client("bob").post(f"/api/orgs/{w.acme.slug}/candidates", body, content_type=JSON).status_code
        == 403
    )


def test_revoking_the_consent_removes_the_passport_at_once(world: World) -> None:
    w = world
    body = {"occupation": URI["welder"]}
    services.consent_revoke(consent=w.consent)
    hana = w.client("hana").post(f"/api/orgs/{w.acme.slug}/candidates", body, content_type=JSON)
    assert hana.status_code == 200 and hana.json() == []


def test_an_organisation_token_sees_the_candidates_of_its_organisation_only(world: World) -> None:
    w = world
    _t, secret = services.token_create(
        user=w.users["olga"], name="ats", scopes=["org:candidates"], organisation=w.acme
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = w.client(None)
    body = {"occupation": URI["welder"], "lang": "en"}
    found = client.post(f"/api/orgs/{w.acme.slug}/candidates", body, content_type=JSON, **auth)
    assert found.status_code == 200 and found.json()[0]["passport"] == w.passport.id
    assert client.get(f"/api/passports/{w.passport.id}", **auth).status_code == 403  # no passport:read
    _t, personal = services.token_create(user=w.users["hana"], name="x", scopes=["passport:read"])
    refused = client.post(
        f"/api/orgs/{w.acme.slug}/candidates",
        body,
        content_type=JSON,
        HTTP_AUTHORIZATION=f"Bearer {personal}",
    )
    assert refused.status_code == 403 and "org:candidates" in refused.json()["detail"]


def test_the_candidates_csv_export_follows_the_same_consent(world: World) -> None:
    w = world
    body = {"occupation": URI["welder"], "export": "csv"}
    hana = w.client("hana").post("/candidates/", {"organisation": w.acme.id, **body})
    assert hana["Content-Type"].startswith("text/csv")
    rows = hana.content.decode().splitlines()
    assert rows[0] == "passport,score,coverage,matched,partial,missing,labels_derived"
    assert rows[1].startswith(f"{w.passport.id},") and "MAG-lassen" in rows[1] and len(rows) == 2
    otto = w.client("otto").post("/candidates/", {"organisation": w.other.id, **body})
    assert otto.content.decode().splitlines() == [rows[0]]
    assert w.client("bob").post("/candidates/", {"organisation": w.acme.id, **body}).status_code == 403
