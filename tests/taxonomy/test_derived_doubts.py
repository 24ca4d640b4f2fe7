"""Doubts about a derived label that its raw quality does not show (session 9): words that never meet in a
Dutch text, a sense that does not translate back into its English word, a skill label rendered without a
Dutch verb. Each lowers confidence by a factor learned from held-out examples."""

from __future__ import annotations

from techtalent.taxonomy.engine.derive import SkillToLabel, TranslationLexicon
from techtalent.taxonomy.engine.derive.calibrate import Calibration
from techtalent.taxonomy.engine.derive.generate import Candidate, _supported, translate_label
from techtalent.taxonomy.engine.derive.model import DutchLabelModel, _doubt_factors
from techtalent.taxonomy.engine.derive.patterns import LabelPatterns
from techtalent.taxonomy.engine.derive.together import DutchTexts, learn_dutch_texts

E = "http://data.europa.eu/esco/skill/"


def _lexicon() -> TranslationLexicon:
    return TranslationLexicon(
        en_to_nl={
            "inert": (("bewegingloos", 0.3),),
            "gas": (("gas", 0.8),),
            "welding": (("lassen", 0.8),),
            "export": (("import", 0.25), ("export", 0.16)),
            "strategies": (("strategieën", 0.7),),
            "profile": (("profiel", 0.5),),
            "people": (("mensen", 0.9),),
        },
        nl_to_en={
            "bewegingloos": (("inert", 0.25),),
            "gas": (("gas", 0.8),),
            "lassen": (("welding", 0.8),),
            "import": (("import", 0.25),),
            "export": (("export", 0.16),),
            "strategieën": (("strategies", 0.7),),
            "profiel": (("profile", 0.5),),
            "mensen": (("people", 0.9),),
        },
        counts_en={w: 20 for w in ("inert", "gas", "welding", "export", "strategies", "profile", "people")},
        counts_nl={
            "bewegingloos": 1,
            "gas": 40,
            "lassen": 60,
            "import": 100,
            "export": 70,
            "strategieën": 50,
            "profiel": 6,
            "mensen": 80,
        },
        dictionary_pairs=frozenset({"inert bewegingloos"}),
    )


_TEXTS = learn_dutch_texts(
    [
        ("het", "gas", "lassen", "met", "beschermgas"),
        ("export", "en", "import", "strategieën"),
        ("bewegingloos", "liggen"),
        ("een", "profiel", "van", "mensen"),
    ]
)


def test_words_that_share_no_dutch_text_are_apart_and_function_words_do_not_count() -> None:
    assert _TEXTS.apart_words(["bewegingloos", "gas", "lassen"]) == {"bewegingloos"}
    assert _TEXTS.apart_words(["gas", "lassen"]) == frozenset()
    assert _TEXTS.apart_words(["het", "bewegingloos"]) == frozenset()  # one content word only
    assert _TEXTS.apart_words(["nooitgezien", "gas"]) == {"nooitgezien", "gas"}
    assert DutchTexts.from_dict(_TEXTS.as_dict()) == _TEXTS


def test_a_rare_dictionary_sense_apart_from_its_neighbours_is_a_doubt() -> None:
    lexicon, patterns = _lexicon(), LabelPatterns({}, {})
    top = translate_label("inert gas welding", patterns, lexicon, action=False, texts=_TEXTS)[0]
    assert top.text == "bewegingloos gas lassen" and top.doubts == ("apart",)
    assert top.weak == 0  # the dictionary gives it: not weak, so this doubt is new evidence
    plain = translate_label("gas welding", patterns, lexicon, action=False, texts=_TEXTS)[0]
    assert plain.doubts == ()
    assert translate_label("inert gas welding", patterns, lexicon, action=False)[0].doubts == ()  # no texts


def test_a_sense_that_does_not_translate_back_loses_to_one_that_does() -> None:
    lexicon = _lexicon()
    assert not _supported("import", "export", lexicon)
    assert _supported("export", "export", lexicon)
    assert _supported("van", "of", lexicon)  # function words translate back into a spread of words
    assert _supported("bewegingloos", "inert", lexicon)
    top = translate_label("export strategies", LabelPatterns({}, {}), lexicon, action=False)[0]
    assert top.text == "export strategieën"


def test_a_skill_label_without_a_dutch_verb_is_a_doubt_but_a_kind_of_thing_is_not() -> None:
    lexicon, patterns = _lexicon(), LabelPatterns({}, {})
    assert "no-verb" in translate_label("profile people", patterns, lexicon, action=True)[0].doubts
    assert "no-verb" not in translate_label("profile people", patterns, lexicon, action=False)[0].doubts
    lexicon_of = TranslationLexicon(
        {**lexicon.en_to_nl, "types": (("soorten", 0.8),), "of": (("van", 0.5),)},
        lexicon.nl_to_en,
        {**lexicon.counts_en, "types": 30, "of": 30},
        lexicon.counts_nl,
    )
    assert "no-verb" not in translate_label("types of gas", patterns, lexicon_of, action=True)[0].doubts


def test_doubt_factors_are_the_f1_achieved_over_the_confidence_expected_shrunk_towards_one() -> None:
    model = DutchLabelModel(_lexicon(), LabelPatterns({}, {}), Calibration((0.0,), (0.5,)))
    held = [Candidate(f"x{i}", 0.4, ("word",), doubts=("apart",)) for i in range(4)]
    held += [Candidate("y", 0.4, ("word",), doubts=("no-verb",))]  # too few to learn from
    held += [Candidate(f"z{i}", 0.4, ("word",), doubts=("unsupported",)) for i in range(3)]
    scores = [0.1, 0.2, 0.1, 0.2, 0.0, 0.9, 0.9, 0.9]
    factors = _doubt_factors(model, held, scores)
    assert factors == {"apart": round((0.6 + 2.0) / (2.0 + 2.0), 3), "unsupported": 1.0}
    doubted = DutchLabelModel(
        model.lexicon, model.patterns, model.calibration, texts=_TEXTS, doubts={"apart": 0.65}
    )
    derived = {d.text: d for d in doubted.derive([SkillToLabel(f"{E}a", "inert gas welding")])}
    assert derived["bewegingloos gas lassen"].confidence == round(0.5 * 0.65, 3)
    assert "doubt-apart" in derived["bewegingloos gas lassen"].method
    again = DutchLabelModel.from_dict(doubted.as_dict())
    assert again.doubts == {"apart": 0.65} and again.texts == _TEXTS
