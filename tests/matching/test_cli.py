"""`techtalent match …` on the toy taxonomy: occupations (table and JSON), paths, batch in-process and on
Dask with identical results, and one red line for bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from techtalent.cli import app
from techtalent.matching import results
from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["match", *args])
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def test_occupations_prints_a_table_with_dutch_labels(toy_db: Any) -> None:
    code, out, _ = run(
        "occupations", "--skills", f"{URI['mag_welding']},{URI['tig_welding']}=expert", "--top", "3"
    )
    assert code == 0, out
    assert "lasser" in out and "MAG-lassen" in out


def test_occupations_json_is_the_same_as_the_api_gives(toy_db: Any) -> None:
    skills = f"{URI['python']}=advanced,{URI['sql']}"
    code, out, _ = run("occupations", "--skills", skills, "--lang", "en", "--json", "--top", "2")
    assert code == 0, out
    found = json.loads(out)
    expected = results.occupation_matches(
        {URI["python"]: "advanced", URI["sql"]: "intermediate"}, lang="en", top=2
    )
    assert found == expected and URI["python"] in {s["uri"] for s in found[0]["explanation"]["matched"]}


def test_paths_json_from_an_occupation(toy_db: Any) -> None:
    code, out, _ = run("paths", "--from", URI["welder"], "--max-steps", "2", "--json")
    assert code == 0, out
    assert isinstance(json.loads(out), list)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("occupations", "--skills", "http://example.org/x"), "none of the given skills"),
        (("occupations", "--skills", f"{URI['python']}=guru"), "unknown proficiency"),
        (("occupations", "--skills", URI["python"], "--lang", "de"), "unsupported language"),
        (("paths", "--from", "http://example.org/x"), "unknown occupation"),
    ],
)
def test_bad_input_is_one_red_line(toy_db: Any, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and message in err and "Traceback" not in err


def test_batch_writes_one_line_per_passport_and_dask_gives_the_same(toy_db: Any, tmp_path: Path) -> None:
    source = tmp_path / "passports.jsonl"
    rows = [
        {"id": "p1", "skills": {URI["python"]: "expert"}},
        {"id": "p2", "skills": {URI["mag_welding"]: "basic"}},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    code, out, err = run("batch", str(source), "--out", str(local), "--top", "3")
    assert code == 0, err
    lines = [json.loads(line) for line in local.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2"] and len(lines[0]["matches"]) == 3
    assert lines[1]["matches"][0]["occupation"] == URI["welder"]
    code, out, err = run("batch", str(source), "--out", str(dask), "--top", "3", "--dask")
    assert code == 0, err
    assert dask.read_text() == local.read_text()


def test_batch_names_the_bad_line(toy_db: Any, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "p1", "skills": {}}\n{"id": "p2"}\n')
    code, _, err = run("batch", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert code == 2 and "line 2" in err
