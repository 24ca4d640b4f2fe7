"""The rules of members and roles live in orgs/services.py: who changes roles, who removes whom, the last
owner stays, and an organisation's only owner cannot delete their account before handing it over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.utils import translation

from techtalent.core.errors import UserError
from techtalent.matching.services import account_delete
from techtalent.orgs import services
from techtalent.orgs.models import Membership

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db


def _m(w: World, name: str) -> Membership:
    return w.acme.memberships.get(user=w.users[name])


@pytest.fixture
def acme(people: World) -> World:
    """Acme Metaal: olga owner, hana HR, ada admin, bob member."""
    from django.contrib.auth import get_user_model

    people.users["ada"] = get_user_model().objects.create_user("ada", password="Ada-geheim-4242")
    services.membership_add(organisation=people.acme, user=people.users["ada"], role="admin")
    services.membership_add(organisation=people.acme, user=people.users["bob"], role="member")
    return people


def test_only_an_owner_makes_or_unmakes_owners(acme: World) -> None:
    u = acme.users
    with pytest.raises(PermissionError, match="eigenaar"):
        services.member_role_set(
            organisation=acme.acme, by=u["ada"], membership=_m(acme, "hana"), role="owner"
        )
    with pytest.raises(PermissionError):
        services.member_role_set(organisation=acme.acme, by=u["ada"], membership=_m(acme, "olga"), role="hr")
    services.member_role_set(organisation=acme.acme, by=u["ada"], membership=_m(acme, "hana"), role="admin")
    assert _m(acme, "hana").role == "admin"  # an admin changes roles below owner
    services.member_role_set(organisation=acme.acme, by=u["olga"], membership=_m(acme, "ada"), role="owner")
    assert _m(acme, "ada").role == "owner"


def test_members_and_hr_change_no_roles_and_outsiders_nothing(acme: World) -> None:
    u = acme.users
    for who in ("hana", "bob", "otto"):
        with pytest.raises(PermissionError):
            services.member_role_set(organisation=acme.acme, by=u[who], membership=_m(acme, "bob"), role="hr")
    with pytest.raises(PermissionError):  # a membership of another organisation
        other = acme.other.memberships.get(user=u["otto"])
        services.member_role_set(organisation=acme.acme, by=u["olga"], membership=other, role="member")
    assert _m(acme, "bob").role == "member" and acme.other.memberships.get(user=u["otto"]).role == "hr"


def test_who_removes_whom(acme: World) -> None:
    u = acme.users
    with pytest.raises(PermissionError):
        services.member_remove(organisation=acme.acme, by=u["hana"], membership=_m(acme, "bob"))
    with pytest.raises(PermissionError):
        services.member_remove(organisation=acme.acme, by=u["ada"], membership=_m(acme, "olga"))
    services.member_remove(organisation=acme.acme, by=u["bob"], membership=_m(acme, "bob"))  # anyone leaves
    services.member_remove(organisation=acme.acme, by=u["ada"], membership=_m(acme, "hana"))
    assert set(acme.acme.memberships.values_list("user__username", flat=True)) == {"olga", "ada"}


def test_the_last_owner_can_neither_step_down_nor_leave(acme: World) -> None:
    u = acme.users
    with pytest.raises(UserError, match="eigenaar"):
        services.member_role_set(
            organisation=acme.acme, by=u["olga"], membership=_m(acme, "olga"), role="admin"
        )
    with pytest.raises(UserError):
        services.member_remove(organisation=acme.acme, by=u["olga"], membership=_m(acme, "olga"))
    services.member_role_set(organisation=acme.acme, by=u["olga"], membership=_m(acme, "ada"), role="owner")
    services.member_remove(organisation=acme.acme, by=u["olga"], membership=_m(acme, "olga"))
    assert list(acme.acme.memberships.filter(role="owner").values_list("user__username", flat=True)) == [
        "ada"
    ]


def test_the_pages_follow_the_rules(acme: World) -> None:
    ada = acme.client("ada")
    hana_id, olga_id = _m(acme, "hana").id, _m(acme, "olga").id
    page = ada.post(f"/orgs/{acme.acme.slug}/members/{hana_id}/role/", {"role": "owner"}, follow=True)
    assert "Alleen een eigenaar" in page.content.decode() and _m(acme, "hana").role == "hr"
    assert ada.post(f"/orgs/{acme.acme.slug}/members/{olga_id}/remove/").status_code == 404
    assert acme.client("hana").post(f"/orgs/{acme.acme.slug}/members/{olga_id}/remove/").status_code == 404
    left = acme.client("olga").post(f"/orgs/{acme.acme.slug}/members/{olga_id}/remove/", follow=True)
    assert "minstens één eigenaar" in left.content.decode() and _m(acme, "olga").role == "owner"


def test_the_only_owner_cannot_delete_their_account_until_they_hand_over(acme: World) -> None:
    olga = acme.users["olga"]
    with translation.override("en"), pytest.raises(UserError, match="only owner of Acme Metaal"):
        account_delete(user=olga)
    with translation.override("nl"), pytest.raises(UserError, match="enige eigenaar van Acme Metaal"):
        account_delete(user=olga)
    page = acme.client("olga").post("/passport/delete/")
    assert page.status_code == 400 and "enige eigenaar van Acme Metaal" in page.content.decode()
    english = acme.client("olga")
    english.cookies["django_language"] = "en"
    api = english.delete(f"/api/passports/{_passport_id(olga)}?account=true")
    assert api.status_code == 400 and "only owner of Acme Metaal" in api.json()["detail"]
    assert type(olga).objects.filter(username="olga").exists() and _m(acme, "olga").role == "owner"
    services.member_role_set(organisation=acme.acme, by=olga, membership=_m(acme, "ada"), role="owner")
    assert acme.client("olga").post("/passport/delete/").status_code == 302
    assert not type(olga).objects.filter(username="olga").exists()
    assert list(acme.acme.memberships.filter(role="owner").values_list("user__username", flat=True)) == [
        "ada"
    ]


def test_a_member_who_is_no_owner_deletes_their_account_freely(acme: World) -> None:
    assert acme.client("hana").post("/passport/delete/").status_code == 302
    assert not acme.acme.memberships.filter(user__username="hana").exists()


def _passport_id(user: Any) -> int:
    from techtalent.matching.services import passport_get_or_create

    return int(passport_get_or_create(user=user).id)


def test_an_anonymous_client_cannot_reach_the_member_pages(acme: World) -> None:
    answer = Client().post(f"/orgs/{acme.acme.slug}/members/{_m(acme, 'bob').id}/remove/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
