"""Writes, each in one transaction: organisations, members and roles, invitations, verification,
passport consents and API tokens."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
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
from techtalent.orgs.selectors import digest, invitation_lookup, user_has_role

__all__ = [
    "SCOPES",
    "ORGANISATION_SCOPES",
    "organisation_create",
    "organisation_verify",
    "organisation_unverify",
    "membership_add",
    "membership_remove",
    "invitation_create",
    "invitation_accept",
    "consent_grant",
    "consent_revoke",
    "consent_set_all_verified",
    "token_create",
    "token_revoke",
    "user_create",
]

SCOPES = ("taxonomy:read", "monitor:read", "passport:read", "passport:write", "org:candidates", "org:scan")
ORGANISATION_SCOPES = ("taxonomy:read", "monitor:read", "org:candidates", "org:scan")
TOKEN_PREFIX = "tt_"


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
    return organisation.memberships.filter(role=Role.OWNER).exclude(user=without).count()


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
    if role == Role.OWNER and not user_has_role(user=by, organisation=organisation, roles=[Role.OWNER]):
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
    """Whether the invitation names this user (by user name, or by their e-mail address)."""
    if invitation.username:
        return bool(user.username == invitation.username)
    return bool(user.email) and user.email.lower() == invitation.email.lower()


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


def _check_scopes(scopes: Iterable[str], organisation: Organisation | None) -> list[str]:
    chosen = list(dict.fromkeys(s.strip() for s in scopes if s.strip()))
    allowed = ORGANISATION_SCOPES if organisation is not None else SCOPES
    unknown = [s for s in chosen if s not in allowed]
    if not chosen or unknown:
        raise UserError(
            _("choose scopes from: %(scopes)s") % {"scopes": ", ".join(allowed)}
            + (f" ({', '.join(unknown)}?)" if unknown else "")
        )
    return chosen


@transaction.atomic
def token_create(
    *, user: Any, name: str, scopes: Iterable[str], organisation: Organisation | None = None
) -> tuple[ApiToken, str]:
    """A new API token; returns it and its secret, which is shown this once and stored only hashed."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError(_("a token needs a name of at most 100 characters"))
    chosen = _check_scopes(scopes, organisation)
    if organisation is not None and not user_has_role(user=user, organisation=organisation, roles=MANAGERS):
        raise UserError(_("only an owner or admin may create an organisation token"))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        prefix=secret[:10],
        digest=digest(secret),
        scopes=" ".join(chosen),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token: every later request with it gets a 401."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def user_create(*, username: str, password: str | None = None, email: str = "", staff: bool = False) -> Any:
    """A new user account (password validated; without one the account cannot sign in with a password)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    users = get_user_model()
    username = username.strip()
    if not username or len(username) > 150:
        raise UserError(_("a user name has 1 to 150 characters"))
    if users.objects.filter(username=username).exists():
        raise UserError(_("the user name %(name)s is taken") % {"name": repr(username)})
    user = users(username=username, email=email.strip(), is_staff=staff)
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise UserError(" ".join(error.messages)) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user
