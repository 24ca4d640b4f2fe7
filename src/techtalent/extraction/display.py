"""The names found concepts are shown with, by the taxonomy's one display rule, for API answers and exports.

``label`` of a found concept stays the label that matched the text (the evidence); the display fields say
how the interface names the concept in the asked language, and whether that name is machine-translated."""

from __future__ import annotations

from typing import Any

from techtalent.taxonomy.selectors import ShownName, attested_names

__all__ = ["DISPLAY_FIELDS", "display_fields", "with_display"]

DISPLAY_FIELDS = ("display_label", "display_lang", "display_derived", "display_original")


def display_fields(name: ShownName) -> dict[str, Any]:
    """The display fields of one name: shown label, its language, derived or not, the official original."""
    return {
        "display_label": name.label,
        "display_lang": name.lang,
        "display_derived": name.derived,
        "display_original": name.original,
    }


def with_display(result: dict[str, Any], lang: str) -> dict[str, Any]:
    """An extraction result whose ``concepts`` and ``ranking`` entries also carry their display fields; a
    concept shown with a derived label is named with the derived label the text matched, if it has one."""
    found = [*result["concepts"], *result.get("ranking", [])]
    texts: dict[str, tuple[str, str]] = {}
    for c in found:
        texts.setdefault(c["uri"], (c.get("label", ""), str((c.get("evidence") or {}).get("sentence", ""))))
    names = {uri: display_fields(name) for uri, name in attested_names(texts, lang).items()}
    return {
        **result,
        "concepts": [{**c, **names[c["uri"]]} for c in result["concepts"]],
        "ranking": [{**c, **names[c["uri"]]} for c in result.get("ranking", [])],
    }
