"""API tokens, each write in one transaction: create (the secret is shown once, stored hashed), revoke."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.orgs.models import MANAGERS, ApiToken, Organisation
from techtalent.orgs.selectors import digest, user_has_role

__all__ = ["SCOPES", "ORGANISATION_SCOPES", "MAX_DAYS", "token_create", "token_revoke", "token_touch"]

SCOPES = (
    "taxonomy:read",
    "monitor:read",
    "passport:read",
    "passport:write",
    "org:candidates",
    "org:vacancies",
    "org:scan",
)
ORGANISATION_SCOPES = ("taxonomy:read", "monitor:read", "org:candidates", "org:vacancies", "org:scan")
TOKEN_PREFIX = "tt_"
MAX_DAYS = 3650
TOUCH_EVERY = timedelta(minutes=1)  # last_used is written at most this often, not on every request


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
    *,
    user: Any,
    name: str,
    scopes: Iterable[str],
    organisation: Organisation | None = None,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """A new API token, valid for ``days`` (None: until revoked); returns it and its secret, which is shown
    this once and stored only hashed."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError(_("a token needs a name of at most 100 characters"))
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise UserError(_("a token lasts between 1 and %(max)s days, or until revoked") % {"max": MAX_DAYS})
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
        expires=timezone.now() + timedelta(days=days) if days else None,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token: every later request with it gets a 401."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_touch(*, token: ApiToken) -> bool:
    """Record that the token was just used, unless that was recorded less than a minute ago (one
    conditional UPDATE, so concurrent requests write once); True when it wrote."""
    now = timezone.now()
    if token.last_used is not None and now - token.last_used < TOUCH_EVERY:
        return False
    stale = Q(last_used__isnull=True) | Q(last_used__lt=now - TOUCH_EVERY)
    written = ApiToken.objects.filter(Q(pk=token.pk) & stale).update(last_used=now)
    if written:
        token.last_used = now
    return bool(written)
