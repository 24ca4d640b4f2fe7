"""`techtalent monitor …`: load, check, indicators, observations (CSV), imports and factsheets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from techtalent.cli import app
from tests.monitor.django_fixtures import FIXTURES

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["monitor", *args])
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def test_check_json_lists_every_contradiction_with_both_sources(store) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("check", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and "contradictions" in err
    assert all(len(r["observations"]) >= 2 and r["observations"][0]["quote"] for r in rows)


def test_indicators_json(store) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("indicators", "--json")
    assert code == 0 and len(out.splitlines()) == 32


def test_observations_csv_has_the_documented_columns(store) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("observations", "--indicator", "labour-force", "--region", "PV20", "--csv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "indicator,region,period,breakdowns,value,unit,source"
    assert lines[1].startswith("labour-force,PV20,2022M05,,381000,persons,")  # a whole number without '.0'
    assert "Smart Industry Hub Noord-Nederland (2021). Masterplan Skills" in lines[1]  # not the file name


def test_import_cbs_from_a_local_odata_server(store, odata: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        "import-cbs", "85276NED", "--mapping", str(FIXTURES / "cbs_mapping.yaml"), "--url", odata
    )
    assert code == 0 and "11 observations" in err


def test_a_bad_row_is_one_red_line_naming_file_line_and_field(store) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("import-table", str(FIXTURES / "tidy_bad.csv"))
    assert code == 2 and "tidy_bad.csv, line 3, field 'value'" in err and "Traceback" not in err


def test_factsheet_pdf(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "groningen.pdf"
    code, _, err = run("factsheet", "PV20", "--pdf", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
