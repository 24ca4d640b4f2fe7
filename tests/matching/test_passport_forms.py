"""The passport page's forms: an invalid post comes back on the page with its errors (400, in the
interface language) and changes nothing; a valid one saves and redirects."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(alice_passport: Any, alice: Any) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.mark.parametrize(
    ("what", "data", "dutch"),
    [
        ("preferences", {"hours_per_week": "tachtig"}, "Voer een geheel getal in."),
        ("preferences", {"hours_per_week": "200"}, "hoogstens 80"),
        ("occupation-add", {"uri": "", "years": "2"}, "Kies eerst een beroep."),
        ("occupation-add", {"uri": URI["electrician"], "years": "-3"}, "minstens 0"),
        ("share-link", {"days": "1000"}, "hoogstens 365"),
        ("education-add", {"level": "", "programme": "x"}, "Dit veld is verplicht."),
        ("education-remove", {"id": "abc"}, "Voer een geheel getal in."),
        ("occupation-add", {"uri": "http://example.org/nope", "years": "1"}, "not an ESCO occupation"),
    ],
)
def test_an_invalid_form_is_shown_with_its_error_and_changes_nothing(
    signed_in: Client, alice_passport: Any, what: str, data: dict[str, str], dutch: str
) -> None:
    response = signed_in.post(f"/passport/edit/{what}/", data)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="form-errors"' in html and dutch in html
    assert "Dit formulier is niet opgeslagen" in html and '<html lang="nl">' in html
    alice_passport.refresh_from_db()
    assert alice_passport.hours_per_week == 32 and alice_passport.occupations.count() == 1
    assert alice_passport.education.count() == 1 and alice_passport.shares.count() == 0


def test_the_errors_are_english_when_english_is_chosen(signed_in: Client) -> None:
    signed_in.cookies["django_language"] = "en"
    html = signed_in.post("/passport/edit/preferences/", {"hours_per_week": "x"}).content.decode()
    assert "This form was not saved" in html and "Enter a whole number." in html


def test_a_valid_form_saves_and_redirects(signed_in: Client, alice_passport: Any) -> None:
    response = signed_in.post("/passport/edit/preferences/", {"hours_per_week": "20", "region": "Drenthe"})
    assert response.status_code == 302 and response["Location"] == "/passport/"
    alice_passport.refresh_from_db()
    assert (alice_passport.hours_per_week, alice_passport.region) == (20, "Drenthe")
    assert signed_in.post("/passport/edit/nonsense/", {}).status_code == 404


def test_saving_the_preferences_says_who_can_now_find_the_passport(
    signed_in: Client, alice_passport: Any
) -> None:
    findable = signed_in.post(
        "/passport/edit/preferences/", {"findable": "on", "region": "Groningen"}, follow=True
    )
    html = findable.content.decode()
    said = "Voorkeuren opgeslagen: alle geverifieerde werkgevers kunnen je paspoort nu vinden."
    assert f'<p class="status" role="status">{said}</p>' in html and 'role="alert"' not in html
    alice_passport.refresh_from_db()
    assert alice_passport.findable and alice_passport.region == "Groningen"
    hidden = signed_in.post(
        "/passport/edit/preferences/", {"region": "Groningen"}, follow=True
    ).content.decode()
    assert "alleen organisaties die je zelf hebt gekozen kunnen je paspoort vinden." in hidden
    assert said not in hidden  # a message is shown once
    alice_passport.refresh_from_db()
    assert not alice_passport.findable
