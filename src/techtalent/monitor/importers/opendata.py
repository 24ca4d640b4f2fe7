"""CBS StatLine exports and DUO open data (CSV or JSON) as users have them, read through a YAML mapping."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from techtalent.core.errors import DataFileError
from techtalent.monitor.engine.opendata import (
    Cell,
    Ratio,
    derive_ratios,
    open_data_period,
    parse_parts,
    rollup,
)
from techtalent.monitor.importers.base import ObservationIn, SourceIn
from techtalent.monitor.importers.region_names import RegionResolver

__all__ = ["OpenDataFile", "read_open_data", "read_open_mapping"]

_SUPPRESSED = {"<5", ".", "-", "x", "?"}


@dataclass
class OpenDataFile:
    """What one mapped file gave: observations, and the rows it left out on purpose, counted by reason."""

    origin: str
    observations: list[ObservationIn]
    skipped: dict[str, int] = field(default_factory=dict)


def read_open_mapping(path: Path) -> dict[str, Any]:
    """A mapping YAML, checked for the keys every mapping needs."""
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path.name, f"is not readable YAML ({exc})") from None
    if not isinstance(mapping, dict):
        raise DataFileError(path.name, "must be a mapping")
    for key in ("file", "source", "region", "period", "measures", "indicators"):
        if not mapping.get(key):
            raise DataFileError(path.name, "required key is missing", field=key)
    for number, measure in enumerate(mapping["measures"], start=1):
        if "indicator" not in measure or not ({"column", "pattern"} & set(measure)):
            raise DataFileError(path.name, f"measure {number} needs indicator and column or pattern")
    return mapping


def _rows(path: Path, read: dict[str, Any]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV (header = line 1) or a JSON array of records (record number)."""
    encoding = read.get("encoding", "utf-8-sig")
    try:
        text = path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path.name, f"cannot be read as {encoding} text ({exc})") from None
    if read.get("format", "csv") == "json":
        try:
            records = json.loads(text)
        except ValueError as exc:
            raise DataFileError(path.name, f"is not valid JSON ({exc})") from None
        if not isinstance(records, list):
            raise DataFileError(path.name, "must be a JSON array of records")
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise DataFileError(path.name, "is not a record", line=number)
            yield number, {str(k): "" if v is None else str(v) for k, v in record.items()}
        return
    reader = csv.DictReader(text.splitlines(), delimiter=read.get("delimiter", ";"))
    for line, row in enumerate(reader, start=2):
        # cells beyond the header (a free-text note with the separator in it) land under None: not a column
        yield line, {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}


def _labels(base: Path, specs: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Code -> label per column, from CBS label tables (Key, Title)."""
    tables: dict[str, dict[str, str]] = {}
    for column, spec in specs.items():
        path = base / spec["file"]
        pairs = _rows(path, {"delimiter": spec.get("delimiter", ","), "encoding": "utf-8-sig"})
        key, title = spec.get("key", "Key"), spec.get("title", "Title")
        tables[column] = {}
        for line, row in pairs:
            if key not in row or title not in row:
                raise DataFileError(path.name, f"label table needs columns {key!r} and {title!r}", line=line)
            tables[column][row[key]] = row[title]
    return tables


def _number(text: str, file: str, line: int, column: str) -> float | None:
    """A figure: CBS writes 135.5 or padded text, DUO 1.234 or 66,7%; empty or <5 means no figure."""
    raw = text.strip().rstrip("%").strip()
    if raw == "" or raw in _SUPPRESSED:
        return None
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        raise DataFileError(file, f"{text!r} is not a number", line=line, field=column) from None


def _breakdowns(
    row: dict[str, str], specs: dict[str, Any], labels: dict[str, dict[str, str]], file: str, line: int
) -> dict[str, str] | None:
    """The row's breakdowns (a total value gives none); None when a value is not asked for."""
    found: dict[str, str] = {}
    for name, spec in specs.items():
        column = spec["column"]
        if column not in row:
            raise DataFileError(file, "column is missing", line=line, field=column)
        raw = labels.get(column, {}).get(row[column], row[column]).strip()
        values = spec.get("values")
        if values is not None:
            if raw not in values:
                return None
            if values[raw] is None:
                continue
            found[name] = str(values[raw])
        elif raw not in (spec.get("total") or []):
            found[name] = raw
    return found


def _source(mapping: dict[str, Any], file: str) -> SourceIn:
    spec = mapping["source"]
    return SourceIn(
        "dataset",
        dataset=str(spec.get("dataset", "")),
        table_id=str(spec.get("table", "")),
        query=file,
        url=str(spec.get("url", "")),
        title=str(spec["title"]),
        publisher=str(spec["publisher"]),
        year=str(spec.get("year", "")),
        licence=str(spec.get("licence", "CC-BY 4.0")),
    )


def _cells(mapping: dict[str, Any], base: Path, file: str, skipped: dict[str, int]) -> list[Cell]:
    """Every mapped figure in the file as a cell, with the source line of the first row that gave it."""
    path = base / file
    resolver = RegionResolver(mapping["region"], base, file)
    labels = _labels(base, mapping.get("labels") or {})
    filters = {k: {str(x) for x in v} for k, v in (mapping.get("filter") or {}).items()}
    region_col = mapping["region"]["column"]
    fallback_col = mapping["region"].get("fallback_column", "")
    national = bool(mapping["region"].get("also_national"))
    excluded = {str(code) for code in mapping["region"].get("exclude") or ()}
    period_spec = mapping["period"]
    measures = mapping["measures"]
    patterns = [(m, re.compile(m["pattern"])) for m in measures if "pattern" in m]
    cells: list[Cell] = []
    for line, row in _rows(path, mapping.get("read") or {}):
        if any(row.get(column, "").strip() not in allowed for column, allowed in filters.items()):
            continue
        if region_col not in row:
            raise DataFileError(path.name, "column is missing", line=line, field=region_col)
        region = resolver.code(row[region_col], row.get(fallback_col, ""))
        if region in excluded:
            skipped["region taken from another table"] = skipped.get("region taken from another table", 0) + 1
            continue
        if not region:
            skipped["region not held by the monitor"] = skipped.get("region not held by the monitor", 0) + 1
            continue
        labels_row = _breakdowns(row, mapping.get("breakdowns") or {}, labels, path.name, line)
        if labels_row is None:
            continue
        for measure in measures:
            if "column" in measure:
                cols = [(measure["column"], row.get(period_spec.get("column", ""), ""), {})]
            else:
                pattern = next(p for m, p in patterns if m is measure)
                cols = []
                for column in row:
                    match = pattern.match(column)
                    if match:
                        groups = match.groupdict()
                        extra = {k: v for k, v in groups.items() if k != "period"}
                        cols.append((column, groups["period"], extra))
            for column, raw_period, extra in cols:
                if column not in row:
                    raise DataFileError(path.name, "column is missing", line=line, field=column)
                value = _number(row[column], path.name, line, column)
                if value is None:
                    skipped["no figure (empty or suppressed)"] = (
                        skipped.get("no figure (empty or suppressed)", 0) + 1
                    )
                    continue
                try:
                    period = open_data_period(raw_period, period_spec["format"])
                except ValueError as exc:
                    raise DataFileError(
                        path.name, str(exc), line=line, field=period_spec.get("column")
                    ) from None
                names = dict(labels_row)
                for key, raw in extra.items():
                    mapped = (measure.get("groups") or {}).get(key, {}).get(raw, raw)
                    if mapped is not None:
                        names[key] = str(mapped)
                bd = tuple(sorted(names.items()))
                scaled = value * float(measure.get("scale", 1))
                cells.append(Cell(measure["indicator"], region, period, bd, scaled))
                if national:
                    cells.append(Cell(measure["indicator"], "NL01", period, bd, scaled))
    return cells


def _ratios(mapping: dict[str, Any]) -> list[tuple[Ratio, str]]:
    ratios = []
    for spec in mapping.get("derive") or []:
        ratio = Ratio(
            indicator=spec["indicator"],
            numerator=spec["numerator"]["indicator"],
            numerator_parts=parse_parts(spec["numerator"].get("breakdowns")),
            denominator=(spec.get("denominator") or {}).get("indicator", ""),
            denominator_parts=parse_parts((spec.get("denominator") or {}).get("breakdowns")),
            scale=float(spec.get("scale", 100)),
            keep=tuple(spec.get("keep") or ()),
            missing_parts_are_zero=spec.get("missing_parts") == "zero",
        )
        ratios.append((ratio, str(spec.get("unit", "percent"))))
    return ratios


def read_open_data(mapping: dict[str, Any], base: Path, *, name: str) -> OpenDataFile:
    """The observations a mapped file gives (summed per key, rolled up, derived ratios added)."""
    file = str(mapping["file"])
    if not (base / file).is_file():
        raise DataFileError(name, f"data file {file} not found in {base}", field="file")
    skipped: dict[str, int] = {}
    cells = _cells(mapping, base, file, skipped)
    cells = rollup(cells, tuple(mapping.get("rollup") or ()))
    units = {m["indicator"]: str(m.get("unit", "count")) for m in mapping["measures"]}
    source = _source(mapping, file)
    origin = f"open:{Path(name).stem}"
    rows = [
        ObservationIn(
            c.indicator,
            c.region,
            c.period,
            c.value,
            units[c.indicator],
            source,
            dict(c.breakdowns),
            ref=f"{file}#{c.indicator}",
            where=(file, None),
        )
        for c in cells
    ]
    for ratio, unit in _ratios(mapping):
        derived = SourceIn(
            "dataset",
            dataset=source.dataset,
            table_id=source.table_id,
            query=f"{file}: {ratio.numerator} {ratio.numerator_parts} / {ratio.denominator} "
            f"{ratio.denominator_parts} x {ratio.scale:g}",
            url=source.url,
            title=f"{source.title} (afgeleid door techtalent)",
            publisher=source.publisher,
            year=source.year,
            licence=source.licence,
        )
        for cell, num, den in derive_ratios(cells, ratio):
            rows.append(
                ObservationIn(
                    cell.indicator,
                    cell.region,
                    cell.period,
                    cell.value,
                    unit,
                    derived,
                    dict(cell.breakdowns),
                    ref=f"{file}#{cell.indicator}",
                    note=f"{num:g} / {den:g}",
                    where=(file, None),
                )
            )
    return OpenDataFile(origin, rows, skipped)
