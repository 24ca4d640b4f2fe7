"""The label search engine on a toy taxonomy: inflection, word order, case, diacritics, hyphens, typos."""

from __future__ import annotations

import pytest

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex

E = "http://data.europa.eu/esco/"
CONCEPTS = [
    ConceptRecord(f"{E}occupation/welder", "occupation"),
    ConceptRecord(f"{E}skill/weld", "skill", "skill/competence", ("green",)),
    ConceptRecord(f"{E}skill/cnc", "skill", "skill/competence"),
    ConceptRecord(f"{E}occupation/coordinator", "occupation"),
    ConceptRecord(f"{E}skill/python", "skill", "knowledge", ("digital",)),
    ConceptRecord(f"{E}skill/staff", "skill", "skill/competence"),
    ConceptRecord(f"{E}skill/music-staff", "skill", "skill/competence"),
    ConceptRecord(f"{E}skill/electric", "skill", "skill/competence"),
]
LABELS = [
    LabelRecord(f"{E}occupation/welder", "nl", "preferred", "lasser"),
    LabelRecord(f"{E}occupation/welder", "en", "preferred", "welder"),
    LabelRecord(f"{E}skill/weld", "nl", "preferred", "lassen"),
    LabelRecord(f"{E}skill/weld", "en", "preferred", "use welding equipment"),
    LabelRecord(f"{E}skill/cnc", "nl", "preferred", "CNC-frezen"),
    LabelRecord(f"{E}skill/cnc", "en", "preferred", "operate CNC milling machine"),
    LabelRecord(f"{E}occupation/coordinator", "nl", "preferred", "coördinator lastechniek"),
    LabelRecord(f"{E}occupation/coordinator", "nl", "alternative", "lascoördinator"),
    LabelRecord(f"{E}skill/python", "en", "preferred", "Python (computer programming)"),
    LabelRecord(f"{E}skill/staff", "en", "preferred", "manage staff"),
    LabelRecord(f"{E}skill/music-staff", "en", "preferred", "manage musical staff"),
    LabelRecord(f"{E}skill/music-staff", "en", "alternative", "direct musical staff"),
    LabelRecord(f"{E}skill/electric", "en", "preferred", "install electrical equipment"),
    LabelRecord(f"{E}skill/electric", "en", "alternative", "manage staff of electricians"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(CONCEPTS, LABELS)


def top(index: SearchIndex, query: str, **kwargs: object) -> str:
    hits = index.search(query, **kwargs)  # type: ignore[arg-type]
    assert hits, f"nothing found for {query!r}"
    return hits[0].uri.rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lasser", "welder"),
        ("Lasser", "welder"),
        ("lassen", "weld"),
        ("CNC frezen", "cnc"),
        ("cnc-frezen", "cnc"),
        ("frezen CNC", "cnc"),
        ("coordinator lastechniek", "coordinator"),
        ("lastechniek coördinator", "coordinator"),
        ("welding equipment", "weld"),
        ("milling machines", "cnc"),
        ("pyhton", "python"),
        ("lasssen", "weld"),
        ("musical staff manage", "music-staff"),
    ],
)
def test_search_tolerates_inflection_order_case_diacritics_hyphens_and_one_typo(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert top(index, query) == expected


def test_preferred_labels_rank_above_alternative_labels(index: SearchIndex) -> None:
    hits = index.search("manage staff", lang="en", limit=3)
    assert hits[0].uri.endswith("/staff")
    assert hits[0].matched_type == "preferred"
    assert hits[0].score > hits[1].score


def test_filters_by_kind_skill_type_and_collection(index: SearchIndex) -> None:
    assert all(h.kind == "occupation" for h in index.search("las", kind="occupation"))
    assert [h.uri for h in index.search("python", skill_type="knowledge")] == [f"{E}skill/python"]
    assert index.search("python", skill_type="skill/competence") == []
    assert [h.uri for h in index.search("lassen", collection="green")] == [f"{E}skill/weld"]
    assert index.search("lassen", collection="digital") == []


def test_dutch_search_also_finds_english_labels(index: SearchIndex) -> None:
    hits = index.search("python", lang="nl")
    assert hits[0].uri == f"{E}skill/python" and hits[0].matched_lang == "en"


def test_display_label_falls_back_to_the_other_language(index: SearchIndex) -> None:
    assert index.display_label(f"{E}skill/python", "nl") == ("Python (computer programming)", "en")
    assert index.display_label(f"{E}occupation/welder", "nl") == ("lasser", "nl")


def test_scores_stay_between_zero_and_one_and_empty_queries_find_nothing(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   --- ") == []
    assert all(0 < h.score <= 1 for h in index.search("manage"))


def test_search_as_you_type_completes_the_last_word(index: SearchIndex) -> None:
    assert top(index, "operate CNC mil") == "cnc"
