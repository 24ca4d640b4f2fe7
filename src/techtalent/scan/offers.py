"""Concrete offers for a gap: the catalog's learning route, and skillslabs that train the missing skills."""

from __future__ import annotations

from typing import Any

from techtalent.scan.models import Skillslab


def offers_for_gap(
    *, skills: list[str], region: str = "", lang: str = "nl"
) -> tuple[dict[str, Any] | None, list[tuple[Skillslab, list[str]]]]:
    """The catalog route covering the gap skills as data (None without a gap) and up to five skillslabs."""
    from techtalent.catalog.selectors import route_dict, route_for_gap
    from techtalent.scan.selectors import skillslabs_for_gap

    if not skills:
        return None, []
    route = route_for_gap(skills=skills, region=region or None)
    return dict(route_dict(route, lang=lang)), skillslabs_for_gap(skills=skills, region=region)
