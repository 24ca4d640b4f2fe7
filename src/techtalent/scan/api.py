"""API router of the SME scans domain, mounted at /api/scan."""

from ninja import Router

router = Router(tags=["scan"])
