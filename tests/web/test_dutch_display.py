"""One display rule on every page and export that names a skill: a skill without an official Dutch label is
shown by its derived Dutch label, marked "automatisch vertaald" with the English label in the title, and
exports say which labels are derived (toy ESCO; the Java skill has no official Dutch label)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from techtalent.taxonomy.selectors import ShownName, shown_name
from tests.taxonomy.toy_esco import SKILLS

pytestmark = pytest.mark.django_db

JAVA = SKILLS["java"][0]
WELD = SKILLS["weld"][0]
DERIVED = "Java-programmering"
ENGLISH = "Java (computer programming)"
MARK = 'class="badge derived" title="Automatisch vertaald uit het Engelse label “Java (computer programming)”'


@pytest.fixture
def toy(derived_toy: Path) -> Path:
    """The toy ESCO with a derived Dutch label for Java (``DERIVED``)."""
    return derived_toy


def _user_client(name: str = "anna") -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user(name, password="Geheim-wachtwoord-1"))
    return client


def test_the_extraction_page_shows_and_exports_a_derived_name_marked(client: Client, toy: Path) -> None:
    html = client.post(
        "/extract/analyse/", {"text": "Je programmeert in Java en kunt lassen.", "lang": "nl"}
    ).content.decode()
    row = html.split(f'data-uri="{JAVA}"', 2)[-1].split("</tr>", 1)[0]
    assert DERIVED in row and MARK in row
    assert ENGLISH not in row.split("badge derived", 1)[0]  # the English label is only in the mark's title
    mark = re.search(rf'<mark[^>]*data-uri="{re.escape(JAVA)}" title="([^"]*)"', html)
    assert mark and mark.group(1).startswith(f"{DERIVED} (automatisch vertaald)")
    client.post("/extract/decide/", {"uri": JAVA, "decision": "accepted"})
    client.post("/extract/decide/", {"uri": WELD, "decision": "accepted"})
    exported = json.loads(client.get("/extract/export/").content)
    by_uri = {c["uri"]: c for c in exported["concepts"]}
    java, weld = by_uri[JAVA], by_uri[WELD]
    assert (java["display_label"], java["display_lang"], java["display_derived"]) == (DERIVED, "nl", True)
    assert java["display_original"] == ENGLISH
    assert (weld["display_label"], weld["display_derived"], weld["display_original"]) == ("lassen", False, "")


def test_search_as_you_type_hits_and_the_cv_review_mark_a_derived_name(toy: Path) -> None:
    client = _user_client()
    hits = client.get("/passport/search/skills/", {"q": "java"}).content.decode()
    assert DERIVED in hits and MARK in hits and "other-lang" not in hits
    with translation.override("nl"):
        page = render_to_string(
            "matching/cv.html", {"rows": [{"uri": JAVA, "evidence": "Java", "shown": shown_name(JAVA, "nl")}]}
        )
    assert DERIVED in page and MARK in page and "other-lang" not in page


def test_catalog_names_and_routes_use_the_rule_and_say_which_labels_are_derived(toy: Path) -> None:
    from techtalent.catalog.skills import skill_labels, skill_names

    names = skill_names([JAVA, WELD, "http://example.org/unknown"], "nl")
    assert set(names) == {JAVA, WELD}
    assert (names[JAVA].text, names[JAVA].derived, names[JAVA].original) == (DERIVED, True, ENGLISH)
    assert skill_labels([JAVA], "nl") == {JAVA: ENGLISH}  # official labels only (credentials, known checks)
    route = {
        "stations": [
            {
                "id": 1,
                "title": "Programmeren",
                "provider": "ROC",
                "hours": 10,
                "cost_eur": None,
                "teaches": [{"uri": JAVA, "label": DERIVED, "label_lang": "nl", "label_derived": True}],
            }
        ],
        "missing": [WELD],
        "missing_labels": {WELD: "lassen"},
        "missing_derived": [],
        "hours": 10,
        "cost_eur": 0,
    }
    with translation.override("nl"):
        html = render_to_string("catalog/_route_body.html", {"route": route, "skills": JAVA})
    assert DERIVED in html and "badge derived" in html and "lassen" in html


def test_one_shown_name_serves_passports_matches_and_scans(toy: Path) -> None:
    java = shown_name(JAVA, "nl")
    assert (java.label, java.lang, java.fallback, java.derived, java.original) == (
        DERIVED,
        "nl",
        False,
        True,
        ENGLISH,
    )
    assert shown_name(JAVA, "en") == ShownName(JAVA, ENGLISH, "en")
    assert shown_name(WELD, "nl").label == "lassen"


def test_the_candidates_csv_lists_the_derived_labels_it_contains() -> None:
    from techtalent.orgs.candidates import as_csv

    def skill(label: str, derived: bool) -> dict[str, Any]:
        return {"label": label, "derived": derived}

    found = [
        {
            "passport": 7,
            "score": 0.5,
            "explanation": {
                "coverage": 0.5,
                "matched": [skill("lassen", False), skill(DERIVED, True)],
                "partial": [],
                "missing": [skill("machines bedienen (afgeleid)", True)],
            },
        }
    ]
    rows = list(csv.DictReader(io.StringIO(as_csv(found))))
    assert rows[0]["matched"] == f"lassen; {DERIVED}"
    assert rows[0]["labels_derived"] == f"{DERIVED}; machines bedienen (afgeleid)"


def test_the_scan_mapping_is_read_once_per_framework_state(toy: Path, django_assert_num_queries: Any) -> None:
    from techtalent.scan.mapping import level_mapping
    from techtalent.taxonomy.frameworks import frameworks_load

    frameworks_load()
    first = level_mapping()
    with django_assert_num_queries(1):  # only the framework's stamp
        assert level_mapping() is first
    frameworks_load()  # reloaded: new items, so the mapping is read again
    again = level_mapping()
    assert again is not first and again.competencies.keys() == first.competencies.keys()


def test_a_concept_found_through_a_hidden_label_does_not_show_that_misspelling() -> None:
    concept = {
        "uri": WELD,
        "kind": "skill",
        "label": "lasssen",
        "score": 0.8,
        "display": "lassen",
        "display_lang": "nl",
        "display_derived": False,
        "display_original": "",
        "decision": "open",
        "evidence": {"rule": "exact", "label_type": "hidden", "label_lang": "nl"},
    }
    with translation.override("nl"):
        row = render_to_string("extraction/_concept_row.html", {"c": concept, "lang": "nl"})
    assert "lassen" in row and "gevonden als bekende verschrijving" in row and "lasssen" not in row


def test_the_passport_export_page_and_api_say_which_labels_are_derived(toy: Path) -> None:
    from techtalent.matching.services import passport_get_or_create, skill_add

    client = _user_client("wim")
    passport = passport_get_or_create(user=get_user_model().objects.get(username="wim"))
    skill_add(passport=passport, uri=JAVA)
    skill_add(passport=passport, uri=WELD)
    page = json.loads(client.get("/passport/export.json").content)
    api = client.get(f"/api/passports/{passport.pk}/export").json()
    for exported in (page, api):
        by_uri = {s["uri"]: s for s in exported["skills"]}
        assert (by_uri[JAVA]["label"], by_uri[JAVA]["label_lang"], by_uri[JAVA]["label_derived"]) == (
            DERIVED,
            "nl",
            True,
        )
        assert (by_uri[WELD]["label"], by_uri[WELD]["label_derived"]) == ("lassen", False)
        assert (by_uri[JAVA]["label_original"], by_uri[WELD]["label_original"]) == (ENGLISH, "")
    added = client.post(
        f"/api/passports/{passport.pk}/skills", {"uri": JAVA}, content_type="application/json"
    ).json()
    assert (added["label"], added["label_derived"]) == (DERIVED, True)


def test_the_gaps_of_a_match_say_which_labels_are_derived_and_from_which_label(toy: Path) -> None:
    python = SKILLS["python"][0]
    found = Client().post(
        "/api/match/occupations",
        {"skills": {python: "advanced"}, "lang": "nl"},
        content_type="application/json",
    )
    assert found.status_code == 200, found.content
    gaps = [s for m in found.json()["items"] for s in m["explanation"]["missing"]]
    java = next(s for s in gaps if s["uri"] == JAVA)
    assert (java["label"], java["derived"], java["original"], java["fallback"]) == (
        DERIVED,
        True,
        ENGLISH,
        False,
    )
    assert all(s["original"] == "" for s in gaps if not s["derived"])
