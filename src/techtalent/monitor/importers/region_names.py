"""Region names as open-data files write them -> CBS region codes (provinces, landsdelen, schools)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from techtalent.core.errors import DataFileError
from techtalent.monitor.importers.regions import AM_CODES

__all__ = ["PROVINCES", "RegionResolver"]

PROVINCES = {
    "groningen": "PV20",
    "friesland": "PV21",
    "fryslân": "PV21",
    "drenthe": "PV22",
    "overijssel": "PV23",
    "flevoland": "PV24",
    "gelderland": "PV25",
    "utrecht": "PV26",
    "noord-holland": "PV27",
    "zuid-holland": "PV28",
    "zeeland": "PV29",
    "noord-brabant": "PV30",
    "limburg": "PV31",
}
_LANDSDELEN = {
    "noord-nederland": "LD01",
    "oost-nederland": "LD02",
    "west-nederland": "LD03",
    "zuid-nederland": "LD04",
}
_SUFFIX = re.compile(r"^(.*?)\s*\((PV|LD|AM|CR|GM)\)\s*$")
# Older arbeidsmarktregio names that CBS tables still carry for earlier years.
_AM = {name.lower(): code for name, code in AM_CODES.items()} | {
    "food valley": "AM09",
    "ijsselvechtstreek": "AM04",
    "stedendriehoek en noordwest veluwe": "AM06",
    "zuid-kennemerland": "AM17",
}


class RegionResolver:
    """Turns the region column of a file into a CBS code, or '' for a region the monitor does not hold."""

    def __init__(self, spec: dict[str, object], base: Path, file: str) -> None:
        self.mode = str(spec.get("names", "codes"))
        self.file = file
        self.locations: dict[str, str] = {}
        self.municipalities: dict[str, set[str]] = {}
        if self.mode == "school_location":
            self._read_addresses(base / str(spec["addresses"]))
        elif self.mode not in {"codes", "cbs_label", "province", "national"}:
            raise DataFileError(file, f"unknown region naming {self.mode!r}", field="region.names")

    def _read_addresses(self, path: Path) -> None:
        """School location number -> province, and municipality -> provinces, from the DUO address file."""
        try:
            handle = path.open(encoding="latin-1", newline="")
        except OSError as exc:
            raise DataFileError(path.name, f"address file cannot be read ({exc})") from None
        with handle:
            for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
                province = PROVINCES.get((row.get("PROVINCIE") or "").strip().lower())
                if province is None:
                    raise DataFileError(path.name, "unknown province", line=line, field="PROVINCIE")
                self.locations[(row.get("VESTIGINGSNUMMER") or "").strip()] = province
                town = (row.get("GEMEENTENAAM") or "").strip().upper()
                self.municipalities.setdefault(town, set()).add(province)

    def code(self, raw: str, fallback: str = "") -> str:
        """The CBS code of ``raw`` ('' when it names a region outside the monitor, such as a municipality)."""
        text = raw.strip()
        if self.mode == "codes":
            return text
        if self.mode == "national":
            return "NL01"
        if self.mode == "province":
            return PROVINCES.get(text.lower(), "")
        if self.mode == "school_location":
            if text in self.locations:
                return self.locations[text]
            towns = self.municipalities.get(fallback.strip().upper(), set())
            return next(iter(towns)) if len(towns) == 1 else ""
        if text == "Nederland":
            return "NL01"
        match = _SUFFIX.match(text)
        if not match:
            return ""  # a municipality or a size class: not held by the monitor
        name, kind = match.group(1).lower(), match.group(2)
        if kind == "PV":
            return PROVINCES.get(name, "")
        if kind == "LD":
            return _LANDSDELEN.get(name, "")
        if kind == "AM":
            return _AM.get(name, "")
        return ""
