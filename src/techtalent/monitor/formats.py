"""Figures as people read them in the interface language: units, numbers, breakdowns and chart locales."""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = [
    "VEGA_LOCALES",
    "breakdown_label",
    "breakdown_name",
    "csv_number",
    "decimals",
    "format_number",
    "unit_label",
    "vega_format",
]

# d3-format locales for Vega-Lite (config.locale.number), so axes and tooltips match the table.
VEGA_LOCALES = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
_SHARES = {"percent", "percentage_points", "per_1000_jobs", "index"}


def unit_label(unit: str) -> str:
    """A unit code (count, persons, percent, …) as words in the active language."""
    labels = {
        "count": _("number"),
        "persons": _("persons"),
        "percent": "%",
        "percentage_points": _("percentage points"),
        "per_1000_jobs": _("per 1,000 jobs"),
        "euro": "€",
        "index": _("index"),
        "fte": "fte",
        "years": _("years"),
    }
    return labels.get(unit, unit)


def decimals(unit: str, value: float | None = None) -> int:
    """How many decimals a figure in ``unit`` is shown with: shares one, counts none (unless fractional)."""
    if unit in _SHARES:
        return 1
    if value is not None and abs(value) < 100 and value != int(value):
        return 1
    return 0


def format_number(value: float | None, unit: str, lang: str) -> str:
    """A figure with the grouping and decimal mark of ``lang`` (nl: 78.800 and 41,7; en: 78,800 and 41.7)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals(unit, value)}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def csv_number(value: float, unit: str, lang: str) -> str:
    """A figure for a CSV file: no grouping, the decimal mark of ``lang``, no '.0' on whole numbers."""
    number = round(value, 2) if unit in _SHARES else value
    text = str(int(number)) if number == int(number) else f"{number:.10g}"
    return text.replace(".", ",") if lang == "nl" else text


def vega_format(unit: str) -> str:
    """The d3 number format for axes and tooltips of a series in ``unit``."""
    return f",.{decimals(unit)}f" if unit in _SHARES else ",.0f"


def breakdown_name(name: str) -> str:
    """A breakdown dimension ('gender', 'sector', …) as a word in the active language."""
    names = {"gender": _("gender"), "sector": _("sector"), "profile": _("profile"), "field": _("field")}
    return names.get(name, name)


def breakdown_label(key: str) -> str:
    """A breakdown key such as 'gender=female;sector=J …' as readable words ('' is the total)."""
    if not key:
        return _("Total")
    values = {"female": _("women"), "male": _("men"), "unknown": _("unknown")}
    parts = []
    for part in key.split(";"):
        name, _sep, value = part.partition("=")
        parts.append(f"{breakdown_name(name)}: {values.get(value, value)}")
    return ", ".join(parts)
