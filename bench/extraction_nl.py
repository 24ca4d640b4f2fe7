"""Dutch extraction through the skills language: P/R/F1 on concepts, RP@5/RP@10/MRR on ranking, per half.

Sets: bench/devsets/vacancies_nl.jsonl (written vacancy and CV passages), vacancies_nl_full.jsonl (whole
written vacancies) and extraction_nl.jsonl, split into dev and test halves by techtalent.extraction.devsplit.
Paths compared in one run:

* ``official``: the lexical pass with official labels only (the engine before this work);
* ``+derived``: plus the derived Dutch labels at or above the confidence cut;
* ``+semantic``: plus the Dutch dense path (sentences translated into English word bags by the learned
  lexicon, then the English dense index and fusion);
* ``semantic-only-lex``: the dense path without derived labels (to see each step apart).

Run from the repository root (the first run derives the Dutch labels, ~1 min, and embeds the ESCO labels
once if no index is cached, minutes):

    .venv/bin/python bench/extraction_nl.py [--halves dev|test|both] [--cut 0.5] [--paths official,+derived]
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

from techtalent.extraction.devsplit import dev_half, test_half  # noqa: E402
from techtalent.extraction.evaluation import GoldDoc, evaluate, load_gold, predict_ranked  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
SETS = ("vacancies_nl", "vacancies_nl_full", "extraction_nl")
PATHS = ("official", "+derived", "+semantic", "semantic-only-lex")


def sets(halves: str) -> list[tuple[str, list[GoldDoc]]]:
    """(name, documents) of every set and half scored."""
    out = []
    for name in SETS:
        gold = load_gold(ROOT / "bench" / "devsets" / f"{name}.jsonl")
        if halves in ("dev", "both"):
            out.append((f"{name} dev", dev_half(gold)))
        if halves in ("test", "both"):
            out.append((f"{name} test", test_half(gold)))
    return out


def extractor(path: str, esco: Path, cut: float, bridge: dict[str, object] | None = None) -> object:
    """The extractor of one path."""
    from techtalent.extraction.offline import esco_extractor

    if path == "official":  # also runs on an engine from before this work (the baseline)
        return esco_extractor(esco, CACHE, semantic=False)
    from techtalent.extraction.offline_nl import esco_extractor_nl

    if path == "+derived":
        return esco_extractor_nl(esco, CACHE, derived_min=cut, semantic=False)
    if path == "+semantic":
        return esco_extractor_nl(esco, CACHE, **(bridge or {}), derived_min=cut, semantic=True)
    if path == "semantic-only-lex":
        return esco_extractor_nl(esco, CACHE, derived_min=2.0, semantic=True)
    raise SystemExit(f"unknown path {path!r}; choose from {', '.join(PATHS)}")


def print_misses(
    engine: object, gold: list[GoldDoc], concepts: dict[str, list[str]], names: dict[str, str]
) -> None:
    """Each document's gold concepts the path did not accept, with their English label, and its Dutch
    sentences as the dense path reads them (translated), for a look at the causes."""
    from techtalent.extraction.engine.glossary import NL_EN
    from techtalent.extraction.engine.translate import english_sentence

    translator = getattr(engine, "translator", None)
    for doc in gold:
        missed = [u for u in doc.uris if u not in set(concepts.get(doc.id, ()))]
        if not missed:
            continue
        print(f"  {doc.id}: missed {'; '.join(names.get(u, u) for u in missed)}")
        if translator is not None and doc.lang == "nl":
            for line in (ln.strip() for ln in doc.text.splitlines()):
                if line:
                    print(f"    {line[:100]!r} → {english_sentence(translator, line, NL_EN)[:100]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--halves", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--cut", type=float, default=None, help="derived-label confidence cut")
    parser.add_argument("--paths", default=",".join(PATHS[:3]))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--bridge", default=None, help="none|unknown|add|replace (FreeDict for weak words)")
    parser.add_argument("--weak", type=int, default=None, help="count under which a learned word is weak")
    parser.add_argument(
        "--no-senses", action="store_true", help="translate without the sense choice in context (before)"
    )
    parser.add_argument(
        "--misses", action="store_true", help="print each dev document's missed gold concepts (dev only)"
    )
    args = parser.parse_args(argv)
    from techtalent.extraction.engine import building

    cut = getattr(building, "DERIVED_MIN_CONFIDENCE", 2.0) if args.cut is None else args.cut
    header = (
        f"{'set':<25}{'path':<19}{'docs':>5}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'RP@5':>7}{'RP@10':>7}{'MRR':>7}{'docs/s':>8}"
    )
    print(f"derived-label cut {cut:g}\n{header}\n" + "-" * len(header))
    chosen = [p.strip() for p in args.paths.split(",") if p.strip()]
    bridge = {"bridge": args.bridge} if args.bridge else {}
    bridge |= {"weak_count": args.weak} if args.weak is not None else {}
    bridge |= {"senses": False} if args.no_senses else {}
    engines = {path: extractor(path, args.esco, cut, bridge) for path in chosen}
    names: dict[str, str] = {}
    if args.misses:
        from techtalent.extraction.offline import esco_records

        labels = esco_records(args.esco)[1]
        names = {r.uri: r.text for r in labels if r.lang == "en" and r.type == "preferred"}
    for name, gold in sets(args.halves):
        for path, engine in engines.items():
            predict_ranked(engine, gold[:1], top=args.top)  # warm-up
            started = time.perf_counter()
            concepts, ranking = predict_ranked(engine, gold, top=args.top)
            speed = len(gold) / max(time.perf_counter() - started, 1e-9)
            s = evaluate(gold, concepts, ranking=ranking).overall
            print(
                f"{name:<25}{path:<19}{len(gold):>5}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{s.r_precision:>7.3f}{s.r_precision_10:>7.3f}{s.mrr:>7.3f}{speed:>8.1f}"
            )
            if args.misses and name.endswith(" dev"):  # never the test halves: they are not for tuning
                print_misses(engine, gold, concepts, names)
    print("\nmicro P/R/F1 on `concepts`; RP@K = R-Precision@K and MRR on `ranking` (top 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
