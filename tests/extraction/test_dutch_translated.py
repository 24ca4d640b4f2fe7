"""Rule "translated": English labels found word for word in a Dutch sentence's English word bag (pure
engine, records written here, no dense index)."""

from __future__ import annotations

from techtalent.extraction.engine import Extractor, Lexicon
from techtalent.extraction.engine.translate import Bridged
from techtalent.taxonomy.engine.derive import TranslationLexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

E = "http://data.europa.eu/esco/skill/"
SAMPLES, REPAIR, PUMPS, WELD = E + "samples", E + "repair", E + "pumps", E + "weld"
CONCEPTS = [ConceptRecord(uri, "skill", "skill/competence") for uri in (SAMPLES, REPAIR, PUMPS, WELD)]
LABELS = [
    LabelRecord(SAMPLES, "en", "preferred", "take samples"),
    LabelRecord(REPAIR, "en", "preferred", "repair malfunctions"),
    LabelRecord(PUMPS, "en", "preferred", "pumps"),
    LabelRecord(WELD, "nl", "preferred", "lassen"),  # the Dutch pass needs a Dutch label
]
LEXICON = TranslationLexicon(
    en_to_nl={"samples": (("monsters", 0.9),)},
    nl_to_en={
        "monsters": (("samples", 0.9),),
        "nemen": (("take", 0.9),),
        "storingen": (("malfunctions", 0.9),),
        "verhelpen": (("repair", 0.9),),
        "pompen": (("pumps", 0.9),),
    },
    counts_nl={"monsters": 40, "nemen": 200, "storingen": 35, "verhelpen": 30, "pompen": 50},
    counts_en={"samples": 50, "take": 90, "malfunctions": 30, "repair": 215, "pumps": 40},
)
TRANSLATOR = Bridged(LEXICON, {})


def extractor() -> Extractor:
    return Extractor(Lexicon.build(CONCEPTS, LABELS, version="translated-test"), translator=TRANSLATOR)


def test_a_two_word_english_label_in_the_translated_sentence_is_a_lexical_mention() -> None:
    text = "Werkzaamheden\nJe neemt monsters voor het laboratorium en je verhelpt storingen."
    result = extractor().extract(text, lang="nl")
    found = {c.uri: c for c in result.concepts}
    assert set(found) == {SAMPLES, REPAIR}
    assert found[SAMPLES].evidence["rule"] == "translated"
    start, end = found[SAMPLES].spans[0]
    assert text[start:end].startswith("Je neemt monsters")  # the Dutch sentence, not the English bag


def test_a_one_word_label_is_not_taken_from_the_translation() -> None:
    result = extractor().extract("Je bedient pompen in de fabriek.", lang="nl")
    assert PUMPS not in {c.uri for c in result.ranking}


def test_a_negated_sentence_keeps_the_translated_mention_under_the_threshold() -> None:
    result = extractor().extract("Je hoeft geen monsters te nemen.", lang="nl")
    assert SAMPLES not in {c.uri for c in result.concepts}


def test_english_texts_and_extractors_without_translator_do_not_use_the_rule() -> None:
    plain = Extractor(Lexicon.build(CONCEPTS, LABELS, version="translated-plain"))
    assert not plain.extract("Je neemt monsters.", lang="nl").ranking
    english = extractor().extract("You take samples.", lang="en")
    assert all(c.evidence["rule"] != "translated" for c in english.ranking)


def test_a_concept_clearly_ahead_of_its_query_s_runner_up_is_distinct() -> None:
    from techtalent.extraction.engine.ranking import DenseHit, distinct

    hits = {
        1: DenseHit(1, 0.80, 0.18, 0, "work shifts"),
        2: DenseHit(2, 0.69, 0.1, 0, "work shifts"),
        3: DenseHit(3, 0.78, 0.17, 1, "take samples"),
        4: DenseHit(4, 0.77, 0.16, 1, "take samples"),
        5: DenseHit(5, 0.60, 0.06, 2, "alone"),
    }
    leads = distinct(hits)
    assert leads == {1: 0.11, 3: 0.01, 5: 0.1}  # only each query's best; alone: its lead over 0.5


def test_a_bridged_match_the_meaning_does_not_confirm_weighs_less_in_dutch() -> None:
    from techtalent.extraction.engine.extractor import (
        TRANSLATION_CONFIRM,
        TRANSLATION_UNCONFIRMED,
        FoundConcept,
    )
    from techtalent.extraction.engine.ranking import DenseHit

    engine = extractor()
    bridged = FoundConcept(SAMPLES, "skill", "drilling", [(0, 5)], 0.5, {"rule": "translation"})
    exact = FoundConcept(REPAIR, "skill", "repair", [(6, 9)], 0.5, {"rule": "exact"})
    found = {0: bridged, 1: exact}
    none = engine._fused(found, {}, ["boren"], [(0, 5)], confirm=True)
    assert none[0].score == round(0.5 * TRANSLATION_UNCONFIRMED, 4) and none[0].evidence["unconfirmed"]
    assert none[1].score == 0.5  # a Dutch label found as written is not a guess
    agreed = {0: DenseHit(0, TRANSLATION_CONFIRM + 0.1, 0.0, 0, "drilling")}
    assert engine._fused(found, agreed, ["boren"], [(0, 5)], confirm=True)[0].score == 0.5
    assert engine._fused(found, {}, ["boren"], [(0, 5)])[0].score == 0.5  # English texts: unchanged
