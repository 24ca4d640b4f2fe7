"""The ESCO import: merging languages, idempotence, zips, and clear errors that lose nothing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from techtalent.core.errors import DataFileError, UserError
from techtalent.taxonomy.models import Concept, Label, OccupationSkill, Release
from techtalent.taxonomy.services import esco_import, taxonomy_counts
from tests.taxonomy.toy_esco import OCC, SKILLS

pytestmark = pytest.mark.django_db


def test_languages_merge_onto_the_same_concept_uris(toy_esco: Path) -> None:
    report = esco_import(toy_esco)
    assert report.version == "1.1.1" and report.languages == ["en", "nl"]
    welder = Concept.objects.get(uri=OCC["welder"][0])
    assert set(welder.labels.filter(type="preferred").values_list("lang", "text")) == {
        ("en", "welder"),
        ("nl", "lasser"),
    }
    assert welder.texts.count() == 2
    assert Concept.objects.filter(kind="occupation").count() == len(OCC)
    assert Concept.objects.filter(kind="skill").count() == len(SKILLS)
    assert OccupationSkill.objects.filter(relation="essential").count() == 5


def test_importing_one_language_after_the_other_gives_the_same_taxonomy(
    toy_esco: Path, tmp_path: Path
) -> None:
    esco_import(toy_esco)
    together = taxonomy_counts()
    Concept.objects.all().delete()
    Release.objects.all().delete()
    for part in ("en", "nl", "relations"):
        target = tmp_path / "v1.1.1-split" / part
        shutil.copytree(toy_esco / part, target)
        esco_import(target)
    assert taxonomy_counts() == together


def test_reimporting_the_same_files_changes_nothing(toy_esco: Path) -> None:
    esco_import(toy_esco)
    labels_before = list(Label.objects.order_by("id").values_list("id", "concept_id", "lang", "type", "text"))
    report = esco_import(toy_esco)
    assert not report.changed
    assert report.release_id is None and Release.objects.count() == 1
    assert (
        list(Label.objects.order_by("id").values_list("id", "concept_id", "lang", "type", "text"))
        == labels_before
    )


def test_the_zip_from_the_portal_imports_like_the_folder(toy_esco: Path, tmp_path: Path) -> None:
    archive = tmp_path / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (toy_esco / "en").iterdir():
            zf.write(path, path.name)
    report = esco_import(archive)
    assert report.version == "1.1.1" and report.languages == ["en"]
    assert Label.objects.filter(lang="en", type="preferred", text="welder").exists()


def test_a_changed_label_is_updated_and_recorded(toy_esco: Path) -> None:
    esco_import(toy_esco)
    path = toy_esco / "nl" / "occupations_nl.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("lasser MIG/MAG", "MIG-lasser"), encoding="utf-8"
    )
    report = esco_import(toy_esco)
    assert report.changes["labels"]["added"] == 1 and report.changes["labels"]["removed"] == 1
    assert (
        Label.objects.filter(text="MIG-lasser").exists()
        and not Label.objects.filter(text="lasser MIG/MAG").exists()
    )


def _damage(toy: Path, relative: str, old: str, new: str) -> None:
    path = toy / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda t: _damage(t, "en/skills_en.csv", "preferredLabel", "prefLabel"),
            "en/skills_en.csv, line 1, field 'preferredLabel': required column is missing",
        ),
        (
            lambda t: (t / "en/skills_en.csv").write_bytes(
                (t / "en/skills_en.csv")
                .read_text(encoding="utf-8")
                .replace("safely", "s\u00e9curit\u00e9")
                .encode("latin-1")
            ),
            "en/skills_en.csv, line 3: is not UTF-8",
        ),
        (
            lambda t: _damage(
                t, "relations/occupationSkillRelations.csv", OCC["welder"][0], f"{OCC['welder'][0]}-gone"
            ),
            "relations/occupationSkillRelations.csv, line 2, field 'occupationUri': refers to",
        ),
        (lambda t: (t / "en/ISCOGroups_en.csv").write_text(""), "en/ISCOGroups_en.csv: is empty"),
        (
            lambda t: (t / "en/ISCOGroups_en.csv").write_text("conceptType,conceptUri,code,preferredLabel\n"),
            "en/ISCOGroups_en.csv: has a header but no rows",
        ),
        (
            lambda t: _damage(t, "relations/skillSkillRelations.csv", ",optional,", ",maybe,"),
            "relations/skillSkillRelations.csv, line 2, field 'relationType'",
        ),
        (
            lambda t: _damage(t, "en/occupations_en.csv", OCC["cnc"][0], "not-a-uri"),
            "en/occupations_en.csv, line 6, field 'conceptUri': expected an ESCO URI",
        ),
    ],
    ids=[
        "missing-column",
        "wrong-encoding",
        "unknown-uri",
        "empty-file",
        "header-only",
        "bad-relation",
        "bad-uri",
    ],
)
def test_bad_input_stops_with_file_line_and_field_and_loses_nothing(
    toy_esco: Path, tmp_path: Path, damage, expected: str
) -> None:
    good = tmp_path / "good-v1.1.1"
    shutil.copytree(toy_esco, good)
    esco_import(good)
    before = taxonomy_counts()
    damage(toy_esco)
    for lang in ("nl",):  # make the damaged import a real change so that nothing is skipped as unchanged
        _damage(toy_esco, f"{lang}/occupations_{lang}.csv", "lasster", "lasster-nieuw")
    with pytest.raises(DataFileError) as info:
        esco_import(toy_esco, strict=True)
    assert expected in str(info.value)
    assert taxonomy_counts() == before


def test_a_truncated_zip_is_reported_and_changes_nothing(toy_esco: Path, tmp_path: Path) -> None:
    esco_import(toy_esco)
    before = taxonomy_counts()
    archive = tmp_path / "esco-v1.1.1.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in (toy_esco / "en").iterdir():
            zf.write(path, path.name)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(DataFileError, match="not a complete zip archive"):
        esco_import(archive)
    assert taxonomy_counts() == before


def test_files_of_another_version_are_refused(toy_esco: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(toy_esco / "en", mixed / "v1.1.1" / "en")
    shutil.copytree(toy_esco / "nl", mixed / "v1.2.0" / "nl")
    with pytest.raises(UserError, match="different ESCO versions"):
        esco_import(mixed)
    esco_import(toy_esco)
    newer = tmp_path / "v1.2.0"
    shutil.copytree(toy_esco / "nl", newer / "nl")
    with pytest.raises(UserError, match="holds ESCO 1.1.1"):
        esco_import(newer)


def test_occupation_lists_that_differ_between_languages_are_refused(toy_esco: Path) -> None:
    import csv

    path = toy_esco / "nl" / "occupations_nl.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows[:-1])
    with pytest.raises(UserError, match="list different occupations"):
        esco_import(toy_esco)


def test_dangling_relation_rows_are_skipped_by_default_and_reported_with_their_lines(toy_esco: Path) -> None:
    _damage(toy_esco, "relations/occupationSkillRelations.csv", OCC["welder"][0], f"{OCC['welder'][0]}-gone")
    report = esco_import(toy_esco)
    assert report.skipped == {"relations/occupationSkillRelations.csv": 1}
    assert report.skipped_lines == {"relations/occupationSkillRelations.csv": [2]}
    assert OccupationSkill.objects.count() == 7


def test_the_cli_warns_about_skipped_rows_naming_file_and_lines(toy_esco: Path) -> None:
    from techtalent.cli import app

    _damage(toy_esco, "relations/occupationSkillRelations.csv", OCC["welder"][0], f"{OCC['welder'][0]}-gone")
    result = CliRunner().invoke(app, ["esco", "import", str(toy_esco)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "warning: skipped 1 relation rows in relations/occupationSkillRelations.csv" in text
    assert "(lines 2)" in text


def test_the_cli_with_strict_refuses_dangling_rows_and_imports_nothing(toy_esco: Path) -> None:
    from techtalent.cli import app

    _damage(toy_esco, "relations/occupationSkillRelations.csv", OCC["welder"][0], f"{OCC['welder'][0]}-gone")
    result = CliRunner().invoke(app, ["esco", "import", str(toy_esco), "--strict"])
    assert result.exit_code == 2
    assert "relations/occupationSkillRelations.csv, line 2, field 'occupationUri'" in result.output
    assert taxonomy_counts().get("concepts.occupation", 0) == 0


def test_the_deprecated_skip_unknown_flag_still_imports(toy_esco: Path) -> None:
    from techtalent.cli import app

    result = CliRunner().invoke(app, ["esco", "import", str(toy_esco), "--skip-unknown"])
    assert result.exit_code == 0, result.output
    assert "deprecated" in result.output


def test_the_cli_prints_one_clear_line_and_no_traceback(toy_esco: Path) -> None:
    from techtalent.cli import app

    (toy_esco / "en" / "ISCOGroups_en.csv").write_text("")
    result = CliRunner().invoke(app, ["esco", "import", str(toy_esco)])
    assert result.exit_code == 2
    assert "en/ISCOGroups_en.csv: is empty" in result.output
    assert "Traceback" not in result.output


def test_the_cli_imports_and_searches(toy_esco: Path) -> None:
    import json

    from techtalent.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["esco", "import", str(toy_esco)]).exit_code == 0
    result = runner.invoke(app, ["esco", "search", "lasser", "--json", "--kind", "occupation"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["uri"] == OCC["welder"][0]
    assert {"uri", "label", "kind", "score"} <= set(hits[0])
