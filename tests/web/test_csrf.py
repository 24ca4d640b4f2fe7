"""Key form flows with CSRF enforced, as browsers meet them: 403 without the token, success with it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db
PASSWORD = "Proces-2026!x"


def _token(client: Client, page: str) -> str:
    """The CSRF token the page hands out (the form field's value, as a browser would send it)."""
    response = client.get(page)
    assert response.status_code == 200, page
    return str(response.context["csrf_token"])


def _strict(user: Any | None = None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def test_sign_up_needs_the_token(toy_db: Any) -> None:
    client = _strict()
    data = {"username": "wim", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/accounts/signup/", data).status_code == 403
    token = _token(client, "/accounts/signup/")
    response = client.post("/accounts/signup/", {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/passport/"


def test_sign_in_and_out_need_the_token(alice: Any) -> None:
    client = _strict()
    data = {"username": "alice", "password": "Proces-2026!alice"}
    alice.set_password(data["password"])
    alice.save()
    assert client.post("/accounts/login/", data).status_code == 403
    token = _token(client, "/accounts/login/")
    response = client.post("/accounts/login/", {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/passport/"
    assert client.post("/accounts/logout/").status_code == 403
    token = _token(client, "/passport/")  # a new token after signing in
    assert client.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


def test_passport_forms_need_the_token(alice_passport: Any, alice: Any) -> None:
    client = _strict(alice)
    add = {"uri": URI["engineering_drawings"], "proficiency": "basic"}
    assert client.post("/passport/skills/add/", add).status_code == 403
    assert client.post("/passport/edit/share-link/", {"days": "7"}).status_code == 403
    assert client.post("/passport/delete/").status_code == 403
    assert alice_passport.skills.count() == 2 and alice_passport.shares.count() == 0
    token = _token(client, "/passport/")
    assert client.post("/passport/skills/add/", {**add, "csrfmiddlewaretoken": token}).status_code == 302
    response = client.post("/passport/edit/share-link/", {"days": "7", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert alice_passport.skills.count() == 3 and alice_passport.shares.count() == 1


def test_the_extraction_page_and_the_language_switch_need_the_token(toy_db: Any) -> None:
    client = _strict()
    assert client.post("/extract/analyse/", {"text": "Ervaring met MIG-lassen."}).status_code == 403
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    token = _token(client, "/extract/")
    response = client.post(
        "/extract/analyse/", {"text": "Ervaring met MAG-lassen.", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200 and "MAG-lassen" in response.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and client.cookies["django_language"].value == "en"


def test_the_api_with_a_session_needs_the_token_for_writes_but_not_for_reads(
    alice_passport: Any, alice: Any
) -> None:
    client = _strict(alice)
    pid = alice_passport.id
    assert client.get(f"/api/passports/{pid}").status_code == 200
    body = {"uri": URI["engineering_drawings"]}
    response = client.post(f"/api/passports/{pid}/skills", body, content_type="application/json")
    assert response.status_code == 403
    token = _token(client, "/passport/")
    response = client.post(
        f"/api/passports/{pid}/skills", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200 and alice_passport.skills.count() == 3
