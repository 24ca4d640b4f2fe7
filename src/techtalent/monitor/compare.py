"""The comparison tool's logic: parse a selection, read the figures, build the table, charts and map."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import QueryDict
from django.utils.translation import gettext as _

from techtalent.monitor import charts
from techtalent.monitor.factsheet import NATIONAL, chart_labels
from techtalent.monitor.formats import breakdown_label, format_number, unit_label
from techtalent.monitor.models import Indicator, Observation, Region, Source
from techtalent.monitor.selectors import ObservationFilter, observation_list

__all__ = [
    "JOURNEY_INDICATORS",
    "Selection",
    "breakdown_choice",
    "comparison",
    "one_period_kind",
    "region_label",
    "selection_from",
]

MAP_KINDS = ("province", "arbeidsmarktregio")
# Journey 1 (policy analyst Noord-Nederland): what the tool shows before anything is picked.
JOURNEY_INDICATORS = ("havo-n-profile-share", "open-vacancies-technical")
NORTH = ("PV20", "PV21", "PV22")
NATIONAL_NAME = "Nederland"
SPLIT_UNITS = ("count", "persons")  # national totals dwarf the provinces: drawn in a panel of their own


@dataclass(frozen=True)
class Selection:
    """What the user picked; it round-trips through the URL so every view can be shared."""

    indicators: tuple[str, ...]
    regions: tuple[str, ...]
    periods: tuple[str, ...]
    breakdowns: str
    national: bool
    map_kind: str

    def region_codes(self) -> tuple[str, ...]:
        """The picked regions, with the Netherlands added when asked."""
        return self.regions + ((NATIONAL,) if self.national and NATIONAL not in self.regions else ())

    def filter(self) -> ObservationFilter:
        """The observation filter for this selection (the breakdown as picked, for the CSV and API)."""
        return ObservationFilter(self.indicators, self.region_codes(), self.periods, self.breakdowns)


def _default_indicators(known: set[str]) -> tuple[str, ...]:
    journey = tuple(code for code in JOURNEY_INDICATORS if code in known)
    if journey:
        return journey
    busiest = (
        Observation.objects.filter(breakdown_key="", measure="level")
        .values("indicator__code")
        .annotate(n=Count("id"))
        .order_by("-n", "indicator__code")
        .first()
    )
    return (busiest["indicator__code"],) if busiest else tuple(sorted(known))[:1]


def selection_from(params: QueryDict) -> Selection:
    """A selection from GET parameters: indicator, region, period (repeatable), breakdowns, national, map."""
    known = set(Indicator.objects.values_list("code", flat=True))
    indicators = tuple(dict.fromkeys(c for c in params.getlist("indicator") if c in known))[:6]
    if not indicators and known:
        indicators = _default_indicators(known)
    regions = tuple(dict.fromkeys(r for r in params.getlist("region") if r))[:20] or NORTH
    map_kind = params.get("map", "province")
    return Selection(
        indicators=indicators,
        regions=regions,
        periods=tuple(p for p in params.getlist("period") if p)[:40],
        breakdowns=params.get("breakdowns", "")[:300],
        national="1" in params.getlist("national") if "national" in params else True,
        map_kind=map_kind if map_kind in MAP_KINDS else "province",
    )


def breakdown_options(selection: Selection) -> list[tuple[str, str]]:
    """The breakdowns that exist for the picked indicators and regions: (key, readable label), total first."""
    keys = (
        Observation.objects.filter(
            indicator__code__in=selection.indicators, region__code__in=selection.region_codes()
        )
        .values_list("breakdown_key", flat=True)
        .distinct()
    )
    return [(key, breakdown_label(key)) for key in sorted(set(keys), key=lambda k: (k != "", k))]


def breakdown_choice(indicator: Indicator, selection: Selection) -> str:
    """The breakdown shown for ``indicator``: the one picked if it has it, else the total, else the usual."""
    keys = Counter(
        Observation.objects.filter(
            indicator=indicator, region__code__in=selection.region_codes(), measure="level"
        ).values_list("breakdown_key", flat=True)
    )
    if selection.breakdowns in keys:
        return selection.breakdowns
    if "" in keys or not keys:
        return ""
    return keys.most_common(1)[0][0]


def _map(indicator: Indicator, breakdown: str, kind: str, lang: str) -> dict[str, Any] | None:
    """The latest figure of every region of ``kind`` that has one, on a map (None without shapes)."""
    qs = Observation.objects.filter(
        indicator=indicator, region__kind=kind, breakdown_key=breakdown, measure="level"
    )
    last = qs.order_by("-period_start", "-period").values_list("period", flat=True).first()
    if last is None:
        return None
    values = dict(qs.filter(period=last).values_list("region__code", "value"))
    shaped = Region.objects.filter(kind=kind, shape__isnull=False)
    if not shaped.exists():
        return None
    features = [
        {"type": "Feature", "geometry": r.shape, "properties": {"name": r.name, "value": values.get(r.code)}}
        for r in shaped
    ]
    suffix = f", {breakdown_label(breakdown)}" if breakdown else ""
    title = f"{indicator.name(lang)} ({last}{suffix})"
    return charts.choropleth(features, title=title, unit=indicator.unit, labels=chart_labels(), lang=lang)


def region_label(region: Region) -> str:
    """A region's name, marked when it is an arbeidsmarktregio (Groningen the region vs the province)."""
    if region.kind == "arbeidsmarktregio":
        return f"{region.name} ({_('labour market region')})"
    return region.name


def one_period_kind(observations: list[Observation], picked: bool) -> list[Observation]:
    """Years and quarters of one series on one axis would zigzag: keep the longest-period kind, unless the
    user picked periods themselves."""
    kinds = {o.period_kind for o in observations}
    if picked or len(kinds) < 2:
        return observations
    kind = next(k for k in ("school_year", "year", "quarter", "month") if k in kinds)
    return [o for o in observations if o.period_kind == kind]


@dataclass(frozen=True)
class Row:
    """One table row as it is shown: names, not codes; the value formatted in the interface language."""

    indicator: str
    region: str
    period: str
    breakdown: str
    value: str
    unit: str
    approximate: bool
    source_id: int
    source: str


def comparison(selection: Selection, lang: str) -> dict[str, Any]:
    """Table rows, one chart per indicator (with its sources) and one map per indicator, for a selection."""
    rows: list[Row] = []
    specs: list[dict[str, Any]] = []
    maps: list[dict[str, Any]] = []
    shown: list[dict[str, str]] = []
    sources: dict[int, Source] = {}
    order = {code: i for i, code in enumerate(selection.indicators)}
    for indicator in sorted(
        Indicator.objects.filter(code__in=selection.indicators), key=lambda i: order[i.code]
    ):
        breakdown = breakdown_choice(indicator, selection)
        shown.append(
            {
                "name": indicator.name(lang),
                "breakdown": breakdown_label(breakdown) if breakdown else "",
                "definition": indicator.definition(lang),
                "derivation": indicator.derivation(lang),
                "source_table": indicator.source_table,
                "licence": indicator.licence,
            }
        )
        flt = ObservationFilter((indicator.code,), selection.region_codes(), selection.periods, breakdown)
        observations = one_period_kind(
            sorted(observation_list(flt), key=lambda o: (o.period_start, o.period)), bool(selection.periods)
        )
        by_region: dict[str, list[Observation]] = defaultdict(list)
        for obs in observations:
            by_region[obs.region.code].append(obs)
            sources.setdefault(obs.source_id, obs.source)
        for code in selection.region_codes():
            for obs in by_region.get(code, []):
                rows.append(
                    Row(
                        indicator.name(lang),
                        region_label(obs.region),
                        obs.period,
                        breakdown_label(obs.breakdown_key),
                        format_number(obs.value, obs.unit, lang),
                        unit_label(obs.unit),
                        obs.approximate,
                        obs.source_id,
                        obs.source.label(),
                    )
                )
        if observations:
            data = [
                {"series": region_label(o.region), "period": o.period, "value": o.value} for o in observations
            ]
            title = indicator.name(lang) + (f" ({breakdown_label(breakdown)})" if breakdown else "")
            periods = list(dict.fromkeys(o.period for o in observations))
            specs.append(
                charts.bar_or_trend(
                    data,
                    title=title,
                    unit=indicator.unit,
                    labels=chart_labels(),
                    lang=lang,
                    periods=periods,
                    apart=NATIONAL_NAME if indicator.unit in SPLIT_UNITS else None,
                )
            )
        spec = _map(indicator, breakdown, selection.map_kind, lang)
        if spec:
            maps.append(spec)
    return {
        "rows": rows,
        "charts": specs,
        "maps": maps,
        "shown": shown,
        "sources": list(sources.values()),
        "breakdown_options": breakdown_options(selection),
    }
