"""Job-title normalisation on the Dutch title dev set: accuracy@1 and MRR of techtalent's TitleNormaliser.

Each title in bench/devsets/titles_nl.jsonl lists one or more acceptable ESCO occupations; a title counts as
right at rank r when the r-th suggestion is any of them. Run from the repository root:

    .venv/bin/python bench/titles_eval.py [--esco ../shared/data/esco/v1.1.1] [--misses] [--melo]

``--melo`` scores the 328 Flemish MELO titles of ../shared/data/dev/job-titles-nl instead (dev set).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_vs_peer import DEFAULT_ESCO, DEVSETS, load_lexicon  # noqa: E402

from techtalent.extraction.evaluation import (  # noqa: E402
    GoldTitle,
    evaluate_titles,
    format_title_scores,
    load_gold_titles,
    predict_titles,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument(
        "--misses", action="store_true", help="list the titles whose first suggestion is wrong"
    )
    parser.add_argument("--melo", action="store_true", help="the MELO Flemish dev titles instead")
    args = parser.parse_args(argv)
    if not args.esco.is_dir():
        parser.error(f"{args.esco}: ESCO CSV folder not found (set --esco or TECHTALENT_ESCO)")

    from techtalent.extraction.engine import TitleNormaliser

    if args.melo:
        import json

        melo = DEVSETS.parents[1].parent / "shared" / "data" / "dev" / "job-titles-nl" / "melo_bel_nl.jsonl"
        rows = [json.loads(line) for line in melo.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold = [GoldTitle(r["id"], r["text"], tuple(r["uris"])) for r in rows]
    else:
        gold = load_gold_titles(DEVSETS / "titles_nl.jsonl")
    normaliser = TitleNormaliser(load_lexicon(args.esco))
    start = time.perf_counter()
    predictions = predict_titles(normaliser, gold, top=10)
    per_second = len(gold) / max(time.perf_counter() - start, 1e-9)
    scores = evaluate_titles(gold, predictions)
    if args.misses:
        for title in gold:
            ranked = predictions.get(title.id, [])
            if not ranked or ranked[0] not in title.uris:
                rank = next((i for i, uri in enumerate(ranked, 1) if uri in title.uris), None)
                first = ranked[0] if ranked else "-"
                print(f"  {title.title!r}: first {first}; acceptable at rank {rank or '>10'}")
    print(f"{format_title_scores(scores)}  ({per_second:.0f} titles/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
