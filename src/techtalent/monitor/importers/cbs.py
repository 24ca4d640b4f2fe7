"""CBS StatLine OData (v3): TypedDataSet and dimension tables, mapped to indicators by a YAML mapping."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from techtalent.core.errors import DataFileError, UserError
from techtalent.monitor.importers.base import ObservationIn, ProgressFn, RegionIn, SourceIn

__all__ = ["CBS_BASE", "cbs_period", "fetch_json", "read_cbs", "read_mapping"]

CBS_BASE = "https://opendata.cbs.nl/ODataApi/odata"
_PERIOD = re.compile(r"^(\d{4})(JJ|KW|MM|SJ)(\d{2})$")


def cbs_period(key: str) -> str:
    """A CBS period key as a monitor period: 2019JJ00 -> 2019, 2019KW03 -> 2019Q3, 2019MM05 -> 2019M05."""
    match = _PERIOD.match(key.strip())
    if not match:
        raise ValueError(f"CBS period {key!r} is not a year (JJ), quarter (KW) or month (MM)")
    year, kind, number = match.groups()
    if kind == "JJ":
        return year
    if kind == "KW":
        return f"{year}Q{int(number)}"
    if kind == "SJ":
        return f"{year}/{int(year) + 1}"
    return f"{year}M{number}"


def fetch_json(url: str) -> dict[str, Any]:
    """GET an OData JSON document; a UserError names the URL when it fails."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UserError(f"cannot read {url}: {exc}") from None
    if not isinstance(data, dict) or "value" not in data:
        raise UserError(f"{url} is not an OData JSON document (no 'value')")
    return data


def _rows(url: str) -> Iterator[dict[str, Any]]:
    next_url: str | None = url
    while next_url:
        data = fetch_json(next_url)
        yield from data["value"]
        next_url = data.get("odata.nextLink")


def read_mapping(path: Path) -> dict[str, Any]:
    """The mapping YAML: which dimensions are region and period, breakdowns, and measure -> indicator."""
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path.name, f"is not readable YAML ({exc})") from None
    if not isinstance(mapping, dict):
        raise DataFileError(path.name, "must be a mapping")
    for key in ("measures",):
        if not mapping.get(key):
            raise DataFileError(path.name, "required key is missing", field=key)
    for number, measure in enumerate(mapping["measures"], start=1):
        for key in ("column", "indicator", "unit"):
            if key not in measure:
                raise DataFileError(path.name, f"measure {number} lacks a required key", field=key)
    return mapping


def read_cbs(
    table: str,
    mapping: dict[str, Any],
    *,
    base: str = CBS_BASE,
    progress: ProgressFn | None = None,
    today: dt.date | None = None,
) -> tuple[list[RegionIn], list[ObservationIn]]:
    """Regions named by the table's region dimension, and one observation per mapped measure and row."""
    from techtalent.monitor.services import region_kind

    root = f"{base.rstrip('/')}/{table}"
    region_dim = mapping.get("region", "RegioS")
    period_dim = mapping.get("period", "Perioden")
    regions = []
    for row in _rows(f"{root}/{region_dim}?$format=json"):
        code = row["Key"].strip()
        try:
            regions.append(RegionIn(code, row["Title"].strip(), region_kind(code)))
        except ValueError:
            continue
    status = {
        row["Key"]: "provisional" if "*" in row.get("Status", "") + row.get("Title", "") else "final"
        for row in _rows(f"{root}/{period_dim}?$format=json")
    }
    breakdowns: dict[str, dict[str, Any]] = mapping.get("breakdowns") or {}
    source = SourceIn(
        "dataset",
        dataset=mapping.get("dataset", "CBS StatLine"),
        table_id=table,
        query=f"{root}/TypedDataSet",
        url=f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}",
        retrieved=today or dt.date.today(),
    )
    where = f"{table}/TypedDataSet"
    observations: list[ObservationIn] = []
    for number, row in enumerate(_rows(f"{root}/TypedDataSet?$format=json"), start=1):
        try:
            period = cbs_period(str(row[period_dim]))
            region = str(row[region_dim]).strip()
        except (KeyError, ValueError) as exc:
            raise DataFileError(where, f"bad row ({exc})", line=number, field=period_dim) from None
        labels: dict[str, str] = {}
        skip = False
        for key, spec in breakdowns.items():
            raw = str(row.get(spec["dimension"], "")).strip()
            if raw not in spec["values"]:
                skip = True  # a category the mapping does not ask for
            elif spec["values"][raw]:
                labels[key] = spec["values"][raw]  # a null label marks the total
        if skip:
            continue
        for measure in mapping["measures"]:
            value = row.get(measure["column"])
            if value is None:
                continue
            observations.append(
                ObservationIn(
                    measure["indicator"],
                    region,
                    period,
                    float(value) * float(measure.get("scale", 1)),
                    measure["unit"],
                    source,
                    labels,
                    status=status.get(str(row[period_dim]), "final"),
                    ref=f"{table}#{row.get('ID', number)}",
                    where=(where, number),
                )
            )
        if progress and number % 1000 == 0:
            progress("rows", number, 0)
    return regions, observations
