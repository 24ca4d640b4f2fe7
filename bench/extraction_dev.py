"""Extraction on real validation sentences: P/R/F1 on concepts, RP@5/RP@10/MRR on ranking.

The English job-ad sentences of Decorte et al. (TECH 75, HOUSE 61, validation splits) and the dev halves of
the project's own sets (bench/devsets), for the lexical path and the semantic path in one run, with
sentences/second. Run from the repository root (the first run embeds the ESCO labels once, minutes):

    .venv/bin/python bench/extraction_dev.py [--esco ../shared/data/esco/v1.1.1] [--lexical-only]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.evaluation import GoldDoc, evaluate, load_gold, predict_ranked  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))


def dev_sets() -> list[tuple[str, list[GoldDoc]]]:
    """(name, documents) of every set this script scores."""
    from techtalent.extraction.devsplit import dev_half

    sets = [(name.upper(), load_gold(DEV / f"{name}_val.jsonl", lang="en")) for name in ("tech", "house")]
    for lang in ("en", "nl"):
        own = load_gold(ROOT / "bench" / "devsets" / f"extraction_{lang}.jsonl")
        sets.append((f"own-{lang} dev", dev_half(own)))
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--lexical-only", action="store_true", help="skip the semantic path")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    from techtalent.extraction.offline import esco_extractor

    systems = [("lexical", esco_extractor(args.esco, CACHE, semantic=False))]
    if not args.lexical_only:
        systems.append(("semantic", esco_extractor(args.esco, CACHE, semantic=True)))
    header = (
        f"{'set':<14}{'path':<10}{'docs':>5}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'RP@5':>7}{'RP@10':>7}{'MRR':>7}{'sent/s':>9}"
    )
    print(header + "\n" + "-" * len(header))
    for name, gold in dev_sets():
        for path, extractor in systems:
            predict_ranked(extractor, gold[:1], top=args.top)  # warm-up: caches, first model call
            started = time.perf_counter()
            concepts, ranking = predict_ranked(extractor, gold, top=args.top)
            speed = len(gold) / max(time.perf_counter() - started, 1e-9)
            s = evaluate(gold, concepts, ranking=ranking).overall
            print(
                f"{name:<14}{path:<10}{len(gold):>5}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{s.r_precision:>7.3f}{s.r_precision_10:>7.3f}{s.mrr:>7.3f}{speed:>9.1f}"
            )
    print("\nmicro P/R/F1 on `concepts`; RP@K = R-Precision@K and MRR on `ranking` (top 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
