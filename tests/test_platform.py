"""The platform as a whole: console command on a fresh database, the server, translations, architecture."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "techtalent"
TECHTALENT = str(Path(sys.executable).with_name("techtalent"))


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TECHTALENT_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'fresh.sqlite3'}",
    }
    return subprocess.run([TECHTALENT, *args], env=env, capture_output=True, text=True, timeout=300)


def test_every_command_works_on_a_new_empty_database(tmp_path: Path) -> None:
    status = _run("esco", "status", data=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "techtalent esco import PATH" in status.stderr
    frameworks = _run("frameworks", "list", "--json", data=tmp_path)
    assert frameworks.returncode == 0 and "maturity-levels" in frameworks.stdout
    search = _run("esco", "search", "lassen", data=tmp_path)
    assert search.returncode == 2 and "no ESCO taxonomy imported yet" in search.stderr
    assert "Traceback" not in search.stderr
    init = _run("init", data=tmp_path)
    assert init.returncode == 0 and "database ready" in init.stderr


def test_import_of_a_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    result = _run("esco", "import", str(tmp_path / "nowhere"), data=tmp_path)
    assert result.returncode == 2
    assert "nowhere: does not exist" in result.stderr and "Traceback" not in result.stderr


def test_the_dutch_translation_is_complete() -> None:
    polib = pytest.importorskip("polib")
    catalog = polib.pofile(str(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = [
        e.msgid
        for e in catalog
        if not (e.msgstr or all(e.msgstr_plural.values() or [""])) or "fuzzy" in e.flags
    ]
    assert not missing, f"untranslated Dutch strings: {missing}"
    compiled = polib.mofile(str(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid for e in compiled} >= {e.msgid for e in catalog if e.msgid}


def test_the_dutch_interface_addresses_people_one_way_with_je() -> None:
    polib = pytest.importorskip("polib")
    formal = re.compile(r"\b(u|uw|uwe)\b", re.IGNORECASE)
    catalog = polib.pofile(str(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    compiled = {
        e.msgid: e.msgstr for e in polib.mofile(str(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.mo"))
    }
    assert not [e.msgstr for e in catalog if formal.search(e.msgstr)]
    assert [e.msgid for e in catalog if e.msgstr and compiled.get(e.msgid) != e.msgstr] == []  # .mo compiled


def test_every_template_string_is_in_the_catalog() -> None:
    polib = pytest.importorskip("polib")
    known = {e.msgid for e in polib.pofile(str(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.po"))}
    pattern = re.compile(r"""\{% translate ["'](.+?)["'] %\}|\{% translate "(.+?)" %\}""")
    missing = set()
    for template in SRC.rglob("templates/**/*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            text = match.group(1) or match.group(2)
            if text not in known:
                missing.add(f"{template.name}: {text}")
    assert not missing, sorted(missing)


def test_engines_import_no_django_and_no_other_domain_models() -> None:
    offenders = []
    for path in SRC.glob("*/engine/**/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(("django", "ninja")) or name.endswith(".models"):
                    offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert not offenders, offenders


def test_readme_names_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/run.sh" in readme and "bash scripts/test.sh" in readme
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_no_file_from_the_shared_data_is_committed() -> None:
    import hashlib

    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    files = [REPO / name for name in tracked if (REPO / name).is_file()]
    assert not [f for f in files if f.stat().st_size > 2_000_000], "files over 2 MB are tracked"
    shared = REPO.parent / "shared" / "data"
    if not shared.exists():
        pytest.skip("../shared/data is absent")
    sizes: dict[int, list[Path]] = {}
    for f in files:
        sizes.setdefault(f.stat().st_size, []).append(f)
    copies = []
    for source in shared.rglob("*"):
        for mine in sizes.get(source.stat().st_size, []) if source.is_file() else []:
            if hashlib.sha1(mine.read_bytes()).digest() == hashlib.sha1(source.read_bytes()).digest():
                copies.append(f"{mine.relative_to(REPO)} = {source}")
    assert not copies, copies


def test_every_setting_read_from_the_environment_is_documented() -> None:
    documented = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    names = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(
            re.findall(r"environ(?:\.get)?\(\s*[\"']((?:TECHTALENT_|DATABASE_URL|ESCO_DIR)[A-Z_]*)", text)
        )
        names |= {f"TECHTALENT_{n}" for n in re.findall(r"_setting\(\s*\"(EXTRACT_[A-Z_]+)\"", text)}
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"
