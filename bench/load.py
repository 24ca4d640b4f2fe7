"""Load on loopback: search, extraction and matching at concurrency 8 and 32 against `techtalent serve`
(gunicorn) on a database with the full ESCO; prints requests/s and p50/p95 per endpoint and concurrency.

Run: .venv/bin/python bench/load.py [--data DIR] [--esco DIR] [--search-requests N] [--seconds S]
The data folder (default $TECHTALENT_DATA_DIR, else ./data) gets ESCO imported when it has none yet.
Rate limits are turned off for the measured server (TECHTALENT_THROTTLE_*=""): this measures capacity.
Search queries are the popular words plus --distinct-queries ESCO labels, cycled after a warm-up pass, so
the figures are for a warm server (repeated queries come from the per-process result cache); with a
large --distinct-queries most searches run the engine cold.
Every run is bounded: at most N requests per endpoint and concurrency, and at most S seconds each.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus

REPO = Path(__file__).resolve().parents[1]
TECHTALENT = str(Path(sys.executable).with_name("techtalent"))
POPULAR = [
    "lassen", "elektricien", "programmeren", "python", "verpleegkundige", "monteur", "onderhoud",
    "CNC", "veiligheid", "projectleider", "data-analyse", "software", "installatietechniek", "docent",
    "welding", "electrician", "maintenance", "nurse", "teacher", "engineer", "machine learning", "PLC",
]  # fmt: skip
VACANCY = (
    "Voor onze productielocatie in Groningen zoeken wij een ervaren lasser. Je voert MAG- en TIG-lassen "
    "uit volgens tekening, leest technische tekeningen, werkt veilig en volgt de veiligheidsvoorschriften. "
    "Ervaring met onderhoud van machines en het bedienen van een CNC-draaibank is een pré. Je werkt in een "
    "team, communiceert helder en hebt een mbo-diploma metaaltechniek. Kennis van Python is niet nodig."
)


@dataclass(frozen=True)
class Endpoint:
    """One request kind: name, method, path (a function of the request number) and body."""

    name: str
    method: str
    path: Callable[[int], str]
    body: bytes | None
    requests: int


@dataclass(frozen=True)
class Result:
    """What one endpoint at one concurrency did."""

    name: str
    concurrency: int
    done: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    def row(self) -> str:
        """A line of the printed table."""
        lat = sorted(self.latencies_ms) or [0.0]
        p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
        return (
            f"{self.name:<8} {self.concurrency:>3} {self.done:>6} {self.errors:>6} "
            f"{self.done / self.seconds:>9.1f} {statistics.median(lat):>8.1f} {p95:>8.1f}"
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["TECHTALENT_DATA_DIR"] = str(data)
    for scope in ("LOGIN", "SIGNUP", "EXTRACT", "MATCH"):
        env[f"TECHTALENT_THROTTLE_{scope}"] = ""
    return env


def ensure_esco(data: Path, esco: Path) -> None:
    """Import the full ESCO into the data folder's database unless it holds a taxonomy already."""
    env = _env(data)
    status = subprocess.run(
        [TECHTALENT, "esco", "status", "--json"], env=env, capture_output=True, text=True, check=False
    )
    if status.returncode == 0 and '"version": "' in status.stdout:
        return
    print(f"importing ESCO from {esco} into {data} (once)…", flush=True)
    subprocess.run([TECHTALENT, "esco", "import", str(esco)], env=env, check=True, capture_output=True)


@contextmanager
def serving(data: Path, workers: int | None) -> Iterator[int]:
    """`techtalent serve` on a free loopback port; yields the port, stops the server afterwards."""
    port = _free_port()
    command = [TECHTALENT, "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    log = (data / "load-serve.log").open("w")
    process = subprocess.Popen(command, env=_env(data), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/api/esco/status")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit(f"the server did not start; see {data / 'load-serve.log'}")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _drive(port: int, endpoint: Endpoint, concurrency: int, seconds: float) -> Result:
    """Send ``endpoint.requests`` requests from ``concurrency`` keep-alive connections, within ``seconds``."""
    counter = iter(range(endpoint.requests))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            started = time.perf_counter()
            try:
                connection.request(endpoint.method, endpoint.path(n), body=endpoint.body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - started
    return Result(endpoint.name, concurrency, len(latencies), errors[0], total, latencies)


def _skill_uris(port: int) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    uris: list[str] = []
    for q in ("lassen", "technische tekeningen", "onderhoud", "veiligheid"):
        connection.request("GET", f"/api/esco/search?q={q.replace(' ', '+')}&kind=skill&limit=3")
        uris += [hit["uri"] for hit in json.loads(connection.getresponse().read())["items"]]
    return uris


def search_queries(esco: Path, distinct: int, seed: int) -> list[str]:
    """Popular words and ``distinct`` preferred labels (first two words) of ESCO nl/en, in a seeded order."""
    labels: set[str] = set()
    for lang in ("nl", "en"):
        for name in (f"skills_{lang}.csv", f"occupations_{lang}.csv"):
            if not (esco / lang / name).exists():  # the nl export has no skills file of its own
                continue
            with (esco / lang / name).open(encoding="utf-8", newline="") as handle:
                labels |= {" ".join(row["preferredLabel"].split()[:2]) for row in csv.DictReader(handle)}
    rng = random.Random(seed)
    queries = POPULAR + rng.sample(sorted(labels), distinct)
    rng.shuffle(queries)
    return queries


def endpoints(port: int, args: argparse.Namespace) -> list[Endpoint]:
    """Search (ESCO labels, one page of 10), extraction of a vacancy, matching of a few skills."""
    match_body = json.dumps({"skills": dict.fromkeys(_skill_uris(port), "intermediate"), "top": 10}).encode()
    queries = [quote_plus(q) for q in search_queries(Path(args.esco), args.distinct_queries, args.seed)]
    return [
        Endpoint(
            "search",
            "GET",
            lambda n: f"/api/esco/search?q={queries[n % len(queries)]}&limit=10",
            None,
            args.search_requests,
        ),
        Endpoint(
            "extract",
            "POST",
            lambda n: "/api/extract",
            json.dumps({"text": VACANCY}).encode(),
            args.other_requests,
        ),
        Endpoint(
            "match", "POST", lambda n: "/api/match/occupations?limit=10", match_body, args.other_requests
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.environ.get("TECHTALENT_DATA_DIR", str(REPO / "data")))
    parser.add_argument("--esco", default=str(REPO.parent / "shared" / "data" / "esco" / "v1.1.1"))
    parser.add_argument("--search-requests", type=int, default=3000)
    parser.add_argument("--other-requests", type=int, default=300)
    parser.add_argument(
        "--distinct-queries",
        type=int,
        default=200,
        help="ESCO labels searched for, besides the popular words",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=15, help="upper bound per endpoint and concurrency")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: serve's)")
    parser.add_argument("--concurrency", default="8,32")
    args = parser.parse_args()
    data = Path(args.data).resolve()
    data.mkdir(parents=True, exist_ok=True)
    ensure_esco(data, Path(args.esco))
    levels = [int(c) for c in args.concurrency.split(",")]
    with serving(data, args.workers) as port:
        todo = endpoints(port, args)
        warm = {"search": 3 * (args.distinct_queries + len(POPULAR))}  # every query reaches each worker
        for endpoint in todo:  # warm the caches of every worker first
            n = warm.get(endpoint.name, 50)
            _drive(port, Endpoint(endpoint.name, endpoint.method, endpoint.path, endpoint.body, n), 8, 120)
        print(f"{'endpoint':<8} {'c':>3} {'done':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8}")
        for endpoint in todo:
            for concurrency in levels:
                print(_drive(port, endpoint, concurrency, args.seconds).row(), flush=True)


if __name__ == "__main__":
    main()
