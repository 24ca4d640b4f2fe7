"""Learning-route speed and quality over a synthetic catalog of 10,000 offers (targets: ≤ 200 ms for a
15-skill gap; cost within 10 % of the optimum).

For 50 random 15-skill gaps (drawn from the taught skills) it times ``catalog.selectors.route_for_gap``
end to end (database reads + engine) and compares the route's weight with the exact optimum of the same
candidate stations computed by scipy's MILP (HiGHS, no time limit). It also reports the greedy + local
search alone (``exact=False``, what runs under an hour or cost budget) against that optimum.

    .venv/bin/python bench/catalog_route.py [--offers 10000] [--gaps 50]
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
    parser.add_argument("--gaps", type=int, default=50)
    args = parser.parse_args()
    os.environ["TECHTALENT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-route-")
    os.environ.pop("DATABASE_URL", None)
    from techtalent.core.django_setup import ensure_database

    ensure_database()
    from catalog_data import build

    from techtalent.catalog.engine import find_route
    from techtalent.catalog.engine.route import _exact, _total
    from techtalent.catalog.models import OfferSkill
    from techtalent.catalog.selectors import _route_stations, route_for_gap

    build(args.offers)
    taught = sorted(set(OfferSkill.objects.values_list("uri", flat=True)))
    rng = random.Random(5)
    begin, begin_cpu = time.perf_counter(), time.process_time()
    route_for_gap(skills=rng.sample(taught, 15))  # the first route after a write builds the route index
    cold = (time.perf_counter() - begin) * 1000, (time.process_time() - begin_cpu) * 1000
    times, cpu, ratios, greedy_ratios = [], [], [], []
    for _ in range(args.gaps):
        gap = rng.sample(taught, 15)
        begin, begin_cpu = time.perf_counter(), time.process_time()
        route = route_for_gap(skills=gap)
        times.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
        stations = _route_stations(gap)
        by_id = {s.id: s for s in stations}
        best = _exact(set(gap), by_id, time_limit=60.0)
        assert best is not None
        optimum = _total(best, by_id)
        ratios.append(route.weight / optimum)
        greedy_ratios.append(find_route(gap, stations, exact=False).weight / optimum)
    times.sort()
    cpu.sort()
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    p95 = times[int(0.95 * len(times)) - 1]
    print(
        f"route for a 15-skill gap over {args.offers} offers, {args.gaps} gaps: p50 "
        f"{statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms (target ≤ 200 ms)"
    )
    print(f"first route after a catalog write (builds the index): {cold[0]:.0f} ms, CPU {cold[1]:.0f} ms")
    print(
        f"  CPU time of this process: p50 {statistics.median(cpu):.0f} ms, "
        f"p95 {cpu[int(0.95 * len(cpu)) - 1]:.0f} ms, max {cpu[-1]:.0f} ms"
    )
    print(
        f"cost / optimum (route_for_gap): mean {statistics.mean(ratios):.4f}, max {max(ratios):.4f} "
        f"(target ≤ 1.10)"
    )
    print(
        f"cost / optimum (greedy + local search only): mean {statistics.mean(greedy_ratios):.4f}, "
        f"max {max(greedy_ratios):.4f}"
    )


if __name__ == "__main__":
    main()
