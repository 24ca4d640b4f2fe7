"""Template filters that let other domains' pages include the learning route ("how to get there")."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


SKILL = "http://data.europa.eu/esco/skill/"
MAX_SKILLS = 60  # keeps the route link under the request-line limit of the server (4 KB)


@register.filter
def gap_skill_uris(gap: Any) -> str:
    """The missing skills of a gap ({"groups": [{"skills": [{"uri"}]}]}) as comma-separated short ids.

    ESCO skill URIs are shortened to their id (the route view expands them again), so that a large gap
    still fits in a link.
    """
    uris = [_get(s, "uri") for g in (_get(gap, "groups") or []) for s in (_get(g, "skills") or [])]
    unique = list(dict.fromkeys(u for u in uris if u))[:MAX_SKILLS]
    return ",".join(u.removeprefix(SKILL) for u in unique)


@register.filter
def skill_uri_list(skills: Any) -> str:
    """Skills to learn (concepts with ``uri``, or URIs) as comma-separated short ids for the route."""
    uris = [s if isinstance(s, str) else _get(s, "uri") for s in (skills or [])]
    unique = list(dict.fromkeys(u for u in uris if u))[:MAX_SKILLS]
    return ",".join(u.removeprefix(SKILL) for u in unique)
