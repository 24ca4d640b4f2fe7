"""A new invitee follows the link, signs up from the sign-in page and lands back on the invitation;
``next`` only ever leads to a path on this site."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest
from django.test import Client

from techtalent.orgs import services
from techtalent.orgs.models import Membership

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db

NEW = {"username": "nina", "password1": "Nina-geheim-4242", "password2": "Nina-geheim-4242"}


def _csrf(client: Client, url: str) -> tuple[str, str]:
    html = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, url
    return html, token.group(1)


def test_a_new_invitee_signs_up_and_lands_back_on_the_invitation(people: World) -> None:
    invitation, secret = services.invitation_create(
        organisation=people.acme, by=people.users["olga"], role="hr", email="nina@example.nl"
    )
    link = f"/orgs/invitations/{secret}/"
    client = Client(enforce_csrf_checks=True)
    to_login = client.get(link)
    assert to_login.status_code == 302 and unquote(to_login["Location"]).endswith(f"?next={link}")
    login_page = client.get(to_login["Location"]).content.decode()
    signup_href = re.search(r'href="([^"]+)" id="signup-link"', login_page)
    assert signup_href and unquote(signup_href.group(1)) == f"/accounts/signup/?next={link}"
    html, token = _csrf(client, signup_href.group(1).replace("&amp;", "&"))
    assert f'name="next" value="{link}"' in html
    signed_up = client.post(signup_href.group(1), {**NEW, "next": link, "csrfmiddlewaretoken": token})
    assert signed_up.status_code == 302 and signed_up["Location"] == link
    page, token = _csrf(client, link)
    assert "Acme Metaal" in page and 'id="accept-form"' in page
    assert client.post(link, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Membership.objects.get(user__username="nina").role == "hr"
    invitation.refresh_from_db()
    assert invitation.accepted_by.username == "nina"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/orgs/",
        "//evil.example/orgs/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "mailto:a@evil.example",
        "passport",
        "",
    ],
)
def test_next_never_leaves_the_site(people: World, target: str) -> None:
    client = Client()
    answer = client.post(f"/accounts/signup/?next={target}", {**NEW, "next": target})
    assert answer.status_code == 302 and answer["Location"] == "/passport/"


def test_a_failed_sign_up_keeps_next_on_the_form(people: World) -> None:
    html = (
        Client().post("/accounts/signup/", {**NEW, "password2": "other", "next": "/orgs/"}).content.decode()
    )
    assert 'name="next" value="/orgs/"' in html and "status error" in html


def test_only_paths_are_followed_not_full_urls_even_of_this_host(people: World) -> None:
    answer = Client().post("/accounts/signup/", {**NEW, "next": "https://testserver/orgs/"}, secure=True)
    assert answer.status_code == 302 and answer["Location"] == "/passport/"  # only paths, not full URLs
