"""CSV and Excel: tidy (one row per observation) or wide (one column per period) with a declared mapping."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from techtalent.core.errors import DataFileError
from techtalent.monitor.importers.base import ObservationIn, SourceIn, breakdown_key

__all__ = ["TIDY_COLUMNS", "read_table", "table_rows"]

TIDY_COLUMNS = {
    "indicator": "indicator",
    "region": "region",
    "period": "period",
    "value": "value",
    "unit": "unit",
}


def table_rows(
    path: Path, *, delimiter: str | None = None, sheet: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV (delimiter sniffed) or an Excel sheet; the header is line 1."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several unrelated types for a bad file
            raise DataFileError(path.name, f"is not a readable Excel file ({exc})") from None
        rows = (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        for line, values in enumerate(rows, start=2):
            yield line, {h: "" if v is None else str(v).strip() for h, v in zip(header, values, strict=False)}
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path.name, f"cannot be read as UTF-8 text ({exc})") from None
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:5000], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    for line, row in enumerate(reader, start=2):
        yield line, {(k or "").strip(): (v or "").strip() for k, v in row.items()}


def _number(text: str, file: str, line: int, column: str) -> float | None:
    if text == "" or text in {".", "-", "x"}:
        return None
    cleaned = text.replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise DataFileError(file, f"{text!r} is not a number", line=line, field=column) from None


def _source(mapping: dict[str, Any], path: Path) -> SourceIn:
    spec = dict(mapping.get("source") or {})
    retrieved = spec.pop("retrieved", None)
    if isinstance(retrieved, str):
        retrieved = dt.date.fromisoformat(retrieved)
    spec.setdefault("dataset", path.name)
    spec.setdefault("query", path.name)
    return SourceIn("dataset", retrieved=retrieved, **spec)


def _value(spec: Any, row: dict[str, str], file: str, line: int, what: str) -> str:
    """A constant, or {column, values} looked up in the row (values maps raw text to codes)."""
    if not isinstance(spec, dict):
        return str(spec)
    column = spec["column"]
    if column not in row:
        raise DataFileError(file, f"column {column!r} is missing", line=line, field=column)
    raw = row[column]
    values = spec.get("values") or {}
    if raw in values:
        return str(values[raw] or "")
    if values and not spec.get("keep_others", False):
        raise DataFileError(file, f"{what} {raw!r} is not in the mapping", line=line, field=column)
    return raw


def read_table(
    path: Path, mapping: dict[str, Any] | None = None, *, region_names: dict[str, str] | None = None
) -> list[ObservationIn]:
    """Observations from a tidy table (no mapping: the TIDY_COLUMNS) or a wide one (mapping with periods)."""
    mapping = mapping or {}
    names = {k.lower(): v for k, v in (region_names or {}).items()}
    source = _source(mapping, path)
    periods: dict[str, str] = {str(k): str(v) for k, v in (mapping.get("periods") or {}).items()}
    columns = {**TIDY_COLUMNS, **(mapping.get("columns") or {})}
    filters = {k: {str(x) for x in v} for k, v in (mapping.get("filter") or {}).items()}
    totals: dict[tuple[str, str, str, str], ObservationIn] = {}
    rows: list[ObservationIn] = []
    for line, row in table_rows(path, delimiter=mapping.get("delimiter"), sheet=mapping.get("sheet")):
        if any(row.get(column) not in allowed for column, allowed in filters.items()):
            continue
        get = {key: mapping.get(key, {"column": columns[key]}) for key in ("indicator", "region", "unit")}
        indicator = _value(get["indicator"], row, path.name, line, "indicator")
        region = _value(get["region"], row, path.name, line, "region")
        region = names.get(region.lower(), region)
        unit = _value(get["unit"], row, path.name, line, "unit")
        labels = {}
        for key, spec in (mapping.get("breakdowns") or {}).items():
            label = _value(spec, row, path.name, line, key)
            if label:
                labels[key] = label
        if not periods and "breakdowns" in row and row["breakdowns"]:
            labels.update(dict(part.split("=", 1) for part in row["breakdowns"].split(";")))
        cells = periods.items() if periods else [(columns["value"], row.get(columns["period"], ""))]
        for column, period in cells:
            value = _number(row.get(column, ""), path.name, line, column)
            if value is None:
                continue
            obs = ObservationIn(
                indicator,
                region,
                period,
                value,
                unit,
                source,
                labels,
                ref=f"{path.name}:{line}:{column}",
                where=(path.name, line),
            )
            key = (indicator, region, period, breakdown_key(labels))
            if mapping.get("aggregate") == "sum" and key in totals:
                prev = totals[key]
                totals[key] = ObservationIn(**{**prev.__dict__, "value": prev.value + value})
            elif mapping.get("aggregate") == "sum":
                totals[key] = obs
            else:
                rows.append(obs)
    return rows + list(totals.values())
