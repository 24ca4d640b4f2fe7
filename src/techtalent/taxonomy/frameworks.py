"""Load the sector frameworks (bundled YAML, each item with provenance and ESCO links) into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from techtalent.core.errors import DataFileError
from techtalent.taxonomy.models import Framework, FrameworkItem, FrameworkLink

__all__ = ["FRAMEWORK_DIR", "read_framework", "frameworks_load"]

FRAMEWORK_DIR = Path(__file__).resolve().parent.parent / "data" / "frameworks"
_RELATIONS = {"exact", "close", "broad", "narrow", "related"}


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or "")
    return str(value or "")


def read_framework(path: Path) -> dict[str, Any]:
    """Parse and check one framework YAML file; raises DataFileError naming the item and field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataFileError(path.name, f"is not valid UTF-8 YAML ({exc})") from None
    if not isinstance(data, dict):
        raise DataFileError(path.name, "must hold a mapping with code, name, source and items")
    for key in ("code", "name", "source", "items"):
        if key not in data:
            raise DataFileError(path.name, "required key is missing", field=key)
    codes = set()
    for number, item in enumerate(data["items"], start=1):
        for key in ("code", "name", "source"):
            if key not in item:
                raise DataFileError(path.name, f"item {number} lacks a required key", field=key)
        if item["code"] in codes:
            raise DataFileError(path.name, f"item code {item['code']!r} is used twice", field="code")
        codes.add(item["code"])
        for link in item.get("esco") or []:
            if link.get("relation") not in _RELATIONS or not 0 <= float(link.get("confidence", -1)) <= 1:
                raise DataFileError(
                    path.name, f"item {item['code']!r} has an invalid ESCO link {link}", field="esco"
                )
    for item in data["items"]:
        if item.get("parent") and item["parent"] not in codes:
            raise DataFileError(
                path.name, f"item {item['code']!r} has unknown parent {item['parent']!r}", field="parent"
            )
    return data


@transaction.atomic
def frameworks_load(directory: Path = FRAMEWORK_DIR) -> dict[str, int]:
    """Replace the stored frameworks with the YAML files in ``directory``; returns items per framework."""
    loaded: dict[str, int] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = read_framework(path)
        source = data["source"]
        framework, _ = Framework.objects.update_or_create(
            code=data["code"],
            defaults={
                "name_nl": _text(data["name"], "nl"),
                "name_en": _text(data["name"], "en"),
                "description_nl": _text(data.get("description"), "nl"),
                "description_en": _text(data.get("description"), "en"),
                "source_document": source.get("document", ""),
                "source_section": source.get("section", ""),
            },
        )
        framework.items.all().delete()
        items: dict[str, FrameworkItem] = {}
        for order, item in enumerate(data["items"]):
            src = item["source"]
            items[item["code"]] = FrameworkItem.objects.create(
                framework=framework,
                code=item["code"],
                order=item.get("order", order),
                name_nl=_text(item["name"], "nl"),
                name_en=_text(item["name"], "en"),
                description_nl=_text(item.get("description"), "nl"),
                description_en=_text(item.get("description"), "en"),
                source_document=src.get("document", ""),
                source_section=src.get("section", ""),
                source_quote=src.get("quote", ""),
            )
        links = []
        for item in data["items"]:
            if item.get("parent"):
                FrameworkItem.objects.filter(id=items[item["code"]].id).update(parent=items[item["parent"]])
            for link in item.get("esco") or []:
                links.append(
                    FrameworkLink(
                        item=items[item["code"]],
                        concept_uri=link["uri"],
                        label=link.get("label", ""),
                        relation=link["relation"],
                        confidence=float(link["confidence"]),
                        method=link.get("method", ""),
                    )
                )
        FrameworkLink.objects.bulk_create(links)
        loaded[framework.code] = len(items)
    Framework.objects.exclude(code__in=loaded).delete()
    return loaded
