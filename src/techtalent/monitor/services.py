"""Writes to the indicator store, each atomic: starter data, imported observations, indicators, regions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from django.db import transaction

from techtalent.core.bulk import bulk_insert
from techtalent.core.errors import DataFileError
from techtalent.monitor.engine import StarterData, parse_starter_data, period_kind, period_start
from techtalent.monitor.engine.parsing import REGION_CODES
from techtalent.monitor.importers.base import ObservationIn, ProgressFn, RegionIn, SourceIn, breakdown_key
from techtalent.monitor.models import Indicator, Observation, Region, Source

__all__ = [
    "DATA_DIR",
    "indicator_upsert",
    "observations_replace",
    "read_starter_data",
    "region_kind",
    "regions_upsert",
    "starter_load",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "monitor"
_BATCH = 5000


def read_starter_data(directory: Path = DATA_DIR) -> StarterData:
    """The bundled starter data, read from disk and parsed (and validated) by the engine."""
    return parse_starter_data(
        indicators=(directory / "indicators.yaml").read_text(encoding="utf-8"),
        regions=(directory / "regions.yaml").read_text(encoding="utf-8"),
        breakdowns=(directory / "breakdowns.yaml").read_text(encoding="utf-8"),
        documents=[
            p.read_text(encoding="utf-8") for p in sorted((directory / "observations").glob("*.yaml"))
        ],
    )


def region_kind(code: str) -> str:
    """The kind of region a CBS code names (NL01, LDxx, PVxx, AMxx, GMxxxx); ValueError otherwise."""
    for kind, pattern in REGION_CODES.items():
        if pattern.match(code):
            return kind
    raise ValueError(f"{code!r} is not a CBS region code (NL01, LD01, PV20, AM01, GM0014)")


@transaction.atomic
def indicator_upsert(
    *,
    code: str,
    name_nl: str,
    name_en: str,
    unit: str,
    better: str = "neutral",
    definition_nl: str = "",
    definition_en: str = "",
    source_table: str = "",
    licence: str = "",
    derivation_nl: str = "",
    derivation_en: str = "",
) -> Indicator:
    """Create or update one indicator."""
    indicator, _ = Indicator.objects.update_or_create(
        code=code,
        defaults={
            "name_nl": name_nl,
            "name_en": name_en,
            "unit": unit,
            "better": better,
            "definition_nl": definition_nl,
            "definition_en": definition_en,
            "source_table": source_table,
            "licence": licence,
            "derivation_nl": derivation_nl,
            "derivation_en": derivation_en,
        },
    )
    return indicator


@transaction.atomic
def regions_upsert(regions: Iterable[RegionIn], *, keep_shapes: bool = True) -> int:
    """Create or update regions (parents and arbeidsmarktregio's resolved after all are stored)."""
    regions = list(regions)
    for item in regions:
        defaults: dict[str, object] = {"name": item.name, "kind": item.kind}
        if item.shape is not None or not keep_shapes:
            defaults.update(shape=item.shape, shape_source=item.shape_source)
        Region.objects.update_or_create(code=item.code, defaults=defaults)
    ids = dict(Region.objects.values_list("code", "id"))
    for item in regions:
        links = {"parent_id": ids.get(item.parent), "arbeidsmarktregio_id": ids.get(item.arbeidsmarktregio)}
        links = {k: v for k, v in links.items() if v is not None}
        if links:
            Region.objects.filter(code=item.code).update(**links)
    return len(regions)


def _source_id(source: SourceIn, cache: dict[object, int]) -> int:
    if source in cache:  # equal sources have equal digests; hashing the dataclass is much cheaper
        return cache[source]
    digest = source.digest
    if digest not in cache:
        fields = {k: v for k, v in source.__dict__.items()}
        cache[digest] = Source.objects.get_or_create(digest=digest, defaults=fields)[0].id
    cache[source] = cache[digest]
    return cache[digest]


def _where(row: ObservationIn) -> tuple[str, int | None]:
    return row.where[0] or "input", row.where[1]


_COLUMNS = (
    "indicator_id",
    "region_id",
    "period",
    "period_kind",
    "period_start",
    "measure",
    "base_period",
    "breakdowns",
    "breakdown_key",
    "value",
    "unit",
    "approximate",
    "status",
    "source_id",
    "origin",
    "ref",
    "note",
)


def _observation(
    row: ObservationIn, ids: dict[str, dict[str, int]], sources: dict[object, int], origin: str
) -> tuple[object, ...]:
    """One validated row as plain column values (in ``_COLUMNS`` order) for a bulk insert."""
    file, line = _where(row)
    if row.indicator not in ids["indicator"]:
        raise DataFileError(file, f"unknown indicator {row.indicator!r}", line=line, field="indicator")
    if row.region not in ids["region"]:
        raise DataFileError(file, f"unknown region {row.region!r}", line=line, field="region")
    try:
        kind = period_kind(row.period)
    except ValueError as exc:
        raise DataFileError(file, str(exc), line=line, field="period") from None
    year, month = period_start(row.period)
    breakdowns = dict(sorted(row.breakdowns.items()))
    return (
        ids["indicator"][row.indicator],
        ids["region"][row.region],
        row.period,
        kind,
        year * 100 + month,
        row.measure,
        row.base_period,
        json.dumps(breakdowns),
        breakdown_key(row.breakdowns),
        float(row.value),
        row.unit,
        bool(row.approximate),
        row.status,
        _source_id(row.source, sources),
        origin,
        row.ref,
        row.note,
    )


@transaction.atomic
def observations_replace(
    origin: str, rows: Iterable[ObservationIn], *, progress: ProgressFn | None = None
) -> int:
    """Replace every observation of ``origin`` with ``rows``; all or nothing; returns the number stored."""
    if not re.match(r"^[\w:./-]+$", origin):
        raise ValueError(f"origin {origin!r} must be a short key such as 'cbs:85276NED'")
    Observation.objects.filter(origin=origin).delete()
    ids = {
        "indicator": dict(Indicator.objects.values_list("code", "id")),
        "region": dict(Region.objects.values_list("code", "id")),
    }
    sources: dict[object, int] = {}
    count = 0
    batch: list[tuple[object, ...]] = []
    # Whole batches are built (and their sources stored) before each insert: no query may run during a COPY.
    for row in rows:
        batch.append(_observation(row, ids, sources, origin))
        if len(batch) >= _BATCH:
            count += bulk_insert(Observation, _COLUMNS, batch)
            batch = []
            if progress:
                progress(origin, count, 0)
    count += bulk_insert(Observation, _COLUMNS, batch)
    if progress:
        progress(origin, count, count)
    return count


def read_documents(directory: Path = DATA_DIR) -> dict[str, dict[str, str]]:
    """Title, publisher and year of each source document, by file name (documents.yaml)."""
    path = directory / "documents.yaml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(path.name, f"is not readable YAML ({exc})") from None
    return {
        str(k): {f: str(v.get(f, "")) for f in ("title", "publisher", "year")}
        for k, v in data["documents"].items()
    }


def _starter_rows(data: StarterData, documents: dict[str, dict[str, str]]) -> Iterable[ObservationIn]:
    for obs in data.observations:
        named = documents.get(obs.source.document, {})
        yield ObservationIn(
            indicator=obs.indicator,
            region=obs.region,
            period=obs.period,
            value=obs.value,
            unit=obs.unit,
            source=SourceIn("document", obs.source.document, obs.source.section, obs.source.quote, **named),
            breakdowns=dict(obs.breakdowns),
            measure=obs.measure,
            base_period=obs.base_period or "",
            approximate=obs.approximate,
            status=obs.status,
            ref=obs.key,
            note=obs.note,
            where=(obs.source.document, None),
        )


@transaction.atomic
def starter_load(directory: Path = DATA_DIR) -> dict[str, int]:
    """Load (or reload) the bundled indicators, regions and document figures; returns counts."""
    data = read_starter_data(directory)
    for ind in data.indicators.values():
        indicator_upsert(
            code=ind.code,
            name_nl=ind.name.nl,
            name_en=ind.name.en,
            unit=ind.unit,
            better=ind.better,
            definition_nl=ind.definition.nl,
            definition_en=ind.definition.en,
        )
    parents = {"province": "", "landsdeel": "NL01"}
    regions_upsert(RegionIn(r.code, r.name, r.kind, parents.get(r.kind, "")) for r in data.regions.values())
    count = observations_replace("starter", _starter_rows(data, read_documents(directory)))
    return {"indicators": len(data.indicators), "regions": len(data.regions), "observations": count}
