"""The comparison tool's logic: parse a selection, read the figures, build the table, charts and map."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from techtalent.monitor import charts
from techtalent.monitor.factsheet import NATIONAL, chart_labels
from techtalent.monitor.models import Indicator, Observation, Region
from techtalent.monitor.selectors import ObservationFilter, observation_list

__all__ = ["Selection", "comparison", "selection_from"]

MAP_KINDS = ("province", "arbeidsmarktregio")


@dataclass(frozen=True)
class Selection:
    """What the user picked; it round-trips through the URL so every view can be shared."""

    indicators: tuple[str, ...]
    regions: tuple[str, ...]
    periods: tuple[str, ...]
    breakdowns: str
    national: bool
    map_kind: str

    def filter(self) -> ObservationFilter:
        """The observation filter for this selection (the national figure added when asked)."""
        regions = self.regions + ((NATIONAL,) if self.national and NATIONAL not in self.regions else ())
        return ObservationFilter(self.indicators, regions, self.periods, self.breakdowns)


def selection_from(params: QueryDict) -> Selection:
    """A selection from GET parameters: indicator, region, period (repeatable), breakdowns, national, map."""
    known = set(Indicator.objects.values_list("code", flat=True))
    indicators = tuple(c for c in params.getlist("indicator") if c in known)[:6]
    if not indicators and known:
        indicators = (min(known, key=lambda c: c != "technical-occupation-share"),)
    regions = tuple(dict.fromkeys(params.getlist("region")))[:20] or ("PV20", "PV21", "PV22")
    map_kind = params.get("map", "province")
    return Selection(
        indicators=indicators,
        regions=regions,
        periods=tuple(p for p in params.getlist("period") if p)[:40],
        breakdowns=params.get("breakdowns", "")[:300],
        national="1" in params.getlist("national") if "national" in params else True,
        map_kind=map_kind if map_kind in MAP_KINDS else "province",
    )


def _map(indicator: Indicator, rows: list[Observation], kind: str, lang: str) -> dict[str, Any] | None:
    shaped = Region.objects.filter(kind=kind, shape__isnull=False)
    if not shaped.exists():
        return None
    latest = max((o.period_start, o.period) for o in rows) if rows else None
    values = {o.region.code: o.value for o in rows if latest and o.period == latest[1]}
    if latest is None:
        qs = Observation.objects.filter(
            indicator=indicator, region__kind=kind, breakdown_key="", measure="level"
        )
        last = qs.order_by("-period_start").values_list("period", flat=True).first()
        values = dict(qs.filter(period=last).values_list("region__code", "value")) if last else {}
        latest = (0, last or "")
    if not values:
        return None
    features = [
        {"type": "Feature", "geometry": r.shape, "properties": {"name": r.name, "value": values.get(r.code)}}
        for r in shaped
    ]
    title = f"{indicator.name(lang)} ({latest[1]})"
    return charts.choropleth(features, title=title, unit=indicator.unit, labels=chart_labels())


def comparison(selection: Selection, lang: str) -> dict[str, Any]:
    """Table rows, one chart per indicator and a map, for a selection."""
    observations = list(observation_list(selection.filter()))
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        by_indicator[obs.indicator.code].append(obs)
    specs, maps = [], []
    for indicator in Indicator.objects.filter(code__in=selection.indicators):
        rows = by_indicator.get(indicator.code, [])
        if rows:
            data = [
                {"series": f"{o.region.name} {o.breakdown_key}".strip(), "period": o.period, "value": o.value}
                for o in rows
            ]
            specs.append(
                charts.bar_or_trend(
                    data, title=indicator.name(lang), unit=indicator.unit, labels=chart_labels()
                )
            )
        kind_rows = list(
            Observation.objects.filter(
                indicator=indicator, region__kind=selection.map_kind, breakdown_key="", measure="level"
            )
            .select_related("region")
            .defer("region__shape")
        )
        spec = _map(indicator, kind_rows, selection.map_kind, lang)
        if spec:
            maps.append(spec)
    return {"observations": observations, "charts": specs, "maps": maps}
