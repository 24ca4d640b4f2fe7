"""Two concepts that one list shows under the same machine-made Dutch name are told apart by their English
label: on the CV review, the passport, the shared passport and the search-as-you-type hits (full ESCO
derives "hydraulica" for both hydraulics and pneumatics, "lasapparatuur gebruiken" for three skills)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from techtalent.taxonomy.twins import hits_with_twins, rows_with_twins, twins
from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
TWIN = "gaslassen uitvoeren"


def _one_derived_name_for_both_gas_welding_skills() -> dict[str, str]:
    """MAG and TIG welding lose their Dutch labels, both get the derived name TWIN; their English names."""
    from techtalent.taxonomy import selectors
    from techtalent.taxonomy.models import Concept, DerivedLabel, Label

    english = {}
    for key in ("mag_welding", "tig_welding"):
        concept = Concept.objects.get(uri=URI[key])
        Label.objects.filter(concept=concept, lang="nl").delete()
        DerivedLabel.objects.filter(concept=concept).delete()
        DerivedLabel.objects.create(
            concept=concept, lang="nl", text=TWIN, confidence=0.6, method="word", rank=1
        )
        english[key] = Label.objects.get(concept=concept, lang="en", type="preferred").text
    selectors.forget_cache()
    return english


@pytest.mark.django_db
def test_each_twin_shows_its_english_label_and_other_names_do_not(alice_passport: Any, alice: Any) -> None:
    from techtalent.matching import services

    english = _one_derived_name_for_both_gas_welding_skills()
    client = Client()
    client.force_login(alice)
    link = services.share_link_create(passport=alice_passport, days=7)
    pages = {
        "passport": client.get("/passport/").content.decode(),
        "shared": client.get(f"/passport/link/{link.token}/").content.decode(),
        "hits": client.get("/passport/search/skills/", {"q": TWIN}).content.decode(),
    }
    for where, html in pages.items():
        assert html.count(f">{TWIN}</") == 2, where
        for label in english.values():
            assert f'<span class="muted twin" lang="en">({label})</span>' in html, (where, label)
    assert pages["passport"].count('class="muted twin"') == 2  # the welder's other rows are not marked
    matches = client.get("/passport/matches/").content.decode()  # the welder's matched skills
    matched = matches[matches.index('class="skills matched"') : matches.index('class="skills partial"')]
    assert matched.count(f">{TWIN}</") == 2
    assert all(
        f'<span class="muted twin" lang="en">({label})</span>' in matched for label in english.values()
    )

    text = "Vaardigheden\n- MAG-lassen en TIG-lassen van constructies.\n"
    review = client.post(
        "/passport/cv/", {"file": SimpleUploadedFile("cv.txt", text.encode())}
    ).content.decode()
    assert review.count(f">{TWIN}</") == 2
    assert all(f'<span class="muted twin" lang="en">({label})</span>' in review for label in english.values())


def test_only_derived_names_shown_more_than_once_are_twins() -> None:
    from techtalent.taxonomy.selectors import ShownName

    rows = [
        {"shown": ShownName("a", "Hydraulica", "nl", derived=True, original="hydraulics")},
        {"shown": ShownName("b", "hydraulica", "nl", derived=True, original="pneumatics")},
        {"shown": ShownName("c", "lassen", "nl")},
        {"shown": ShownName("d", "lassen", "nl")},  # two official names alike: ESCO's, nothing to add
        {"shown": ShownName("e", "boren", "nl", derived=True, original="drill")},
    ]
    assert [r["twin"] for r in rows_with_twins(rows)] == [True, True, False, False, False]
    assert twins(["A", "a", "b"]) == {"a"}
    hits = [
        {"label": "draaier", "label_derived": False, "label_original": ""},
        {"label": "draaier", "label_derived": True, "label_original": "metalworking"},
    ]
    assert [h["twin"] for h in hits_with_twins(hits)] == [False, True]


def test_the_template_filter_finds_the_twins_of_a_list_of_shown_concepts() -> None:
    from techtalent.taxonomy.templatetags.esco_terms import twin_names

    skills = [
        {"label": "Hydraulica", "derived": True, "original": "hydraulics"},
        {"label": "hydraulica", "derived": True, "original": "pneumatics"},
        {"label": "lassen", "derived": False},
        {"label": "lassen", "derived": False},
    ]
    assert twin_names(skills) == {"hydraulica"} and twin_names([]) == set() and twin_names(None) == set()
