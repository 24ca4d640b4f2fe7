"""What the dense index costs to build with 0, 1, 2, 3 or all alternative labels per concept.

Counts the texts ``index_texts`` gives for each setting on the ESCO export, embeds an evenly spaced sample
of them (``--sample``, default 2,000, in the index's own order) on one thread, and extrapolates the CPU
time of the whole build from the sample's CPU seconds per text (CPU time, so a loaded machine still gives
the idle-core figure within noise). Run from the repository root:

    .venv/bin/python bench/extraction_index_cost.py [--esco ../shared/data/esco/v1.1.1] [--sample 2000] \
        [--alternatives 0,1,2,3,all]

With ``TECHTALENT_MODEL_DIR`` it measures that model (session 9: other encoders).
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

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument(
        "--alternatives", default="0,1,2,3,all", help="settings to measure, e.g. 0 (the default index)"
    )
    args = parser.parse_args(argv)
    from techtalent.extraction.engine.semantic import index_texts
    from techtalent.extraction.offline import encoder, esco_lexicon, esco_records

    lexicon = esco_lexicon(args.esco, CACHE)
    _, labels = esco_records(args.esco)
    model = encoder()
    print(f"{'alternatives':>12}{'texts':>9}{'CPU s/1000':>12}{'build CPU s':>13}{'vectors MB':>12}")
    print(f"model {model.name}")  # type: ignore[attr-defined]
    settings = [1000 if a == "all" else int(a) for a in args.alternatives.split(",")]
    for alternatives in settings:
        texts, _ = index_texts(lexicon.concepts, labels, alternatives=alternatives)
        step = max(1, len(texts) // args.sample)
        sample = texts[::step][: args.sample]
        started = time.process_time()
        model.encode(sample)
        per_text = (time.process_time() - started) / len(sample)
        shown = "all" if alternatives == 1000 else str(alternatives)
        print(
            f"{shown:>12}{len(texts):>9}{per_text * 1000:>12.2f}{per_text * len(texts):>13.0f}"
            f"{len(texts) * model.encode(['x']).shape[1] * 4 / 1e6:>12.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
