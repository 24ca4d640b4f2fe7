"""Factsheets: per region the key figures against the national figure, charts and sources; HTML and PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.monitor import charts
from techtalent.monitor.models import Observation, Region
from techtalent.monitor.selectors import source_citation

__all__ = [
    "Figure",
    "Sheet",
    "chart_labels",
    "factsheet_data",
    "factsheet_html",
    "factsheet_pdf",
    "render_sheet",
]

NATIONAL = "NL01"


@dataclass
class Figure:
    """One key figure: the latest value of a series in the region, the national value and the trend."""

    indicator: str
    name: str
    unit: str
    breakdown: str
    period: str
    value: float
    national: float | None
    first_period: str
    first_value: float
    source_numbers: list[int] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        """Change since the first period in the store, or None with one period only."""
        return None if self.first_period == self.period else self.value - self.first_value


@dataclass
class Sheet:
    """Everything a factsheet shows."""

    region: Region
    figures: list[Figure]
    charts: list[dict[str, Any]]
    sources: list[str]


def chart_labels() -> dict[str, str]:
    """Axis and legend titles in the active language."""
    return {"series": _("Series"), "period": _("Period"), "value": _("Value"), "region": _("Region")}


def factsheet_data(code: str, lang: str) -> Sheet:
    """The key figures, chart specs and numbered sources of a region's factsheet."""
    region = Region.objects.defer("shape").filter(code=code).first()
    if region is None:
        raise UserError(f"unknown region {code!r}")
    qs = (
        Observation.objects.filter(region__code__in=[code, NATIONAL], measure="level")
        .select_related("indicator", "region", "source")
        .defer("region__shape")
        .order_by("indicator__code", "breakdown_key", "period_start", "period")
    )
    own_indicators = set(qs.filter(region=region).values_list("indicator__code", flat=True))
    series: dict[tuple[str, str], dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for obs in qs:
        if obs.indicator.code in own_indicators:
            series[(obs.indicator.code, obs.breakdown_key)][obs.region.code].append(obs)
    sources: dict[int, str] = {}
    figures: list[Figure] = []
    chart_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (indicator, breakdown), by_region in series.items():
        for obs in by_region[code] + (by_region[NATIONAL] if code != NATIONAL else []):
            number = list(sources).index(obs.source_id) + 1 if obs.source_id in sources else len(sources) + 1
            sources.setdefault(obs.source_id, source_citation(obs.source))
            label = f"{obs.region.name} {breakdown}".strip()
            chart_rows[indicator].append(
                {"series": label, "period": obs.period, "value": obs.value, "source": number}
            )
        own = by_region[code]
        if not own:
            continue
        latest = own[-1]
        national = {o.period: o.value for o in by_region[NATIONAL]}.get(latest.period)
        figures.append(
            Figure(
                indicator,
                latest.indicator.name(lang),
                latest.unit,
                breakdown,
                latest.period,
                latest.value,
                national,
                own[0].period,
                own[0].value,
                [list(sources).index(o.source_id) + 1 for o in (latest, *by_region[NATIONAL][-1:])],
            )
        )
    names = {f.indicator: (f.name, f.unit) for f in figures}
    specs = [
        charts.bar_or_trend(rows, title=names[ind][0], unit=names[ind][1], labels=chart_labels())
        for ind, rows in chart_rows.items()
        if ind in names
    ]
    return Sheet(region, figures, specs, list(sources.values()))


def render_sheet(sheet: Sheet, *, lang: str, svg: bool = True, embed: bool = True) -> str:
    """A sheet as a whole HTML document: charts as inline SVG (svg=True, as in the PDF) or as Vega-Lite specs
    that the page renders in the browser with vega-embed (svg=False)."""
    with translation.override(lang):
        svgs = [charts.to_svg(spec) for spec in sheet.charts] if svg else []
        return render_to_string(
            "monitor/factsheet_print.html",
            {
                "sheet": sheet,
                "svgs": svgs,
                "specs": [] if svg else sheet.charts,
                "lang": lang,
                "embed": embed,
            },
        )


def factsheet_html(code: str, *, lang: str = "nl", embed: bool = True, svg: bool = True) -> str:
    """The factsheet as a whole HTML document with the charts as inline SVG (the same ones as the PDF)."""
    with translation.override(lang):
        sheet = factsheet_data(code, lang)
    return render_sheet(sheet, lang=lang, svg=svg, embed=embed)


def factsheet_pdf(code: str, *, lang: str = "nl") -> bytes:
    """The factsheet as PDF (WeasyPrint over the same HTML and SVG charts)."""
    from weasyprint import HTML

    return bytes(HTML(string=factsheet_html(code, lang=lang, embed=False)).write_pdf())
