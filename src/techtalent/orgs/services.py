"""Writes, each in one transaction: organisations, members and roles, invitations, verification,
passport consents and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.orgs.models import (
    MANAGERS,
    ApiToken,
    Consent,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from techtalent.orgs.selectors import digest, invitation_lookup, role_of, user_has_role
from techtalent.orgs.tokens import ORGANISATION_SCOPES, SCOPES, token_create, token_revoke

__all__ = [
    "SCOPES",
    "ORGANISATION_SCOPES",
    "organisation_create",
    "organisation_verify",
    "organisation_unverify",
    "membership_add",
    "membership_remove",
    "member_role_set",
    "member_remove",
    "account_delete_check",
    "invitation_create",
    "invitation_accept",
    "consent_grant",
    "consent_revoke",
    "consent_set_all_verified",
    "token_create",
    "token_revoke",
]

RESERVED_SLUGS = {"create", "verification", "invitations", "consents", "tokens"}  # page paths under /orgs/


def _slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    if base.isdigit():
        base = f"org-{base}"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, name: str, kind: str, owner: Any = None, region: str = "") -> Organisation:
    """A new, unverified organisation; ``owner`` (if given) becomes its first owner."""
    name = name.strip()
    if not name or len(name) > 200:
        raise UserError(_("an organisation needs a name of at most 200 characters"))
    if kind not in OrganisationKind.values:
        raise UserError(
            _("unknown kind %(kind)s; choose one of: %(kinds)s")
            % {"kind": repr(kind), "kinds": ", ".join(OrganisationKind.values)}
        )
    organisation = Organisation.objects.create(
        name=name, slug=_slug(name), kind=kind, region=region.strip()[:120]
    )
    if owner is not None:
        Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: Any = None) -> Organisation:
    """Mark the organisation verified by a platform admin (from then on it may see candidates)."""
    if by is not None and not getattr(by, "is_staff", False):
        raise UserError(_("only a platform admin may verify an organisation"))
    if organisation.verified_at is None:
        organisation.verified_at = timezone.now()
        organisation.verified_by = by
        organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


@transaction.atomic
def organisation_unverify(*, organisation: Organisation) -> Organisation:
    """Withdraw the verification (the organisation no longer sees candidates)."""
    organisation.verified_at, organisation.verified_by = None, None
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise UserError(
            _("unknown role %(role)s; choose one of: %(roles)s")
            % {"role": repr(role), "roles": ", ".join(Role.values)}
        )


def _owners_left(organisation: Organisation, *, without: Any) -> int:
    """Owners other than ``without``; the owner rows stay locked until the transaction ends (PostgreSQL),
    so two owners stepping down at once cannot leave none."""
    owners = organisation.memberships.select_for_update().filter(role=Role.OWNER).order_by("id")
    return sum(1 for user_id in owners.values_list("user_id", flat=True) if user_id != without.pk)


@transaction.atomic
def membership_add(*, organisation: Organisation, user: Any, role: str) -> Membership:
    """Make ``user`` a member with ``role`` (or change their role); an organisation keeps one owner."""
    _check_role(role)
    current = organisation.memberships.filter(user=user).first()
    if current and current.role == Role.OWNER and role != Role.OWNER:
        if not _owners_left(organisation, without=user):
            raise UserError(_("an organisation keeps at least one owner"))
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, user: Any) -> bool:
    """Remove ``user`` from the organisation (their organisation tokens stop working); False if no member."""
    current = organisation.memberships.filter(user=user).first()
    if current is None:
        return False
    if current.role == Role.OWNER and not _owners_left(organisation, without=user):
        raise UserError(_("an organisation keeps at least one owner"))
    current.delete()
    ApiToken.objects.filter(organisation=organisation, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return True


def _manager_role(organisation: Organisation, by: Any) -> str:
    role = role_of(user=by, organisation=organisation)
    if role not in MANAGERS:
        raise PermissionError(_("only an owner or admin manages the members"))
    return str(role)


@transaction.atomic
def member_role_set(*, organisation: Organisation, by: Any, membership: Membership, role: str) -> Membership:
    """``by`` (an owner or admin) gives a member another role; only an owner makes or unmakes owners."""
    _check_role(role)
    by_role = _manager_role(organisation, by)
    if membership.organisation_id != organisation.pk:
        raise PermissionError(_("only an owner or admin manages the members"))
    if Role.OWNER in (role, membership.role) and by_role != Role.OWNER:
        raise PermissionError(_("Only an owner makes or unmakes owners."))
    return membership_add(organisation=organisation, user=membership.user, role=role)


@transaction.atomic
def member_remove(*, organisation: Organisation, by: Any, membership: Membership) -> None:
    """``by`` removes a member: anyone may leave, owners and admins remove others, only owners an owner."""
    if membership.organisation_id != organisation.pk:
        raise PermissionError(_("only an owner or admin manages the members"))
    if membership.user_id != by.pk:
        if _manager_role(organisation, by) != Role.OWNER and membership.role == Role.OWNER:
            raise PermissionError(_("only an owner removes an owner"))
    membership_remove(organisation=organisation, user=membership.user)


@transaction.atomic  # select_for_update needs a transaction on PostgreSQL
def account_delete_check(*, user: Any) -> None:
    """Refuse (UserError) to delete the account of an organisation's only owner: hand it over first."""
    sole = [
        m.organisation.name
        for m in Membership.objects.filter(user=user, role=Role.OWNER).select_related("organisation")
        if not _owners_left(m.organisation, without=user)
    ]
    if sole:
        raise UserError(
            _(
                "You are the only owner of %(orgs)s. Make another member owner (invite one if needed) "
                "before you delete your account, so that the organisation keeps an owner."
            )
            % {"orgs": ", ".join(sole)}
        )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, by: Any, role: str, username: str = "", email: str = "", days: int = 14
) -> tuple[Invitation, str]:
    """An invitation for a user name or e-mail address; returns it and the secret of its link (shown once)."""
    _check_role(role)
    username, email = username.strip(), email.strip()
    if bool(username) == bool(email):
        raise UserError(_("invite either a user name or an e-mail address"))
    if not 1 <= days <= 60:
        raise UserError(_("an invitation lasts between 1 and 60 days"))
    if role == Role.OWNER and not user_has_role(user=by, organisation=organisation, roles=["owner"]):
        raise UserError(_("only an owner may invite another owner"))
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        invited_by=by,
        username=username[:150],
        email=email[:254],
        role=role,
        digest=digest(secret),
        expires=timezone.now() + timedelta(days=days),
    )
    return invitation, secret


def invitation_meant_for(invitation: Invitation, user: Any) -> bool:
    """Whether ``user`` may accept: a user-name invitation only that account, an e-mail one whoever got the
    link (sign-up asks no e-mail address, so the link sent to that address is what proves it)."""
    if invitation.username:
        return bool(user.username == invitation.username)
    return True


@transaction.atomic
def invitation_accept(*, secret: str, user: Any) -> Membership:
    """Join through an invitation link meant for ``user``; it works once and until it expires."""
    invitation = invitation_lookup(secret=secret)
    if invitation is None or not invitation_meant_for(invitation, user):
        raise UserError(_("this invitation link is unknown or not meant for your account"))
    if not invitation.open:
        raise UserError(_("this invitation has expired or has already been used"))
    organisation = invitation.organisation
    current = organisation.memberships.filter(user=user).first()
    rank = {r: i for i, r in enumerate(Role.values)}  # owner first: never lower a role by accepting
    role = invitation.role
    if current and rank[current.role] < rank[role]:
        role = current.role
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _sync_findable(passport: Any) -> None:
    """``Passport.findable`` mirrors whether every verified employer may find the passport."""
    findable = Consent.objects.filter(passport=passport, all_verified=True, revoked_at__isnull=True).exists()
    if passport.findable != findable:
        passport.findable = findable
        passport.save(update_fields=["findable"])


@transaction.atomic
def consent_grant(*, passport: Any, organisation: Organisation | None = None) -> Consent:
    """Let ``organisation`` (None: every verified employer) find the passport; one live consent each."""
    if organisation is not None and not organisation.verified:
        raise UserError(_("you can only choose a verified organisation"))
    audience: dict[str, Any] = (
        {"organisation": organisation, "all_verified": False}
        if organisation is not None
        else {"organisation": None, "all_verified": True}
    )
    consent = Consent.objects.filter(passport=passport, revoked_at__isnull=True, **audience).first()
    if consent is None:
        consent = Consent.objects.create(passport=passport, **audience)
    _sync_findable(passport)
    return consent


@transaction.atomic
def consent_revoke(*, consent: Consent) -> Consent:
    """Revoke a consent: from now on that audience no longer finds the passport (the record stays)."""
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
    _sync_findable(consent.passport)
    return consent


@transaction.atomic
def consent_set_all_verified(*, passport: Any, on: bool) -> None:
    """Grant, or revoke, the consent that every verified employer may find the passport."""
    if on:
        consent_grant(passport=passport)
        return
    Consent.objects.filter(passport=passport, all_verified=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    _sync_findable(passport)
