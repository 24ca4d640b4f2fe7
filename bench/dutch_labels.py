"""Derived Dutch skill labels against the official ones ESCO has, withheld: label quality and search recall.

Run: .venv/bin/python bench/dutch_labels.py [ESCO_DIR] [--dev-only]   (default ../shared/data/esco/v1.1.1)

The withheld skills are the collection skills with official Dutch labels, split by a hash of the URI into
a dev half (tuned on) and a test half (only reported). Two models are learned: for the dev figures from
occupations, groups and hierarchy only, with the dev half split again in two folds that each learn from
the other; for the test figures from all of that plus the whole dev half. No Dutch label or text of a
test-half skill is learned from. Prints (a) exact match and token F1 of the top derived label vs the
official preferred + alternative labels, (b) recall@5 of searching each official Dutch label among all
skills (engine `taxonomy/engine/search.py`), with derived labels indexed, with the lexicon's cross-lingual
expansion, and the baseline without either; and the learning/derivation time. FreeDict (Debian
packages dict-freedict-eng-nld/-nld-eng) is used when installed unless --no-dictionary.

Also printed: per confidence band, the scored labels' mean confidence and mean token F1 (is confidence
calibrated?), and how many preferred derived labels of all skills keep an English word that is not Dutch
(`vocabulary.WordEvidence.leftover`, judged with the word use of the run's own corpus, so the count does
not depend on the derivation code measured), in all and per band.
"""

from __future__ import annotations

import argparse
import itertools
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection
from pathlib import Path

from techtalent.taxonomy.derivation import corpus_from_records, targets_from_records
from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.derive import (
    DerivedLabel,
    DutchLabelModel,
    SentencePair,
    best_f1,
    learn_label_model,
)
from techtalent.taxonomy.engine.derive.crosslingual import english_query
from techtalent.taxonomy.engine.derive.vocabulary import WordEvidence, learn_word_evidence
from techtalent.taxonomy.engine.search import DERIVED_SHOWN_FROM
from techtalent.taxonomy.freedict import dictionary_pairs
from techtalent.taxonomy.importers.esco import EscoBundle, read_esco

REPO = Path(__file__).resolve().parents[1]


def half(uri: str) -> str:
    """The deterministic half of a withheld skill: dev or test."""
    return "test" if zlib.crc32(uri.encode()) % 2 else "dev"


def _learn(
    bundle: EscoBundle, kinds: dict[str, str], exclude: Collection[str], extra: list[SentencePair]
) -> tuple[DutchLabelModel, WordEvidence, float, float]:
    """The model learned without the Dutch labels and texts of ``exclude``, the corpus's word use; wall and
    CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    corpus = corpus_from_records(
        bundle.labels, bundle.texts, kinds, exclude=exclude, extra_pairs=extra, skill_types=skill_types
    )
    model = learn_label_model(corpus)
    evidence = learn_word_evidence(corpus, model.lexicon.counts_en, model.lexicon.counts_nl)
    return model, evidence, time.perf_counter() - started, time.process_time() - cpu


def _label_quality(derived: dict[str, DerivedLabel], official: dict[str, list[str]], uris: list[str]) -> str:
    exact = f1 = 0.0
    by_context: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for uri in uris:
        top = derived.get(uri)
        if top is None:
            continue
        exact += top.text.casefold() in {o.casefold() for o in official[uri]}
        score = best_f1(top.text, official[uri])
        f1 += score
        by_context["dutch-context" in top.method].append((top.confidence, score))
    # Whether confidence follows the Dutch-context evidence: mean confidence vs mean F1 with and without it.
    calibration = "  ".join(
        f"{'with' if flag else 'without'} dutch-context n={len(rows)} confidence "
        f"{sum(c for c, _ in rows) / len(rows):.3f} F1 {sum(f for _, f in rows) / len(rows):.3f}"
        for flag, rows in by_context.items()
        if rows
    )
    return f"exact {exact / len(uris):.3f}  token-F1 {f1 / len(uris):.3f}  ({calibration})"


_BANDS = (0.0, 0.4, 0.5, 0.6, 0.7, 1.01)


def _leftovers(top: dict[str, DerivedLabel], english: dict[str, str], evidence: WordEvidence) -> str:
    """How many preferred derived labels keep an English word Dutch does not use; the most frequent ones."""
    words: Counter[str] = Counter()
    found = confident = 0
    for uri, label in top.items():
        left = evidence.leftover(label.text, english.get(uri, ""))
        if left:
            found += 1
            confident += label.confidence >= 0.5
            words.update(w.casefold() for w in left)
    common = ", ".join(w for w, _ in words.most_common(8))
    return (
        f"leftover English: {found} of {len(top)} preferred derived labels ({found / max(1, len(top)):.1%}), "
        f"{confident} with confidence >= 0.5 (most: {common})"
    )


def _bands(
    top: dict[str, DerivedLabel],
    official: dict[str, list[str]],
    uris: list[str],
    english: dict[str, str],
    evidence: WordEvidence,
) -> str:
    """Per confidence band of the scored labels: n, mean confidence, mean token F1; leftover share of all."""
    out = []
    for low, high in itertools.pairwise(_BANDS):
        scored = [top[u] for u in uris if u in top and low <= top[u].confidence < high]
        every = [(u, d) for u, d in top.items() if low <= d.confidence < high]
        if not scored:
            continue
        f1 = sum(best_f1(d.text, official[d.uri]) for d in scored) / len(scored)
        confidence = sum(d.confidence for d in scored) / len(scored)
        left = sum(bool(evidence.leftover(d.text, english.get(u, ""))) for u, d in every)
        out.append(
            f"[{low:.1f},{min(high, 1.0):.1f}) n={len(scored)} conf {confidence:.2f} F1 {f1:.2f} "
            f"leftover {left / max(1, len(every)):.1%}"
        )
    return "  ".join(out)


def _shown(top: dict[str, DerivedLabel], official: dict[str, list[str]], uris: list[str]) -> str:
    """How many top derived labels fall below the display cut, of all and of the scored; and names shared."""
    below = sum(d.confidence < DERIVED_SHOWN_FROM for d in top.values())
    scored = [top[u] for u in uris if u in top]
    scored_below = [d for d in scored if d.confidence < DERIVED_SHOWN_FROM]
    f1_below = sum(best_f1(d.text, official[d.uri]) for d in scored_below) / max(1, len(scored_below))
    shown = Counter(d.text.casefold() for d in top.values() if d.confidence >= DERIVED_SHOWN_FROM)
    shared = sum(1 for n in shown.values() if n > 1)
    return (
        f"below display cut {DERIVED_SHOWN_FROM}: {below} of {len(top)} ({below / max(1, len(top)):.1%}); "
        f"scored {len(scored_below)} of {len(scored)} (mean F1 {f1_below:.2f}); "
        f"shown names shared by >= 2 skills: {shared}"
    )


def _dump(path: Path, top: dict[str, DerivedLabel], official: dict[str, list[str]], uris: list[str]) -> None:
    """The scored top labels as TSV (uri, confidence, F1, derived, official), to read before and after."""
    with path.open("w", encoding="utf-8") as out:
        for uri in uris:
            if uri in top:
                d = top[uri]
                score = best_f1(d.text, official[uri])
                names = " | ".join(official[uri])
                out.write(f"{uri}\t{d.confidence:.3f}\t{score:.2f}\t{d.text}\t{names}\t{d.method}\n")


def _recall(
    index: SearchIndex, model: DutchLabelModel | None, official: dict[str, list[str]], uris: list[str]
) -> tuple[float, float, int]:
    """recall@5 over preferred labels, over all official labels; and the number of label queries."""
    found_preferred = found_all = queries = 0
    for uri in uris:
        for position, text in enumerate(official[uri]):
            hits = index.search(text, lang="nl", limit=5, kind="skill", complete=True)
            uris_found = [h.uri for h in hits]
            if model is not None and uri not in uris_found:
                scores = {h.uri: h.score for h in hits}
                english = english_query(model.lexicon, text)
                if english:
                    for h in index.search(english, lang="en", limit=5, kind="skill", complete=True):
                        scores[h.uri] = max(scores.get(h.uri, 0.0), 0.95 * h.score)
                uris_found = sorted(scores, key=lambda u: -scores[u])[:5]
            hit = uri in uris_found
            found_all += hit
            found_preferred += hit and position == 0
            queries += 1
    return found_preferred / len(uris), found_all / queries, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("esco", nargs="?", default=str(REPO.parent / "shared" / "data" / "esco" / "v1.1.1"))
    parser.add_argument("--no-dictionary", action="store_true", help="leave FreeDict out even if installed")
    parser.add_argument("--dev-only", action="store_true", help="only the dev half (while tuning)")
    parser.add_argument("--dump", type=Path, help="write the dev half's top derived labels to this TSV")
    args = parser.parse_args()
    extra = [] if args.no_dictionary else dictionary_pairs()
    print(f"FreeDict word pairs: {len(extra)}" + ("" if extra else " (not installed or left out)"))
    bundle = read_esco(Path(args.esco))
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    official: dict[str, list[str]] = defaultdict(list)
    for uri, lang, kind, text in sorted(bundle.labels, key=lambda lab: (lab[2] != "preferred", lab)):
        if lang == "nl" and kinds.get(uri) == "skill" and kind in ("preferred", "alternative"):
            official[uri].append(text)
    withheld = sorted(official)
    halves = {name: [u for u in withheld if half(u) == name] for name in ("dev", "test")}
    dev_folds = [[u for u in halves["dev"] if zlib.crc32(u.encode()) % 4 == k] for k in (0, 2)]
    print(f"withheld skills: {len(withheld)} (dev {len(halves['dev'])}, test {len(halves['test'])})")

    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    targets = targets_from_records(bundle.labels, kinds, exclude=set(withheld), skill_types=skill_types)
    concepts = [ConceptRecord(uri, c["kind"], c["skill_type"]) for uri, c in bundle.concepts.items()]
    base_labels = [LabelRecord(*lab) for lab in bundle.labels if not (lab[1] == "nl" and lab[0] in official)]
    results: dict[str, tuple[DutchLabelModel, dict[str, DerivedLabel], list[DerivedLabel], list[str]]] = {}
    runs = [
        ("dev fold a", set(halves["test"]) | set(dev_folds[0]), dev_folds[0]),
        ("dev fold b", set(halves["test"]) | set(dev_folds[1]), dev_folds[1]),
        ("test", set(halves["test"]), halves["test"]),
    ]
    for name, exclude, scored in runs[:2] if args.dev_only else runs:
        model, evidence, learn_seconds, learn_cpu = _learn(bundle, kinds, exclude, extra)
        started, cpu = time.perf_counter(), time.process_time()
        derived = model.derive(targets)
        derive_seconds, derive_cpu = time.perf_counter() - started, time.process_time() - cpu
        top = {d.uri: d for d in derived if d.rank == 1}
        results[name] = (model, top, derived, scored)
        print(
            f"{name:10} learn {learn_seconds:5.1f} s (CPU {learn_cpu:4.1f} s)  derive {len(targets)} skills "
            f"{derive_seconds:4.1f} s (CPU {derive_cpu:4.1f} s)  ({len(derived)} labels)"
        )
        english = {t.uri: t.preferred_en for t in targets}
        print(f"{name:10} {_leftovers(top, english, evidence)}")
        if name != "test":
            print(f"{name:10} confidence bands: {_bands(top, official, scored, english, evidence)}")
            print(f"{name:10} {_shown(top, official, scored)}; doubt factors {dict(model.doubts)}")
    dev_top = {**results["dev fold a"][1], **{u: results["dev fold b"][1][u] for u in dev_folds[1]}}
    print(f"labels dev : {_label_quality(dev_top, official, halves['dev'])}")
    if args.dump:
        _dump(args.dump, dev_top, official, halves["dev"])
    if not args.dev_only:
        print(f"labels test: {_label_quality(results['test'][1], official, halves['test'])}")

    baseline = SearchIndex(concepts, base_labels)
    evaluations = [("dev", halves["dev"], ["dev fold a", "dev fold b"]), ("test", halves["test"], ["test"])]
    for name, uris, parts in evaluations[:1] if args.dev_only else evaluations:
        base = _recall(baseline, None, official, uris)
        print(f"recall@5 {name:4} baseline (English labels only): preferred {base[0]:.3f}  all {base[1]:.3f}")
        for part in parts:
            model, _top, derived, scored = results[part]
            extra = [
                LabelRecord(d.uri, "nl", "alternative" if d.rank == 1 else "hidden", d.text) for d in derived
            ]
            index = SearchIndex(concepts, [*base_labels, *extra])
            with_labels = _recall(index, None, official, scored)
            with_both = _recall(index, model, official, scored)
            print(
                f"recall@5 {part:10} derived labels: preferred {with_labels[0]:.3f}  all {with_labels[1]:.3f}"
                f"   + lexicon expansion: preferred {with_both[0]:.3f}  all {with_both[1]:.3f}"
                f"  (n={len(scored)} skills, {with_both[2]} label queries)"
            )


if __name__ == "__main__":
    main()
