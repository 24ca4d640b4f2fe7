"""Factsheets: one A4 page per region with key figures against the national figure, charts and sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.monitor import charts
from techtalent.monitor.findings import finding_texts
from techtalent.monitor.formats import format_number, unit_label
from techtalent.monitor.models import Indicator, Observation, Region, Source

__all__ = [
    "KEY_INDICATORS",
    "Figure",
    "Sheet",
    "chart_labels",
    "factsheet_data",
    "factsheet_html",
    "factsheet_pdf",
    "render_sheet",
]

NATIONAL = "NL01"
# The key figures in the order a policy analyst reads them; the first three also get a chart.
KEY_INDICATORS = (
    "havo-n-profile-share",
    "open-vacancies-technical-share",
    "open-vacancies-technical",
    "open-vacancies",
    "mbo-technical-student-share",
    "hbo-technical-female-share",
    "technical-occupation-workers",
    "technical-occupation-share",
    "labour-force",
    "employed-labour-force",
    "unemployment-rate",
)
CHARTED = ("havo-n-profile-share", "open-vacancies-technical-share")
MAX_FIGURES = 11  # more rows would push the sheet onto a second page


@dataclass
class Figure:
    """One key figure: the latest value in the region, the change since the previous period, the nation."""

    indicator: str
    name: str
    unit: str
    breakdown: str
    period: str
    value: float
    national: float | None
    previous_period: str
    previous_value: float | None
    source_numbers: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    lang: str = "nl"

    @property
    def change(self) -> float | None:
        """Change since the previous period of the series, or None with one period only."""
        return None if self.previous_value is None else self.value - self.previous_value

    def shown(self, value: float | None) -> str:
        """A value of this figure in the interface language."""
        return format_number(value, self.unit, self.lang)

    @property
    def value_text(self) -> str:
        """The value, formatted."""
        return self.shown(self.value)

    @property
    def national_text(self) -> str:
        """The national value for the same period, formatted ('—' when there is none)."""
        return self.shown(self.national)

    @property
    def change_text(self) -> str:
        """The change with its sign and unit ('—' with one period only)."""
        change = self.change
        if change is None:
            return "—"
        sign = "+" if change > 0 else ""
        with translation.override(self.lang):  # the figure's language, not whatever is active
            unit = _("pp") if self.unit == "percent" else ""
        return f"{sign}{self.shown(change)} {unit}".strip()

    @property
    def unit_text(self) -> str:
        """The unit in words."""
        with translation.override(self.lang):
            return unit_label(self.unit)


@dataclass
class Sheet:
    """Everything a factsheet shows."""

    region: Region
    figures: list[Figure]
    charts: list[dict[str, Any]]
    sources: list[str]
    notes: list[str] = field(default_factory=list)


def chart_labels() -> dict[str, str]:
    """Axis and legend titles in the active language."""
    return {"series": _("Series"), "period": _("Period"), "value": _("Value"), "region": _("Region")}


class _Row(NamedTuple):
    """An observation as the factsheet reads it: plain values plus its (shared) indicator, region, source."""

    indicator: Indicator
    region: Region
    source: Source
    period: str
    period_kind: str
    period_start: int
    value: float
    unit: str


_ROW_FIELDS = (
    *("indicator_id", "region_id", "source_id"),
    *("period", "period_kind", "period_start", "value", "unit"),
)


def _rows(code: str) -> list[_Row]:
    """The region's and the nation's totals, without a model instance per figure (a thousand of them)."""
    qs = Observation.objects.filter(region__code__in=[code, NATIONAL], measure="level", breakdown_key="")
    values = list(qs.values_list(*_ROW_FIELDS))
    indicators = Indicator.objects.in_bulk({v[0] for v in values})
    regions = Region.objects.defer("shape").in_bulk({v[1] for v in values})
    sources = Source.objects.in_bulk({v[2] for v in values})
    return [_Row(indicators[i], regions[r], sources[s], *rest) for i, r, s, *rest in values]


def _series(observations: list[_Row]) -> list[_Row]:
    """One period kind (years before quarters and months), oldest first."""
    kinds = {o.period_kind for o in observations}
    for kind in ("school_year", "year", "quarter", "month"):
        if kind in kinds:
            return sorted((o for o in observations if o.period_kind == kind), key=lambda o: o.period_start)
    return observations


def _flags(code: str, indicators: list[str], lang: str) -> dict[tuple[str, str, str], list[str]]:
    """(indicator, region, period) of the region or the nation -> what the consistency checks say of it."""
    from techtalent.monitor.selectors import contradictions_memo

    flagged: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    found = contradictions_memo(totals_only=True, indicators=indicators)
    for item, text in zip(found, finding_texts(found, lang), strict=True):
        for obs in item.observations:
            if obs.region in (code, NATIONAL) and not obs.breakdowns:
                flagged[(obs.indicator, obs.region, obs.period)].append(text)
    return flagged


def factsheet_data(code: str, lang: str) -> Sheet:
    """The key figures, chart specs, numbered sources and footnotes of a region's factsheet."""
    region = Region.objects.defer("shape").filter(code=code).first()
    if region is None:
        raise UserError(f"unknown region {code!r}")
    by_indicator: dict[str, dict[str, list[_Row]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(code):
        by_indicator[row.indicator.code][row.region.code].append(row)
    own = [c for c in by_indicator if by_indicator[c][code]]
    order = [c for c in KEY_INDICATORS if c in own] + sorted(c for c in own if c not in KEY_INDICATORS)
    flags = _flags(code, order[:MAX_FIGURES], lang)
    charted = [c for c in CHARTED if c in order[:MAX_FIGURES]] or order[:2]
    sources: dict[str, str] = {}
    notes: dict[str, int] = {}
    figures: list[Figure] = []
    specs: list[dict[str, Any]] = []

    def number(obs: _Row) -> int:
        label = obs.source.label()  # derived figures cite their table once, not once per formula
        sources.setdefault(label, label)
        return list(sources).index(label) + 1

    for indicator in order[:MAX_FIGURES]:
        series = _series(by_indicator[indicator][code])
        latest = series[-1]
        previous = series[-2] if len(series) > 1 else None
        national = next((o for o in by_indicator[indicator][NATIONAL] if o.period == latest.period), None)
        shown = [o for o in (latest, national) if o is not None]
        remarks = [s for o in shown for s in flags.get((indicator, o.region.code, o.period), [])]
        figures.append(
            Figure(
                indicator,
                latest.indicator.name(lang),
                latest.unit,
                "",
                latest.period,
                latest.value,
                national.value if national else None,
                previous.period if previous else "",
                previous.value if previous else None,
                sorted({number(o) for o in shown}),
                [notes.setdefault(r, len(notes) + 1) for r in dict.fromkeys(remarks)],
                lang,
            )
        )
        if indicator in charted:
            nation = _series(by_indicator[indicator][NATIONAL])
            rows = [{"series": o.region.name, "period": o.period, "value": o.value} for o in series + nation]
            periods = sorted({(o.period_start, o.period) for o in series + nation})
            specs.append(
                charts.bar_or_trend(
                    rows,
                    title=latest.indicator.name(lang),
                    unit=latest.unit,
                    labels=chart_labels(),
                    lang=lang,
                    periods=[p for _, p in periods],
                    width=300,
                    height=150,
                )
            )
    return Sheet(region, figures, specs, list(sources.values()), list(notes))


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
