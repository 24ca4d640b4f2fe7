"""Template filters that put ESCO's and the derivation's codes into words of the interface language:
``{{ concept.reuse_level|reuse_level }}`` and ``{{ derived.method|derivation_method }}``."""

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from techtalent.taxonomy.twins import twins

register = template.Library()

REUSE_LEVELS = {
    "transversal": _("transversal"),
    "cross-sector": _("cross-sector"),
    "sector-specific": _("sector-specific"),
    "occupation-specific": _("occupation-specific"),
}

# The steps taxonomy.engine.derive records in a derived label's method, joined by "+".
DERIVATION_STEPS = {
    "phrase-table": _("a phrase as ESCO's Dutch labels translate it"),
    "word": _("word by word"),
    "verb-first-frame": _("a verb pattern of ESCO's Dutch labels"),
    "reorder-verb-final": _("verb moved to the end"),
    "verb-preposition": _("the preposition the Dutch verb takes"),
    "dutch-context": _("word choice checked against ESCO's Dutch texts"),
    "compound": _("words joined into a compound"),
    "copy": _("a word kept untranslated"),
    "dictionary": _("a general dictionary (FreeDict)"),
    "alternative": _("from an alternative English label"),
}


@register.filter
def reuse_level(code: str) -> str:
    """ESCO's reuse level of a skill (cross-sector, …) in the interface language."""
    return str(REUSE_LEVELS.get(code, code))


@register.filter
def derivation_method(method: str) -> str:
    """How a derived label was made ("word+reorder-verb-final"), in words of the interface language."""
    return "; ".join(str(DERIVATION_STEPS.get(step, step)) for step in method.split("+") if step)


@register.filter
def twin_names(items: Any) -> set[str]:
    """The derived names (lower case) that more than one item of a list of shown concepts ({"label",
    "derived", …}) carries: ``{% with tw=skills|twin_names %}`` … ``{% if s.label|lower in tw %}`` puts the
    English label beside each of two concepts of one Dutch name (taxonomy/twins.py does it in views)."""
    rows = [item for item in items or () if isinstance(item, Mapping) and item.get("derived")]
    return {label.lower() for label in twins(str(item.get("label", "")) for item in rows)}
