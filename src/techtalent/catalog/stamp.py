"""The catalog version stamp: a token in the database that every catalog write renews.

Route caches live per process (several gunicorn workers), so they are invalidated by this stamp, read
with one small query per request, not by signals alone. The token is random rather than a counter so
that a rolled-back write (or a test transaction) never brings back a token that was cached for other data.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

__all__ = ["bump", "current", "connect"]

STAMP_ID = 1


def bump() -> None:
    """Renew the stamp (in the caller's transaction, so it commits or rolls back with the write)."""
    from techtalent.catalog.models import CatalogStamp

    token = uuid.uuid4().hex
    if not CatalogStamp.objects.filter(pk=STAMP_ID).update(token=token):
        CatalogStamp.objects.update_or_create(pk=STAMP_ID, defaults={"token": token})


def current() -> str:
    """The current stamp ("" before the first write)."""
    from techtalent.catalog.models import CatalogStamp

    return CatalogStamp.objects.filter(pk=STAMP_ID).values_list("token", flat=True).first() or ""


def _on_write(sender: Any, **kwargs: Any) -> None:
    """Signal receiver: a catalog row was saved or deleted, or prerequisites changed."""
    if kwargs.get("raw"):
        return
    action = kwargs.get("action")
    if action is None or action.startswith("post_"):
        bump()


def connect() -> None:
    """Renew the stamp on every save/delete of the models a route reads (bulk writes call ``bump``)."""
    from techtalent.catalog.models import Line, Offer, OfferSkill, Provider, Station

    for model in (Provider, Offer, OfferSkill, Line, Station):
        post_save.connect(_on_write, sender=model, dispatch_uid=f"catalog-stamp-save-{model.__name__}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"catalog-stamp-del-{model.__name__}")
    m2m_changed.connect(
        _on_write, sender=Station.prerequisites.through, dispatch_uid="catalog-stamp-prerequisites"
    )
