"""ESCO's and the derivation's codes are shown in words of the interface language on the concept page."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from techtalent.taxonomy.templatetags.esco_terms import DERIVATION_STEPS, derivation_method, reuse_level

DERIVE = Path(__file__).parents[2] / "src" / "techtalent" / "taxonomy" / "engine" / "derive"


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _method_steps() -> set[str]:
    """Every step the derive engine writes into a method: slot methods, appended methods, candidate tuples."""
    steps: set[str] = set()
    for path in DERIVE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name == "_Slot" and len(node.args) > 1:
                steps |= _strings(node.args[1])
            elif (
                name == "append" and isinstance(func, ast.Attribute) and ast.unparse(func.value) == "methods"
            ):
                steps |= _strings(node.args[0])
            elif name == "Candidate" and len(node.args) > 2:
                steps |= _strings(node.args[2])
    return {step for method in steps for step in method.split("+")}


def test_every_step_the_derivation_writes_has_words_in_the_interface() -> None:
    steps = _method_steps()
    assert {"word", "reorder-verb-final", "phrase-table", "copy", "dictionary", "alternative"} <= steps
    assert steps <= set(DERIVATION_STEPS), steps - set(DERIVATION_STEPS)


def test_a_method_and_a_reuse_level_read_as_dutch_in_the_dutch_interface() -> None:
    with translation.override("nl"):
        assert derivation_method("word+reorder-verb-final") == "woord voor woord; werkwoord achteraan gezet"
        assert (
            derivation_method("copy+dictionary")
            == "woord onvertaald overgenomen; algemeen woordenboek (FreeDict)"
        )
        assert reuse_level("cross-sector") == "sectoroverschrijdend"
        assert reuse_level("made-up") == "made-up"  # an unknown code stays visible as it is
    with translation.override("en"):
        assert derivation_method("word+compound") == "word by word; words joined into a compound"
        assert reuse_level("occupation-specific") == "occupation-specific"
