"""API router of the Organisations domain, mounted at /api/orgs."""

from ninja import Router

router = Router(tags=["orgs"])
