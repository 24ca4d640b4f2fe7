"""Template filters that let other domains' pages include the learning route ("how to get there")."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


@register.filter
def gap_skill_uris(gap: Any) -> str:
    """The ESCO URIs of the missing skills of a gap ({"groups": [{"skills": [{"uri"}]}]}), comma-separated."""
    uris = [_get(s, "uri") for g in (_get(gap, "groups") or []) for s in (_get(g, "skills") or [])]
    return ",".join(dict.fromkeys(u for u in uris if u))
