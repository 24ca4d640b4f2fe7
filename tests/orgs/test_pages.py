"""The organisation, invitation, verification, consent, token and candidates pages, driven through their
forms by a client that enforces CSRF; GET pages never write."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from techtalent.orgs.models import ApiToken, Consent, Invitation, Membership, Organisation

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db


def csrf_client(w: World, name: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.users[name])
    return client


def post(client: Client, page: str, url: str, data: dict[str, Any]) -> Any:
    """POST a form the way a browser does: load ``page`` first, send its CSRF token back."""
    html = client.get(page).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, page
    return client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)})


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Organisation, Membership, Invitation, Consent, ApiToken))


def test_a_post_without_the_csrf_token_is_refused(people: World) -> None:
    client = csrf_client(people, "bob")
    assert client.post("/orgs/create/", {"name": "X", "kind": "employer"}).status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def test_create_an_organisation_invite_and_accept_through_the_pages(people: World) -> None:
    bob = csrf_client(people, "bob")
    created = post(bob, "/orgs/", "/orgs/create/", {"name": "Bob Techniek", "kind": "provider"})
    assert created.status_code == 302 and created["Location"] == "/orgs/bob-techniek/"
    detail = bob.get("/orgs/bob-techniek/").content.decode()
    assert "nog niet geverifieerd" in detail and "eigenaar" in detail
    invited = post(
        bob,
        "/orgs/bob-techniek/",
        "/orgs/bob-techniek/invite/",
        {"username": "hana", "role": "hr", "days": 7},
    )
    link = re.search(
        r'id="invitation-link" value="http://testserver(/orgs/invitations/[^"]+/)"', invited.content.decode()
    )
    assert invited.status_code == 200 and link
    hana = csrf_client(people, "hana")
    before = counts()
    assert "Accepteren" in hana.get(link.group(1)).content.decode() and counts() == before  # GET: no write
    assert csrf_client(people, "otto").get(link.group(1)).status_code == 404  # not meant for otto
    joined = post(hana, link.group(1), link.group(1), {})
    assert joined.status_code == 302
    org = Organisation.objects.get(slug="bob-techniek")
    assert org.memberships.get(user=people.users["hana"]).role == "hr"
    assert post(hana, "/orgs/", link.group(1), {}).status_code == 404  # used once


def test_a_bad_form_is_shown_again_with_its_error(people: World) -> None:
    olga = csrf_client(people, "olga")
    both = post(
        olga,
        "/orgs/acme-metaal/",
        "/orgs/acme-metaal/invite/",
        {"username": "x", "email": "x@y.nl", "role": "hr", "days": 7},
    )
    assert both.status_code == 400 and "niet allebei" in both.content.decode()
    nameless = post(olga, "/orgs/", "/orgs/create/", {"name": "", "kind": "employer"})
    assert nameless.status_code == 400 and "errorlist" in nameless.content.decode()


def test_managers_change_roles_but_only_an_owner_makes_owners(people: World) -> None:
    from techtalent.orgs import services

    services.membership_add(organisation=people.acme, user=people.users["bob"], role="admin")
    hana = people.acme.memberships.get(user=people.users["hana"])
    bob = csrf_client(people, "bob")
    post(bob, "/orgs/acme-metaal/", f"/orgs/acme-metaal/members/{hana.id}/role/", {"role": "owner"})
    hana.refresh_from_db()
    assert hana.role == "hr"
    post(bob, "/orgs/acme-metaal/", f"/orgs/acme-metaal/members/{hana.id}/role/", {"role": "admin"})
    hana.refresh_from_db()
    assert hana.role == "admin"
    hr = csrf_client(people, "hana")
    services.membership_add(organisation=people.acme, user=people.users["hana"], role="hr")
    assert (
        hr.post(f"/orgs/acme-metaal/members/{hana.id}/role/", {"role": "owner"}).status_code == 403
    )  # no csrf
    page = hr.get("/orgs/acme-metaal/").content.decode()
    assert 'id="invite-form"' not in page and 'id="to-candidates"' in page


def test_a_platform_admin_verifies_on_the_verification_page(people: World) -> None:
    staff = csrf_client(people, "staff")
    page = staff.get("/orgs/verification/").content.decode()
    assert "Pending BV" in page.split("Geverifieerd")[0]
    post(staff, "/orgs/verification/", f"/orgs/verification/{people.pending.id}/verify/", {})
    people.pending.refresh_from_db()
    assert people.pending.verified and people.pending.verified_by == people.users["staff"]
    post(staff, "/orgs/verification/", f"/orgs/verification/{people.pending.id}/unverify/", {})
    people.pending.refresh_from_db()
    assert not people.pending.verified


def test_consents_are_given_listed_with_their_dates_and_revoked_on_the_page(people: World) -> None:
    alice = csrf_client(people, "alice")
    before = counts()
    page = alice.get("/orgs/consents/").content.decode()
    assert counts() == before and "Acme Metaal" in page and "Pending BV" not in page  # verified only
    post(alice, "/orgs/consents/", "/orgs/consents/grant/", {"audience": "all"})
    people.passport.refresh_from_db()
    assert people.passport.findable
    listed = alice.get("/orgs/consents/").content.decode()
    assert "alle geverifieerde werkgevers" in listed and listed.count("revoke/") == 2
    bad = post(alice, "/orgs/consents/", "/orgs/consents/grant/", {"audience": str(people.pending.id)})
    assert bad.status_code == 400
    post(alice, "/orgs/consents/", f"/orgs/consents/{people.consent.id}/revoke/", {})
    people.consent.refresh_from_db()
    assert people.consent.revoked_at is not None
    assert alice.get("/orgs/consents/").content.decode().count("revoke/") == 1  # the record stays


def test_a_token_is_shown_once_on_the_page_and_revoked_there(people: World) -> None:
    alice = csrf_client(people, "alice")
    made = post(alice, "/orgs/tokens/", "/orgs/tokens/", {"name": "notebook", "scopes": ["monitor:read"]})
    secret = re.search(r'id="token-secret" value="(tt_[^"]+)"', made.content.decode())
    assert made.status_code == 200 and secret
    again = alice.get("/orgs/tokens/").content.decode()
    assert secret.group(1) not in again and secret.group(1)[:10] in again
    assert (
        Client().get("/api/monitor/indicators", HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}").status_code
        == 200
    )
    token = ApiToken.objects.get()
    post(alice, "/orgs/tokens/", f"/orgs/tokens/{token.id}/revoke/", {})
    assert (
        Client().get("/api/monitor/indicators", HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}").status_code
        == 401
    )
    wrong = post(alice, "/orgs/tokens/", "/orgs/tokens/", {"name": "", "scopes": ["everything"]})
    assert wrong.status_code == 400 and ApiToken.objects.count() == 1


def test_an_organisation_token_is_made_on_the_page_by_a_manager(people: World) -> None:
    olga = csrf_client(people, "olga")
    refused = post(
        olga,
        "/orgs/tokens/",
        "/orgs/tokens/",
        {"name": "ats", "scopes": ["passport:read"], "organisation": people.acme.id},
    )
    assert refused.status_code == 400 and "organisatietoken" in refused.content.decode().lower()
    made = post(
        olga,
        "/orgs/tokens/",
        "/orgs/tokens/",
        {"name": "ats", "scopes": ["org:candidates"], "organisation": people.acme.id},
    )
    assert made.status_code == 200 and ApiToken.objects.get().organisation == people.acme
    hana = csrf_client(people, "hana")  # HR, not a manager: Acme is not offered
    assert "Acme Metaal" not in hana.get("/orgs/tokens/").content.decode()


def test_the_candidates_page_explains_in_dutch_who_may_see_candidates(people: World) -> None:
    page = csrf_client(people, "uma").get("/candidates/")
    assert page.status_code == 403 and "nog niet geverifieerd" in page.content.decode()
    page = csrf_client(people, "bob").get("/candidates/")
    assert page.status_code == 403 and "alleen eigenaren, beheerders en HR" in page.content.decode()
    ok = csrf_client(people, "hana").get("/candidates/").content.decode()
    assert 'id="vacancy-form"' in ok and "Acme Metaal" in ok and "Other Techniek" not in ok
    empty = post(
        csrf_client(people, "hana"), "/candidates/", "/candidates/", {"organisation": people.acme.id}
    )
    assert empty.status_code == 400 and "Kies een beroep" in empty.content.decode()


def test_get_pages_never_write(people: World) -> None:
    from techtalent.matching.models import Passport

    before = counts(), Passport.objects.count()
    pages = [
        ("alice", "/orgs/"),
        ("alice", "/orgs/consents/"),
        ("alice", "/orgs/tokens/"),
        ("olga", "/orgs/acme-metaal/"),
        ("staff", "/orgs/verification/"),
        ("hana", "/candidates/"),
        ("bob", "/orgs/consents/"),
    ]
    for name, url in pages:
        assert people.client(name).get(url).status_code == 200, url
    assert (counts(), Passport.objects.count()) == before


def test_the_pages_speak_english_when_asked(people: World) -> None:
    page = people.client("olga").get("/orgs/acme-metaal/?lang=en").content.decode()
    assert "Members" in page and "Invite someone" in page and "owner" in page and "Leden" not in page
    refused = people.client("bob").get("/candidates/?lang=en")
    assert refused.status_code == 403 and "only owners, admins and HR" in refused.content.decode()
    api = people.client("bob").get("/api/orgs/acme-metaal?lang=en")
    assert api.json()["detail"] == "no organisation with this id or slug that you are a member of"


def test_the_admin_action_verifies_as_the_signed_in_platform_admin(people: World) -> None:
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="Lange-zin-als-wachtwoord-7")
    client = Client()
    client.force_login(root)
    response = client.post(
        "/admin/orgs/organisation/",
        {"action": "verify", "_selected_action": [people.pending.id]},
    )
    assert response.status_code == 302
    people.pending.refresh_from_db()
    assert people.pending.verified and people.pending.verified_by == root


def test_odd_organisation_keys_are_404_not_errors(people: World) -> None:
    client = people.client("hana")
    for key in ("²", "9" * 30, "acme metaal", "-1"):
        assert client.get(f"/api/orgs/{key}").status_code == 404, key
