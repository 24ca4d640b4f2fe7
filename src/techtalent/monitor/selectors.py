"""Reads from the indicator store: indicators, regions, observation queries, CSV rows, the checks."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from techtalent.monitor import engine
from techtalent.monitor.models import Indicator, Observation, Region, Source
from techtalent.monitor.services import DATA_DIR

__all__ = [
    "CSV_COLUMNS",
    "ObservationFilter",
    "contradictions",
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
    """The source as one line: document, section and quote, or dataset, table, query and date."""
    if source.kind == "document":
        return f'{source.document}, {source.section}: "{source.quote}"'
    parts = [source.dataset, source.table_id, source.query, source.url]
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
        writer.writerow([row[column] for column in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _engine_observation(obs: Observation) -> engine.Observation:
    src = obs.source
    return engine.Observation(
        id=obs.ref.split("#")[-1] or str(obs.id),
        indicator=obs.indicator.code,
        region=obs.region.code,
        period=obs.period,
        value=obs.value,
        unit=obs.unit,
        status=obs.status,
        source=engine.Source(
            src.document or src.dataset, src.section or src.table_id, src.quote or src.query
        ),
        breakdowns=tuple(sorted(obs.breakdowns.items())),
        measure=obs.measure,
        base_period=obs.base_period or None,
        approximate=obs.approximate,
        note=obs.note,
    )


def contradictions() -> list[engine.Contradiction]:
    """Every contradiction among the stored observations under the bundled rules (checks.yaml)."""
    indicators = {
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
    rules = engine.parse_rules(
        (DATA_DIR / "checks.yaml").read_text(encoding="utf-8"), indicators=indicators, regions=regions
    )
    qs = (
        Observation.objects.select_related("indicator", "region")
        .prefetch_related("source")
        .defer("region__shape")
    )
    observations = [_engine_observation(obs) for obs in qs.order_by("id")]
    return engine.consistency_checks(observations, rules)
