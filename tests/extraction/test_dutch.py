"""Dutch through the skills language, on records written here: derived labels in the lexicon, Dutch verb
forms, and Dutch sentences as English word bags for the dense path (pure engine, no files, no Django)."""

from __future__ import annotations

from pathlib import Path

from techtalent.extraction.engine import Extractor, Lexicon
from techtalent.extraction.engine.glossary import NL_EN
from techtalent.extraction.engine.translate import Bridged, english_sentence, english_words
from techtalent.extraction.lexicon_cache import load_translator, save_translator, translator_file
from techtalent.taxonomy.engine.derive import TranslationLexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

E = "http://data.europa.eu/esco/skill/"
PUMPS, SAMPLES, VALVES, SHIFTS = E + "pumps", E + "samples", E + "valves", E + "shifts"
CONCEPTS = [ConceptRecord(uri, "skill", "skill/competence") for uri in (PUMPS, SAMPLES, VALVES, SHIFTS)]
LABELS = [
    LabelRecord(PUMPS, "en", "preferred", "operate pumps"),
    LabelRecord(SAMPLES, "en", "preferred", "collect samples"),
    LabelRecord(VALVES, "en", "preferred", "monitor valves"),
    LabelRecord(SHIFTS, "en", "preferred", "work in shifts"),
    LabelRecord(PUMPS, "nl", "derived", "pompen bedienen", 0.51),
    LabelRecord(SAMPLES, "nl", "derived", "monsters verzamelen", 0.61),
    LabelRecord(VALVES, "nl", "derived", "kleppen controleren", 0.12),  # too unsure for the lexicon
    LabelRecord(SHIFTS, "nl", "derived", "in ploegen werken", 0.44),
]
LEXICON = TranslationLexicon(
    en_to_nl={"pumps": (("pompen", 0.9),), "samples": (("monsters", 0.9),)},
    nl_to_en={
        "pompen": (("pumps", 0.8), ("pump", 0.5)),
        "monsters": (("samples", 0.9),),
        "ploegen": (("shifts", 0.6), ("teams", 0.1)),
        "werken": (("work", 0.9),),
        "storingen": (("malfunctions", 0.9),),
        "nemen": (("take", 0.9),),
        "uitvoeren": (("perform", 0.8),),
        "aansluiten": (("connect", 0.7),),
        "preventief": (("preventive", 0.7),),
        "onderhoud": (("maintenance", 0.9),),
        "verhelpen": (("loom", 1.0),),  # learned from too few sentences: wrong
    },
    counts_nl={"storingen": 35, "nemen": 200, "uitvoeren": 245, "aansluiten": 20, "verhelpen": 2},
    counts_en={"malfunctions": 30, "take": 90, "perform": 543, "repair": 215, "fix": 8, "loom": 4},
)
BRIDGED = Bridged(LEXICON, {"verhelpen": ("fix", "repair", "put right"), "nemen": ("get", "take")})


def lexicon() -> Lexicon:
    return Lexicon.build(CONCEPTS, LABELS, version="dutch-test")


def found(text: str) -> set[str]:
    return {c.uri for c in Extractor(lexicon()).extract(text, lang="nl").concepts}


def test_a_confident_derived_label_is_matched_and_says_it_is_derived() -> None:
    result = Extractor(lexicon()).extract("Bereid om in ploegen te werken? In ploegen werken.", lang="nl")
    assert [c.uri for c in result.concepts] == [SHIFTS]
    evidence = result.concepts[0].evidence
    assert evidence["label_type"] == "derived" and evidence["label_lang"] == "nl"


def test_a_derived_label_under_the_confidence_cut_is_left_out() -> None:
    assert found("Je moet kleppen controleren.") == set()
    lowered = Lexicon.build(CONCEPTS, LABELS, version="low", derived_min=0.1)
    unsure = Extractor(lowered).extract("Kleppen controleren.", lang="nl")
    assert not unsure.concepts and [c.uri for c in unsure.ranking] == [VALVES]  # weighted by its confidence


def test_verb_final_labels_match_second_person_and_nominalised_phrasing() -> None:
    assert found("Je bedient pompen in de fabriek.") == {PUMPS}  # "je …t", verb first
    assert found("Verantwoordelijk voor het bedienen van pompen.") == {PUMPS}
    assert found("Je verzamelt monsters voor het lab.") == {SAMPLES}
    assert found("Je werkt in ploegen.") == {SHIFTS}  # no glossary word: only the derived label knows it


def test_a_derived_label_never_outweighs_an_official_one() -> None:
    official = [*LABELS, LabelRecord(SHIFTS, "nl", "preferred", "pompen bedienen")]
    built = Lexicon.build(CONCEPTS, official, version="official")
    result = Extractor(built).extract("Pompen bedienen.", lang="nl")
    assert result.concepts[0].uri == SHIFTS  # an official label owns its words


def test_dutch_words_become_english_through_the_glossary_the_lemma_and_the_lexicon() -> None:
    assert english_words(LEXICON, "lassen", NL_EN) == ["welding"]  # the glossary first
    assert english_words(LEXICON, "pompen") == ["pumps", "pump"]  # a close runner-up is kept
    assert english_words(LEXICON, "ploegen") == ["shifts"]  # a far one is not
    assert english_words(LEXICON, "werkt") == ["work"]  # the lexicon knows the infinitive
    assert english_words(LEXICON, "siemens") == ["siemens"]  # unknown names stay


def test_a_dutch_sentence_becomes_an_english_word_bag_that_splits_like_english() -> None:
    bag = english_sentence(BRIDGED, "Je verhelpt storingen aan pompen, en je neemt monsters.", NL_EN)
    assert bag == "repair malfunctions pumps pump, and take samples"  # pompen: a close runner-up kept
    assert english_sentence(LEXICON, "Je hebt een VCA-diploma.", NL_EN).startswith("VCA")
    assert english_sentence(LEXICON, "Je bent het.", NL_EN) == ""


def test_a_dutch_certificate_esco_lacks_keeps_its_acronym_and_says_what_it_certifies() -> None:
    # VCA (Veiligheid, Gezondheid en Milieu Checklist Aannemers) is in no ESCO label: the acronym alone
    # reaches nothing, its gloss reaches the health-and-safety skills; "rijbewijs" also says what it allows.
    bag = english_sentence(LEXICON, "Je bent in het bezit van VCA.", NL_EN)
    assert bag.endswith("VCA health and safety standards certificate")
    assert "VCA health and safety" in english_sentence(LEXICON, "Een VCA-diploma is vereist.", NL_EN)
    assert "drive vehicles" in english_sentence(LEXICON, "Je hebt rijbewijs B.", NL_EN)
    assert english_sentence(LEXICON, "Je kent PLC.", NL_EN).endswith("PLC")  # unglossed: stays alone


def test_the_translator_is_saved_beside_the_lexicon_for_dask_workers(tmp_path: Path) -> None:
    path = translator_file(tmp_path / "lexicon-sqlite3-abc.pickle")
    assert path.name == "translator-sqlite3-abc.json"
    save_translator(LEXICON, path)
    loaded = load_translator(path)
    assert loaded is not None and loaded.to_english(["monsters"]) == LEXICON.to_english(["monsters"])
    assert load_translator(tmp_path / "missing.json") is None


def test_a_separable_verb_split_over_the_clause_is_translated_as_one() -> None:
    text = "Je voert preventief onderhoud uit aan pompen, en je sluit ze aan."
    bag = english_sentence(LEXICON, text, NL_EN)  # the lexicon knows uitvoeren and aansluiten
    assert bag == "perform preventive maintenance pumps pump, and connect"


PARTICLES = TranslationLexicon(
    en_to_nl={},
    nl_to_en={
        "werken": (("work", 0.9),),
        "inwerken": (("orient", 0.9),),  # a real verb: "in" before "ploegen" is its preposition, not it
        "toepassen": (("apply", 0.9),),
        "regels": (("rules", 0.9),),
        "ploegen": (("shifts", 0.9),),
    },
    counts_nl={"werken": 300, "inwerken": 12, "toepassen": 150, "regels": 80, "ploegen": 40},
    counts_en={"work": 900, "orient": 20, "apply": 700, "rules": 300, "shifts": 50, "intervene": 6},
)


def test_a_particle_that_opens_its_own_object_is_a_preposition_and_joins_no_verb() -> None:
    assert english_sentence(PARTICLES, "Je werkt in ploegen.") == "work shifts"  # not inwerken → orient
    assert english_sentence(PARTICLES, "Je werkt ze in.") == "orient"  # clause-final: the particle


def test_toe_is_a_separable_particle_and_a_dictionary_verb_can_be_joined() -> None:
    assert english_sentence(PARTICLES, "Je past de regels toe.") == "apply rules"
    # ingrijpen is not in the lexicon, only in the dictionary: joined and translated through it
    bridged = Bridged(PARTICLES, {"ingrijpen": ("intervene",)})
    assert english_sentence(bridged, "Je grijpt in bij storingen.").startswith("intervene")
    assert english_sentence(PARTICLES, "Je grijpt in bij storingen.").startswith("grijpt")


def test_a_word_the_lexicon_knows_weakly_takes_the_dictionary_word_esco_english_uses_most() -> None:
    assert english_words(LEXICON, "verhelpt") == ["loom"]  # the lexicon alone: seen twice, wrong
    assert english_words(BRIDGED, "verhelpt") == ["repair"]  # by the lemma; fix is rare in ESCO English
    assert english_words(BRIDGED, "neemt") == ["take"]  # a trusted word keeps the lexicon's translation
    assert english_words(Bridged(LEXICON, {}), "verhelpt") == ["loom"]  # no dictionary entry: unchanged
    unknown_only = Bridged(LEXICON, BRIDGED.dictionary, mode="unknown")
    assert english_words(unknown_only, "verhelpt") == ["loom"]
    assert english_words(Bridged(LEXICON, BRIDGED.dictionary, mode="add"), "verhelpt") == ["loom", "repair"]
