"""The taxonomy API and pages on the toy export: search, concepts, frameworks, languages, errors."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

from techtalent.taxonomy.frameworks import frameworks_load
from techtalent.taxonomy.services import esco_import
from tests.taxonomy.toy_esco import OCC, SKILLS

pytestmark = pytest.mark.django_db


@pytest.fixture
def toy(toy_esco: Path) -> None:
    esco_import(toy_esco)
    frameworks_load()


def test_api_search_returns_paginated_ranked_hits(client: Client, toy: None) -> None:
    response = client.get("/api/esco/search", {"q": "lasser", "kind": "occupation"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1 and body["items"][0]["uri"] == OCC["welder"][0]
    assert {"uri", "label", "kind", "score"} <= set(body["items"][0])


def test_api_search_shows_a_derived_label_marked_when_a_label_is_missing(client: Client, toy: None) -> None:
    from techtalent.taxonomy import selectors
    from techtalent.taxonomy.models import Concept, DerivedLabel

    java = Concept.objects.get(uri=SKILLS["java"][0])
    DerivedLabel.objects.filter(concept=java).delete()  # a confident derived label, as a full import makes
    DerivedLabel.objects.create(
        concept=java,
        lang="nl",
        text="Java (computerprogrammering)",
        confidence=0.8,
        method="phrase-table",
        rank=1,
    )
    selectors.forget_cache()
    body = client.get("/api/esco/search", {"q": "java", "lang": "nl"}).json()
    assert body["items"][0]["uri"] == SKILLS["java"][0]
    assert body["items"][0]["label_lang"] == "nl" and body["items"][0]["label_derived"] is True
    assert body["items"][0]["label"] == "Java (computerprogrammering)"
    assert body["items"][0]["label_original"] == "Java (computer programming)"


def test_api_search_shows_the_english_label_for_a_derived_label_below_the_display_cut(
    client: Client, toy: None
) -> None:
    # The toy's own derivation (a handful of examples) copies the English words at a low confidence, below
    # the display cut: it finds the skill, and the official English label is shown, marked with its language.
    from techtalent.taxonomy.engine.search import DERIVED_SHOWN_FROM
    from techtalent.taxonomy.models import DerivedLabel

    derived = DerivedLabel.objects.filter(concept__uri=SKILLS["java"][0])
    assert derived.exists() and max(derived.values_list("confidence", flat=True)) < DERIVED_SHOWN_FROM
    body = client.get("/api/esco/search", {"q": "java computer programming", "lang": "nl"}).json()
    top = body["items"][0]
    assert top["uri"] == SKILLS["java"][0]
    assert (top["label"], top["label_lang"], top["label_derived"]) == (
        "Java (computer programming)",
        "en",
        False,
    )


@pytest.mark.parametrize(
    "params",
    [{"q": "lassen", "lang": "fr"}, {"q": ""}, {"q": "lassen", "kind": "planet"}, {"q": "x" * 301}, {}],
)
def test_api_rejects_bad_search_input_with_4xx_and_a_detail(client: Client, toy: None, params: dict) -> None:
    response = client.get("/api/esco/search", params)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_api_concept_has_labels_in_both_languages_and_relations(client: Client, toy: None) -> None:
    body = client.get("/api/esco/concept", {"uri": OCC["developer"][0], "lang": "en"}).json()
    assert body["label"] == "software developer"
    assert body["labels"]["nl"]["preferred"] == ["softwareontwikkelaar"]
    assert {r["uri"] for r in body["essential_skills"]} == {SKILLS["python"][0], SKILLS["sql"][0]}
    assert [r["uri"] for r in body["optional_skills"]] == [SKILLS["java"][0]]
    python = client.get("/api/esco/concept", {"uri": SKILLS["python"][0]}).json()
    assert [r["uri"] for r in python["occupations_essential"]] == [OCC["developer"][0]]
    assert python["collections"] == ["digital"]
    assert [r["label"] for r in python["breadcrumbs"]] == ["ICT"]


def test_api_unknown_concept_is_a_404_with_detail(client: Client, toy: None) -> None:
    response = client.get("/api/esco/concept", {"uri": "http://data.europa.eu/esco/skill/nope"})
    assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_api_frameworks_list_and_detail_carry_provenance(client: Client, toy: None) -> None:
    frameworks = client.get("/api/esco/frameworks").json()
    codes = {f["code"] for f in frameworks["items"]}
    assert {"maturity-levels", "transformations", "industry40-competencies"} <= codes
    detail = client.get("/api/esco/frameworks/transformations").json()
    assert len(detail["items"]) == 9
    assert all(
        item["source_document"].startswith("003_") and item["source_quote"] for item in detail["items"]
    )
    assert client.get("/api/esco/frameworks/nope").status_code == 404


def test_openapi_document_generates(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/esco/search" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_pages_are_dutch_by_default_and_english_on_request(client: Client, toy: None) -> None:
    page = client.get("/esco/", {"q": "lasser"}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="nl">' in html and "Vaardigheden en beroepen" in html
    assert "lasser" in html
    english = client.get("/esco/", {"q": "welder", "lang": "en"}).content.decode()
    assert '<html lang="en">' in english and "Skills and occupations" in english


def test_search_as_you_type_returns_only_the_result_list_to_htmx(client: Client, toy: None) -> None:
    partial = client.get("/esco/", {"q": "lass"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "lasser" in partial


def test_concept_page_shows_both_languages_hierarchy_and_skills(client: Client, toy: None) -> None:
    html = client.get(f"/esco/concept/?uri={quote(OCC['developer'][0])}").content.decode()
    assert "softwareontwikkelaar" in html and "software developer" in html
    assert "Python (computerprogrammering)" in html
    assert 'class="badge derived"' in html  # Java has no Dutch label: a derived one is shown, marked
    assert client.get("/esco/concept/?uri=nope").status_code == 404


def test_framework_pages_list_items_with_sources(client: Client, toy: None) -> None:
    html = client.get("/esco/frameworks/").content.decode()
    assert "003_989611638bc5453e.txt" in html
    detail = client.get("/esco/frameworks/maturity-levels/").content.decode()
    for level in ("Starter", "Koploper", "Incubator"):
        assert level in detail


def test_home_page_says_how_to_import_when_no_taxonomy_is_there(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "techtalent esco import" in html
