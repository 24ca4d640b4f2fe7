"""Full ESCO nl+en import time on SQLite and on PostgreSQL (a throwaway server started here).

Run: .venv/bin/python bench/esco_import.py [ESCO_DIR]   (default ../shared/data/esco/v1.1.1)
Prints seconds for a first import into an empty database and for a re-import (no changes), per backend.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TECHTALENT = str(Path(sys.executable).with_name("techtalent"))


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([TECHTALENT, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _bench(name: str, url: str, data: Path, esco: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url, "TECHTALENT_DATA_DIR": str(data)}
    _timed(["init"], env)
    first = _timed(["esco", "import", str(esco)], env)
    again = _timed(["esco", "import", str(esco)], env)
    print(
        f"{name:10} first import {first:6.1f} s   re-import (no changes) {again:6.1f} s"
        "   (incl. search index build)"
    )


def _postgres(tmp: Path) -> tuple[str, list[str]]:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        subprocess.run(["chown", "postgres", str(tmp)], check=True)
    subprocess.run(
        [*as_pg, str(pgbin / "initdb"), "-D", str(tmp / "pg"), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    port = "54329"
    subprocess.run(
        [
            *as_pg,
            str(pgbin / "pg_ctl"),
            "-D",
            str(tmp / "pg"),
            "-l",
            str(tmp / "log"),
            "-w",
            "-o",
            f"-p {port} -k {tmp} -c listen_addresses=''",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*as_pg, str(pgbin / "createdb"), "-h", str(tmp), "-p", port, "-U", "postgres", "techtalent"],
        check=True,
    )
    stop = [*as_pg, str(pgbin / "pg_ctl"), "-D", str(tmp / "pg"), "-m", "fast", "stop"]
    return f"postgresql://postgres@/techtalent?host={tmp}&port={port}", stop


def main() -> None:
    esco = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data" / "esco" / "v1.1.1"
    print(f"ESCO from {esco} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        _bench("SQLite", f"sqlite:///{data / 'bench.sqlite3'}", data / "sqlite", esco)
        pg_tmp = Path(tempfile.mkdtemp(prefix="tt-bench-pg-"))
        url, stop = _postgres(pg_tmp)
        try:
            _bench("PostgreSQL", url, data / "pg", esco)
        finally:
            subprocess.run(stop, capture_output=True)


if __name__ == "__main__":
    main()
