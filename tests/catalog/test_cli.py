"""The catalog and credentials commands on a fresh database: import, search, route as JSON, issue, verify."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.catalog.conftest import FIXTURES, SKILL
from tests.extraction.conftest import TOY_ESCO

TECHTALENT = str(Path(sys.executable).with_name("techtalent"))


def test_import_search_route_issue_and_verify_from_the_command_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "TECHTALENT_CREDENTIAL_KEY")
    }
    env.update(TECHTALENT_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TECHTALENT, *args], env=env, capture_output=True, text=True, timeout=300)

    assert run("init").returncode == 0
    assert run("esco", "import", str(TOY_ESCO)).returncode == 0
    bad = run("catalog", "import", str(FIXTURES / "offers_bad_hours.csv"))
    assert bad.returncode == 2 and "offers_bad_hours.csv, line 3, field 'hours'" in bad.stderr
    assert "0 offers" in run("catalog", "search").stderr  # the good first row was rolled back too
    imported = run("catalog", "import", str(FIXTURES / "offers.csv"))
    assert imported.returncode == 0 and "imported 4 offers" in imported.stderr
    assert "CNC-frezen basis" in run("catalog", "search", "frezen").stdout

    route = run(
        "catalog", "route", "--skills", f"{SKILL['cnc']},{SKILL['sql']},{SKILL['statistics']}", "--json"
    )
    body = json.loads(route.stdout)
    assert [s["title"] for s in body["stations"]] == ["CNC-frezen basis", "Python en SQL voor data"]
    assert set(body["stations"][0]) >= {"id", "title", "provider", "skills", "hours", "cost_eur"}
    assert (body["covered"], body["missing"], body["hours"], body["cost_eur"]) == (
        [SKILL["cnc"], SKILL["sql"]],
        [SKILL["statistics"]],
        140.0,
        2100.0,
    )
    capped = json.loads(
        run(
            "catalog", "route", "--skills", f"{SKILL['cnc']},{SKILL['sql']}", "--max-hours", "100", "--json"
        ).stdout
    )
    assert capped["hours"] <= 100 and len(capped["missing"]) == 1

    assert (
        subprocess.run([TECHTALENT, "users", "create", "anna"], env=env, capture_output=True).returncode == 0
    )
    out = tmp_path / "anna.json"
    issued = run("credentials", "issue", "--offer", "CNC-frezen basis", "--to", "anna", "--out", str(out))
    assert issued.returncode == 0, issued.stderr
    assert run("credentials", "verify", str(out)).returncode == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    document["credentialSubject"]["achievement"]["alignment"].pop()
    out.write_text(json.dumps(document), encoding="utf-8")
    assert run("credentials", "verify", str(out)).returncode == 1
    assert run("credentials", "issue", "--offer", "Bestaat niet", "--to", "anna").returncode == 2
