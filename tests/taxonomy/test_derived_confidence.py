"""Derived labels resting on a weakly attested word (session 8): a word seen in a few Dutch texts only,
that the dictionary does not give for the English word and that is no form of it (lift → liftmonteurs,
gear → aandrijvingen), marks its candidate; such candidates are calibrated apart, and a derived label below
the display cut finds its concept but is never shown as its name."""

from __future__ import annotations

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.derive import SkillToLabel, TranslationLexicon
from techtalent.taxonomy.engine.derive.calibrate import Calibration
from techtalent.taxonomy.engine.derive.generate import _weak
from techtalent.taxonomy.engine.derive.model import DutchLabelModel
from techtalent.taxonomy.engine.derive.patterns import LabelPatterns
from techtalent.taxonomy.engine.search import DERIVED_SHOWN_FROM

E = "http://data.europa.eu/esco/skill/"


def _lexicon() -> TranslationLexicon:
    return TranslationLexicon(
        en_to_nl={
            "lift": (("liftmonteurs", 0.13),),
            "profile": (("profiel", 0.5),),
            "camping": (("campings", 0.1),),
        },
        nl_to_en={
            "liftmonteurs": (("lift", 0.2),),
            "profiel": (("profile", 0.5),),
            "campings": (("camping", 0.1),),
        },
        counts_en={"lift": 14, "profile": 8, "camping": 8},
        counts_nl={"liftmonteurs": 3, "profiel": 6, "campings": 3, "veiligheid": 400},
        dictionary_pairs=frozenset({"profile profiel"}),
    )


def test_a_rare_sense_neither_the_dictionary_nor_the_spelling_attests_is_weak() -> None:
    lexicon = _lexicon()
    assert _weak(
        "lift", "liftmonteurs", lexicon
    )  # a compound that says more: seen 3 times, no dictionary pair
    assert not _weak("profile", "profiel", lexicon)  # the dictionary gives it
    assert not _weak("camping", "campings", lexicon)  # a form of the same word
    assert not _weak("safety", "veiligheid", lexicon)  # seen often enough to trust its alignment
    assert not _weak("", "liftmonteurs", lexicon)  # no English word behind the slot (a learned phrase)


def test_weak_candidates_take_their_own_calibration_and_it_survives_the_cache_form() -> None:
    pooled, weak = Calibration((0.0, 0.4), (0.42, 0.7)), Calibration((0.0, 0.3), (0.27, 0.45))
    model = DutchLabelModel(_lexicon(), LabelPatterns({}, {}), pooled, None, weak)
    derived = {
        d.text: d for d in model.derive([SkillToLabel(f"{E}a", "lift"), SkillToLabel(f"{E}b", "profile")])
    }
    assert derived["liftmonteurs"].confidence == 0.27  # the weak group's map, not the pooled 0.42
    assert derived["profiel"].confidence == 0.42  # the same quality (p 0.5), the pooled map
    again = DutchLabelModel.from_dict(model.as_dict())
    assert again.calibration_weak == weak and again.lexicon.attests("profile", "profiel")
    assert DutchLabelModel.from_dict({**model.as_dict(), "calibration_weak": None}).calibration_weak is None


def test_a_derived_label_below_the_display_cut_finds_its_concept_but_is_not_its_name() -> None:
    concepts = [
        ConceptRecord(f"{E}lift", "skill", "knowledge"),
        ConceptRecord(f"{E}gear", "skill", "knowledge"),
    ]
    labels = [
        LabelRecord(f"{E}lift", "en", "preferred", "lift safety legislation"),
        LabelRecord(
            f"{E}lift", "nl", "derived", "liftmonteurs veiligheid wetgeving", DERIVED_SHOWN_FROM - 0.03
        ),
        LabelRecord(f"{E}gear", "en", "preferred", "gear ratio"),
        LabelRecord(f"{E}gear", "nl", "derived", "overbrengingsverhouding", DERIVED_SHOWN_FROM + 0.1),
    ]
    index = SearchIndex(concepts, labels)
    hit = index.search("liftmonteurs wetgeving", lang="nl")[0]
    assert hit.uri == f"{E}lift" and hit.matched_type == "derived" and not hit.shown
    shown = index.shown(f"{E}lift", "nl")
    assert (shown.text, shown.lang, shown.derived) == ("lift safety legislation", "en", False)
    above = index.shown(f"{E}gear", "nl")
    assert (above.text, above.derived) == ("overbrengingsverhouding", True)
    assert index.search("overbrengingsverhouding", lang="nl")[0].shown


def test_the_english_word_in_dutch_spelling_is_no_compound_naming_another_thing() -> None:
    from techtalent.taxonomy.engine.derive.generate import _names_another_thing

    lexicon = TranslationLexicon(
        en_to_nl={"standard": (("standaard", 0.09),)},
        nl_to_en={
            "standaard": (("standard", 0.09),),
            "stand": (("position", 0.4),),
            "aard": (("nature", 0.4),),
        },
        counts_nl={"standaard": 4, "stand": 50, "aard": 50},
    )
    assert lexicon.compound_parts("standaard") == ["stand", "aard"]
    label = frozenset({"read", "standard", "blueprints"})
    # "standaard" is standard itself, not stand + aard (position, nature: words the label does not say) ...
    assert not _names_another_thing("standaard", "standard", label, lexicon)
    # ... while as a sense of another English word its parts are still checked
    assert _names_another_thing("standaard", "flag", frozenset({"flag"}), lexicon)
