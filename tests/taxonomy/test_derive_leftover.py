"""Fewer unusable derived labels: English words left in them, compounds naming another thing, repeats."""

from __future__ import annotations

from techtalent.taxonomy.engine.derive import ParallelCorpus, SentencePair, TranslationLexicon
from techtalent.taxonomy.engine.derive.generate import translate_label
from techtalent.taxonomy.engine.derive.patterns import LabelPatterns
from techtalent.taxonomy.engine.derive.types import LabelPair
from techtalent.taxonomy.engine.derive.vocabulary import WordEvidence, learn_word_evidence

NO_PATTERNS = LabelPatterns({}, {})
VERBS = LabelPatterns({("carry", "out"): (("uitvoeren", 0.9),), ("tend",): (("bedienen", 0.9),)}, {})

COUNTS_EN = {
    "office": 77,
    "administration": 40,
    "software": 593,
    "drill": 14,
    "driller": 2,
    "military": 9,
    "machine": 300,
}
COUNTS_NL = {
    "de": 200_000,
    "office": 4,  # "back office" in a few Dutch texts: not a word Dutch ESCO writes for "office"
    "kantoor": 40,
    "administratie": 60,
    "software": 268,  # a loanword Dutch ESCO text uses as often as English does
    "driller": 2,
    "boren": 30,
    "militaire": 12,
    "hout": 80,
    "boor": 15,
    "machine": 400,
    "boormachine": 12,
    "houtboormachine": 1,
    "uitvoeren": 900,
    "voeren": 50,
    "onderhoud": 700,
    "preventief": 20,
}


def _evidence(english: frozenset[str] = frozenset(), dutch: frozenset[str] = frozenset()) -> WordEvidence:
    return WordEvidence(english | {"ergonomically", "work"}, dutch, COUNTS_EN, COUNTS_NL)


def _lexicon(en_to_nl: dict[str, tuple[tuple[str, float], ...]]) -> TranslationLexicon:
    nl_to_en = {
        "kantoor": (("office", 0.5),),
        "administratie": (("administration", 0.6),),
        "boren": (("drill", 0.3),),
        "militaire": (("military", 0.6),),
        "hout": (("wood", 0.7),),
        "boor": (("drill", 0.5), ("bore", 0.3)),
        "machine": (("machine", 0.8),),
        "boormachine": (("drilling machine", 0.4),),
        "houtboormachine": (("boring", 0.1),),
        "uitvoeren": (("perform", 0.5),),
        "voeren": (("out", 0.04),),
        "onderhoud": (("maintenance", 0.7),),
        "preventief": (("preventive", 0.6),),
    }
    counts_en = {**COUNTS_EN, "boring": 10, "tend": 30, "out": 194, "preventive": 20, "maintenance": 300}
    return TranslationLexicon(en_to_nl, nl_to_en, counts_en, COUNTS_NL)


def test_an_english_word_dutch_text_seldom_uses_is_a_leftover_but_a_loanword_name_or_acronym_is_not() -> None:
    evidence = _evidence()
    assert evidence.leftover("office administratie", "office administration") == ["office"]
    assert evidence.leftover("militaire driller", "military drill") == ["driller"]
    assert evidence.leftover("ergonomically werken", "work ergonomically") == ["ergonomically"]
    assert evidence.leftover("software ontwikkelen", "develop software") == []
    assert evidence.leftover("SQL gebruiken", "use SQL") == []
    assert evidence.leftover("in Haskell programmeren", "program in Haskell") == []
    assert evidence.leftover("kantoor administratie", "office administration") == []


def test_a_dictionary_dutch_headword_is_dutch_however_seldom_the_corpus_writes_it() -> None:
    assert _evidence(dutch=frozenset({"driller"})).leftover("militaire driller") == []


def test_word_evidence_comes_from_english_skill_labels_and_dictionary_headwords() -> None:
    corpus = ParallelCorpus(
        (SentencePair(("drill",), ("boor",), "dictionary"),),
        (LabelPair("use sander", "schuurmachine gebruiken"),),
        ("work ergonomically",),
    )
    evidence = learn_word_evidence(corpus, {}, {})
    assert {"ergonomically", "sander", "drill"} <= evidence.english
    assert evidence.dutch_dictionary == {"boor"}
    rebuilt = WordEvidence.from_dict(evidence.as_dict(), {}, {})
    assert rebuilt.english == evidence.english and rebuilt.dutch_dictionary == evidence.dutch_dictionary


def test_a_dutch_sense_wins_over_an_english_word_the_alignment_put_first() -> None:
    lexicon = _lexicon(
        {"office": (("office", 0.3), ("kantoor", 0.2)), "administration": (("administratie", 0.6),)}
    )
    without = translate_label("office administration", NO_PATTERNS, lexicon, action=False)
    found = translate_label("office administration", NO_PATTERNS, lexicon, action=False, evidence=_evidence())
    assert without[0].text == "office administratie"
    assert found[0].text == "kantoor administratie"


def test_a_label_that_keeps_an_english_word_gets_a_lower_quality() -> None:
    lexicon = _lexicon({"work": (("werken", 0.6),)})
    patterns = LabelPatterns({("work",): (("werken", 0.9),)}, {})
    plain = translate_label("work ergonomically", patterns, lexicon, action=True)
    checked = translate_label("work ergonomically", patterns, lexicon, action=True, evidence=_evidence())
    assert plain[0].text == checked[0].text == "ergonomically werken"
    assert checked[0].quality < plain[0].quality


def test_a_rare_compound_naming_a_thing_the_label_lacks_loses_to_the_plain_word() -> None:
    # IBM Model 1 gave "boring" the one compound it was seen in: hout (wood) is in no word of the label.
    lexicon = _lexicon(
        {"boring": (("houtboormachine", 0.1), ("boren", 0.06)), "machine": (("machine", 0.8),)}
    )
    found = translate_label("tend boring machine", VERBS, lexicon, action=True)
    assert found[0].text == "boren machine bedienen"


def test_a_word_another_word_of_the_label_ends_with_is_left_out() -> None:
    lexicon = _lexicon(
        {
            "boring": (("boormachine", 0.3),),
            "machine": (("machine", 0.8),),
            "out": (("voeren", 0.3),),
            "preventive": (("preventief", 0.6),),
            "maintenance": (("onderhoud", 0.7),),
        }
    )
    tended = translate_label("tend boring machine", VERBS, lexicon, action=True)
    assert tended[0].text == "boormachine bedienen"
    carried = translate_label("carry out preventive maintenance", VERBS, lexicon, action=True)
    assert carried[0].text == "preventief onderhoud uitvoeren"


def test_an_english_loan_word_takes_the_dutch_spelling_the_dutch_text_writes() -> None:
    evidence = WordEvidence(
        frozenset({"psychotherapy", "orthopedic", "electromechanics"}),
        frozenset({"orthopedisch"}),
        {},
        {"psychotherapie": 4, "elektromechanica": 1},
    )
    assert evidence.dutch_spelling("psychotherapy") == "psychotherapie"
    assert evidence.dutch_spelling("orthopedic") == "orthopedisch"
    assert evidence.dutch_spelling("electromechanics") == "elektromechanica"
    assert evidence.dutch_spelling("ergonomically") is None  # no spelling Dutch text has


def test_a_copied_english_word_is_replaced_by_its_dutch_spelling() -> None:
    lexicon = _lexicon({"provide": (("aanbieden", 0.6),)})
    evidence = WordEvidence(frozenset({"psychotherapy"}), frozenset(), {}, {"psychotherapie": 4})
    patterns = LabelPatterns({("provide",): (("aanbieden", 0.9),)}, {})
    found = translate_label("provide psychotherapy", patterns, lexicon, action=True, evidence=evidence)
    assert found[0].text == "psychotherapie aanbieden"
