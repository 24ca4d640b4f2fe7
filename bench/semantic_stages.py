"""Where the semantic path spends its CPU time: seconds per stage on the TECH and HOUSE validation sentences.

Extracts the 136 validation sentences (../shared/data/dev/skill-extraction-en) with the semantic path,
as one batch (``extract_many``, the CLI/Dask case) and one at a time (the page/API case), and reports the
process CPU seconds spent in each stage: word pieces, the encoder's matrix products, its GELU (erf),
attention, LayerNorm, the index product, the rest of dense retrieval (best query per concept, top 50),
the lexical pass, fusion, and everything else (sentences, evidence, result objects). Stages are timed by
wrapping the functions that implement them; the wrappers cost a little themselves. Run from the root:

    TECHTALENT_BENCH_CACHE=/tmp/tt-bench .venv/bin/python bench/semantic_stages.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction import encoder as encoder_module  # noqa: E402
from techtalent.extraction.engine import batching, extract_many, extractor, ranking, semantic  # noqa: E402
from techtalent.extraction.evaluation import load_gold  # noqa: E402
from techtalent.extraction.offline import esco_extractor  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
SPENT: dict[str, float] = {}
_active: list[str] = []


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` charging its CPU time to ``name`` (minus the stages it calls itself)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        _active.append(name)
        try:
            return function(*args, **kwargs)
        finally:
            _active.pop()
            spent = time.process_time() - started
            SPENT[name] = SPENT.get(name, 0.0) + spent
            if _active:
                SPENT[_active[-1]] = SPENT.get(_active[-1], 0.0) - spent

    return wrapper


def instrument(engine: Any) -> None:
    """Wrap every stage of the semantic path."""
    encoder_module._dense = timed("encoder: matrix products", encoder_module._dense)
    encoder_module.erf = timed("encoder: GELU erf", encoder_module.erf)
    encoder_module._gelu = timed("encoder: GELU rest", encoder_module._gelu)
    encoder_module._layer_norm = timed("encoder: LayerNorm", encoder_module._layer_norm)
    cls = encoder_module.MiniLMEncoder
    cls._attention = timed("encoder: attention", cls._attention)  # type: ignore[method-assign]
    cls._forward = timed("encoder: rest (embeddings, pooling)", cls._forward)  # type: ignore[method-assign]
    cls.encode = timed("encoder: word pieces, ordering", cls.encode)  # type: ignore[method-assign]
    semantic.DenseIndex.best_per_query = timed(  # type: ignore[method-assign]
        "index product (+ max per concept)", semantic.DenseIndex.best_per_query
    )
    extractor.dense_hits = timed("dense retrieval: best query, top 50", ranking.dense_hits)
    extractor.Extractor._fused = timed("fusion", extractor.Extractor._fused)  # type: ignore[method-assign]
    engine.matcher.find = timed("lexical pass", engine.matcher.find)
    batching._similarities = timed("index product (+ max per concept)", batching._similarities)


def report(title: str, total: float, sentences: int) -> None:
    """Print the stages of one measurement."""
    print(f"\n{title}: {total:.2f} s CPU, {sentences / total:.1f} sentences per CPU second")
    rest = total - sum(SPENT.values())
    for name, spent in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"  {name:<40}{spent:>7.3f} s {100 * spent / total:>5.1f} %")
    print(f"  {'rest (sentences, evidence, results)':<40}{rest:>7.3f} s {100 * rest / total:>5.1f} %")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    engine = esco_extractor(args.esco, CACHE, semantic=True)
    gold = [*load_gold(DEV / "tech_val.jsonl", lang="en"), *load_gold(DEV / "house_val.jsonl", lang="en")]
    documents = [(d.id, d.text) for d in gold]
    instrument(engine)
    extract_many(engine, documents[:3], lang="en")  # first calls
    runs: list[tuple[str, Callable[[], object]]] = [
        ("batch (extract_many)", lambda: extract_many(engine, documents, lang="en")),
        ("one at a time (extract)", lambda: [engine.extract(t, lang="en", doc_id=i) for i, t in documents]),
    ]
    for title, run in runs:
        best: tuple[float, dict[str, float]] | None = None
        for _ in range(args.repeat):
            SPENT.clear()
            started = time.process_time()
            run()
            total = time.process_time() - started
            if best is None or total < best[0]:
                best = (total, dict(SPENT))
        assert best is not None
        SPENT.clear()
        SPENT.update(best[1])
        report(f"{title}, {len(documents)} sentences, best of {args.repeat}", best[0], len(documents))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
