"""The Dutch label derivation engine on small hand-made parallel data: alignment, reordering, compounds."""

from __future__ import annotations

import json

import numpy as np

from techtalent.taxonomy.engine.derive import (
    DerivedLabel,
    DutchLabelModel,
    LabelPair,
    ParallelCorpus,
    SentencePair,
    SkillToLabel,
    TranslationLexicon,
    derive_dutch_labels,
    learn_label_model,
    learn_lexicon,
    token_f1,
)
from techtalent.taxonomy.engine.derive.align import Vocabulary, train_ibm1
from techtalent.taxonomy.engine.derive.calibrate import fit_calibration
from techtalent.taxonomy.engine.derive.compounds import join_compounds, split_compound
from techtalent.taxonomy.engine.derive.crosslingual import english_query
from techtalent.taxonomy.engine.derive.tokens import sentences, words

# Skill label examples in ESCO style: English imperative first, Dutch infinitive last.
EXAMPLES = [
    ("maintain machinery", "machines onderhouden"),
    ("maintain pumps", "pompen onderhouden"),
    ("maintain valves", "kleppen onderhouden"),
    ("repair machinery", "machines repareren"),
    ("repair pumps", "pompen repareren"),
    ("read technical drawings", "technische tekeningen lezen"),
    ("read manuals", "handleidingen lezen"),
    ("install pumps", "pompen installeren"),
    ("install valves", "kleppen installeren"),
    ("clean machinery", "machines reinigen"),
    ("welding techniques", "lastechnieken"),
    ("welding equipment", "lasapparatuur"),
    ("technical drawings", "technische tekeningen"),
]
TEXTS = [
    ("Mechanics maintain and repair machinery.", "Monteurs onderhouden en repareren machines."),
    ("They read technical drawings and manuals.", "Zij lezen technische tekeningen en handleidingen."),
    ("Welders use welding equipment.", "Lassers gebruiken lasapparatuur."),
    ("They install pumps and valves.", "Zij installeren pompen en kleppen."),
    ("Welding", "Lassen"),
    ("welding", "lassen"),
    ("techniques", "technieken"),
    ("equipment", "apparatuur"),
    ("maintenance", "onderhoud"),
    ("mechanic", "monteur"),
    ("maintenance mechanic", "onderhoudsmonteur"),
    ("forklift", "vorkheftruck"),
    ("drive a forklift", "een vorkheftruck besturen"),
]


def _corpus() -> ParallelCorpus:
    pairs = [SentencePair(words(en), words(nl), "label") for en, nl in EXAMPLES]
    pairs += [SentencePair(words(en), words(nl), "text") for en, nl in TEXTS]
    examples = tuple(LabelPair(en, nl) for en, nl in EXAMPLES)
    english = (*(en for en, _ in EXAMPLES), "maintain valves", "repair valves", "clean pumps")
    return ParallelCorpus(tuple(pairs), examples, english)


def test_ibm1_aligns_each_word_to_its_translation() -> None:
    vocab_en, vocab_nl = Vocabulary(), Vocabulary()
    data = [("the house", "het huis"), ("the book", "het boek"), ("a book", "een boek")]
    en = [vocab_en.encode(words(a)) for a, _ in data]
    nl = [vocab_nl.encode(words(b)) for _, b in data]
    table = train_ibm1(en, nl, [1.0] * len(data), iterations=10)
    best = {}
    for s, t, p in zip(table.source, table.target, table.prob, strict=True):
        if s and p > best.get(vocab_en.words[s], ("", 0.0))[1]:
            best[vocab_en.words[s]] = (vocab_nl.words[t], p)
    assert best["book"][0] == "boek" and best["the"][0] == "het" and best["house"][0] == "huis"
    sums = np.bincount(table.source, weights=table.prob)
    assert np.all(sums <= 1.0 + 1e-9)


def test_lexicon_translates_both_ways_and_survives_a_json_round_trip() -> None:
    lexicon = learn_lexicon(_corpus())
    assert lexicon.dutch_candidates("pumps")[0][0] == "pompen"
    assert lexicon.english_candidates("onderhouden")[0][0] == "maintain"
    assert "maintain" in lexicon.to_english(["onderhouden"])
    assert "pompen" in lexicon.to_dutch(["pumps"])
    again = TranslationLexicon.from_dict(json.loads(json.dumps(lexicon.as_dict())))
    assert again.en_to_nl == lexicon.en_to_nl and again.nl_to_en == lexicon.nl_to_en


def test_lexicon_splits_an_unknown_dutch_compound_into_known_words() -> None:
    lexicon = learn_lexicon(_corpus())
    bag = lexicon.to_english(["klepmonteur"]) or lexicon.to_english(["onderhoudsmachines"])
    assert {"maintenance", "machinery"} & set(bag)


def test_compounds_split_with_a_linking_s_and_join_only_when_known() -> None:
    known = {"onderhoud": 5, "monteur": 3, "las": 2, "technieken": 4, "lastechnieken": 2}
    assert split_compound("onderhoudsmonteur", known) == ["onderhoud", "monteur"]
    assert split_compound("monteur", known) == ["monteur"]
    assert join_compounds(["las", "technieken", "toepassen"], known) == ["lastechnieken", "toepassen"]
    assert join_compounds(["onderhoud", "technieken"], known) == ["onderhoud", "technieken"]


def test_an_english_verb_phrase_becomes_a_dutch_phrase_with_the_verb_last() -> None:
    labels = derive_dutch_labels(
        _corpus(), [SkillToLabel("s:1", "repair valves"), SkillToLabel("s:2", "clean pumps")]
    )
    top = {d.uri: d for d in labels if d.rank == 1}
    assert top["s:1"].text == "kleppen repareren"
    assert top["s:2"].text == "pompen reinigen"
    assert "reorder-verb-final" in top["s:1"].method


def test_derived_labels_are_ranked_with_confidence_in_range_and_deterministic() -> None:
    targets = [SkillToLabel("s:1", "maintain technical drawings"), SkillToLabel("s:2", "Haskell")]
    first = derive_dutch_labels(_corpus(), targets)
    assert first == derive_dutch_labels(_corpus(), targets)
    assert all(isinstance(d, DerivedLabel) and 0.0 <= d.confidence <= 1.0 for d in first)
    for uri in ("s:1", "s:2"):
        ranks = [d.rank for d in first if d.uri == uri]
        assert ranks == list(range(1, len(ranks) + 1)) and 1 <= len(ranks) <= 3
        confidences = [d.confidence for d in first if d.uri == uri]
        assert confidences == sorted(confidences, reverse=True)
    assert next(d for d in first if d.uri == "s:2").text == "Haskell"  # unknown names are kept as written


def test_calibration_is_monotone_and_bounded() -> None:
    qualities = [i / 100 for i in range(100)]
    scores = [min(1.0, q + (0.3 if i % 7 == 0 else 0.0)) for i, q in enumerate(qualities)]
    calibration = fit_calibration(qualities, scores)
    mapped = [calibration(q) for q in qualities]
    assert mapped == sorted(mapped) and all(0.0 <= m <= 1.0 for m in mapped)


def test_token_f1_ignores_case_and_diacritics() -> None:
    assert token_f1("Geschreven Koreaans begrijpen", "geschreven koreaans begrijpen") == 1.0
    assert token_f1("coördinatie", "coordinatie") == 1.0
    assert token_f1("machines onderhouden", "pompen repareren") == 0.0
    assert 0.0 < token_f1("machines onderhouden", "machines repareren") < 1.0


def test_a_dutch_query_becomes_english_words() -> None:
    model = learn_label_model(_corpus())
    assert "pumps" in english_query(model.lexicon, "pompen onderhouden").split()


def test_sentences_split_at_full_stops_before_a_capital() -> None:
    assert sentences("Eén zin. Nog een zin.\nDerde") == ["Eén zin.", "Nog een zin.", "Derde"]


def test_the_whole_model_survives_a_json_round_trip() -> None:
    model = learn_label_model(_corpus())
    again = DutchLabelModel.from_dict(json.loads(json.dumps(model.as_dict())))
    targets = [SkillToLabel("s:1", "repair valves"), SkillToLabel("s:2", "install machinery")]
    assert again.derive(targets) == model.derive(targets)


def test_dictionary_words_back_off_behind_what_the_domain_text_taught() -> None:
    corpus = _corpus()
    extra = (
        SentencePair(("pumps",), ("pompt",), "dictionary"),
        SentencePair(("gasket",), ("pakking",), "dictionary"),
    )
    lexicon = learn_lexicon(ParallelCorpus((*corpus.pairs, *extra), corpus.skill_labels))
    assert lexicon.dutch_candidates("pumps")[0][0] == "pompen"
    assert "pompt" in dict(lexicon.dutch_candidates("pumps"))
    assert lexicon.dutch_candidates("gasket")[0][0] == "pakking"
    assert lexicon.english_candidates("pakking")[0][0] == "gasket"


def test_an_unknown_dutch_word_that_ends_a_known_compound_borrows_its_translation() -> None:
    lexicon = learn_lexicon(_corpus())
    assert lexicon.english_candidates("heftruck")[0][0] == "forklift"
    assert lexicon.english_candidates("xyzzyq") == ()


# Verb-first Dutch frames ("toezien op …", "zorgen voor …"), a separable verb, and prepositions a Dutch verb
# governs ("aan … deelnemen" for "participate in …").
FRAME_EXAMPLES = [
    ("supervise staff", "toezien op personeel"),
    ("supervise maintenance", "toezien op onderhoud"),
    ("ensure safety", "zorgen voor veiligheid"),
    ("ensure maintenance", "zorgen voor onderhoud"),
    ("ensure quality", "kwaliteit garanderen"),
    ("repair machinery", "machines repareren"),
    ("repair pumps", "pompen repareren"),
    ("participate in training", "aan opleiding deelnemen"),
    ("check pumps", "pompen controleren"),
]
FRAME_TEXTS = [
    ("They supervise the staff.", "Zij zien toe op het personeel."),
    ("They must supervise staff.", "Zij moeten toe te zien op personeel."),
    ("They participate in meetings.", "Zij nemen deel aan vergaderingen."),
    ("Able to participate in training.", "In staat deel te nemen aan opleiding."),
    ("participate in meetings", "deelnemen aan vergaderingen"),
    ("participate in projects", "deelnemen aan projecten"),
    ("participate in a course", "deelnemen aan een cursus"),
    ("work in teams", "in teams werken"),
    ("meetings", "vergaderingen"),
    ("safety", "veiligheid"),
    ("staff", "personeel"),
    ("pumps", "pompen"),
    ("machinery", "machines"),
    ("quality", "kwaliteit"),
    ("training", "opleiding"),
    ("in", "in"),
    ("in the workshop", "in de werkplaats"),
    ("in shifts", "in ploegen"),
    ("in teams", "in teams"),
    ("work in the workshop", "in de werkplaats werken"),
]


def _frame_corpus(examples: list[tuple[str, str]] = FRAME_EXAMPLES) -> ParallelCorpus:
    pairs = [SentencePair(words(en), words(nl), "label") for en, nl in examples]
    pairs += [SentencePair(words(en), words(nl), "text") for en, nl in FRAME_TEXTS]
    labels = tuple(LabelPair(en, nl, skill_type="skill/competence") for en, nl in examples)
    english = (*(en for en, _ in examples), "supervise pumps", "ensure machinery")
    return ParallelCorpus(tuple(pairs), labels, english)


def test_verb_first_frames_are_learned_from_two_examples_and_used_instead_of_verb_last() -> None:
    from techtalent.taxonomy.engine.derive.generate import translate_label
    from techtalent.taxonomy.engine.derive.patterns import learn_patterns

    corpus = _frame_corpus()
    lexicon = learn_lexicon(corpus)
    patterns = learn_patterns(list(corpus.skill_labels), lexicon, corpus.english_skill_labels, corpus.pairs)
    # Two "toezien op" examples, none verb-last; "zorgen voor" twice against one "garanderen".
    assert patterns.frames[("supervise",)][0][0] == "toezien op"
    assert patterns.frames[("ensure",)][0][0] == "zorgen voor"
    assert ("repair",) not in patterns.frames and patterns.verbs[("repair",)][0][0] == "repareren"
    # "deel te nemen" makes deelnemen an infinitive (a separable verb), as "toe te zien" makes toezien.
    assert {"deelnemen", "toezien"} <= patterns.infinitives
    top = translate_label("supervise pumps", patterns, lexicon, action=True)[0]
    assert top.text == "toezien op pompen" and "verb-first-frame" in top.methods
    assert "reorder-verb-final" not in top.methods
    assert (
        translate_label("ensure machinery", patterns, lexicon, action=True)[0].text == "zorgen voor machines"
    )
    # Knowledge labels never take a verb frame.
    assert not translate_label("supervise pumps", patterns, lexicon, action=False)[0].text.startswith(
        "toezien"
    )
    again = type(patterns).from_dict(json.loads(json.dumps(patterns.as_dict())))
    assert again == patterns


def test_one_example_makes_no_frame_and_fewer_than_the_verb_last_ones_neither() -> None:
    from techtalent.taxonomy.engine.derive.patterns import learn_patterns

    examples = [e for e in FRAME_EXAMPLES if e[0] != "supervise maintenance"]
    examples += [("ensure pumps", "pompen garanderen"), ("ensure machinery", "machines garanderen")]
    corpus = _frame_corpus(examples)
    lexicon = learn_lexicon(corpus)
    patterns = learn_patterns(list(corpus.skill_labels), lexicon, corpus.english_skill_labels, corpus.pairs)
    assert ("supervise",) not in patterns.frames  # one example only
    assert ("ensure",) not in patterns.frames  # two frames against three verb-last labels


def test_an_english_verb_and_preposition_take_the_dutch_verbs_own_preposition() -> None:
    from techtalent.taxonomy.engine.derive.generate import translate_label

    model = learn_label_model(_frame_corpus())
    assert model.lexicon.bigram_nl("deelnemen", "aan") >= 3
    assert model.lexicon.dutch_candidates("in")[0][0] == "in"  # the word alone would give "in"
    found = translate_label("participate in meetings", model.patterns, model.lexicon, action=True)[0]
    assert found.text == "aan vergaderingen deelnemen" and "verb-preposition" in found.methods


def test_a_sense_that_adds_a_word_the_label_lacks_is_scaled_down() -> None:
    """IBM Model 1 lets a rare compound soak up its first part's word (tile → tegelzetters, "tile setters"):
    the sense made of the word's own sense plus a word the label does not say gives way."""
    from techtalent.taxonomy.engine.derive.generate import translate_label
    from techtalent.taxonomy.engine.derive.patterns import LabelPatterns

    lexicon = TranslationLexicon(
        en_to_nl={"tile": (("tegelzetters", 0.3), ("tegels", 0.25)), "setters": (("zetters", 0.6),)},
        nl_to_en={
            "tegelzetters": (("tile", 0.2), ("setters", 0.1)),
            "zetters": (("setters", 0.6),),
            "tegels": (("tiles", 0.7),),
        },
        counts_en={"tile": 40, "setters": 5},
        counts_nl={"tegelzetters": 3, "zetters": 4, "tegels": 50},
    )
    patterns = LabelPatterns({}, {})
    assert translate_label("tile", patterns, lexicon, action=False)[0].text == "tegels"
    # When the label says it, the compound is the translation.
    assert translate_label("tile setters", patterns, lexicon, action=False)[0].text.startswith("tegelzetters")
