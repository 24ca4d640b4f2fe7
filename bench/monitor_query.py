"""Observation query time at N synthetic rows (default 1 million) on SQLite, or PostgreSQL via DATABASE_URL.

Loads N distinct rows (origin "bench", skipped when already there; --reload forces it), then times typical
API reads (a page of 100 plus the count, as /api/monitor/observations does) and reports p50/p95 of the wall
time and the median CPU time of this process (time.process_time: less noisy on a loaded machine; on SQLite it
includes the database work, on PostgreSQL only the client side).

Usage: TECHTALENT_DATA_DIR=/tmp/bench-mon python bench/monitor_query.py [ROWS] [--reload]
"""

from __future__ import annotations

import statistics
import sys
import time

from techtalent.core.django_setup import ensure_database


def main(rows: int, reload: bool) -> None:
    ensure_database()
    from django.db import connection

    from techtalent.monitor.importers.base import ObservationIn, SourceIn
    from techtalent.monitor.models import Observation
    from techtalent.monitor.selectors import ObservationFilter, observation_list, observation_row
    from techtalent.monitor.services import observations_replace

    source = SourceIn("dataset", dataset="synthetic", table_id="bench")
    regions = ["NL01", *(f"PV{n}" for n in range(20, 32))]
    indicators = ["labour-force", "unemployment-rate", "open-vacancies", "technical-inflow"]
    periods = [f"{y}M{m:02d}" for y in range(1990, 2026) for m in range(1, 13)]
    genders = [{}, {"gender": "male"}, {"gender": "female"}]

    def synthetic():  # type: ignore[no-untyped-def]
        n = 0
        for rep in range(10**9):  # distinct rows: repeats of the grid get a cohort breakdown
            cohort = {"cohort": str(rep)} if rep else {}
            for ind in indicators:
                for reg in regions:
                    for per in periods:
                        for g in genders:
                            if n >= rows:
                                return
                            n += 1
                            yield ObservationIn(
                                ind, reg, per, float(n % 997), "count", source, {**g, **cohort}
                            )

    print(f"database: {connection.vendor}")
    if reload or Observation.objects.filter(origin="bench").count() != rows:
        started = time.perf_counter()
        observations_replace("bench", synthetic())
        print(f"load {rows} rows: {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE monitor_observation")
            print(f"analyze: {time.perf_counter() - started:.1f} s")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    else:
        print(f"{rows} bench rows already loaded")

    cases = {
        "1 indicator, 2 regions, totals": ObservationFilter(("labour-force",), ("PV20", "NL01"), (), ""),
        "1 indicator, 1 region, all breakdowns": ObservationFilter(
            ("labour-force",), ("PV20",), (), None, None
        ),
        "1 indicator, 13 regions, 1 period": ObservationFilter(("open-vacancies",), (), ("2020M06",), None),
        "1 region, all indicators": ObservationFilter((), ("PV25",), (), None, None),
        "no filter": ObservationFilter((), (), (), None, None),
    }
    for label, flt in cases.items():
        times, cpu = [], []
        for _ in range(21):
            started, cpu_started = time.perf_counter(), time.process_time()
            qs = observation_list(flt)
            items = [observation_row(o) for o in qs[0:100]]
            count = qs.count()
            times.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - cpu_started))
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{label:40s} page {len(items):3d} of {count:7d}: "
            f"p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  "
            f"cpu p50 {statistics.median(cpu):5.1f} ms  (cold {times[0]:.1f} ms)"
        )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 1_000_000, "--reload" in sys.argv)
