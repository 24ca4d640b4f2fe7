"""The scan engine imports no Django, no I/O modules and no other domain."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import techtalent.scan.engine as engine

ENGINE_DIR = Path(engine.__file__).parent
ALLOWED = {"__future__", "collections", "dataclasses", "math", "typing", "techtalent"}


@pytest.mark.parametrize("path", sorted(ENGINE_DIR.glob("*.py")), ids=lambda p: p.name)
def test_the_scan_engine_imports_only_pure_modules(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED, f"{path.name} imports {name}"
            if name.startswith("techtalent"):
                assert name.startswith("techtalent.scan.engine"), f"{path.name} imports {name}"
