"""Speed of the matching engine on the real ESCO export.

1. One passport against all occupations: latency p50/p95 of `match_occupations` (top 10 with explanations)
   and of the score alone, over synthetic passports.
2. 100,000 passports × all occupations, top-10: wall time and peak memory, in-process (`batch_top_k`) and
   on a local Dask cluster (`dask_top_k`) with 1 and 2 worker processes; the Dask results are checked to be
   identical to the in-process ones.

Targets (issue): one passport ≤ 20 ms; 100k passports top-10 ≤ 60 s.

    .venv/bin/python bench/matching_speed.py [--esco DIR] [--passports 100000] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc
from pathlib import Path

import numpy as np

from techtalent.matching.engine import (
    batch_top_k,
    dask_top_k,
    match_occupations,
    synthetic_passports,
)
from techtalent.matching.engine.scoring import score_passports, top_k_indices
from techtalent.matching.esco_files import model_from_esco_csv

DEFAULT_ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco" / "v1.1.1"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def latency(model, passports) -> None:  # type: ignore[no-untyped-def]
    for name, run in (
        ("match_occupations (top 10, explained)", lambda p: match_occupations(model, p, top=10)),
        ("score + top 10 (no explanation)", lambda p: top_k_indices(score_passports(model, [p]), 10)),
    ):
        for p in passports[:20]:
            run(p)  # warm-up
        times, cpu = [], []
        for p in passports:
            start, start_cpu = time.perf_counter(), time.thread_time()
            run(p)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
        p50, p95 = np.percentile(times, [50, 95])
        c50, c95 = np.percentile(cpu, [50, 95])
        print(
            f"  {name:<38} wall p50 {p50:6.2f} ms  p95 {p95:6.2f} ms   "
            f"CPU p50 {c50:6.2f} ms  p95 {c95:6.2f} ms   ({len(times)} passports)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--passports", type=int, default=100_000)
    parser.add_argument("--latency-passports", type=int, default=500)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    # Wall times depend on what else runs on the machine: the load average is printed at start and end, and
    # CPU times beside wall times (for one thread, CPU time is about what an idle machine would take).
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    start = time.perf_counter()
    model = model_from_esco_csv(args.esco)
    print(
        f"model: {len(model.occupations)} occupations, {len(model.skills)} skills, built in "
        f"{time.perf_counter() - start:.1f} s"
    )

    print("\n1. one passport against all occupations")
    latency(model, [p.skills for p in synthetic_passports(model, n=args.latency_passports, seed=1)])

    start = time.perf_counter()
    passports = [p.skills for p in synthetic_passports(model, n=args.passports, seed=2)]
    mean_skills = sum(len(p) for p in passports) / len(passports)
    print(
        f"\n2. {len(passports):,} passports (mean {mean_skills:.1f} skills; generated in "
        f"{time.perf_counter() - start:.1f} s) × {len(model.occupations)} occupations, top 10"
    )

    rss_before = peak_rss_mb()
    in_process = []
    for threads in (1, 2):
        tracemalloc.start()
        start, start_cpu = time.perf_counter(), time.process_time()
        in_process = batch_top_k(model, passports, 10, threads=threads)
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        label = f"in-process, {threads} thread{'s' if threads > 1 else ''}"
        print(
            f"  {label:<22} wall {wall:6.1f} s   CPU {cpu:6.1f} s   peak traced allocations "
            f"{traced_peak / 2**20:5.0f} MiB   process peak RSS {peak_rss_mb():5.0f} MiB "
            f"(before: {rss_before:.0f} MiB)"
        )
    if args.no_dask:
        return

    from dask.distributed import Client, LocalCluster

    expected = [[(m.uri, m.score) for m in row] for row in in_process]
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: __import__("techtalent.matching.engine"))  # workers import before the clock
            start = time.perf_counter()
            result = dask_top_k(model, passports, 10, client=client)
            wall = time.perf_counter() - start
            worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            same = [[(m.uri, m.score) for m in row] for row in result] == expected
            peaks = ", ".join(f"{v:.0f}" for v in worker_peaks.values())
            label = f"dask, {workers} worker{'s' if workers > 1 else ''}"
            print(
                f"  {label:<22} wall {wall:6.1f} s   worker peak RSS {peaks} MiB   "
                f"client peak RSS {peak_rss_mb():.0f} MiB   identical to in-process: {same}"
            )


if __name__ == "__main__":
    main()
    print(f"load average {os.getloadavg()[0]:.1f} at end")
