"""Region shapes and the municipality -> arbeidsmarktregio/province table (shared/data/regions)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from techtalent.core.errors import DataFileError
from techtalent.monitor.importers.base import RegionIn

__all__ = ["AM_CODES", "read_regions"]

# CBS numbering of the 35 arbeidsmarktregio's (Gebieden in Nederland); the shapes carry names only.
AM_CODES = {
    name: f"AM{number:02d}"
    for number, name in enumerate(
        [
            "Groningen",
            "Friesland",
            "Drenthe",
            "Regio Zwolle",
            "Twente",
            "Veluwe Stedendriehoek",
            "Achterhoek",
            "Midden-Gelderland",
            "FoodValley",
            "Rijk van Nijmegen",
            "Rivierenland",
            "Flevoland",
            "Midden-Utrecht",
            "Amersfoort",
            "Zaanstreek/Waterland",
            "Noord-Holland Noord",
            "Zuid-Kennemerland en IJmond",
            "Groot Amsterdam",
            "Gooi en Vechtstreek",
            "Holland Rijnland",
            "Zuid-Holland Centraal",
            "Haaglanden",
            "Midden-Holland",
            "Rijnmond",
            "Drechtsteden",
            "Gorinchem",
            "Zeeland",
            "West-Brabant",
            "Midden-Brabant",
            "Noordoost-Brabant",
            "Zuidoost-Brabant",
            "Helmond-De Peel",
            "Noord-Limburg",
            "Midden-Limburg",
            "Zuid-Limburg",
        ],
        start=1,
    )
}
FILES = {
    "province": "provincie_2023.geojson",
    "municipality": "gemeente_2025.geojson",
    "arbeidsmarktregio": "arbeidsmarktregio_2026_derived.geojson",
    "table": "gemeente_regio_indeling.csv",
}


def _features(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(path.name, f"is not readable GeoJSON ({exc})") from None
    if data.get("type") != "FeatureCollection":
        raise DataFileError(path.name, "is not a GeoJSON FeatureCollection", field="type")
    return list(data["features"])


def _am_code(name: str, file: str, line: int | None) -> str:
    if name not in AM_CODES:
        raise DataFileError(file, f"unknown arbeidsmarktregio {name!r}", line=line, field="arbeidsmarktregio")
    return AM_CODES[name]


def _table(path: Path) -> dict[str, tuple[str, str]]:
    """Municipality code -> (province code, arbeidsmarktregio code)."""
    links: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            for column in ("gemeentecode", "arbeidsmarktregio", "provincie_code"):
                if not row.get(column):
                    raise DataFileError(path.name, "value missing", line=line, field=column)
            am = _am_code(row["arbeidsmarktregio"], path.name, line)
            links[row["gemeentecode"]] = (row["provincie_code"], am)
    return links


def read_regions(directory: Path) -> list[RegionIn]:
    """Provinces, arbeidsmarktregio's and municipalities with shapes, from the files in ``directory``."""
    if not directory.is_dir():
        raise DataFileError(str(directory), "is not a folder with region files")
    found = {kind: directory / name for kind, name in FILES.items() if (directory / name).exists()}
    if not found:
        raise DataFileError(str(directory), f"holds none of {', '.join(FILES.values())}")
    links = _table(found["table"]) if "table" in found else {}
    regions: list[RegionIn] = []
    if "province" in found:
        for feature in _features(found["province"]):
            props = feature["properties"]
            regions.append(
                RegionIn(
                    props["statcode"],
                    props.get("name") or props.get("statnaam", ""),
                    "province",
                    "NL01",
                    "",
                    feature["geometry"],
                    FILES["province"],
                )
            )
    if "arbeidsmarktregio" in found:
        for feature in _features(found["arbeidsmarktregio"]):
            name = feature["properties"]["naam"]
            code = _am_code(name, FILES["arbeidsmarktregio"], None)
            regions.append(
                RegionIn(
                    code,
                    name,
                    "arbeidsmarktregio",
                    "NL01",
                    "",
                    feature["geometry"],
                    FILES["arbeidsmarktregio"],
                )
            )
    if "municipality" in found:
        for feature in _features(found["municipality"]):
            props = feature["properties"]
            province, am = links.get(props["statcode"], ("", ""))
            regions.append(
                RegionIn(
                    props["statcode"],
                    props["statnaam"],
                    "municipality",
                    province,
                    am,
                    feature["geometry"],
                    FILES["municipality"],
                )
            )
    return regions
