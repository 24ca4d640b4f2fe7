"""Tune the semantic path's index texts, fusion and calibration on a TUNE half; report the other half.

TUNE = the dev half of bench/devsets/extraction_en.jsonl + the hash-dev half of the TECH and HOUSE
validation splits (``techtalent.extraction.devsplit``: first byte of SHA-1(id) even). REPORT = their other
halves (the own set's test half and the TECH/HOUSE hash-test halves), scored once with the chosen values.
The benchmark's test splits are not read. Every index text and query is embedded once into a vector store
(bench/tune_vectors.py), so the grid costs no encoder time; the scoring mirrors the engine
(``engine.ranking.dense_hits`` + ``Extractor._fused``), and the chosen values are then checked through the
real engine with bench/extraction_vs_peer.py. Run from the repository root:

    TECHTALENT_BENCH_CACHE=/tmp/tt-bench .venv/bin/python bench/extraction_tune.py warm [--shard 0/2]
    TECHTALENT_BENCH_CACHE=/tmp/tt-bench .venv/bin/python bench/extraction_tune.py grid
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from tune_vectors import CandidateTexts, candidate_texts, fill, first_sentence, seed_from_index  # noqa: E402

from techtalent.extraction.devsplit import half_of  # noqa: E402
from techtalent.extraction.evaluation import GoldDoc, evaluate, load_gold  # noqa: E402
from techtalent.extraction.vector_cache import VectorCache  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
KEEP = 50  # dense candidates per document, as engine.ranking._CANDIDATES
GROUPS = ("pref", "alt1", "alt2", "alt3", "alt4+", "desc")  # feature columns of a candidate


def sets() -> dict[str, list[GoldDoc]]:
    """The named halves: tune-* and report-* of TECH, HOUSE and the own English set."""
    out: dict[str, list[GoldDoc]] = {}
    named = [(n, load_gold(DEV / f"{n}_val.jsonl", lang="en")) for n in ("tech", "house")]
    named.append(("own", load_gold(ROOT / "bench" / "devsets" / "extraction_en.jsonl")))
    for name, gold in named:
        out[f"tune-{name}"] = [d for d in gold if half_of(d.id) == "dev"]
        out[f"report-{name}"] = [d for d in gold if half_of(d.id) == "test"]
    return out


def queries_of(text: str) -> list[tuple[str, bool]]:
    """The engine's queries for a text: (sentence or fragment, is-whole-sentence), in its order."""
    from techtalent.extraction.engine.context import sentences
    from techtalent.extraction.engine.normalise import fold_text
    from techtalent.extraction.engine.semantic import fragments

    ft = fold_text(text)
    out: list[tuple[str, bool]] = []
    for part in sentences(ft.text):
        shown = " ".join(text[slice(*ft.original(part.start, part.end))].split())
        out += [(piece, i == 0) for i, piece in enumerate(fragments(shown))]
    return out


def descriptions(esco: Path) -> dict[str, str]:
    """First sentence of each English skill and occupation description, by URI."""
    out: dict[str, str] = {}
    for name in ("skills_en.csv", "occupations_en.csv"):
        with (esco / "en" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("description", "").strip():
                    out[row["conceptUri"]] = first_sentence(row["description"])
    return out


def setup(esco: Path) -> tuple[object, CandidateTexts]:
    """The lexicon (cached) and every candidate index text over its concepts."""
    from techtalent.extraction.offline import esco_lexicon, esco_records

    lexicon = esco_lexicon(esco, CACHE)
    _, labels = esco_records(esco)
    return lexicon, candidate_texts(lexicon.concepts, labels, descriptions(esco))


def warm(esco: Path, shard: tuple[int, int]) -> None:
    """Embed every candidate text and query of this shard that the store lacks."""
    from techtalent.extraction.offline import encoder

    lexicon, candidates = setup(esco)
    store = VectorCache(CACHE / "tune-vectors", "all-MiniLM-L6-v2")
    seed = sorted(CACHE.glob("dense-*-all-MiniLM-L6-v2.npy"))
    preferred = [t for t, g in zip(candidates.texts, candidates.groups, strict=True) if g == 0]
    for path in (
        seed if shard[0] == 0 else []
    ):  # an index built with no alternatives holds exactly the preferred labels
        try:
            seed_from_index(store, path, preferred)
            print(f"seeded {len(preferred)} preferred labels from {path.name}")
        except ValueError as error:
            print(f"not seeded: {error}")
    queries = [q for docs in sets().values() for d in docs for q, _ in queries_of(d.text)]
    order = np.argsort(
        np.where(candidates.groups < 0, 3, np.where(candidates.groups <= 3, 1, 5)), kind="stable"
    )
    texts = queries + [candidates.texts[i] for i in order]
    print(f"{len(store.missing(texts))} texts to embed (all shards)")
    fill(store, texts, encoder(), shard=shard)


@dataclass
class DocFeatures:
    """Per document: candidate concepts, their best cosine per (group × sentence/fragment), lexical scores."""

    doc: GoldDoc
    concepts: NDArray[np.int64]
    sims: NDArray[np.float32]  # (candidates, len(GROUPS), 2): [..., 0] whole sentence, [..., 1] fragment
    lexical: dict[int, float]


def features(esco: Path, docs: Sequence[GoldDoc], *, pool: int = 400) -> list[DocFeatures]:
    """Every document's candidate features (the union of each group's best ``pool`` concepts)."""
    from techtalent.extraction.offline import esco_extractor

    lexicon, candidates = setup(esco)
    store = VectorCache(CACHE / "tune-vectors", "all-MiniLM-L6-v2")
    have = np.array([t in store.rows for t in candidates.texts])
    if not have.all():
        print(f"note: {int((~have).sum())} index texts not embedded yet are left out", file=sys.stderr)
    owners, groups = candidates.owners[have], candidates.groups[have]
    matrix = store.vectors([t for t, h in zip(candidates.texts, have, strict=True) if h])
    column = np.where(groups < 0, 5, np.minimum(groups, 4)).astype(np.int64)
    n_concepts = len(lexicon.concepts)  # type: ignore[attr-defined]
    skill_like = np.array([c.kind in ("skill", "occupation") for c in lexicon.concepts])  # type: ignore[attr-defined]
    lexical_engine = esco_extractor(esco, CACHE, semantic=False)
    uri_position = {c.uri: i for i, c in enumerate(lexicon.concepts)}  # type: ignore[attr-defined]
    out = []
    for doc in docs:
        queries = queries_of(doc.text)
        q = store.vectors([t for t, _ in queries])
        whole = np.array([w for _, w in queries])
        sims = q @ matrix.T  # (queries, rows)
        grid = np.full((n_concepts, len(GROUPS), 2), -1.0, dtype=np.float32)
        for kind, mask in ((0, whole), (1, ~whole)):
            if not mask.any():
                continue
            best_row = sims[mask].max(axis=0)
            for g in range(len(GROUPS)):
                rows = column == g
                np.maximum.at(grid[:, g, kind], owners[rows], best_row[rows])
        overall = grid.max(axis=(1, 2))
        overall[~skill_like] = -1.0
        chosen = set(np.argpartition(-overall, pool)[:pool].tolist())
        for g in range(len(GROUPS)):
            top_g = grid[:, g, :].max(axis=1)
            chosen |= set(np.argpartition(-top_g, pool)[:pool].tolist())
        result = lexical_engine.extract(doc.text, lang="en", top=10_000)
        lexical = {uri_position[c.uri]: c.score for c in result.ranking}
        concepts = np.array(sorted(chosen), dtype=np.int64)
        out.append(DocFeatures(doc, concepts, grid[concepts], lexical))
    return out


@dataclass(frozen=True)
class Params:
    """One grid point."""

    alternatives: int = 0  # 0, 1, 2, 3 or 9 (all)
    description: float = -1.0  # offset added to description cosines; -1 = descriptions left out
    alt_offset: float = 0.0  # offset added to alternative-label cosines
    fragment_offset: float = 0.0  # offset added to fragment (not whole-sentence) cosines
    occupation: float = 1.0  # factor on occupations' dense score
    low: float = 0.5
    high: float = 0.9
    cap: float = 0.6
    threshold: float = 0.4


def score(
    feats: Sequence[DocFeatures], p: Params, kinds: NDArray[np.bool_], uris: Sequence[str]
) -> tuple[float, float, float]:
    """(RP@5, F1, MRR) of the engine's fusion with ``p`` on ``feats``."""
    used = [0] + [g for g in range(1, 5) if g <= p.alternatives or (p.alternatives >= 4 and g == 4)]
    if p.description > -1.0:
        used.append(5)
    offsets = np.zeros((len(GROUPS), 2), np.float32)
    offsets[1:5, :] += p.alt_offset
    offsets[5, :] += p.description
    offsets[:, 1] += p.fragment_offset
    concepts_out: dict[str, list[str]] = {}
    ranking_out: dict[str, list[str]] = {}
    for f in feats:
        sim = (f.sims[:, used, :] + offsets[used]).max(axis=(1, 2))
        keep = min(KEEP, len(sim))
        top = np.argpartition(-sim, keep - 1)[:keep]
        dense = np.clip((sim[top] - p.low) / (p.high - p.low), 0, 1) * p.cap
        dense = np.where(kinds[f.concepts[top]], dense * p.occupation, dense)
        fused: dict[int, tuple[float, float]] = {c: (s, -1.0) for c, s in f.lexical.items()}
        for c, d, s in zip(f.concepts[top].tolist(), dense.tolist(), sim[top].tolist(), strict=True):
            lex = f.lexical.get(c, 0.0)
            fused[c] = (round(1 - (1 - lex) * (1 - d), 4), s)
        ranked = sorted(fused, key=lambda c: (-fused[c][0], -fused[c][1]))
        ranking_out[f.doc.id] = [uris[c] for c in ranked[:10]]
        concepts_out[f.doc.id] = [uris[c] for c in ranked if fused[c][0] >= p.threshold]
    s = evaluate([f.doc for f in feats], concepts_out, ranking=ranking_out).overall
    return s.r_precision, s.f1, s.mrr


GRID = {
    "alternatives": [0, 1, 2, 3, 9],
    "description": [-1.0, -0.1, -0.05, 0.0],
    "alt_offset": [0.0, -0.02, -0.05],
    "fragment_offset": [0.0, -0.03],
    "occupation": [1.0, 0.7],
}
CALIBRATION = {
    "low": [0.4, 0.5, 0.6],
    "high": [0.8, 0.9, 1.0],
    "cap": [0.5, 0.6, 0.7, 0.8],
    "threshold": [0.3, 0.35, 0.4, 0.45, 0.5],
}


def grid(esco: Path) -> None:
    """Search the grid on the TUNE halves, then score the chosen point once on the REPORT halves."""
    from techtalent.extraction.offline import esco_lexicon

    lexicon = esco_lexicon(esco, CACHE)
    uris = [c.uri for c in lexicon.concepts]
    kinds = np.array([c.kind == "occupation" for c in lexicon.concepts])
    halves = sets()
    feats = {name: features(esco, docs) for name, docs in halves.items()}
    tune = [n for n in feats if n.startswith("tune-")]

    def objective(p: Params) -> tuple[float, dict[str, tuple[float, float, float]]]:
        per = {n: score(feats[n], p, kinds, uris) for n in tune}
        # mean RP@5 over the three tune halves, plus half the mean F1 (F1 must stay above the peer's)
        return float(np.mean([v[0] for v in per.values()]) + 0.5 * np.mean([v[1] for v in per.values()])), per

    best = Params()
    base, _ = objective(best)
    print(f"start {best}: {base:.4f}")
    for name, values in GRID.items():  # coordinate search over the index/fusion axes, then calibration
        for value in values:
            candidate = Params(**{**best.__dict__, name: value})
            got, _ = objective(candidate)
            if got > base + 1e-9:
                best, base = candidate, got
        print(f"after {name}: {best} -> {base:.4f}", flush=True)
    for low, high, cap, threshold in itertools.product(*CALIBRATION.values()):
        if high <= low:
            continue
        candidate = Params(**{**best.__dict__, "low": low, "high": high, "cap": cap, "threshold": threshold})
        got, _ = objective(candidate)
        if got > base + 1e-9:
            best, base = candidate, got
    print(f"chosen {best}: objective {base:.4f}\n")
    for label, p in (("baseline (engine defaults)", Params()), ("chosen", best)):
        print(label)
        for name in feats:
            rp5, f1, mrr = score(feats[name], p, kinds, uris)
            print(f"  {name:<14}{len(feats[name]):>5} docs  RP@5 {rp5:.3f}  F1 {f1:.3f}  MRR {mrr:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("warm", "grid"))
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--shard", default="0/1", help="i/n: embed only this share of the texts")
    args = parser.parse_args(argv)
    if args.command == "warm":
        index, count = (int(x) for x in args.shard.split("/"))
        warm(args.esco, (index, count))
    else:
        grid(args.esco)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
