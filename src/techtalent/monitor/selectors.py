"""Reads from the indicator store: indicators, regions, observation queries, CSV rows, the checks."""

from __future__ import annotations

import copy
import csv
import functools
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import connection
from django.db.models import Count, Max, Q, QuerySet, Sum

from techtalent.monitor import engine
from techtalent.monitor.models import Indicator, Observation, Region, Source
from techtalent.monitor.services import DATA_DIR

__all__ = [
    "CSV_COLUMNS",
    "ObservationFilter",
    "contradictions",
    "contradictions_memo",
    "csv_lines",
    "indicator_list",
    "observation_list",
    "observation_row",
    "period_list",
    "region_list",
    "source_citation",
]

CSV_COLUMNS = ("indicator", "region", "period", "breakdowns", "value", "unit", "source")


@dataclass(frozen=True)
class ObservationFilter:
    """Which observations to read; empty tuples mean all; breakdowns '' means the totals only."""

    indicators: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    breakdowns: str | None = None
    measure: str | None = "level"


def indicator_list() -> QuerySet[Indicator]:
    """All indicators, by code."""
    return Indicator.objects.all()


def region_list(kinds: Sequence[str] = ()) -> QuerySet[Region]:
    """Regions, optionally of some kinds, by code."""
    regions = Region.objects.defer("shape")
    return regions.filter(kind__in=kinds) if kinds else regions


def observation_list(flt: ObservationFilter) -> QuerySet[Observation]:
    """Observations matching ``flt``, ordered by indicator, region (in load order), period and breakdowns."""
    qs = Observation.objects.select_related("indicator", "region").prefetch_related("source")
    # Filter and order on the indexed foreign keys, not on joined codes: a sort over joined columns cannot
    # use the (indicator, region, period_start) index and sorts every matching row.
    if flt.indicators:
        qs = qs.filter(
            indicator_id__in=list(
                Indicator.objects.filter(code__in=flt.indicators).values_list("id", flat=True)
            )
        )
    if flt.regions:
        qs = qs.filter(
            region_id__in=list(Region.objects.filter(code__in=flt.regions).values_list("id", flat=True))
        )
    if flt.periods:
        qs = qs.filter(period__in=flt.periods)
    if flt.breakdowns is not None:
        qs = qs.filter(breakdown_key=flt.breakdowns)
    if flt.measure:
        qs = qs.filter(measure=flt.measure)
    return qs.defer("region__shape").order_by(
        "indicator_id", "region_id", "period_start", "period", "breakdown_key", "id"
    )


def period_list(indicators: Sequence[str] = ()) -> list[str]:
    """The periods that have observations (for some indicators), oldest first."""
    qs = Observation.objects.all()
    if indicators:
        qs = qs.filter(indicator__code__in=indicators)
    rows = qs.values_list("period_start", "period").distinct().order_by("period_start", "period")
    return list(dict.fromkeys(period for _, period in rows))


def source_citation(source: Source) -> str:
    """The source as one line: title, publisher and year with section and quote, or table, URL and date."""
    if source.kind == "document":
        return f'{source.label()}: "{source.quote}"'
    parts = [source.label() if source.title else source.dataset, source.table_id, source.query, source.url]
    if source.title:
        parts = [source.label(), source.licence, source.url]
    if source.retrieved:
        parts.append(f"retrieved {source.retrieved.isoformat()}")
    return ", ".join(p for p in parts if p)


def observation_row(obs: Observation) -> dict[str, object]:
    """One observation as a flat mapping (the CSV and API shape)."""
    return {
        "id": obs.id,
        "indicator": obs.indicator.code,
        "region": obs.region.code,
        "region_name": obs.region.name,
        "period": obs.period,
        "breakdowns": obs.breakdown_key,
        "value": obs.value,
        "unit": obs.unit,
        "measure": obs.measure,
        "status": obs.status,
        "approximate": obs.approximate,
        "source": source_citation(obs.source),
        "source_id": obs.source_id,
    }


def csv_lines(observations: Iterable[Observation]) -> Iterator[str]:
    """The observations as CSV text, header first, one line at a time (for streaming)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for obs in observations:
        row = observation_row(obs)
        value = float(row["value"])  # type: ignore[arg-type]
        row["value"] = int(value) if value.is_integer() else value  # 78800, not 78800.0
        writer.writerow([row[column] for column in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


_ENGINE_FIELDS = (
    "id",
    "ref",
    "indicator__code",
    "region__code",
    "period",
    "value",
    "unit",
    "status",
    "source__document",
    "source__dataset",
    "source__section",
    "source__table_id",
    "source__quote",
    "source__query",
    "source__title",
    "breakdowns",
    "measure",
    "base_period",
    "approximate",
    "note",
)


def _engine_observation(row: dict[str, Any]) -> engine.Observation:
    """A stored row (plain values, no model instances: the checks read tens of thousands) for the engine."""
    return engine.Observation(
        id=row["ref"].split("#")[-1] or str(row["id"]),
        indicator=row["indicator__code"],
        region=row["region__code"],
        period=row["period"],
        value=row["value"],
        unit=row["unit"],
        status=row["status"],
        source=engine.Source(
            row["source__title"] or row["source__document"] or row["source__dataset"],
            row["source__section"] or row["source__table_id"],
            row["source__quote"] or row["source__query"],
        ),
        breakdowns=tuple(sorted(row["breakdowns"].items())),
        measure=row["measure"],
        base_period=row["base_period"] or None,
        approximate=row["approximate"],
        note=row["note"],
    )


@functools.lru_cache(maxsize=8)
def _rule_file(path: Path, mtime_ns: int) -> dict[str, Any]:
    """A rules file as read by YAML, once per version of the file (a factsheet reads them on every render)."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _rules(indicators: dict[str, engine.Indicator], regions: dict[str, engine.Region]) -> list[engine.Rule]:
    """The bundled rules, and the open-data rules whose indicators are in the store."""
    bundled, extra = (
        _rule_file(path, path.stat().st_mtime_ns)
        for path in (DATA_DIR / "checks.yaml", DATA_DIR / "opendata_checks.yaml")
    )
    rules = list(engine.parse_rules(copy.deepcopy(bundled), indicators=indicators, regions=regions))
    present = [copy.deepcopy(r) for r in extra.get("rules") or [] if r.get("indicator") in indicators]
    rules += engine.parse_rules({"rules": present}, indicators=indicators, regions=regions)
    return rules


def contradictions(
    *, totals_only: bool = False, indicators: Sequence[str] = ()
) -> list[engine.Contradiction]:
    """Every contradiction among the stored observations under the bundled rules (checks.yaml).

    ``totals_only`` leaves out the broken-down imported figures (the document figures stay), and
    ``indicators`` limits the figures read to some indicators: both for a quick look such as a factsheet's.
    """
    known = {
        i.code: engine.Indicator(
            i.code,
            engine.Localised(i.name_nl, i.name_en),
            engine.Localised(i.definition_nl, i.definition_en),
            i.unit,
            i.better,
        )
        for i in Indicator.objects.all()
    }
    regions = {r.code: engine.Region(r.code, r.name, r.kind) for r in region_list()}
    rules = _rules(known, regions)
    qs = Observation.objects.all()
    if indicators:
        qs = qs.filter(indicator__code__in=list(indicators))
    if totals_only:
        qs = qs.filter(Q(origin="starter") | Q(breakdown_key=""))
    observations = [_engine_observation(row) for row in qs.order_by("id").values(*_ENGINE_FIELDS)]
    return engine.consistency_checks(observations, rules)


_CHECK_MEMO: dict[tuple[object, ...], list[engine.Contradiction]] = {}


def _store_version() -> tuple[object, ...]:
    """What the checks' outcome depends on: the figures (count, last id, sum), regions, indicators, rules."""
    figures = Observation.objects.aggregate(n=Count("id"), last=Max("id"), total=Sum("value"))
    rules = tuple(
        path.stat().st_mtime_ns for path in (DATA_DIR / "checks.yaml", DATA_DIR / "opendata_checks.yaml")
    )
    return (*figures.values(), Region.objects.count(), Indicator.objects.count(), rules)


def contradictions_memo(
    *, totals_only: bool = False, indicators: Sequence[str] = ()
) -> list[engine.Contradiction]:
    """``contradictions`` computed once per version of the store (factsheets ask on every render)."""
    key = (
        totals_only,
        tuple(indicators),
        connection.alias,
        connection.settings_dict["NAME"],
        _store_version(),
    )
    if key not in _CHECK_MEMO:
        if len(_CHECK_MEMO) >= 64:
            _CHECK_MEMO.clear()
        _CHECK_MEMO[key] = contradictions(totals_only=totals_only, indicators=indicators)
    return _CHECK_MEMO[key]
