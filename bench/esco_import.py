"""Full ESCO nl+en import time on SQLite and on PostgreSQL (a throwaway server started here).

Run: .venv/bin/python bench/esco_import.py [ESCO_DIR] [--sqlite-only]   (default ../shared/data/esco/v1.1.1)
Prints wall and CPU seconds (user + system of the import process) for a first import into an empty
database, including the derivation of Dutch labels, and for a re-import (no changes), per backend. On a
shared machine the wall time depends on the load; the CPU time is the work the import itself does.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TECHTALENT = str(Path(sys.executable).with_name("techtalent"))


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one techtalent command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([TECHTALENT, *args], env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def _bench(name: str, url: str, data: Path, esco: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url, "TECHTALENT_DATA_DIR": str(data)}
    _timed(["init"], env)
    first, first_cpu = _timed(["esco", "import", str(esco)], env)
    again, again_cpu = _timed(["esco", "import", str(esco)], env)
    load = os.getloadavg()[0]
    print(
        f"{name:10} first import {first:6.1f} s wall ({first_cpu:5.1f} s CPU)   "
        f"re-import (no changes) {again:6.1f} s wall ({again_cpu:5.1f} s CPU)   load average {load:.1f}"
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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    esco = Path(args[0]) if args else REPO.parent / "shared" / "data" / "esco" / "v1.1.1"
    print(f"ESCO from {esco} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        _bench("SQLite", f"sqlite:///{data / 'bench.sqlite3'}", data / "sqlite", esco)
        if "--sqlite-only" in sys.argv:
            return
        pg_tmp = Path(tempfile.mkdtemp(prefix="tt-bench-pg-"))
        url, stop = _postgres(pg_tmp)
        try:
            _bench("PostgreSQL", url, data / "pg", esco)
        finally:
            subprocess.run(stop, capture_output=True)


if __name__ == "__main__":
    main()
