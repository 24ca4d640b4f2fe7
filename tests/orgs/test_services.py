"""Organisations, members and roles, invitations, verification and consents through their services."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from techtalent.core.errors import UserError
from techtalent.orgs import selectors, services
from techtalent.orgs.accounts import user_create
from techtalent.orgs.models import Consent, Invitation, Role

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db


def test_an_organisation_gets_a_unique_slug_and_its_creator_as_owner(people: World) -> None:
    twin = services.organisation_create(name="Acme Metaal", kind="school", owner=people.users["bob"])
    assert twin.slug == "acme-metaal-2" and not twin.verified
    assert selectors.user_has_role(user=people.users["bob"], organisation=twin, roles=[Role.OWNER])
    assert selectors.organisation_get(key="acme-metaal-2") == twin
    assert selectors.organisation_get(key=str(twin.id)) == twin
    assert selectors.organisation_get(key="nowhere") is None
    reserved = services.organisation_create(name="Tokens", kind="network")
    assert reserved.slug == "tokens-2"  # /orgs/tokens/ is a page


def test_bad_kind_or_role_is_a_clear_error(people: World) -> None:
    with pytest.raises(UserError, match="werkgever|employer, school"):
        services.organisation_create(name="X", kind="werkgever")
    with pytest.raises(UserError, match="owner, admin, hr, member"):
        services.membership_add(organisation=people.acme, user=people.users["bob"], role="boss")


def test_an_organisation_keeps_at_least_one_owner(people: World) -> None:
    olga = people.users["olga"]
    with pytest.raises(UserError):
        services.membership_add(organisation=people.acme, user=olga, role="member")
    with pytest.raises(UserError):
        services.membership_remove(organisation=people.acme, user=olga)
    services.membership_add(organisation=people.acme, user=people.users["hana"], role="owner")
    assert services.membership_remove(organisation=people.acme, user=olga)
    assert selectors.role_of(user=olga, organisation=people.acme) is None


def test_only_owners_admins_and_hr_of_a_verified_organisation_may_see_candidates(people: World) -> None:
    u = people.users
    assert selectors.may_see_candidates(user=u["hana"], organisation=people.acme)
    assert selectors.may_see_candidates(user=u["olga"], organisation=people.acme)
    assert not selectors.may_see_candidates(user=u["otto"], organisation=people.acme)
    assert not selectors.may_see_candidates(user=u["uma"], organisation=people.pending)  # not verified
    services.membership_add(organisation=people.acme, user=u["bob"], role="member")
    assert not selectors.may_see_candidates(user=u["bob"], organisation=people.acme)
    assert list(selectors.recruiting_organisations(user=u["hana"])) == [people.acme]
    services.organisation_unverify(organisation=people.acme)
    assert not selectors.may_see_candidates(user=u["hana"], organisation=people.acme)
    assert selectors.consenting_passport_ids(organisation=people.acme) == set()


def test_verification_by_a_user_who_is_not_staff_is_refused(people: World) -> None:
    with pytest.raises(UserError):
        services.organisation_verify(organisation=people.pending, by=people.users["uma"])
    done = services.organisation_verify(organisation=people.pending, by=people.users["staff"])
    assert done.verified and done.verified_by == people.users["staff"]


def test_an_invitation_is_stored_hashed_works_once_and_only_for_its_account(people: World) -> None:
    invitation, secret = services.invitation_create(
        organisation=people.acme, by=people.users["olga"], role="hr", username="bob"
    )
    stored = Invitation.objects.get(id=invitation.id)
    assert secret not in stored.digest and len(stored.digest) == 64
    with pytest.raises(UserError):
        services.invitation_accept(secret=secret, user=people.users["otto"])  # meant for bob
    membership = services.invitation_accept(secret=secret, user=people.users["bob"])
    assert membership.role == "hr" and membership.organisation == people.acme
    with pytest.raises(UserError):
        services.invitation_accept(secret=secret, user=people.users["bob"])  # used
    with pytest.raises(UserError):
        services.invitation_accept(secret="not-a-secret", user=people.users["bob"])


def test_an_invitation_by_e_mail_is_for_whoever_got_the_link_until_it_expires(people: World) -> None:
    invitation, secret = services.invitation_create(
        organisation=people.acme, by=people.users["olga"], role="member", email="nieuw@example.nl", days=1
    )
    assert services.invitation_accept(secret=secret, user=people.users["bob"]).role == "member"
    assert Invitation.objects.get(id=invitation.id).accepted_by == people.users["bob"]
    late, secret = services.invitation_create(
        organisation=people.acme, by=people.users["olga"], role="hr", email="later@example.nl"
    )
    Invitation.objects.filter(id=late.id).update(expires=timezone.now() - timedelta(minutes=1))
    with pytest.raises(UserError, match="verlopen|expired"):
        services.invitation_accept(secret=secret, user=people.users["otto"])


def test_only_an_owner_invites_an_owner_and_accepting_never_lowers_a_role(people: World) -> None:
    services.membership_add(organisation=people.acme, user=people.users["bob"], role="admin")
    with pytest.raises(UserError):
        services.invitation_create(
            organisation=people.acme, by=people.users["bob"], role="owner", username="x"
        )
    _inv, secret = services.invitation_create(
        organisation=people.acme, by=people.users["olga"], role="member", username="hana"
    )
    assert services.invitation_accept(secret=secret, user=people.users["hana"]).role == "hr"


def test_a_consent_records_what_to_whom_and_when_and_is_revoked_not_deleted(people: World) -> None:
    consent = people.consent
    assert consent.what == "matching" and consent.organisation == people.acme and consent.created
    assert services.consent_grant(passport=people.passport, organisation=people.acme) == consent  # one live
    assert selectors.consenting_passport_ids(organisation=people.acme) == {people.passport.id}
    assert selectors.consenting_passport_ids(organisation=people.other) == set()
    services.consent_revoke(consent=consent)
    consent.refresh_from_db()
    assert consent.revoked_at is not None and Consent.objects.filter(id=consent.id).exists()
    assert selectors.consenting_passport_ids(organisation=people.acme) == set()
    renewed = services.consent_grant(passport=people.passport, organisation=people.acme)
    assert renewed.id != consent.id and selectors.consents_of(passport=people.passport).count() == 2


def test_all_verified_employers_is_one_consent_mirrored_by_findable(people: World) -> None:
    from techtalent.matching.services import passport_update

    passport_update(passport=people.passport, findable=True)
    assert people.passport.findable
    assert selectors.consenting_passport_ids(organisation=people.other) == {people.passport.id}
    assert selectors.consenting_passport_ids(organisation=people.pending) == set()  # unverified
    passport_update(passport=people.passport, findable=False)
    assert not people.passport.findable
    assert selectors.consenting_passport_ids(organisation=people.other) == set()
    assert selectors.consenting_passport_ids(organisation=people.acme) == {people.passport.id}  # still named
    kinds = [
        (c.all_verified, c.revoked_at is not None) for c in selectors.consents_of(passport=people.passport)
    ]
    assert kinds == [(True, True), (False, False)]


def test_consent_only_to_a_verified_organisation(people: World) -> None:
    with pytest.raises(UserError):
        services.consent_grant(passport=people.passport, organisation=people.pending)


def test_a_user_with_a_weak_password_is_refused(db: Any) -> None:
    with pytest.raises(UserError):
        user_create(username="piet", password="123")
    user = user_create(username="piet", password="Lange-zin-als-wachtwoord-7", email="p@x.nl")
    assert user.check_password("Lange-zin-als-wachtwoord-7") and user.email == "p@x.nl"
    with pytest.raises(UserError):
        user_create(username="piet")


def test_the_passport_export_holds_memberships_consents_and_tokens_but_no_secret(people: World) -> None:
    from techtalent.matching.selectors import passport_export

    services.membership_add(organisation=people.other, user=people.users["alice"], role="member")
    token, secret = services.token_create(user=people.users["alice"], name="nb", scopes=["monitor:read"])
    exported = passport_export(people.passport)
    assert exported["memberships"][0]["slug"] == "other-techniek"
    assert [(c["to"], c["revoked_at"]) for c in exported["consents"]] == [("acme-metaal", None)]
    assert exported["api_tokens"][0]["prefix"] == token.prefix
    assert secret not in str(exported) and token.digest not in str(exported)


def test_deleting_the_account_removes_its_memberships_consents_and_tokens(people: World) -> None:
    from techtalent.matching.services import account_delete
    from techtalent.orgs.models import ApiToken, Membership

    alice = people.users["alice"]
    services.membership_add(organisation=people.other, user=alice, role="member")
    services.token_create(user=alice, name="nb", scopes=["monitor:read"])
    account_delete(user=alice)
    assert not Membership.objects.filter(user_id=alice.id).exists()
    assert not Consent.objects.exists() and not ApiToken.objects.exists()
