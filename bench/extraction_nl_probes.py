"""Probes of the Dutch dense path on the dev halves (issue 11): ideas measured and not kept, reproducible.

Each probe changes one thing of the shipped `+semantic` extractor of bench/extraction_nl.py from the
outside (the engine stays as shipped) and prints micro P/R/F1 and RP@5/MRR on the dev halves of
vacancies_nl and extraction_nl, one line per setting; the first line of each probe is the shipped engine.
Only the dev halves are read. Run from the repository root:

    TECHTALENT_BENCH_CACHE=/tmp/nlvac-cache PYTHONPATH=src .venv/bin/python bench/extraction_nl_probes.py \
        calibration|prior|ngrams|one-word|occupations|alternatives

``alternatives`` embeds every English alternative label once (~4 CPU minutes, cached beside the index).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.devsplit import dev_half  # noqa: E402
from techtalent.extraction.engine import ranking, semantic  # noqa: E402
from techtalent.extraction.engine.translate import TRANSLATED_CALIBRATION  # noqa: E402
from techtalent.extraction.evaluation import GoldDoc, evaluate, load_gold, predict_ranked  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
SETS = ("vacancies_nl", "extraction_nl")


def _golds() -> dict[str, list[GoldDoc]]:
    return {name: dev_half(load_gold(ROOT / "bench" / "devsets" / f"{name}.jsonl")) for name in SETS}


def _line(
    label: object, results: Iterable[tuple[dict[str, list[str]], dict[str, list[str]], list[GoldDoc]]]
) -> None:
    cells = []
    for concepts, ranked, gold in results:
        s = evaluate(gold, concepts, ranking=ranked).overall
        cells.append(
            f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} RP@5 {s.r_precision:.3f} MRR {s.mrr:.3f}"
        )
    print(f"{label!s:<48}", " | ".join(cells), flush=True)


def _run(engine: Any, golds: dict[str, list[GoldDoc]], label: object) -> None:
    _line(label, ((*predict_ranked(engine, gold), gold) for gold in golds.values()))


def _use_prior(esco: Path, engine: Any) -> np.ndarray:
    """log(1 + occupations listing the skill) / its maximum, per dense-index concept."""
    counts: dict[str, int] = {}
    with (esco / "relations" / "occupationSkillRelations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts[row["skillUri"]] = counts.get(row["skillUri"], 0) + 1
    concepts = engine.lexicon.concepts
    raw = np.log1p(np.array([counts.get(concepts[int(c)].uri, 0) for c in engine.dense.concepts], np.float32))
    return raw / max(float(raw.max()), 1e-9)


def calibration(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """The translated ramp: low × high × cap (the threshold stays 0.4)."""
    for low in (0.4, 0.45, 0.5):
        for high in (0.8, 0.9, 1.0):
            for cap in (0.6, 0.7, 0.8):
                engine.translated_calibration = replace(TRANSLATED_CALIBRATION, low=low, high=high, cap=cap)
                _run(engine, golds, f"low {low} high {high} cap {cap}")


def _patched_best(engine: Any, change: Callable[[np.ndarray], np.ndarray]) -> Callable[[], None]:
    original = engine.dense.best_per_query
    engine.dense.best_per_query = lambda queries: change(original(queries)).astype(np.float32)
    return lambda: setattr(engine.dense, "best_per_query", original)


def prior(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """A skill-use prior added to every cosine (weight × log occupations listing the skill, scaled)."""
    use = _use_prior(esco, engine)
    for weight in (0.0, 0.02, 0.04, 0.06, 0.1):
        restore = _patched_best(engine, lambda m, w=weight: m + w * use[None, :])
        _run(engine, golds, f"use prior {weight}")
        restore()


def _patched_fragments(make: Callable[[str], list[str]]) -> Callable[[], None]:
    original = ranking.fragments
    ranking.fragments = lambda sentence, min_words=2: make(sentence)  # type: ignore[assignment]
    return lambda: setattr(ranking, "fragments", original)


def ngrams(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """Word n-grams of each fragment as extra queries (with an offset on all fragment cosines)."""
    for n, offset in ((0, 0.0), (2, 0.0), (3, 0.0), (2, -0.03), (2, -0.06)):

        def make(sentence: str, n: int = n) -> list[str]:
            out = semantic.fragments(sentence)
            for piece in (out[1:] or out[:1]) if n else ():
                words = piece.split()
                out += (
                    [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)] if len(words) > n else []
                )
            return list(dict.fromkeys(out))

        restore = _patched_fragments(make)
        engine.translated_calibration = replace(TRANSLATED_CALIBRATION, fragment=offset)
        _run(engine, golds, f"n-grams {n} fragment offset {offset}")
        restore()
    engine.translated_calibration = TRANSLATED_CALIBRATION


def one_word(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """One-word fragments as queries ("valves", "drilling"), with an offset on fragment cosines."""
    for words, offset in ((2, 0.0), (1, 0.0), (1, -0.05)):
        restore = _patched_fragments(lambda s, w=words: semantic.fragments(s, min_words=w))
        engine.translated_calibration = replace(TRANSLATED_CALIBRATION, fragment=offset)
        _run(engine, golds, f"min words {words} fragment offset {offset}")
        restore()
    engine.translated_calibration = TRANSLATED_CALIBRATION


def occupations(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """Skills essential (optional) to an occupation the text names (score ≥ floor) get a noisy-or bonus."""
    relations: dict[str, dict[str, str]] = {}
    with (esco / "relations" / "occupationSkillRelations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            relations.setdefault(row["occupationUri"], {})[row["skillUri"]] = row["relationType"]
    results = {
        name: [engine.extract(d.text, lang=d.lang, top=50) for d in gold] for name, gold in golds.items()
    }
    for essential, optional, floor in (
        (0.0, 0.0, 0.4),
        (0.1, 0.0, 0.4),
        (0.2, 0.1, 0.4),
        (0.3, 0.0, 0.4),
        (0.3, 0.0, 0.2),
    ):
        out = []
        for name, gold in golds.items():
            concepts, ranked = {}, {}
            for doc, result in zip(gold, results[name], strict=True):
                named = [c.uri for c in result.ranking if c.kind == "occupation" and c.score >= floor]
                scored = []
                for c in result.ranking:
                    kinds = {relations.get(o, {}).get(c.uri) for o in named} if c.kind == "skill" else set()
                    bonus = essential if "essential" in kinds else optional if "optional" in kinds else 0.0
                    scored.append((1 - (1 - c.score) * (1 - bonus), c.uri))
                scored.sort(key=lambda item: -item[0])
                concepts[doc.id] = [u for s, u in scored if s >= engine.min_score]
                ranked[doc.id] = [u for _, u in scored[:10]]
            out.append((concepts, ranked, gold))
        _line(f"essential {essential} optional {optional} floor {floor}", out)


def alternatives(engine: Any, golds: dict[str, list[GoldDoc]], esco: Path) -> None:
    """A Dutch-path index with the shortest 1–2 alternative labels per concept (cosine offset on them)."""
    from techtalent.extraction.dense_cache import cached_index
    from techtalent.extraction.engine.semantic import _blas
    from techtalent.extraction.offline import encoder, esco_records, esco_version

    _, labels = esco_records(esco)
    every = cached_index(
        CACHE, esco_version(esco), engine.lexicon.concepts, lambda: labels, encoder(), alternatives=99
    )
    shipped = engine.dense
    assert list(every.concepts) == list(shipped.concepts)
    every.set_labels({int(c): shipped.label_of(int(c)) for c in shipped.concepts})
    sizes = np.diff(np.append(every.starts, len(every.vectors)))
    rank = np.arange(len(every.vectors)) - np.repeat(every.starts, sizes)
    _run(engine, golds, "preferred labels only (shipped)")
    engine.dense, engine._kind_masks = every, {}
    for n, offset in ((1, 0.0), (1, -0.02), (2, -0.02), (3, -0.03), (99, -0.03)):
        shift = np.where(rank == 0, 0.0, np.where(rank <= n, offset, -9.0)).astype(np.float32)

        def best(queries: np.ndarray, shift: np.ndarray = shift) -> np.ndarray:
            with _blas().limit(limits=1, user_api="blas"):
                sims = np.asarray(queries @ every.vectors.T, dtype=np.float32) + shift[None, :]
            return np.maximum.reduceat(sims, every.starts, axis=1).astype(np.float32)

        every.best_per_query = best  # type: ignore[method-assign]
        _run(engine, golds, f"alternatives {n} offset {offset}")
    engine.dense, engine._kind_masks = shipped, {}


PROBES = {
    "calibration": calibration,
    "prior": prior,
    "ngrams": ngrams,
    "one-word": one_word,
    "occupations": occupations,
    "alternatives": alternatives,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probe", choices=sorted(PROBES))
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    args = parser.parse_args(argv)
    from techtalent.extraction.offline_nl import esco_extractor_nl

    engine = esco_extractor_nl(args.esco, CACHE)
    PROBES[args.probe](engine, _golds(), args.esco)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
