"""The matching engine imports no Django, no other domain and nothing that does I/O (files, environment,
pickles, YAML): it takes values and stays a pure computation; adapters beside it read files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import techtalent.matching.engine as engine

ENGINE_DIR = Path(engine.__file__).parent
ALLOWED_TOP = {
    "__future__",
    "collections",
    "concurrent",
    "dataclasses",
    "json",
    "math",
    "types",
    "typing",
}
ALLOWED_THIRD_PARTY = {"numpy", "scipy"}
FORBIDDEN = {"os", "csv", "pathlib", "pickle", "yaml", "io", "shutil", "sqlite3"}


@pytest.mark.parametrize("path", sorted(ENGINE_DIR.glob("*.py")), ids=lambda p: p.name)
def test_the_engine_imports_only_pure_standard_modules_numpy_scipy_and_itself(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        for name in names:
            top = name.split(".")[0]
            assert top != "django", f"{path.name} imports {name}"
            assert top not in FORBIDDEN, f"{path.name} imports {name} (I/O belongs in an adapter)"
            assert (
                name.startswith("techtalent.matching.engine") or top in ALLOWED_TOP | ALLOWED_THIRD_PARTY
            ), f"{path.name} imports {name}"


def test_every_public_name_is_exported() -> None:
    assert sorted(engine.__all__) == sorted(set(engine.__all__))
    for name in engine.__all__:
        assert hasattr(engine, name), name
