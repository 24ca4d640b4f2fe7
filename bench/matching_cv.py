"""Matching end to end on Dutch CVs: hit@1, hit@5, hit@10, MRR of the first acceptable occupation, per half.

Set: bench/devsets/cv_personas_nl.yaml (short Dutch CVs of technical and logistics workers, each with the ESCO
occupations acceptable for the person now; dev/test halves by techtalent.extraction.devsplit). Each CV goes
the way of the CV page: the extractor over full ESCO with the derived Dutch labels and the Dutch semantic path
(``offline_nl.esco_extractor_nl``, what ``extraction.services`` builds from the imported taxonomy), the
skills it accepts (not negated, as ``matching.services.cv_skills`` keeps them) all ticked, at the page's
default proficiency ("intermediate"), as the passport; then ``match_occupations`` over every occupation.
Extractions are cached as JSON in the bench cache (TECHTALENT_BENCH_CACHE), keyed by the CV text and a
digest of the extraction and taxonomy-engine source (a changed engine extracts again).

    TECHTALENT_BENCH_CACHE=/tmp/matchcv-cache .venv/bin/python bench/matching_cv.py [--halves dev|test|both]
        [--set main|extra|new] [--show] [--esco DIR] [--specificity X] [--floor X]

``--set extra`` reads bench/devsets/cv_personas_nl_extra.yaml instead (longer CVs, with schooling, courses
and certificates, written and annotated before any tuning against them); ``--set new`` reads
bench/devsets/cv_personas_nl_new.yaml (22 CVs written in session 7 as an out-of-sample check, annotated by
grepping the ESCO occupation files before the extractor or matcher ran on them; with career switchers).

Three rankings per half: ``skills`` (the skills the page offers: the accepted ones and, since session 9, the
extractor's ranked skills from ``cv_offers.CV_SKILL_FLOOR``, ``--floor X`` to try another, ``--floor 1`` for
the accepted skills only); ``held:extractor`` (plus, as occupations
held, the occupations the extractor itself finds, those the CV page ticks: confidence ≥
``TitlePrior.min_confidence``; the page before the title lines were read); ``skills+titles`` (what the CV page
now offers ticked: ``matching.services.cv_found`` merges the extractor's occupations with the best occupation
of each work-experience title line, ``extraction/engine/cv_titles.py``, through the job-title normaliser over
the plain ESCO lexicon as ``extraction.services.normaliser`` builds it). Held occupations enter as
``results.occupation_matches`` passes them: ``match_occupations(titles={uri: 1.0})``, engine/titles.py.
``--specificity X`` scores with ``MatchSettings(specificity=X)`` (default 0: the engine as before this work).

``--calibrate`` prints, per band of the normaliser's top score, how often its first suggestion is right on the
MELO dev titles (../shared/data/dev/job-titles-nl/melo_bel_nl.jsonl) and on the current-job title lines of
the dev CVs: the figures behind ``cv_titles.CALIBRATION``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.devsplit import half_of  # noqa: E402
from techtalent.extraction.engine.cv_titles import (  # noqa: E402
    TIE,
    cv_title_occupations,
    merge_occupations,
    offered_concepts,
    title_lines,
)
from techtalent.extraction.engine.titles import TitleNormaliser  # noqa: E402
from techtalent.matching.cv_offers import CV_SKILL_FLOOR, cv_offers  # noqa: E402
from techtalent.matching.engine import MatchModel, match_occupations, with_settings  # noqa: E402
from techtalent.matching.engine.titles import COMPETING_MARGIN, TitlePrior, competing_readings  # noqa: E402
from techtalent.matching.esco_files import model_from_esco_csv  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))
SET = ROOT / "bench" / "devsets" / "cv_personas_nl.yaml"
# --set: the original personas, or the extra set (longer CVs written later, before any tuning against them).
SETS = {
    "main": SET,
    "extra": ROOT / "bench" / "devsets" / "cv_personas_nl_extra.yaml",
    "new": ROOT / "bench" / "devsets" / "cv_personas_nl_new.yaml",
}
MELO = ROOT.parent / "shared" / "data" / "dev" / "job-titles-nl" / "melo_bel_nl.jsonl"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
PROFICIENCY = "intermediate"  # the CV page's default (matching/templates/matching/cv.html)
MARGIN = float(os.environ.get("CVMATCH_MARGIN", COMPETING_MARGIN))
FLOOR = CV_SKILL_FLOOR  # --floor: the least ranked score of a skill the page offers (1.0: accepted ones only)
_FORMAT = 4  # 3: the raw concepts (with spans) are cached, offered_concepts runs after; 4: and the ranking
RANKED = 40  # the extractor's ranking kept for the CV page (matching.services.CV_RANKED)


def _engine_digest() -> str:
    """A digest of the code an extraction depends on (the extraction package and the taxonomy engine), so a
    changed extractor or lexicon learner never reads another engine's cached extractions."""
    digest = hashlib.sha1()
    src = ROOT / "src" / "techtalent"
    for path in sorted([*(src / "extraction").rglob("*.py"), *(src / "taxonomy" / "engine").rglob("*.py")]):
        digest.update(path.relative_to(src).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_ENGINE = _engine_digest()


@dataclass(frozen=True)
class CvPersona:
    """A Dutch CV and the occupations acceptable for its writer."""

    id: str
    split: str
    cv: str
    acceptable: tuple[str, ...]


def load_cv_personas(path: Path = SET) -> list[CvPersona]:
    """The personas of the set (ids unique, split as devsplit says)."""
    found = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]:
        if item["split"] != half_of(item["id"]):
            raise SystemExit(
                f"{path}: {item['id']}: split {item['split']!r}, devsplit says {half_of(item['id'])}"
            )
        found.append(
            CvPersona(
                item["id"], item["split"], item["cv"], tuple(OCCUPATION + a for a in item["acceptable"])
            )
        )
    if len({p.id for p in found}) != len(found):
        raise SystemExit(f"{path}: persona ids must be unique")
    return found


def raw_concepts(persona: CvPersona, esco: Path) -> list[dict[str, object]]:
    """The extractor's concepts of the CV (cached): uri, kind, score, spans, evidence (sentence, negated)."""
    return list(_extraction(persona, esco)["concepts"])


def raw_ranking(persona: CvPersona, esco: Path) -> list[dict[str, object]]:
    """The extractor's best ``RANKED`` concepts of the CV, whatever their score (cached), as ``raw_concepts``
    gives them."""
    return list(_extraction(persona, esco)["ranking"])


def _extraction(persona: CvPersona, esco: Path) -> dict[str, list[dict[str, object]]]:
    key = hashlib.sha1(f"{_FORMAT}\0{_ENGINE}\0{esco.resolve()}\0{persona.cv}".encode()).hexdigest()[:16]
    path = CACHE / "matching-cv" / f"{persona.id}-{key}.json"
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    result = _extractor(esco).extract(persona.cv, lang="auto", doc_id=persona.id, top=RANKED).to_dict()
    found = {
        part: [
            {
                "uri": c["uri"],
                "kind": c["kind"],
                "score": c["score"],
                "spans": c.get("spans", []),
                "evidence": {
                    k: v for k, v in (c.get("evidence") or {}).items() if k in ("sentence", "negated")
                },
            }
            for c in result[part]
        ]
        for part in ("concepts", "ranking")
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def cv_skills(persona: CvPersona, esco: Path) -> list[dict[str, object]]:
    """The CV page's skills and the occupations the extractor finds in the CV (cached): uri, kind, score,
    evidence."""
    return offered_concepts(raw_concepts(persona, esco), persona.cv)  # as matching.services.cv_found


_built: dict[Path, object] = {}


def _extractor(esco: Path):  # type: ignore[no-untyped-def]
    if esco not in _built:
        from techtalent.extraction.offline_nl import esco_extractor_nl

        _built[esco] = esco_extractor_nl(esco, CACHE)
    return _built[esco]


_normalisers: dict[Path, TitleNormaliser] = {}


def normaliser(esco: Path) -> TitleNormaliser:
    """The title normaliser over the plain ESCO lexicon, as ``extraction.services.normaliser`` builds it."""
    if esco not in _normalisers:
        sys.path.insert(0, str(ROOT / "bench"))
        from extraction_vs_peer import load_lexicon

        _normalisers[esco] = TitleNormaliser(load_lexicon(esco))
    return _normalisers[esco]


def page_offers(persona: CvPersona, esco: Path) -> list[dict[str, object]]:
    """What the CV page offers for this CV (``matching.services.cv_found``): the extractor's concepts merged
    with the occupations of the CV's job-title lines, each scored by where it is named (matching.cv_offers;
    CVMATCH_BEFORE=1: as the page did before session 7)."""
    if os.environ.get("CVMATCH_BEFORE"):  # the page before session 7 (merge, then competing evidence lines)
        merged = merge_occupations(
            cv_skills(persona, esco), cv_title_occupations(persona.cv, normaliser(esco))
        )
        return competing_readings(merged, margin=MARGIN)
    return cv_offers(
        raw_concepts(persona, esco),
        persona.cv,
        normaliser(esco),
        ranking=raw_ranking(persona, esco),
        floor=FLOOR,
    )


def ticked(found: list[dict[str, object]]) -> dict[str, float]:
    """The occupations the CV page ticks (confidence ≥ min_confidence), as results.occupation_matches passes
    held occupations to the engine (each 1.0)."""
    floor = TitlePrior().min_confidence
    return {str(f["uri"]): 1.0 for f in found if f["kind"] == "occupation" and float(f["score"]) >= floor}  # type: ignore[arg-type]


def calibrate(esco: Path, personas: list[CvPersona]) -> None:
    """Share of right first suggestions per band of the normaliser's top score (MELO dev, dev CV lines)."""
    engine = normaliser(esco)
    isco = model_from_esco_csv(esco).isco
    rows = [json.loads(line) for line in MELO.read_text(encoding="utf-8").splitlines() if line.strip()]
    melo = [(str(r["text"]), set(r["uris"])) for r in rows]  # the whole file is a dev set
    cvs = [
        (line.title, set(p.acceptable))
        for p in personas
        if p.split == "dev"
        for line in title_lines(p.cv)
        if line.current
    ]
    for name, items in (("MELO dev", melo), ("CV dev current-job lines", cvs)):
        bands: dict[int, list[tuple[bool, bool]]] = {}
        tied: dict[bool, list[bool]] = {True: [], False: []}
        for title, good in items:
            matches = engine.normalise(title, lang="nl", top=2)
            score = matches[0].score if matches else 0.0
            if len(matches) > 1 and 0.95 <= score < 1.0:
                tied[score - matches[1].score < TIE].append(matches[0].uri in good)
            groups = {isco.get(uri) for uri in good} - {None}
            right = bool(matches) and matches[0].uri in good
            group = bool(matches) and (right or isco.get(matches[0].uri) in groups)
            bands.setdefault(min(int(score * 20), 20), []).append((right, group))
        print(f"{name}: n={len(items)} (right: the occupation; group: its ISCO unit group)")
        for band in sorted(bands):
            hits = bands[band]
            low, high = band / 20, min((band + 1) / 20, 1.0)
            share = sum(r for r, _ in hits) / len(hits)
            print(
                f"  score {low:.2f}–{high:.2f}: n={len(hits):<4} right {share:.3f}"
                f"  group {sum(g for _, g in hits) / len(hits):.3f}"
            )
        for is_tied, hits in tied.items():
            if hits:
                print(
                    f"  score 0.95–1 (excl.), {'tied' if is_tied else 'not tied'} with the second (< {TIE}): "
                    f"n={len(hits)} right {sum(hits) / len(hits):.3f}"
                )


def rank_of_first(
    model: MatchModel,
    skills: dict[str, str],
    acceptable: tuple[str, ...],
    titles: dict[str, float] | None = None,
) -> tuple[int | None, list]:  # type: ignore[type-arg]
    """The 1-based rank of the first acceptable occupation (None if none scores above 0), and the top 5."""
    ranked = match_occupations(model, skills, top=len(model.occupations), titles=titles)  # type: ignore[arg-type]
    good = set(acceptable)
    rank = next((i for i, m in enumerate(ranked, start=1) if m.uri in good and m.score > 0), None)
    return rank, ranked[:5]


def figures(ranks: list[int | None]) -> str:
    """hit@1, hit@5, hit@10 and MRR of the ranks of the first acceptable occupation."""
    n = max(len(ranks), 1)
    hits = [sum(1 for r in ranks if r is not None and r <= k) / n for k in (1, 5, 10)]
    mrr = sum(1.0 / r for r in ranks if r is not None) / n
    return f"hit@1 {hits[0]:.3f}  hit@5 {hits[1]:.3f}  hit@10 {hits[2]:.3f}  MRR {mrr:.3f}"


RANKINGS = ("skills", "held:extractor", "skills+titles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--halves", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--set", choices=tuple(SETS), default="main", help="persona file (default: main)")
    parser.add_argument("--show", action="store_true", help="print each persona's passport and top 5")
    parser.add_argument("--specificity", type=float, default=None, help="MatchSettings.specificity to try")
    parser.add_argument("--calibrate", action="store_true", help="title-score bands (dev sets) and stop")
    parser.add_argument(
        "--floor",
        type=float,
        default=CV_SKILL_FLOOR,
        help="least ranked skill score offered (1: accepted only)",
    )
    args = parser.parse_args()
    global FLOOR
    FLOOR = args.floor
    if args.calibrate:
        calibrate(args.esco, load_cv_personas(SETS[args.set]))
        return
    start = time.process_time()
    model = model_from_esco_csv(args.esco)
    if args.specificity is not None:
        model = with_settings(model, replace(model.settings, specificity=args.specificity))
    print(
        f"ESCO model: {len(model.occupations)} occupations ({time.process_time() - start:.1f} s CPU), "
        f"specificity {model.settings.specificity:g}"
    )
    halves = ("dev", "test") if args.halves == "both" else (args.halves,)
    personas = load_cv_personas(SETS[args.set])
    for half in halves:
        ranks: dict[str, list[int | None]] = {name: [] for name in RANKINGS}
        for p in [p for p in personas if p.split == half]:
            found = cv_skills(p, args.esco)
            offers = page_offers(p, args.esco)
            skills = {  # what the page offers (and ticks) as skills: cv_offers, with its floor
                str(f["uri"]): PROFICIENCY
                for f in offers
                if f["kind"] == "skill" and f["uri"] in model.skill_index
            }
            held = {"held:extractor": ticked(found), "skills+titles": ticked(offers)}
            for name in RANKINGS:
                given = held.get(name)
                # as results.occupation_matches: no ranking without skills unless occupations are held
                ranks_it = bool(skills) or (
                    bool(given) and any(o in model.occupation_index for o in given or {})
                )
                rank, top = rank_of_first(model, skills, p.acceptable, given) if ranks_it else (None, [])
                ranks[name].append(rank)
                if args.show:
                    print(f"\n{p.id} ({half}, {name}): {len(skills)} skills, first acceptable at {rank}")
                    if name == "skills":
                        print("   skills: " + "; ".join(model.label(s) for s in skills))
                    else:
                        print("   held: " + "; ".join(model.label(o) for o in given or {}))
                    for i, m in enumerate(top, start=1):
                        mark = "*" if m.uri in p.acceptable else " "
                        print(f"  {mark}{i}. {model.label(m.uri):<60} {m.score:.3f}")
        for name in RANKINGS:
            print(f"{half:<5} n={len(ranks[name]):<3} {name:<14} {figures(ranks[name])}")


if __name__ == "__main__":
    main()
