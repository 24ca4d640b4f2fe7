"""API tokens, each write in one transaction: create (the secret is shown once, stored hashed), revoke."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.orgs.models import MANAGERS, ApiToken, Organisation
from techtalent.orgs.selectors import digest, user_has_role

__all__ = ["SCOPES", "ORGANISATION_SCOPES", "token_create", "token_revoke"]

SCOPES = ("taxonomy:read", "monitor:read", "passport:read", "passport:write", "org:candidates")
ORGANISATION_SCOPES = ("taxonomy:read", "monitor:read", "org:candidates")
TOKEN_PREFIX = "tt_"


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
