"""The extraction engine stays pure: no file system, no pickles, no configuration formats, no Django."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "src" / "techtalent" / "extraction" / "engine"
FORBIDDEN = ("os", "csv", "pathlib", "pickle", "yaml", "django", "ninja", "tempfile", "shutil")


def test_the_extraction_engine_imports_no_io_modules() -> None:
    offenders = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert not offenders, offenders
