"""Job-title normalisation on the toy taxonomy of test_engine (pure, no Django)."""

from __future__ import annotations

import pytest

from techtalent.extraction.engine import Lexicon, TitleNormaliser, clean_title
from techtalent.extraction.engine.titles import head_noun
from techtalent.taxonomy.engine.search import SearchIndex
from tests.extraction.test_engine import OCC, toy_records


@pytest.fixture(autouse=True)
def _private_cache() -> None:
    """Overrides the Django-settings fixture of this folder's conftest: the engine needs no settings."""


@pytest.fixture(scope="module")
def normaliser() -> TitleNormaliser:
    concepts, labels = toy_records()
    return TitleNormaliser(Lexicon.build(concepts, labels, version="toy-titles"))


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Lasser (m/v)", "Lasser"),
        ("Lasser m/v/x", "Lasser"),
        ("Medewerker klantenservice/ster", "Medewerker klantenservice"),
        ("Sr. Software Developer - Amsterdam - 32-40 uur", "Software Developer"),
        ("Vacature: Monteur technische dienst fulltime", "Monteur technische dienst"),
        ("Junior verpleegkundige (24 - 32 uur) in Utrecht", "verpleegkundige"),
        ("Medior Java-ontwikkelaar", "Java-ontwikkelaar"),
    ],
)
def test_title_cleaning_removes_gender_markers_hours_places_and_seniority(title: str, cleaned: str) -> None:
    assert clean_title(title)[0] == cleaned


def test_a_title_with_alternatives_is_searched_as_each_alternative() -> None:
    forms = clean_title("Monteur/technicus")
    assert "Monteur" in forms and "technicus" in forms


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("medewerker klantenservice", "medewerker"),
        ("software developer", "developer"),
        ("hoofd onderhoud", "hoofd"),
    ],
)
def test_the_head_noun_of_a_title_is_found(title: str, head: str) -> None:
    assert head_noun(title) == head


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Lasser (m/v)", "welder"),
        ("Lasster", "welder"),
        ("Sr. Software Developer - Amsterdam - 32-40 uur", "developer"),
        ("Medewerker klantenservice/ster", "service"),
        ("Vacature: Monteur technische dienst fulltime", "maintenance"),
        ("Onderhoudsmonteurs gezocht", "maintenance"),
        ("Verpleegkundige 24-32 uur", "nurse"),
        ("Programeur", "developer"),
    ],
)
def test_job_titles_map_to_their_occupation_first(
    normaliser: TitleNormaliser, title: str, occupation: str
) -> None:
    matches = normaliser.normalise(title, lang="nl", top=3)
    assert matches and matches[0].uri == OCC[occupation]
    assert all(0.0 <= m.score <= 1.0 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_the_normaliser_accepts_a_ready_search_index() -> None:
    concepts, labels = toy_records()
    index = SearchIndex([c for c in concepts if c.kind == "occupation"], labels)
    matches = TitleNormaliser(index).normalise("Lasser", top=1)
    assert [m.uri for m in matches] == [OCC["welder"]]
    assert matches[0].label == "lasser"


def test_a_spacing_or_hyphen_variant_of_a_label_is_that_label(normaliser: TitleNormaliser) -> None:
    # "softwareontwikkelaar" is the developer's label: "software-ontwikkelaar", "Software ontwikkelaar" too
    assert normaliser.spelled_as("Software-ontwikkelaar", "nl") == {OCC["developer"]}
    assert normaliser.spelled_as("software ontwikkelaar", "nl") == {OCC["developer"]}
    assert normaliser.spelled_as("ontwikkelaar", "nl") == set()
    for title in ("Software-ontwikkelaar", "software ontwikkelaar"):
        first = normaliser.normalise(title, lang="nl", top=2)[0]
        assert first.uri == OCC["developer"] and first.score == 1.0
