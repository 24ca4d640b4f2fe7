"""Search latency (p50/p95 over 1,000 queries drawn from alternative labels) and recall@5 of an alternative
label → its concept, exact and with one random typo, on the full ESCO nl+en.

Run: .venv/bin/python bench/esco_search.py [ESCO_DIR] [--seed N] [--no-derive]
Uses the pure engine on the CSVs (no database), the same SearchIndex the platform serves: with the Dutch
labels and the lexicon derived from the same files at import (unless --no-derive).
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time
from pathlib import Path

from dutch_queries import build_index  # type: ignore[import-not-found]

from techtalent.taxonomy.importers.esco import read_esco

REPO = Path(__file__).resolve().parents[1]


def typo(text: str, rng: random.Random) -> str:
    """One random edit (insert, delete, substitute or swap) at a letter of ``text``."""
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if not positions:
        return text
    i = rng.choice(positions)
    op = rng.choice(("insert", "delete", "substitute", "swap"))
    letter = rng.choice(string.ascii_lowercase)
    if op == "insert":
        return text[:i] + letter + text[i:]
    if op == "delete" and len(positions) > 1:
        return text[:i] + text[i + 1 :]
    if op == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + (letter if letter != text[i] else "x") + text[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("esco", nargs="?", default=str(REPO.parent / "shared" / "data" / "esco" / "v1.1.1"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--no-derive", action="store_true", help="only the imported (official) labels")
    args = parser.parse_args()
    started = time.perf_counter()
    bundle = read_esco(Path(args.esco))
    index = build_index(Path(args.esco), derive=not args.no_derive, bundle=bundle)
    print(
        f"index of {len(index.label_text)} labels, {len(index)} concepts "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    rng = random.Random(args.seed)
    alternatives = sorted(
        label
        for label in bundle.labels
        if label[2] == "alternative" and bundle.concepts[label[0]]["kind"] in ("skill", "occupation")
    )
    sample = rng.sample(alternatives, args.n)
    for name, make in (("exact", lambda t: t), ("one typo", lambda t: typo(t, rng))):
        latencies, found = [], 0
        for uri, lang, _type, text in sample:
            query = make(text)
            t0 = time.perf_counter()
            hits = index.search(query, lang=lang, limit=5)
            latencies.append((time.perf_counter() - t0) * 1000)
            found += any(h.uri == uri for h in hits)
        latencies.sort()
        p95 = latencies[int(0.95 * len(latencies)) - 1]
        print(
            f"{name:9} recall@5 {found / len(sample):.3f}   "
            f"latency p50 {statistics.median(latencies):5.1f} ms"
            f"   p95 {p95:5.1f} ms   (n={len(sample)}, seed={args.seed})"
        )


if __name__ == "__main__":
    main()
