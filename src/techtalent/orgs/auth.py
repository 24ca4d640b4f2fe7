"""API authentication: `Authorization: Bearer <token>` with scopes, or the browser session.

A router or operation passes ``auth=api_auth(read=..., write=...)`` (the scope a safe method needs and
the scope a writing one needs). A token that is unknown or revoked gives 401, a token without the scope
403 (with the scope named); no session is consulted once an Authorization header is sent.
``public_auth(scope)`` lets anonymous visitors in, but still checks a token when one is sent.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from techtalent.orgs.models import MANAGERS, RECRUITERS, ApiToken
from techtalent.orgs.selectors import token_lookup, user_has_role
from techtalent.orgs.tokens import token_touch

__all__ = ["BearerToken", "Session", "api_auth", "public_auth", "token_of"]

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _live(token: ApiToken) -> bool:
    """An organisation token works only while its creator still manages or recruits for the organisation."""
    if token.revoked_at is not None or not token.user.is_active:
        return False
    if token.organisation is None:
        return True
    return user_has_role(user=token.user, organisation=token.organisation, roles=(*MANAGERS, *RECRUITERS))


class BearerToken(HttpBearer):
    """A techtalent API token in the Authorization header, checked for the scope the method needs."""

    def __init__(self, read: str | None = None, write: str | None = None) -> None:
        self.read, self.write = read, write
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = token_lookup(secret=token.strip())
        if found is None or not _live(found):
            raise AuthenticationError(message=_("unknown or revoked API token"))
        if found.expired:
            raise AuthenticationError(
                message=_("this API token expired on %(date)s; create a new one")
                % {"date": f"{found.expires:%Y-%m-%d %H:%M} UTC"}
            )
        token_touch(token=found)
        need = self.read if request.method in SAFE_METHODS else self.write
        if need and need not in found.scope_list:
            raise AuthorizationError(
                message=_("this API token lacks the scope %(scope)s") % {"scope": repr(need)}
            )
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class Session(SessionAuth):
    """The browser session (with Django's CSRF check), unless the request carries an Authorization header."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)


def _anonymous(request: HttpRequest) -> Any:
    """Let a request without an Authorization header through (public operations)."""
    return None if request.headers.get("Authorization") else "anonymous"


def _refuse(request: HttpRequest) -> Any:
    """The last resort: say how to authenticate (a 401 in the user's language)."""
    raise AuthenticationError(message=_("sign in, or send an API token as Authorization: Bearer <token>"))


def api_auth(read: str | None = None, write: str | None = None) -> list[Any]:
    """Auth for operations that need a signed-in user: a token with the scope, or the session."""
    return [BearerToken(read, write), Session(), _refuse]


def public_auth(scope: str | None = None) -> list[Any]:
    """Auth for public operations: anyone, but a sent token must be live and hold ``scope``."""
    return [BearerToken(scope, scope), _anonymous]


def token_of(request: HttpRequest) -> ApiToken | None:
    """The API token the request was authenticated with (None for a session or anonymous)."""
    return getattr(request, "api_token", None)
