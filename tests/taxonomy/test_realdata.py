"""The full ESCO v1.1.1 export (en, nl, relations) from ../shared/data: counts match the files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import Client

from techtalent.taxonomy.models import Label, Release
from techtalent.taxonomy.selectors import concept_search
from techtalent.taxonomy.services import ImportReport, esco_import, taxonomy_counts

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]
ELECTRICIAN = "http://data.europa.eu/esco/occupation/0ed0cd6d-8a5d-4e5e-8f1f-fd7a8a2d2e84"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(esco_real: Path, django_db_setup: None, django_db_blocker) -> Iterator[ImportReport]:
    """Import the real export once for this module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            report = esco_import(esco_real)
            if (
                connection.vendor == "postgresql"
            ):  # check the deferred foreign keys once, not after every test
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            yield report
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_counts_match_the_files(imported: ImportReport, esco_real: Path) -> None:
    counts = imported.counts
    occupations = _rows(esco_real / "en" / "occupations_en.csv")
    skills = _rows(esco_real / "en" / "skills_en.csv")
    assert counts["concepts.occupation"] == len(occupations) == 3007
    assert counts["concepts.skill"] == len(skills) == 13896
    assert counts["preferred.nl.occupation"] == len(_rows(esco_real / "nl" / "occupations_nl.csv"))
    assert counts["preferred.en.skill"] == 13896
    dutch_skill_uris = {
        row["conceptUri"]
        for path in (esco_real / "nl").glob("*SkillsCollection_nl.csv")
        for row in _rows(path)
    }
    assert counts["preferred.nl.skill"] == len(dutch_skill_uris)
    relations = _rows(esco_real / "relations" / "occupationSkillRelations.csv")
    known = {row["conceptUri"] for row in occupations}
    assert (
        counts["occupation_skills"]
        == sum(row["occupationUri"] in known for row in relations)
        == len(relations) - 67
    )
    assert imported.skipped == {
        "relations/occupationSkillRelations.csv": 67,
        "relations/broaderRelationsOccPillar.csv": 1,
    }
    assert len(imported.skipped_lines["relations/occupationSkillRelations.csv"]) == 67
    assert counts["skill_relations"] == len(_rows(esco_real / "relations" / "skillSkillRelations.csv"))
    for code, name in (
        ("digital", "digitalSkillsCollection"),
        ("green", "greenSkillsCollection"),
        ("transversal", "transversalSkillsCollection"),
        ("language", "languageSkillsCollection"),
        ("digcomp", "digCompSkillsCollection"),
        ("research", "researchSkillsCollection"),
    ):
        members = {row["conceptUri"] for row in _rows(esco_real / "en" / f"{name}_en.csv")}
        assert counts[f"collection.{code}"] == len(members)
    english_labels = set()
    for row in skills:
        preferred = row["preferredLabel"].strip()
        english_labels.add((row["conceptUri"], "preferred", preferred))
        for column, kind in (("altLabels", "alternative"), ("hiddenLabels", "hidden")):
            english_labels |= {
                (row["conceptUri"], kind, t.strip())
                for t in row[column].split("\n")
                if t.strip() and t.strip() != preferred
            }
    assert Label.objects.filter(lang="en", concept__kind="skill").count() == len(english_labels)


def test_release_records_version_languages_and_time(imported: ImportReport) -> None:
    release = Release.objects.get(id=imported.release_id)
    assert release.version == "1.1.1" and release.languages == ["en", "nl"] and release.imported_at


def test_reimporting_the_real_export_changes_nothing(imported: ImportReport, esco_real: Path) -> None:
    again = esco_import(esco_real)
    assert not again.changed and again.counts == imported.counts


@pytest.mark.parametrize(
    ("query", "lang", "kind", "expected_label"),
    [
        ("elektricien", "nl", "occupation", "elektricien"),
        ("lasser", "nl", "occupation", "lasser"),
        ("elektricein", "nl", "occupation", "elektricien"),
        ("python", "nl", "skill", "Python"),
        ("softwareontwikkelaar", "nl", "occupation", "software ontwikkelaar"),
        ("welder", "en", "occupation", "welder"),
        ("use welding equipment", "en", "skill", "use welding equipment"),
        ("equipment welding use", "en", "skill", "use welding equipment"),
    ],
)
def test_search_finds_real_concepts_in_both_languages(
    imported: ImportReport, query: str, lang: str, kind: str, expected_label: str
) -> None:
    hits = concept_search(query, lang=lang, kind=kind, limit=5)
    labels = [h["matched_label"].casefold() for h in hits] + [str(h["label"]).casefold() for h in hits]
    assert any(expected_label.casefold() in label for label in labels), hits


def test_the_electrician_page_lists_its_essential_skills(imported: ImportReport, client: Client) -> None:
    hit = concept_search("elektricien", lang="nl", kind="occupation", limit=1)[0]
    body = client.get("/api/esco/concept", {"uri": hit["uri"], "lang": "nl"}).json()
    assert len(body["essential_skills"]) >= 5
    assert body["labels"]["nl"]["preferred"] and body["labels"]["en"]["preferred"]
    assert body["breadcrumbs"], "an occupation sits under ISCO groups"


def test_counts_survive_a_failed_import(imported: ImportReport, tmp_path: Path, esco_real: Path) -> None:
    broken = tmp_path / "v1.1.1"
    broken.mkdir()
    (broken / "skills_en.csv").write_text("conceptType,conceptUri\n", encoding="utf-8")
    before = taxonomy_counts()
    with pytest.raises(Exception, match="required column"):
        esco_import(broken)
    assert taxonomy_counts() == before
