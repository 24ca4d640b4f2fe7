"""Import services: read a source with its importer, then store it in one transaction (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from techtalent.core.errors import DataFileError
from techtalent.monitor.importers import cbs, opendata, regions, tabular
from techtalent.monitor.importers.base import ProgressFn, RegionIn
from techtalent.monitor.models import Region
from techtalent.monitor.services import indicator_upsert, observations_replace, regions_upsert

__all__ = ["cbs_import", "open_data_file_import", "open_data_import", "regions_import", "table_import"]


@transaction.atomic
def regions_import(directory: Path) -> dict[str, int]:
    """Provinces, arbeidsmarktregio's and municipalities with their shapes; returns counts per kind."""
    found = regions.read_regions(directory)
    regions_upsert(found)
    counts: dict[str, int] = {}
    for item in found:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


def _indicator(mapping: dict[str, object]) -> None:
    """A mapping may declare the indicator it fills, so a new source needs no code change."""
    spec = mapping.get("define_indicator")
    if isinstance(spec, dict):
        name = spec.get("name") or {}
        definition = spec.get("definition") or {}
        indicator_upsert(
            code=str(spec["code"]),
            name_nl=name.get("nl", spec["code"]),
            name_en=name.get("en", spec["code"]),
            unit=str(spec.get("unit", "count")),
            better=str(spec.get("better", "neutral")),
            definition_nl=definition.get("nl", ""),
            definition_en=definition.get("en", ""),
        )


@transaction.atomic
def cbs_import(
    table: str, mapping_path: Path, *, base: str = cbs.CBS_BASE, progress: ProgressFn | None = None
) -> int:
    """Fetch a CBS StatLine table and replace the observations it gave before; returns the count."""
    mapping = cbs.read_mapping(mapping_path)
    _indicator(mapping)
    found_regions, rows = cbs.read_cbs(table, mapping, base=base, progress=progress)
    known = set(Region.objects.values_list("code", flat=True))
    regions_upsert([r for r in found_regions if r.code not in known])
    return observations_replace(f"cbs:{table}", rows, progress=progress)


@transaction.atomic
def table_import(path: Path, mapping_path: Path | None = None, *, progress: ProgressFn | None = None) -> int:
    """Import a tidy or (with a mapping) wide CSV/Excel file; replaces what that file gave before."""
    mapping: dict[str, object] = {}
    if mapping_path is not None:
        try:
            mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(mapping_path.name, f"is not readable YAML ({exc})") from None
    _indicator(mapping)
    names = {name: code for code, name in Region.objects.values_list("code", "name")}
    rows = tabular.read_table(path, mapping, region_names=names)
    return observations_replace(f"file:{path.name}", rows, progress=progress)


OPEN_DATA_MAPPINGS = Path(__file__).resolve().parent.parent / "data" / "monitor" / "opendata"


def _open_indicators(mapping: dict[str, Any]) -> None:
    """The indicators a mapping fills, with the table and licence they come from."""
    source = mapping["source"]
    table = " ".join(str(p) for p in (source.get("publisher"), source.get("table")) if p)
    for spec in mapping["indicators"]:
        name, definition = spec.get("name") or {}, spec.get("definition") or {}
        derivation = spec.get("derivation") or {}
        indicator_upsert(
            code=str(spec["code"]),
            name_nl=str(name.get("nl", spec["code"])),
            name_en=str(name.get("en", spec["code"])),
            unit=str(spec.get("unit", "count")),
            better=str(spec.get("better", "neutral")),
            definition_nl=str(definition.get("nl", "")),
            definition_en=str(definition.get("en", "")),
            source_table=f"{table}: {source['title']}",
            licence=str(source.get("licence", "CC-BY 4.0")),
            derivation_nl=str(derivation.get("nl", "")),
            derivation_en=str(derivation.get("en", "")),
        )


@transaction.atomic
def open_data_file_import(
    mapping_path: Path, directory: Path, *, progress: ProgressFn | None = None
) -> opendata.OpenDataFile:
    """Import the file one mapping names from ``directory``; replaces what it gave before (all or nothing)."""
    mapping = opendata.read_open_mapping(mapping_path)
    _open_indicators(mapping)
    found = opendata.read_open_data(mapping, directory, name=mapping_path.name)
    known = set(Region.objects.values_list("code", flat=True))
    names = {code: name for name, code in regions.AM_CODES.items()}
    missing = {o.region for o in found.observations if o.region not in known and o.region in names}
    regions_upsert(RegionIn(code, names[code], "arbeidsmarktregio", "NL01") for code in sorted(missing))
    observations_replace(found.origin, found.observations, progress=progress)
    return found


def open_data_import(
    directory: Path, *, mappings: Path = OPEN_DATA_MAPPINGS, progress: ProgressFn | None = None
) -> dict[str, opendata.OpenDataFile]:
    """Import every mapped file found in ``directory`` (one transaction per file); mapping name -> result."""
    if not directory.is_dir():
        raise DataFileError(str(directory), "is not a folder")
    results: dict[str, opendata.OpenDataFile] = {}
    for mapping_path in sorted(mappings.glob("*.yaml")):
        mapping = opendata.read_open_mapping(mapping_path)
        if (directory / str(mapping["file"])).is_file():
            results[mapping_path.name] = open_data_file_import(mapping_path, directory, progress=progress)
    return results
