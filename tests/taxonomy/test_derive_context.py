"""Word senses chosen with their neighbours: Dutch word pairs for labels, English ones for compounds."""

from __future__ import annotations

import json

from techtalent.taxonomy.engine.derive import ParallelCorpus, SentencePair, TranslationLexicon, learn_lexicon
from techtalent.taxonomy.engine.derive.compounds import compound_count, compound_heads, join_compounds
from techtalent.taxonomy.engine.derive.generate import translate_label
from techtalent.taxonomy.engine.derive.patterns import LabelPatterns
from techtalent.taxonomy.engine.derive.tokens import words

NO_PATTERNS = LabelPatterns({}, {})

# A small lexicon as alignment leaves it: "current" mostly "huidige" (current prices), "stroom" only from the
# Dutch side; "laag" mostly "layer"; a rare compound aligned to a wrong word.
EN_TO_NL = {
    "electric": (("elektrische", 0.4),),
    "current": (("huidige", 0.45), ("actuele", 0.08)),
    "welding": (("lassen", 0.08), ("lasingenieurs", 0.05)),
    "equipment": (("apparatuur", 0.6),),
}
NL_TO_EN = {
    "elektrische": (("electric", 0.4),),
    "huidige": (("current", 0.45),),
    "stroom": (("flow", 0.2), ("current", 0.0083)),
    "lassen": (("welding", 0.08),),
    "apparatuur": (("equipment", 0.6),),
    "laag": (("layer", 0.48), ("low", 0.007)),
    "spanning": (("voltage", 0.27), ("tension", 0.02)),
    "besturing": (("control", 0.03), ("steering", 0.05)),
    "techniek": (("technique", 0.28), ("engineering", 0.03)),
    "besturingstechniek": (("aeroplanes", 0.17),),
}
COUNTS_EN = {"electric": 20, "current": 30, "welding": 10, "equipment": 50}
COUNTS_NL = {
    "de": 200_000,  # the rest of a corpus the size of ESCO's Dutch text
    "elektrische": 170,
    "stroom": 20,
    "huidige": 60,
    "lassen": 12,
    "apparatuur": 300,
    "lasapparatuur": 2,
    "laag": 11,
    "spanning": 2,
    "besturing": 13,
    "techniek": 12,
    "besturingstechniek": 1,
}


def _lexicon(*, bigrams: bool = True) -> TranslationLexicon:
    return TranslationLexicon(
        EN_TO_NL,
        NL_TO_EN,
        COUNTS_EN,
        COUNTS_NL,
        bigrams_en={"low voltage": 1, "control engineering": 25} if bigrams else {},
        bigrams_nl={"elektrische stroom": 8} if bigrams else {},
    )


def test_a_word_sense_is_chosen_with_its_dutch_neighbour() -> None:
    found = translate_label("electric current", NO_PATTERNS, _lexicon(), action=False)
    assert found[0].text == "elektrische stroom"
    assert "dutch-context" in found[0].methods
    assert "elektrische huidige" in [c.text for c in found]  # the word-by-word reading stays a runner-up


def test_without_dutch_text_the_most_probable_sense_wins() -> None:
    found = translate_label("electric current", NO_PATTERNS, _lexicon(bigrams=False), action=False)
    assert found[0].text == "elektrische huidige"


def test_dutch_context_raises_the_quality_confidence_is_calibrated_from() -> None:
    with_text = translate_label("electric current", NO_PATTERNS, _lexicon(), action=False)[0]
    without = translate_label("electric current", NO_PATTERNS, _lexicon(bigrams=False), action=False)[0]
    assert 0.0 < without.quality < with_text.quality < 1.0


def test_a_verb_form_joins_the_next_word_into_a_compound_the_corpus_writes() -> None:
    found = translate_label("welding equipment", NO_PATTERNS, _lexicon(), action=False)
    assert found[0].text == "lasapparatuur" and "compound" in found[0].methods
    assert compound_heads("lassen") == ("lassen", "lass", "las")
    assert compound_count("lassen", "apparatuur", COUNTS_NL) == 2
    assert join_compounds(["lassen", "apparatuur", "gebruiken"], COUNTS_NL, min_count=2) == [
        "lasapparatuur",
        "gebruiken",
    ]
    assert join_compounds(["elektrische", "stroom"], COUNTS_NL) == ["elektrische", "stroom"]


def test_compound_parts_translate_as_the_english_word_pair_the_text_has() -> None:
    lexicon = _lexicon()
    assert lexicon.english_candidates("laagspanning")[0][0] == "low voltage"
    assert "layer" in dict(lexicon.english_candidates("laagspanning"))  # the parts' own senses stay
    assert lexicon.english_candidates("besturingstechniek")[0][0] == "control engineering"
    assert "low voltage" not in dict(_lexicon(bigrams=False).english_candidates("laagspanning"))


def test_word_pairs_are_learned_from_the_corpus_and_kept_in_the_json_form() -> None:
    text = [
        ("the electric current flows", "de elektrische stroom loopt"),
        ("measure electric current", "elektrische stroom meten"),
        ("current prices", "huidige prijzen"),
    ]
    corpus = ParallelCorpus(
        tuple(SentencePair(words(en), words(nl), "text") for en, nl in text),
        english_skill_labels=("install low voltage wiring",),
    )
    lexicon = learn_lexicon(corpus)
    assert lexicon.bigram_nl("elektrische", "stroom") == 2
    assert lexicon.bigram_nl("huidige", "prijzen") == 0  # seen once in running text: not evidence
    assert lexicon.bigrams_en["electric current"] == 2
    assert lexicon.bigrams_en["low voltage"] == 1  # once, but in a skill label a search must reach
    again = TranslationLexicon.from_dict(json.loads(json.dumps(lexicon.as_dict())))
    assert again == lexicon
