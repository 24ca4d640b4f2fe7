"""Sharing by user name never tells the owner which names exist: the share is stored by name, listed
alike on the page, in the API and the export, and reaches the account when (or once) it exists."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from techtalent.matching import services
from techtalent.matching.models import PassportShare

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db

JSON = "application/json"


def _owner(alice: Any) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def _listed(client: Client, pid: int) -> tuple[list[Any], list[Any], str]:
    api = client.get(f"/api/passports/{pid}/shares").json()["items"]
    export = client.get(f"/api/passports/{pid}/export").json()["shares"]
    page = client.get("/passport/").content.decode()
    return api, export, page


def test_the_owner_sees_a_share_with_an_existing_and_an_unknown_name_alike(
    alice_passport: Any, alice: Any, bob: Any
) -> None:
    client = _owner(alice)
    pid = alice_passport.id
    for name in ("bob", "nobody"):
        assert (
            client.post(f"/api/passports/{pid}/shares", {"username": name}, content_type=JSON).status_code
            == 202
        )
    api, export, page = _listed(client, pid)
    assert [s["username"] for s in api] == ["bob", "nobody"]
    assert [{k: v for k, v in s.items() if k != "id"} for s in api] == [
        {"username": n, "url": None, "expires": None} for n in ("bob", "nobody")
    ]
    assert [s["with_user"] for s in export] == ["bob", "nobody"]
    assert set(export[0]) == set(export[1]) and "bound" not in str(export)
    assert "Gedeeld met bob" in page and "Gedeeld met nobody" in page
    again = client.post(f"/api/passports/{pid}/shares", {"username": "nobody"}, content_type=JSON)
    assert again.status_code == 202 and alice_passport.shares.count() == 2  # one share per name


def test_a_waiting_share_reaches_the_account_created_later_and_can_be_revoked(
    alice_passport: Any, alice: Any
) -> None:
    share = services.share_with_user(passport=alice_passport, username="carol")
    assert share is not None and share.user is None
    signup = Client().post(
        "/accounts/signup/",
        {"username": "carol", "password1": "Carol-secret-4242", "password2": "Carol-secret-4242"},
    )
    assert signup.status_code == 302
    carol = Client()
    carol.force_login(get_user_model().objects.get(username="carol"))
    assert carol.get(f"/passport/{alice_passport.id}/").status_code == 200
    assert [p["id"] for p in carol.get("/api/passports/").json()["items"]].count(alice_passport.id) == 1
    services.share_revoke(passport=alice_passport, share_id=share.id)
    assert carol.get(f"/passport/{alice_passport.id}/").status_code == 404


def test_accounts_made_by_the_cli_or_admin_also_receive_their_waiting_shares(alice_passport: Any) -> None:
    services.share_with_user(passport=alice_passport, username="dave")
    dave = get_user_model().objects.create_user("dave", password="dave-secret-42")
    client = Client()
    client.force_login(dave)
    assert client.get(f"/api/passports/{alice_passport.id}").json()["owner"] == "alice"


def test_a_deleted_account_keeps_the_share_listed_but_a_new_account_of_that_name_gets_nothing(
    alice_passport: Any, alice: Any, bob: Any
) -> None:
    services.share_with_user(passport=alice_passport, username="bob")
    services.account_delete(user=bob)
    before = _listed(_owner(alice), alice_passport.id)
    assert [s["username"] for s in before[0]] == ["bob"]  # the owner's list does not change
    impostor = get_user_model().objects.create_user("bob", password="other-bob-secret-42")
    client = Client()
    client.force_login(impostor)
    assert client.get(f"/passport/{alice_passport.id}/").status_code == 404
    assert PassportShare.objects.get().user is None


def test_sharing_with_no_name_or_ones_own_name_shares_nothing(alice_passport: Any) -> None:
    assert services.share_with_user(passport=alice_passport, username="  ") is None
    assert services.share_with_user(passport=alice_passport, username="alice") is None
    assert alice_passport.shares.count() == 0


def test_a_renamed_account_keeps_what_was_shared_with_it(alice_passport: Any, bob: Any) -> None:
    services.share_with_user(passport=alice_passport, username="bob")
    bob.username = "robert"
    bob.save()
    client = Client()
    client.force_login(bob)
    assert client.get(f"/passport/{alice_passport.id}/").status_code == 200
