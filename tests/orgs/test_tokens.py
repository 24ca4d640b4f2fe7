"""API tokens: hashed at rest, shown once, sent as Bearer; scopes give 403 with the scope named; unknown
and revoked tokens give 401 (also on public operations); organisation tokens stay in their organisation."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from techtalent.core.errors import UserError
from techtalent.orgs import services
from techtalent.orgs.models import ApiToken

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
JSON = "application/json"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_is_stored_only_as_its_sha256_and_a_prefix(people: World) -> None:
    token, secret = services.token_create(
        user=people.users["alice"], name="notebook", scopes=["monitor:read"]
    )
    row = ApiToken.objects.get(id=token.id)
    assert row.digest == hashlib.sha256(secret.encode()).hexdigest() and secret.startswith(row.prefix)
    stored = [str(v) for v in ApiToken.objects.filter(id=token.id).values().first().values()]  # type: ignore[union-attr]
    assert secret not in stored and len(secret) > 40


def test_scopes_decide_what_a_token_may_do(people: World) -> None:
    pid = people.passport.id
    _t, read = services.token_create(user=people.users["alice"], name="r", scopes=["passport:read"])
    client = Client()
    me = client.get(f"/api/passports/{pid}", **bearer(read))
    assert me.status_code == 200 and me.json()["owner"] == "alice"
    patch = client.patch(f"/api/passports/{pid}", {"region": "Drenthe"}, content_type=JSON, **bearer(read))
    assert patch.status_code == 403 and "passport:write" in patch.json()["detail"]
    assert client.get("/api/esco/status", **bearer(read)).status_code == 403  # taxonomy:read is missing
    assert client.get("/api/monitor/indicators", **bearer(read)).status_code == 403
    _t, write = services.token_create(
        user=people.users["alice"], name="w", scopes=["passport:write", "taxonomy:read"]
    )
    patched = client.patch(f"/api/passports/{pid}", {"region": "Drenthe"}, content_type=JSON, **bearer(write))
    assert patched.status_code == 200 and patched.json()["region"] == "Drenthe"
    assert client.get("/api/esco/status", **bearer(write)).status_code == 200


def test_unknown_and_revoked_tokens_get_401_even_on_public_operations(people: World) -> None:
    token, secret = services.token_create(user=people.users["alice"], name="x", scopes=["monitor:read"])
    client = Client()
    assert client.get("/api/monitor/indicators").status_code == 200  # anonymous is fine
    assert client.get("/api/monitor/indicators", **bearer(secret)).status_code == 200
    services.token_revoke(token=token)
    for url in ("/api/monitor/indicators", f"/api/passports/{people.passport.id}", "/api/orgs/"):
        response = client.get(url, **bearer(secret))
        assert response.status_code == 401, url
        assert "ingetrokken" in response.json()["detail"] or "revoked" in response.json()["detail"]
    assert client.get("/api/esco/status", **bearer("tt_made-up")).status_code == 401
    assert client.get("/api/esco/status", HTTP_AUTHORIZATION="Basic eDp5").status_code == 401


def test_a_sent_token_wins_over_the_browser_session(people: World) -> None:
    token, secret = services.token_create(user=people.users["bob"], name="x", scopes=["passport:read"])
    services.token_revoke(token=token)
    alice = people.client("alice")
    assert alice.get(f"/api/passports/{people.passport.id}").status_code == 200
    assert alice.get(f"/api/passports/{people.passport.id}", **bearer(secret)).status_code == 401


def test_a_token_of_another_user_reads_only_that_users_passport(people: World) -> None:
    _t, secret = services.token_create(user=people.users["bob"], name="x", scopes=["passport:read"])
    response = Client().get(f"/api/passports/{people.passport.id}", **bearer(secret))
    assert response.status_code == 404 and "alice" not in response.content.decode()


def test_organisation_tokens_need_a_manager_org_scopes_and_stay_in_their_organisation(people: World) -> None:
    u = people.users
    with pytest.raises(UserError):
        services.token_create(user=u["hana"], name="x", scopes=["org:candidates"], organisation=people.acme)
    with pytest.raises(UserError):
        services.token_create(user=u["olga"], name="x", scopes=["passport:read"], organisation=people.acme)
    with pytest.raises(UserError):
        services.token_create(user=u["olga"], name="x", scopes=["everything"])
    _t, secret = services.token_create(
        user=u["olga"], name="ats", scopes=["org:candidates"], organisation=people.acme
    )
    client = Client()
    assert client.get(f"/api/orgs/{people.acme.slug}", **bearer(secret)).status_code == 200
    services.membership_add(organisation=people.other, user=u["olga"], role="hr")
    other = client.get(f"/api/orgs/{people.other.slug}", **bearer(secret))
    assert other.status_code == 403 and "andere organisatie" in other.json()["detail"]
    services.membership_add(organisation=people.acme, user=u["hana"], role="owner")
    services.membership_remove(organisation=people.acme, user=u["olga"])
    assert client.get(f"/api/orgs/{people.acme.slug}", **bearer(secret)).status_code == 401  # left: revoked


def test_session_writes_to_the_api_need_the_csrf_token(people: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.users["alice"])
    pid = people.passport.id
    refused = client.patch(f"/api/passports/{pid}", {"region": "Drenthe"}, content_type=JSON)
    assert refused.status_code == 403
    _t, secret = services.token_create(user=people.users["alice"], name="w", scopes=["passport:write"])
    scripted = Client(enforce_csrf_checks=True).patch(
        f"/api/passports/{pid}", {"region": "Drenthe"}, content_type=JSON, **bearer(secret)
    )
    assert scripted.status_code == 200  # a token is not a cookie: no CSRF applies


def test_the_api_docs_say_how_to_use_a_token_from_pandas(db: Any) -> None:
    description = Client().get("/api/openapi.json").json()["info"]["description"]
    assert "Authorization: Bearer" in description and "pd.read_csv(" in description
    assert "storage_options=auth" in description


def test_an_anonymous_call_is_told_how_to_authenticate(db: Any) -> None:
    response = Client().get("/api/orgs/")
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]
    assert "API-token" in response.json()["detail"]  # Dutch by default
    english = Client().get("/api/passports/me?lang=en").json()["detail"]
    assert english == "sign in, or send an API token as Authorization: Bearer <token>"
