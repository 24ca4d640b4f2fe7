"""Acronyms learned from the taxonomy's own English text ("tungsten inert gas (TIG)") and used by search:
unit tests on toy data (the real-ESCO queries that need them are in test_dutch_search_realdata.py)."""

from __future__ import annotations

from techtalent.taxonomy.derivation import corpus_from_records
from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.derive import TranslationLexicon
from techtalent.taxonomy.engine.derive.acronyms import acronym_expansion, learn_acronyms

S = "http://data.europa.eu/esco/skill/"


def test_the_words_before_a_bracketed_acronym_whose_initials_spell_it_are_its_expansion() -> None:
    assert acronym_expansion("TIG", "weld by tungsten inert gas".split()) == ("tungsten", "inert", "gas")
    # Linking words may stand between the initials; hyphenated parts count as words.
    words = "heating , ventilation and air conditioning".replace(",", "").split()
    assert acronym_expansion("HVAC", words) == ("heating", "ventilation", "and", "air", "conditioning")
    assert acronym_expansion("CAD", ["use", "computer", "aided", "design"]) == ("computer", "aided", "design")
    # Initials that do not spell it: no expansion.
    assert acronym_expansion("PPE", "wear safety shoes".split()) is None


def test_learned_acronyms_keep_the_most_frequent_expansion_spelled_as_the_labels_spell_it() -> None:
    texts = [
        "Weld metal workpieces together by tungsten intert gas (TIG) welding.",
        "Apply metal inert gas (MIG) welding and metal active gas (MAG) welding.",
        "Wear personal protective equipment (PPE). Use personal protective equipment (PPE) daily.",
        "The (Dutch) words are no acronym.",
    ]
    vocabulary = {"tungsten": 1, "inert": 3, "insert": 9, "gas": 5, "metal": 4, "active": 2, "welding": 6}
    learned = learn_acronyms(texts, vocabulary, {"inert gas"})
    # The typo "intert" becomes the label word the labels write before "gas", not the more frequent "insert".
    assert learned["tig"] == "tungsten inert gas"
    assert learned["mig"] == "metal inert gas" and learned["mag"] == "metal active gas"
    assert learned["ppe"] == "personal protective equipment"
    assert "dutch" not in learned


def _toy_index(lexicon: TranslationLexicon | None) -> SearchIndex:
    concepts = [ConceptRecord(S + "tig", "skill"), ConceptRecord(S + "tight", "skill")]
    labels = [
        LabelRecord(S + "tig", "en", "preferred", "perform tungsten inert gas welding"),
        LabelRecord(S + "tight", "en", "preferred", "test tightness of pipes"),
    ]
    return SearchIndex(concepts, labels, lexicon=lexicon)


def test_search_finds_the_skill_an_acronym_stands_for_in_either_language() -> None:
    lexicon = TranslationLexicon({}, {}, acronyms={"tig": "tungsten inert gas"})
    index = _toy_index(lexicon)
    for lang in ("nl", "en"):
        hits = index.search("tig", lang=lang, kind="skill", complete=True)
        assert hits and hits[0].uri == S + "tig", (lang, hits)
    assert not _toy_index(None).search("tig", kind="skill", complete=True)


def test_acronyms_survive_the_lexicon_cache_round_trip_and_come_from_the_corpus() -> None:
    labels = [
        ("u1", "en", "preferred", "perform tungsten inert gas welding"),
        ("u1", "nl", "preferred", "wolfraaminertgaslassen uitvoeren"),
    ]
    texts = {("u1", "en"): ("Weld by tungsten inert gas (TIG) welding.",)}
    corpus = corpus_from_records(labels, texts, {"u1": "skill"})
    assert dict(corpus.acronyms) == {"tig": "tungsten inert gas"}
    lexicon = TranslationLexicon({}, {}, acronyms=dict(corpus.acronyms))
    again = TranslationLexicon.from_dict(lexicon.as_dict())
    assert again.expand_acronym("tig") == "tungsten inert gas"
    assert again.expand_acronym("lassen") is None


def test_cognate_spellings_of_dutch_loan_words_follow_regular_correspondences() -> None:
    from techtalent.taxonomy.engine.crosslingual import cognates

    assert "laminate" in cognates("laminaat")
    assert "electronic" in cognates("elektronisch")
    assert "calibrate" in cognates("kalibreren")
    assert "ventilation" in cognates("ventilatie")
    assert "hydraulic" in cognates("hydrauliek")


def test_an_unknown_dutch_loan_word_finds_the_english_label_with_its_cognate() -> None:
    concepts = [ConceptRecord(S + "lam", "skill"), ConceptRecord(S + "lamp", "skill")]
    labels = [
        LabelRecord(S + "lam", "en", "preferred", "install laminate floor"),
        LabelRecord(S + "lamp", "en", "preferred", "repair lamps"),
    ]
    lexicon = TranslationLexicon({}, {"vloer": (("floor", 0.9),)})
    index = SearchIndex(concepts, labels, lexicon=lexicon)
    hits = index.search("laminaat", lang="nl", kind="skill", complete=True)
    assert hits and hits[0].uri == S + "lam", hits
    # Without a lexicon (no Dutch at all) nothing is guessed.
    assert not SearchIndex(concepts, labels).search("laminaat", lang="nl", kind="skill", complete=True)


def _compound_lexicon() -> TranslationLexicon:
    return TranslationLexicon(
        {},
        {
            "koel": (("refrigeration", 0.5), ("cool", 0.1)),
            "techniek": (("engineering", 0.3),),
            "koeltechniek": (("conditioning", 0.03),),
            "onderhoud": (("maintenance", 0.8),),
        },
        counts_nl={"koel": 40, "techniek": 60, "koeltechniek": 1, "onderhoud": 500},
    )


def test_a_rare_compound_splits_into_parts_the_lexicon_translates_and_a_frequent_word_does_not() -> None:
    lexicon = _compound_lexicon()
    assert lexicon.compound_parts("koeltechniek") == ["koel", "techniek"]
    assert lexicon.compound_parts("onderhoud") == ["onderhoud"]


def test_a_rare_compound_also_stands_for_the_phrase_of_its_parts_translations() -> None:
    from techtalent.taxonomy.engine.crosslingual import compound_phrase

    terms = {"refriger": 0, "engin": 1, "cool": 2}
    [(words, quality)] = compound_phrase(_compound_lexicon(), "koeltechniek", terms)
    assert dict(words[0]) == {0: 1.0, 2: 0.2} and dict(words[1]) == {1: 1.0}
    assert 0 < quality < 1
    assert compound_phrase(_compound_lexicon(), "onderhoud", terms) == []


def test_a_compound_also_splits_at_a_head_learned_only_from_compounds() -> None:
    lexicon = TranslationLexicon(
        {},
        {
            "elektro": (("electrical", 0.08),),
            "techniek": (("engineering", 0.3),),
            "elektrotechniek": (("electrotechnology", 0.15),),
        },
        counts_nl={"techniek": 60, "elektrotechniek": 5},  # "elektro" never stands alone in the text
        phrases={"elektro": (("electrical", 0.4, "compound-alignment"),)},
    )
    assert lexicon.compound_parts("elektrotechniek") == ["elektro", "techniek"]
    without = TranslationLexicon({}, lexicon.nl_to_en, counts_nl=lexicon.counts_nl)
    assert without.compound_parts("elektrotechniek") == ["elektrotechniek"]


def test_the_single_words_aligned_with_a_compound_seen_once_count_less_than_its_parts_phrase() -> None:
    from techtalent.taxonomy.engine.crosslingual import TRANSLATED, translated_phrases

    terms = {"refriger": 0, "engin": 1, "cool": 2, "condit": 3}

    def conditioning(lexicon: TranslationLexicon) -> float:
        found = translated_phrases(lexicon, "koeltechniek", terms)
        return max(q for words, q in found if len(words) == 1 and 3 in dict(words[0]))

    assert conditioning(_compound_lexicon()) < TRANSLATED  # "conditioning", the one pair's other word
    seen_often = _compound_lexicon()
    seen_often.counts_nl["koeltechniek"] = 5  # type: ignore[index]
    assert conditioning(seen_often) == TRANSLATED


def test_a_translation_as_likely_as_the_last_one_the_bag_keeps_is_kept_too() -> None:
    from techtalent.taxonomy.engine.crosslingual import translated_phrases

    lexicon = TranslationLexicon(
        {}, {"plaat": (("plate", 0.1), ("disc", 0.07), ("image", 0.07), ("sheet", 0.07), ("record", 0.05))}
    )
    assert set(lexicon.to_english(["plaat"])) == {"plate", "disc", "image"}  # three, cut among equals
    terms = {"plate": 0, "disc": 1, "imag": 2, "sheet": 3, "record": 4}
    found = {term for words, _ in translated_phrases(lexicon, "plaat", terms) for term, _ in words[0]}
    assert found == {0, 1, 2, 3}  # sheet is as likely as disc and image; record is less likely
