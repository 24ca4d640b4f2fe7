"""hit@5 of everyday Dutch skill queries (bench/devsets/dutch_queries.yaml) on the full ESCO nl+en: a query
hits when one of its acceptable skills is among the first five skill results. Dev and test halves apart.

Run: .venv/bin/python bench/dutch_queries.py [ESCO_DIR] [--no-derive] [--show dev] [--dev-only] [--test2]
--test2 also reports the second held-out set (bench/devsets/dutch_queries_test2.yaml, report only: its
misses are never shown, so nobody tunes on it).
Uses the pure engines on the CSVs (no database): the same index the platform serves, built from the
imported labels plus, unless --no-derive, the Dutch labels and lexicon derived from those same files.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

import yaml

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.importers.esco import EscoBundle, read_esco

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "bench" / "devsets" / "dutch_queries.yaml"
QUERIES_TEST2 = REPO / "bench" / "devsets" / "dutch_queries_test2.yaml"


def load_queries(path: Path = QUERIES) -> list[dict[str, object]]:
    """The annotated queries: query, split (dev/test) and acceptable skill URIs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["queries"])


def concept_records(bundle: EscoBundle) -> list[ConceptRecord]:
    """The bundle's concepts as the search engine sees them, with what its generality prior reads."""
    relations = bundle.occupation_skills or {}
    used = Counter(skill for _occupation, skill in relations)
    essential = Counter(
        skill for (_occupation, skill), (rel, *_rest) in relations.items() if rel == "essential"
    )
    narrower = Counter(broader for _concept, broader in bundle.broader.get("skill", ()))
    return [
        ConceptRecord(
            uri,
            c["kind"],
            c["skill_type"],
            occupations=used[uri],
            essential=essential[uri],
            narrower=narrower[uri],
        )
        for uri, c in bundle.concepts.items()
    ]


def build_index(esco: Path, *, derive: bool, bundle: EscoBundle | None = None) -> SearchIndex:
    """The search index of the ESCO files, with derived Dutch labels and the lexicon when ``derive``."""
    bundle = bundle or read_esco(esco)
    concepts = concept_records(bundle)
    labels = [LabelRecord(*label) for label in bundle.labels]
    if not derive:
        return SearchIndex(concepts, labels)
    from techtalent.taxonomy.derived_records import derive_from_records, derived_search_labels

    started = time.perf_counter()
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    derivation = derive_from_records(bundle.labels, bundle.texts, kinds, skill_types=skill_types)
    phrases = getattr(derivation.lexicon, "phrases", {})
    print(
        f"derived {len(derivation.labels)} labels in {time.perf_counter() - started:.1f} s; "
        f"{len(phrases)} Dutch words with phrases learned from compounds"
    )
    return SearchIndex(concepts, [*labels, *derived_search_labels(derivation)], lexicon=derivation.lexicon)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("esco", nargs="?", default=str(REPO.parent / "shared" / "data" / "esco" / "v1.1.1"))
    parser.add_argument("--no-derive", action="store_true", help="only the imported (official) labels")
    parser.add_argument("--show", choices=("dev",), help="print the misses of the dev half")
    parser.add_argument("--dev-only", action="store_true", help="only the dev half (while tuning)")
    parser.add_argument("--test2", action="store_true", help="also the second held-out set (report only)")
    args = parser.parse_args()
    started = time.perf_counter()
    index = build_index(Path(args.esco), derive=not args.no_derive)
    print(f"index built in {time.perf_counter() - started:.1f} s (derive={not args.no_derive})")
    queries = load_queries()
    splits = ["dev"] if args.dev_only else ["dev", "test"]
    if args.test2:
        queries += load_queries(QUERIES_TEST2)
        splits.append("test2")
    latencies: list[float] = []
    for split in splits:
        part = [q for q in queries if q["split"] == split]
        hits = first = first_hits = 0
        for q in part:
            t0 = time.perf_counter()
            found = index.search(str(q["query"]), lang="nl", limit=5, kind="skill")
            latencies.append((time.perf_counter() - t0) * 1000)
            ok = any(h.uri in q["uris"] for h in found)
            hits += ok
            if "added" not in q:  # the 140 queries of the first session, comparable with its figures
                first += 1
                first_hits += ok
            if args.show == split and not ok:
                print(f"  miss {q['query']!r}: {[h.matched_label for h in found]}")
        first_session = (
            f"   first-session queries {first_hits / max(1, first):.3f} ({first_hits}/{first})"
            if split != "test2"
            else ""
        )
        print(f"{split:4} hit@5 {hits / len(part):.3f}  ({hits}/{len(part)}){first_session}")
    latencies.sort()
    print(
        f"latency p50 {statistics.median(latencies):.1f} ms  "
        f"p95 {latencies[int(0.95 * len(latencies)) - 1]:.1f} ms  (n={len(latencies)})"
    )


if __name__ == "__main__":
    main()
