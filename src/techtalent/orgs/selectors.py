"""Reads: a user's organisations and roles, who may see candidates, consents and API tokens."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from techtalent.orgs.models import (
    RECRUITERS,
    ApiToken,
    Consent,
    Invitation,
    Membership,
    Organisation,
)

__all__ = [
    "organisations_for_user",
    "user_has_role",
    "organisation_get",
    "role_of",
    "members",
    "recruiting_organisations",
    "may_see_candidates",
    "consenting_passport_ids",
    "consents_of",
    "tokens_of",
    "token_lookup",
    "invitation_lookup",
    "digest",
    "account_export",
]


def digest(secret: str) -> str:
    """The sha256 (hex) under which a secret (token, invitation link) is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def organisations_for_user(*, user: Any) -> QuerySet[Organisation]:
    """The organisations ``user`` is a member of (any role)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def role_of(*, user: Any, organisation: Organisation) -> str | None:
    """The user's role in the organisation, None when not a member."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()
    )


def user_has_role(*, user: Any, organisation: Organisation, roles: Iterable[str]) -> bool:
    """Whether ``user`` is a member of ``organisation`` with one of ``roles``."""
    return role_of(user=user, organisation=organisation) in {str(r) for r in roles}


def organisation_get(*, key: str | int) -> Organisation | None:
    """The organisation with this id or slug (None when there is none)."""
    text = str(key).strip()
    if text.isascii() and text.isdigit() and len(text) < 19:
        return Organisation.objects.filter(id=int(text)).first()
    return Organisation.objects.filter(slug=text).first()


def members(*, organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's memberships with their users, in joining order."""
    return organisation.memberships.select_related("user").order_by("id")


def recruiting_organisations(*, user: Any) -> QuerySet[Organisation]:
    """Verified organisations in which ``user`` is owner, admin or HR: those whose candidates they may see."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        verified_at__isnull=False,
        memberships__user=user,
        memberships__role__in=[str(r) for r in RECRUITERS],
    ).distinct()


def may_see_candidates(*, user: Any, organisation: Organisation) -> bool:
    """Whether ``user`` may see the candidates of ``organisation`` (verified, and they recruit for it)."""
    return organisation.verified and user_has_role(user=user, organisation=organisation, roles=RECRUITERS)


def consenting_passport_ids(*, organisation: Organisation) -> set[int]:
    """Passports whose owners let this organisation find them (named, or as one of all verified employers)."""
    if not organisation.verified:
        return set()
    live = Consent.objects.filter(revoked_at__isnull=True)
    named_or_all = live.filter(Q(organisation=organisation) | Q(all_verified=True))
    return set(named_or_all.values_list("passport_id", flat=True))


def consents_of(*, passport: Any) -> QuerySet[Consent]:
    """Every consent of a passport, live and revoked, newest first."""
    return Consent.objects.filter(passport=passport).select_related("organisation").order_by("-id")


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """The user's API tokens (personal and organisation), newest first."""
    return ApiToken.objects.filter(user=user).select_related("organisation").order_by("-id")


def token_lookup(*, secret: str) -> ApiToken | None:
    """The token with this secret (revoked ones included; the caller tells them apart), else None."""
    if not secret:
        return None
    return ApiToken.objects.filter(digest=digest(secret)).select_related("user", "organisation").first()


def invitation_lookup(*, secret: str) -> Invitation | None:
    """The invitation behind a link (accepted or expired ones included), else None."""
    if not secret:
        return None
    return Invitation.objects.filter(digest=digest(secret)).select_related("organisation").first()


def account_export(*, user: Any, passport: Any) -> dict[str, list[dict[str, Any]]]:
    """What this domain stores about a user: memberships, consents and API tokens (never their hashes)."""
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "slug": m.organisation.slug,
                "role": m.role,
                "since": m.created.isoformat(),
            }  # fmt: skip
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "consents": [
            {
                "what": c.what,
                "to": c.organisation.slug if c.organisation else "all verified employers",
                "created": c.created.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in consents_of(passport=passport)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "scopes": t.scope_list,
                "organisation": t.organisation.slug if t.organisation else None,
                "created": t.created.isoformat(),
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                "expires": t.expires.isoformat() if t.expires else None,
                "last_used": t.last_used.isoformat() if t.last_used else None,
            }
            for t in tokens_of(user=user)
        ],
    }
