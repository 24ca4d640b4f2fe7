"""Hit rates of the matching engine against a plain Jaccard baseline on synthetic ESCO passports.

Each synthetic passport takes a random occupation's essential skills, removes 30% of them and adds 20% as
many random skills the occupation does not list. Reported: how often the source occupation ranks first
(top-1) and among the first five (top-5), per seed and as mean ± standard deviation over the seeds, for
the engine, the engine without partial credit (an ablation) and Jaccard, all on the same passports.

    .venv/bin/python bench/matching_eval.py [--esco DIR] [--n 5000] [--seeds 101 102 103]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from techtalent.matching.engine import (
    MatchSettings,
    hit_rates,
    model_from_esco_csv,
    synthetic_passports,
    with_settings,
)

DEFAULT_ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco" / "v1.1.1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--n", type=int, default=5000, help="passports per seed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[101, 102, 103])
    parser.add_argument("--drop", type=float, default=0.3)
    parser.add_argument("--add", type=float, default=0.2)
    args = parser.parse_args()

    start = time.perf_counter()
    model = model_from_esco_csv(args.esco)
    plain = with_settings(model, MatchSettings(broader_credit=0.0, related_credit=0.0, sibling_credit=0.0))
    print(
        f"ESCO model: {len(model.occupations)} occupations, {len(model.skills)} skills "
        f"({time.perf_counter() - start:.1f} s); {args.n} passports per seed, "
        f"drop {args.drop:.0%} of essential skills, add {args.add:.0%} random skills"
    )
    results: dict[str, list[tuple[float, float]]] = {
        "engine": [],
        "engine, no partial credit": [],
        "jaccard": [],
    }
    print(f"{'seed':>6}  {'method':<26} {'top-1':>7} {'top-5':>7}")
    for seed in args.seeds:
        passports = synthetic_passports(model, n=args.n, seed=seed, drop=args.drop, add=args.add)
        engine, jaccard = hit_rates(model, passports)
        no_partial, _ = hit_rates(plain, passports)
        for name, rates in (
            ("engine", engine),
            ("engine, no partial credit", no_partial),
            ("jaccard", jaccard),
        ):
            results[name].append((rates.top1, rates.top5))
            print(f"{seed:>6}  {name:<26} {rates.top1:>7.3f} {rates.top5:>7.3f}")
    print("\nmean ± sd over seeds " + ", ".join(map(str, args.seeds)))
    for name, rows in results.items():
        top1, top5 = [r[0] for r in rows], [r[1] for r in rows]
        sd1 = statistics.stdev(top1) if len(top1) > 1 else 0.0
        sd5 = statistics.stdev(top5) if len(top5) > 1 else 0.0
        mean1, mean5 = statistics.mean(top1), statistics.mean(top5)
        print(f"  {name:<26} top-1 {mean1:.3f} ± {sd1:.3f}   top-5 {mean5:.3f} ± {sd5:.3f}")


if __name__ == "__main__":
    main()
