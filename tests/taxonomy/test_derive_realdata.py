"""Derivation learned on the real ESCO v1.1.1 export: everyday words and a floor on the dev-half figures."""

from __future__ import annotations

import zlib
from collections import defaultdict
from pathlib import Path

import pytest

from techtalent.taxonomy.derivation import corpus_from_records, targets_from_records
from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.derive import DerivedLabel, DutchLabelModel, best_f1, learn_label_model
from techtalent.taxonomy.importers.esco import EscoBundle, read_esco

pytestmark = pytest.mark.realdata


def _dev_fold(uri: str) -> bool:
    """Withheld skills the bench calls dev fold a (dev half, fold 0); the test half is never used here."""
    return zlib.crc32(uri.encode()) % 4 == 0


@pytest.fixture(scope="module")
def learned(esco_real: Path) -> tuple[EscoBundle, DutchLabelModel, dict[str, list[str]], list[DerivedLabel]]:
    bundle = read_esco(esco_real)
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    official: dict[str, list[str]] = defaultdict(list)
    for uri, lang, kind, text in sorted(bundle.labels, key=lambda lab: (lab[2] != "preferred", lab)):
        if lang == "nl" and kinds.get(uri) == "skill" and kind in ("preferred", "alternative"):
            official[uri].append(text)
    held = {u for u in official if zlib.crc32(u.encode()) % 2 or _dev_fold(u)}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    corpus = corpus_from_records(bundle.labels, bundle.texts, kinds, exclude=held, skill_types=skill_types)
    model = learn_label_model(corpus)
    targets = targets_from_records(bundle.labels, kinds, exclude=set(official), skill_types=skill_types)
    return bundle, model, {u: v for u, v in official.items() if _dev_fold(u)}, model.derive(targets)


def test_everyday_technical_words_translate(learned: tuple) -> None:
    _bundle, model, _official, _derived = learned
    assert "lassen" in dict(model.lexicon.dutch_candidates("welding"))
    assert model.lexicon.dutch_candidates("maintain")[0][0] == "onderhouden"
    assert model.lexicon.dutch_candidates("pumps")[0][0] == "pompen"
    assert "welding" in model.lexicon.to_english(["lassen"])
    assert "malfunctions" in model.lexicon.to_english(["storingen"])


def test_a_skill_without_dutch_label_gets_a_verb_final_dutch_label(learned: tuple) -> None:
    bundle, _model, _official, derived = learned
    by_label = {bundle.preferred[(d.uri, "en")]: d for d in derived if d.rank == 1}
    assert by_label["maintain machinery"].text.endswith("onderhouden")
    assert "machines" in by_label["maintain machinery"].text
    assert all(0.0 <= d.confidence <= 1.0 and 1 <= d.rank <= 3 for d in derived)


def test_dev_fold_label_quality_and_search_recall_stay_above_their_floor(learned: tuple) -> None:
    bundle, _model, official, derived = learned
    top = {d.uri: d for d in derived if d.rank == 1}
    f1 = sum(best_f1(top[u].text, labels) for u, labels in official.items()) / len(official)
    assert f1 >= 0.47, f"token F1 of derived labels on the dev fold fell to {f1:.3f}"
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    withheld_nl = {u for u, k in kinds.items() if k == "skill" and (u, "nl") in bundle.preferred}
    labels = [LabelRecord(*lab) for lab in bundle.labels if not (lab[1] == "nl" and lab[0] in withheld_nl)]
    labels += [LabelRecord(d.uri, "nl", "alternative" if d.rank == 1 else "hidden", d.text) for d in derived]
    concepts = [ConceptRecord(uri, c["kind"], c["skill_type"]) for uri, c in bundle.concepts.items()]
    index = SearchIndex(concepts, labels)
    sample = sorted(official)[:200]
    found = sum(
        any(h.uri == u for h in index.search(official[u][0], lang="nl", limit=5, kind="skill", complete=True))
        for u in sample
    )
    assert found / len(sample) >= 0.7, (
        f"recall@5 of official Dutch labels on the dev fold fell to {found / 200}"
    )


def test_word_pairs_of_esco_dutch_text_choose_senses_and_compounds(learned: tuple) -> None:
    bundle, model, _official, derived = learned
    by_label = {bundle.preferred[(d.uri, "en")]: d for d in derived if d.rank == 1}
    lexicon = model.lexicon
    # ESCO's Dutch text writes "elektrische stroom", never "elektrische huidige". (Without FreeDict, as
    # here, "stroom" is no sense of "current" at all, so the label of "electric current" is only right
    # with the dictionary installed, as in the import.)
    assert lexicon.dutch_fit("elektrische", "stroom") > 0 and lexicon.dutch_fit("elektrische", "huidige") == 0
    # "lassen" + "apparatuur" as the compound the Dutch text has.
    assert lexicon.counts_nl.get("lasapparatuur", 0) >= 2
    assert "lasapparatuur" in by_label["use welding equipment"].text.split()
    assert "compound" in by_label["use welding equipment"].method
    fitted = [d for d in by_label.values() if "dutch-context" in d.method]
    assert len(fitted) > len(by_label) / 4, "the Dutch fit should shape a good share of the labels"


def test_compound_parts_translate_as_the_english_word_pairs_of_esco(learned: tuple) -> None:
    _bundle, model, _official, _derived = learned
    english = dict(model.lexicon.english_candidates("verpakkingsmachine"))
    assert "packaging machine" in english  # the English skill labels say "tend packaging machines"
    assert model.lexicon.english_candidates("besturingstechniek")[0][0] == "control engineering"


def test_verb_first_frames_and_the_dutch_verbs_own_prepositions_on_real_esco(learned: tuple) -> None:
    """As the import learns them, from every skill with both labels (the fixture's model leaves three in
    four out, too few for a frame's two examples); the fixture's lexicon is reused."""
    from techtalent.taxonomy.engine.derive.generate import translate_label
    from techtalent.taxonomy.engine.derive.patterns import DUTCH_PREPOSITIONS, learn_patterns

    bundle, model, _official, _derived = learned
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    full = corpus_from_records(bundle.labels, bundle.texts, kinds, skill_types=skill_types)
    english = [*full.english_skill_labels, *(e.en for e in full.skill_labels)]
    patterns = learn_patterns(list(full.skill_labels), model.lexicon, english, full.pairs)
    assert patterns.frames[("ensure",)][0][0] == "zorgen voor"
    assert patterns.frames[("supervise",)][0][0] == "toezien op"
    assert all(t.split()[1] in DUTCH_PREPOSITIONS for options in patterns.frames.values() for t, _ in options)
    assert {"deelnemen", "samenwerken"} <= patterns.infinitives  # separable verbs

    def top(label: str) -> str:
        return translate_label(label, patterns, model.lexicon, action=True)[0].text

    assert top("ensure product quality").startswith("zorgen voor ")
    assert top("supervise kitchen staff").startswith("toezien op ")
    participate = top("participate in meetings").split()
    assert participate[0] == "aan" and participate[-1] == "deelnemen"
    assert "met klanten" in top("communicate with customers")  # learned as frame or verb-last: "met"


def test_a_worker_noun_does_not_stand_for_its_trade_word_on_real_esco(learned: tuple) -> None:
    from techtalent.taxonomy.engine.derive.generate import translate_label

    _bundle, model, _official, _derived = learned
    for label, worker in (
        ("operate granulator equipment", "granulatorbediener"),
        ("fit ceiling tiles", "plafondmonteur"),
    ):
        found = translate_label(label, model.patterns, model.lexicon, action=True)[0].text
        assert worker not in found.casefold()


def test_few_derived_labels_keep_an_english_word_that_is_not_dutch(learned: tuple) -> None:
    bundle, model, _official, derived = learned
    top = [d for d in derived if d.rank == 1]
    english = {d.uri: bundle.preferred[(d.uri, "en")] for d in top}
    left = [d for d in top if model.evidence.leftover(d.text, english[d.uri])]
    confident = [d for d in top if d.confidence >= 0.5]
    # Without FreeDict (as here) more English words are copied; the leftovers keep a low confidence.
    assert len(left) / len(top) < 0.18
    assert sum(d in left for d in confident) / len(confident) < 0.04
    assert sum(d.confidence for d in left) / len(left) < sum(d.confidence for d in top) / len(top)
    by_label = {english[d.uri]: d.text for d in top}
    assert "office" not in by_label["office administration"]
    assert "drilling" not in by_label["coordinate drilling"]


def test_labels_resting_on_a_weakly_attested_word_are_calibrated_apart_on_the_dev_fold(
    learned: tuple,
) -> None:
    """A top candidate with a weakly attested word (a rare Dutch word no dictionary gives for the English one)
    has a lower token F1 against the official Dutch labels of the dev fold than the others, and its own
    calibration gives it a lower confidence for it (pooled, both groups got the same map)."""
    bundle, model, official, _derived = learned
    assert model.calibration_weak is not None
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    targets = targets_from_records(bundle.labels, kinds, exclude=set(official), skill_types=skill_types)
    groups: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for target in (t for t in targets if t.uri in official):
        if found := model.candidates(target, limit=1):
            top = found[0]
            calibration = model.calibration_weak if top.weak else model.calibration
            groups[top.weak > 0].append((best_f1(top.text, official[target.uri]), calibration(top.quality)))
    assert len(groups[True]) >= 50 and len(groups[False]) >= 200, {k: len(v) for k, v in groups.items()}
    (f1_weak, conf_weak), (f1_rest, conf_rest) = (
        [sum(x[i] for x in groups[flag]) / len(groups[flag]) for i in (0, 1)] for flag in (True, False)
    )
    assert f1_weak < f1_rest - 0.1 and conf_weak < conf_rest - 0.1, (f1_weak, f1_rest, conf_weak, conf_rest)


def test_a_sense_that_translates_back_as_another_word_loses_to_one_that_does_on_real_esco(
    learned: tuple,
) -> None:
    """IBM Model 1 gives export the Dutch "import" first ("import- en exportspecialist"); "import" translates
    back as import only, so "export" is chosen, and two skills no longer share one derived name."""
    bundle, model, _official, derived = learned
    assert model.lexicon.dutch_candidates("export")[0][0] == "import"  # the cause is still in the lexicon
    by_label = {bundle.preferred[(d.uri, "en")]: d.text for d in derived if d.rank == 1}
    assert "export" in by_label["apply export strategies"].split()
    assert by_label["apply export strategies"] != by_label["apply import strategies"]
