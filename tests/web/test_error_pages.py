"""Error pages in the site's template and the interface language; the API answers {"detail": ...}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from techtalent.web import errors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [
        ("nl", "Pagina niet gevonden", "Op dit adres staat geen pagina"),
        ("en", "Page not found", "There is no page at this address"),
    ],
)
def test_a_missing_page_is_a_404_in_the_site_template_and_language(
    lang: str, title: str, message: str
) -> None:
    response = Client().get(f"/bestaat-niet/?lang={lang}")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html and title in html and message in html
    assert 'class="brand"' in html  # the site's header, not Django's bare page


def test_an_api_404_is_a_json_detail() -> None:
    response = Client().get("/api/bestaat-niet")
    assert response.status_code == 404 and "detail" in response.json()


@pytest.mark.parametrize(
    ("view", "status", "dutch"),
    [
        (errors.bad_request, 400, "Het verzoek is niet te begrijpen"),
        (errors.permission_denied, 403, "Je mag deze pagina niet openen"),
        (errors.server_error, 500, "Er ging bij ons iets mis"),
    ],
)
def test_400_403_and_500_pages_are_dutch_by_default(view: Any, status: int, dutch: str) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request = RequestFactory().get("/ergens/")
    request.user = AnonymousUser()
    with translation.override("nl"):
        response = view(request) if view is errors.server_error else view(request, None)
    assert response.status_code == status and dutch in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_translated_403() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403 and "Het formulier is verlopen" in html and '<html lang="nl">' in html


@pytest.mark.urls("tests.web.urls_failing")
@pytest.mark.parametrize(
    ("lang", "text"), [("nl", "Er ging bij ons iets mis"), ("en", "Something went wrong")]
)
def test_an_unexpected_error_shows_the_500_page_not_a_traceback(lang: str, text: str) -> None:
    response = Client(raise_request_exception=False).get(f"/fails/?lang={lang}")
    html = response.content.decode()
    assert response.status_code == 500 and text in html and f'<html lang="{lang}">' in html
    assert "Traceback" not in html and "a bug" not in html


def test_password_rules_on_sign_up_are_shown_in_dutch_on_the_form() -> None:
    response = Client().post("/accounts/signup/", {"username": "jan", "password1": "abc", "password2": "abc"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in html
    assert "password is too short" not in html


@pytest.mark.django_db
def test_a_nul_character_in_a_request_is_a_clear_400_not_a_database_error() -> None:
    from django.test import Client

    api = Client().get("/api/monitor/observations", {"region": "PV20\x00"})
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
    page = Client().get("/esco/?q=las%00ser")
    assert page.status_code == 400 and "NUL" in page.content.decode()
