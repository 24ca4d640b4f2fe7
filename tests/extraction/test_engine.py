"""The pure extraction engine on a toy taxonomy written here as records (fast, no files, no Django)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from techtalent.extraction.engine import (
    Extractor,
    ForeignLanguage,
    Lexicon,
    UnsupportedLanguage,
    detect_language,
)
from techtalent.extraction.lexicon_cache import cached_lexicon, load_lexicon, save_lexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

E = "http://data.europa.eu/esco/"
S = {
    name: E + "skill/" + name
    for name in (
        "welding tig mig cnc python java sql sap drawings softdev projects logistics pensions "
        "assist-a assist-b assist-c assist-d teamwork"
    ).split()
}
OCC = {name: E + "occupation/" + name for name in "welder developer service maintenance nurse".split()}

LABELS = [
    (S["welding"], "en", "preferred", "welding"),
    (S["welding"], "en", "alternative", "weld metal"),
    (S["tig"], "en", "preferred", "perform tungsten inert gas welding"),
    (S["tig"], "nl", "preferred", "TIG-lassen"),
    (S["mig"], "en", "preferred", "perform metal inert gas welding"),
    (S["mig"], "nl", "preferred", "MIG-lassen"),
    (S["cnc"], "en", "preferred", "tend CNC milling machine"),
    (S["python"], "en", "preferred", "Python (computer programming)"),
    (S["python"], "nl", "preferred", "Python (computerprogrammering)"),
    (S["java"], "en", "preferred", "Java (computer programming)"),
    (S["java"], "en", "alternative", "Java"),
    (S["sql"], "en", "preferred", "SQL"),
    (S["sap"], "en", "preferred", "SAP R3"),
    (S["sap"], "en", "alternative", "SAP"),
    (S["drawings"], "en", "preferred", "interpret technical drawings"),
    (S["drawings"], "nl", "preferred", "technische tekeningen lezen"),
    (S["drawings"], "nl", "alternative", "technische tekeningen"),
    (S["softdev"], "en", "preferred", "develop software"),
    (S["softdev"], "nl", "preferred", "softwareontwikkeling"),
    (S["softdev"], "nl", "hidden", "software bouwen"),
    (S["projects"], "nl", "preferred", "projectmanagement"),
    (S["projects"], "en", "preferred", "project management"),
    (S["logistics"], "nl", "preferred", "logistiek"),
    (S["logistics"], "en", "preferred", "logistics"),
    (S["pensions"], "nl", "preferred", "pensioenregelingen"),
    (S["pensions"], "en", "preferred", "pension schemes"),
    (S["teamwork"], "en", "preferred", "work in teams"),
    (S["teamwork"], "en", "alternative", "team"),
    *[(S[f"assist-{x}"], "en", "alternative", "assisting") for x in "abcd"],
    *[(S[f"assist-{x}"], "en", "preferred", f"assist with {x} tasks") for x in "abcd"],
    (OCC["welder"], "nl", "preferred", "lasser"),
    (OCC["welder"], "nl", "alternative", "lasster"),
    (OCC["welder"], "en", "preferred", "welder"),
    (OCC["developer"], "nl", "preferred", "softwareontwikkelaar"),
    (OCC["developer"], "nl", "alternative", "programmeur"),
    (OCC["developer"], "en", "preferred", "software developer"),
    (OCC["service"], "nl", "preferred", "medewerker klantenservice"),
    (OCC["service"], "en", "preferred", "customer service representative"),
    (OCC["maintenance"], "nl", "preferred", "onderhoudsmonteur"),
    (OCC["maintenance"], "nl", "alternative", "monteur technische dienst"),
    (OCC["maintenance"], "en", "preferred", "maintenance technician"),
    (OCC["nurse"], "nl", "preferred", "verpleegkundige"),
    (OCC["nurse"], "en", "preferred", "nurse"),
]


def toy_records() -> tuple[list[ConceptRecord], list[LabelRecord]]:
    """The toy taxonomy as engine records."""
    concepts = [ConceptRecord(uri, "skill", "skill/competence") for uri in S.values()]
    concepts += [ConceptRecord(uri, "occupation") for uri in OCC.values()]
    return concepts, [LabelRecord(*row) for row in LABELS]


@pytest.fixture(autouse=True)
def _private_cache() -> None:
    """Overrides the Django-settings fixture of this folder's conftest: the engine needs no settings."""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    concepts, labels = toy_records()
    return Lexicon.build(concepts, labels, version="toy-1")


@pytest.fixture(scope="module")
def extractor(lexicon: Lexicon) -> Extractor:
    return Extractor(lexicon)


def uris(extractor: Extractor, text: str, **options: object) -> list[str]:
    return [c.uri for c in extractor.extract(text, **options).concepts]  # type: ignore[arg-type]


def test_a_dutch_vacancy_finds_welding_through_inflection_and_the_dutch_english_bridge(
    extractor: Extractor,
) -> None:
    found = uris(extractor, "Je hebt ervaring met lassen en het lezen van technische tekeningen.", lang="nl")
    assert S["welding"] in found
    assert S["drawings"] in found


def test_elliptic_coordination_finds_both_mig_and_tig_welding(extractor: Extractor) -> None:
    found = uris(extractor, "Je beheerst MIG- en TIG-lassen.", lang="nl")
    assert S["mig"] in found and S["tig"] in found


def test_a_cnc_milling_machine_in_a_dutch_compound_finds_the_skill_by_its_object(
    extractor: Extractor,
) -> None:
    assert S["cnc"] in uris(extractor, "Je bedient de CNC-freesmachine.", lang="nl")


def test_an_english_enumeration_finds_every_item(extractor: Extractor) -> None:
    found = uris(extractor, "You have knowledge of Python, Java and SQL.", lang="en")
    assert {S["python"], S["java"], S["sql"]} <= set(found)


def test_a_dutch_closed_compound_matches_the_same_words_written_apart(extractor: Extractor) -> None:
    assert S["softdev"] in uris(extractor, "Ervaring met software-ontwikkeling.", lang="nl")
    assert S["projects"] in uris(extractor, "Ervaring met project management.", lang="nl")


def test_spans_point_into_the_original_text_even_after_ligatures_and_diacritics(extractor: Extractor) -> None:
    text = "Coördinatie en ﬁjn werk: Straße. Kennis van Python."
    python = next(c for c in extractor.extract(text, lang="nl").concepts if c.uri == S["python"])
    assert [text[a:b] for a, b in python.spans] == ["Python"]


def test_negated_requirements_are_left_out(extractor: Extractor) -> None:
    assert S["sap"] not in uris(extractor, "Geen ervaring met SAP vereist.", lang="nl")
    assert S["sql"] not in uris(extractor, "Knowledge of SQL is not required.", lang="en")
    assert S["sql"] in uris(extractor, "Knowledge of SQL is required.", lang="en")


def test_benefits_and_company_blurbs_give_no_skills(extractor: Extractor) -> None:
    text = (
        "Over ons\nWij zijn een innovatief bedrijf in de logistiek.\n\n"
        "Wat bieden wij?\nEen goed salaris en pensioenregelingen.\n\n"
        "Wat vragen wij?\nKennis van Python."
    )
    found = uris(extractor, text, lang="nl")
    assert found == [S["python"]]


def test_a_short_acronym_that_is_also_a_word_matches_only_in_capitals(extractor: Extractor) -> None:
    assert S["sap"] in uris(extractor, "Kennis van SAP.", lang="nl")
    assert S["sap"] not in uris(extractor, "Vers sap uit de pers.", lang="nl")


def test_labels_shared_by_many_concepts_and_generic_labels_are_dropped(extractor: Extractor) -> None:
    found = uris(extractor, "Assisting the team with assisting.", lang="en")
    assert not any(uri.startswith(E + "skill/assist") for uri in found)
    assert S["teamwork"] not in found


def test_a_female_occupation_label_does_not_match_the_welding_verb(extractor: Extractor) -> None:
    found = uris(extractor, "Lassen is je vak.", lang="nl")
    assert OCC["welder"] not in found and S["welding"] in found


def test_stems_do_not_join_words_that_differ_by_more_than_inflection(extractor: Extractor) -> None:
    # Snowball gives "developer" and "development" the same stem; "software development" is not a person.
    assert OCC["developer"] not in uris(extractor, "We value software development.", lang="en")
    assert OCC["developer"] in uris(extractor, "We need software developers.", lang="en")


def test_a_typo_in_a_long_word_is_suggested_as_a_near_miss_under_the_threshold(extractor: Extractor) -> None:
    result = extractor.extract("Ervaring met sofwareontwikkeling.", lang="nl")
    ranked = {c.uri: c for c in result.ranking}
    assert S["softdev"] in ranked and ranked[S["softdev"]].evidence["rule"] == "fuzzy"
    assert S["softdev"] not in {c.uri for c in result.concepts}  # a typo alone is a suggestion
    assert Extractor(extractor.lexicon, min_score=0.3).extract("Ervaring met sofwareontwikkeling.").concepts


def test_the_result_dict_has_exactly_the_interface_fields_ranked_by_score(extractor: Extractor) -> None:
    result = extractor.extract("Python, Java en SQL. Python!", lang="nl", doc_id="doc-1").to_dict()
    assert (
        set(result) == {"id", "lang", "concepts", "ranking"}
        and result["id"] == "doc-1"
        and result["lang"] == "nl"
    )
    assert all(set(c) == {"uri", "kind", "label", "spans", "score", "evidence"} for c in result["concepts"])
    scores = [c["score"] for c in result["concepts"]]
    assert scores == sorted(scores, reverse=True) and all(0.0 <= s <= 1.0 for s in scores)
    evidence = result["concepts"][0]["evidence"]
    assert {"variant", "label_type", "label_lang", "rule", "sentence"} <= set(evidence)


def test_repeated_mentions_score_higher_than_one(extractor: Extractor) -> None:
    once = extractor.extract("Kennis van Python.", lang="nl").concepts[0].score
    thrice = (
        extractor.extract("Kennis van Python. Python-scripts. Python dagelijks.", lang="nl").concepts[0].score
    )
    assert thrice > once


def test_a_nice_to_have_scores_lower_than_a_requirement(extractor: Extractor) -> None:
    required = extractor.extract("Kennis van SQL is vereist.", lang="nl").concepts[0].score
    plus = extractor.extract("Kennis van SQL is een pré.", lang="nl").concepts[0].score
    assert plus < required


def test_the_kinds_filter_limits_results(extractor: Extractor) -> None:
    text = "Als lasser lees je technische tekeningen."
    assert uris(extractor, text, lang="nl", kinds=("occupation",)) == [OCC["welder"]]


def test_language_is_detected_and_an_unsupported_one_is_refused(extractor: Extractor) -> None:
    assert detect_language("Wij zoeken een lasser met ervaring in de bouw.") == "nl"
    assert detect_language("We are looking for a welder with experience in construction.") == "en"
    assert extractor.extract("We are looking for a welder with experience.").lang == "en"
    with pytest.raises(UnsupportedLanguage):
        extractor.extract("Wir suchen einen Schweißer.", lang="de")


def test_an_empty_text_finds_nothing(extractor: Extractor) -> None:
    assert extractor.extract("", lang="nl").concepts == []
    assert extractor.extract("  \n ... ", lang="auto").concepts == []


def test_a_saved_lexicon_loads_to_the_same_results(lexicon: Lexicon, tmp_path: Path) -> None:
    save_lexicon(lexicon, tmp_path / "lexicon.pickle")
    loaded = load_lexicon(tmp_path / "lexicon.pickle")
    text = "Je beheerst MIG- en TIG-lassen, Python en technische tekeningen."
    assert Extractor(loaded).extract(text).to_dict() == Extractor(lexicon).extract(text).to_dict()
    assert loaded.version == "toy-1"


def test_the_cache_builds_once_and_then_loads(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> tuple[Sequence[ConceptRecord], list[LabelRecord]]:
        calls.append(1)
        return toy_records()

    first = cached_lexicon(tmp_path, "toy/2024-01-01 12:00", build)
    second = cached_lexicon(tmp_path, "toy/2024-01-01 12:00", build)
    assert len(calls) == 1 and len(first) == len(second)
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon-toy_2024-01-01_12_00.pickle"]


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "lexicon-v1.pickle").write_bytes(b"not a pickle")
    lexicon = cached_lexicon(tmp_path, "v1", toy_records)
    assert len(lexicon) > 0


def test_a_lexicon_state_of_another_format_is_refused(lexicon: Lexicon) -> None:
    with pytest.raises(ValueError, match="format"):
        Lexicon.from_state((0, "old"))


def test_german_and_french_texts_are_refused_and_dutch_ones_with_english_words_are_not(
    extractor: Extractor,
) -> None:
    german = (
        "Wir suchen einen Schweißer für unsere Werkstatt. "
        "Sie beherrschen das WIG-Schweißen und sind teamfähig."
    )
    french = (
        "Nous recherchons un soudeur pour notre atelier. Vous maîtrisez le soudage TIG et vous êtes autonome."
    )
    with pytest.raises(ForeignLanguage, match="German"):
        extractor.extract(german)
    with pytest.raises(ForeignLanguage, match="French"):
        extractor.extract(french, lang="nl")
    assert extractor.extract("Kennis van Python, Java en SQL is vereist.").lang == "nl"
