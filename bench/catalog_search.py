"""Catalog search speed over a synthetic catalog of 10,000 offers (target: p95 ≤ 50 ms).

Runs 300 searches (one to three words, half with a level, form or region filter, first page of 20, with
the total count) through ``catalog.selectors.offer_search`` on a fresh SQLite database and prints p50,
p95 and max in milliseconds.

    .venv/bin/python bench/catalog_search.py [--offers 10000] [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    os.environ["TECHTALENT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-catalog-")
    os.environ.pop("DATABASE_URL", None)
    from techtalent.core.django_setup import ensure_database

    ensure_database()
    from catalog_data import FORMS, LEVELS, WORDS, build

    from techtalent.catalog.selectors import offer_search

    start = time.perf_counter()
    build(args.offers)
    print(f"built {args.offers} synthetic offers in {time.perf_counter() - start:.1f} s")
    rng = random.Random(11)
    times = []
    for i in range(args.queries):
        q = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
        extra = [{}, {"level": rng.choice(LEVELS[:-1])}, {"form": rng.choice(FORMS)}, {"region": "GM0363"}][
            i % 4
        ]
        begin = time.perf_counter()
        page = offer_search(q=q, **extra)
        len(page.offers)
        times.append((time.perf_counter() - begin) * 1000)
    times.sort()
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    p95 = times[int(0.95 * len(times)) - 1]
    print(
        f"search over {args.offers} offers, {len(times)} queries: p50 {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target p95 ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
