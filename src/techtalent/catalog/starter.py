"""The metro lines the source documents name, loaded as announced (empty) lines with provenance."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from techtalent.catalog.models import Line
from techtalent.catalog.services import line_create, provider_get_or_create

__all__ = ["starter_lines", "starter_lines_load"]


def starter_lines() -> dict[str, Any]:
    """The bundled starter lines file, parsed."""
    text = resources.files("techtalent").joinpath("data/catalog/lines.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


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
