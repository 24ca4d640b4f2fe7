"""API router of the Learning offers domain, mounted at /api/catalog."""

from ninja import Router

router = Router(tags=["catalog"])
