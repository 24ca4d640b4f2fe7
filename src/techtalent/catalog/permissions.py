"""Who may manage a provider's offers and lines: its managers (and staff); everyone else only reads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from techtalent.catalog.models import Line, Offer, Provider
from techtalent.core.errors import UserError

__all__ = ["NotAllowed", "can_manage", "check_manage"]


class NotAllowed(UserError):
    """The user may not change this provider's offers or lines."""

    status = 403


def can_manage(user: Any, provider: Provider) -> bool:
    """True when ``user`` manages ``provider`` (listed as manager, or a role in its organisation)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or provider.managers.filter(pk=user.pk).exists():
        return True
    return _org_role(user, provider)


def _org_role(user: Any, provider: Provider) -> bool:
    organisation = getattr(provider, "organisation", None)
    if organisation is None:
        return False
    from techtalent.orgs.selectors import user_has_role

    return bool(user_has_role(user=user, organisation=organisation, roles=["owner", "admin", "member"]))


def check_manage(user: Any, thing: Provider | Offer | Line) -> None:
    """Raise NotAllowed unless ``user`` manages the provider behind ``thing``."""
    provider = (
        thing if isinstance(thing, Provider) else thing.provider if isinstance(thing, Offer) else thing.owner
    )
    if not can_manage(user, provider):
        raise NotAllowed(_("Only the provider %(name)s may change this.") % {"name": provider.name})
