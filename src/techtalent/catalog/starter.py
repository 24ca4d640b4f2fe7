"""The metro lines the source documents name, loaded as announced (empty) lines with provenance."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from techtalent.catalog.models import FundingScheme, Line
from techtalent.catalog.services import line_create, provider_get_or_create

__all__ = ["starter_lines", "starter_lines_load", "starter_funding", "starter_funding_load", "starter_load"]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("techtalent").joinpath(f"data/catalog/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def starter_lines() -> dict[str, Any]:
    """The bundled starter lines file, parsed."""
    return _read("lines.yaml")


def starter_funding() -> dict[str, Any]:
    """The bundled funding schemes file, parsed."""
    return _read("funding.yaml")


@transaction.atomic
def starter_funding_load() -> int:
    """Create the documents' funding schemes that do not exist yet; returns how many were created."""
    created = 0
    for item in starter_funding()["schemes"]:
        src = item["source"]
        _scheme, made = FundingScheme.objects.get_or_create(
            name=item["name"],
            defaults={"description": item["description"], "source": f"{src['document']} — {src['section']}"},
        )
        created += made
    return created


def starter_load() -> None:
    """Load the bundled catalog starter data: the documents' lines and funding schemes."""
    starter_lines_load()
    starter_funding_load()


@transaction.atomic
def starter_lines_load() -> int:
    """Create the documents' lines that do not exist yet; returns how many were created."""
    data = starter_lines()
    owner_src = data["owner"]["source"]
    owner = provider_get_or_create(
        name=data["owner"]["name"],
        kind=data["owner"]["kind"],
        source=f"{owner_src['document']} — {owner_src['section']}",
    )
    created = 0
    for item in data["lines"]:
        if Line.objects.filter(name=item["name"]).exists():
            continue
        src = item["source"]
        line_create(
            name=item["name"],
            owner=owner,
            theme=item["theme"],
            colour=item["colour"],
            status=Line.Status.ANNOUNCED,
            source=(src["document"], src["section"], src["quote"]),
        )
        created += 1
    return created
