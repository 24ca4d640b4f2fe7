"""Import time of every mapped CBS/DUO file in a folder (default ../shared/data/nl) into the store.

Imports twice: the first run fills an empty store, the second replaces what the first gave (re-import).
Each file is one transaction; the target is 60 s for all files on SQLite.

Usage: TECHTALENT_DATA_DIR=/tmp/bench-open python bench/monitor_open_data_import.py [FOLDER]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from techtalent.core.django_setup import ensure_database

TARGET_S = 60.0


def main(folder: Path) -> None:
    ensure_database()
    from django.db import connection

    from techtalent.monitor.importers.opendata import read_open_mapping
    from techtalent.monitor.imports import OPEN_DATA_MAPPINGS, open_data_file_import
    from techtalent.monitor.services import starter_load

    starter_load()
    for run in ("first import", "re-import"):
        total, count = 0.0, 0
        for mapping in sorted(OPEN_DATA_MAPPINGS.glob("*.yaml")):
            if not (folder / str(read_open_mapping(mapping)["file"])).is_file():
                print(f"  {mapping.name}: file not in {folder}, skipped")
                continue
            started = time.perf_counter()
            found = open_data_file_import(mapping, folder)
            took = time.perf_counter() - started
            total += took
            count += len(found.observations)
            if run == "first import":
                print(f"  {mapping.name}: {len(found.observations)} observations in {took:.2f} s")
        verdict = "within" if total <= TARGET_S else "OVER"
        print(
            f"{run} ({connection.vendor}): {count} observations in {total:.1f} s ({verdict} {TARGET_S:.0f} s)"
        )


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "nl"
    )
