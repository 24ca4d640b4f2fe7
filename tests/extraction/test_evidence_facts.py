"""The evidence of a found concept reads in the interface language on the extraction page: every key the
extractor writes has words, values are translated or formatted, and a matched misspelling is not shown."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from techtalent.extraction.templatetags.evidence import FACTS, evidence_facts

EXTRACTOR = Path(__file__).parents[2] / "src" / "techtalent" / "extraction" / "engine" / "extractor.py"


def _evidence_keys() -> set[str]:
    """The keys of the evidence dicts the extractor builds (``evidence = {...}``, ``semantic = {...}``,
    ``evidence["key"] = ...``)."""
    keys: set[str] = set()
    for node in ast.walk(ast.parse(EXTRACTOR.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id in ("evidence", "semantic"):
                if isinstance(node.value, ast.Dict):
                    keys |= {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
            elif isinstance(target, ast.Subscript) and ast.unparse(target.value) == "evidence":
                if isinstance(target.slice, ast.Constant):
                    keys.add(target.slice.value)
    return keys


def test_every_evidence_key_the_extractor_writes_has_words() -> None:
    keys = _evidence_keys()
    assert {"rule", "variant", "label_type", "similarity", "query", "unconfirmed"} <= keys
    assert keys - {"sentence"} <= set(FACTS), keys - set(FACTS)


def test_evidence_reads_as_dutch_and_hides_a_misspelling() -> None:
    evidence = {
        "variant": "technische tekeningen",
        "label_type": "preferred",
        "label_lang": "nl",
        "rule": "exact",
        "sentence": "Je leest technische tekeningen.",
        "section": "tasks",
        "negated": False,
        "mentions": 1,
        "lexical_score": 0.8871,
        "similarity": 0.8999,
        "query": "read technical drawings",
    }
    with translation.override("nl"):
        facts = dict(evidence_facts(evidence))
        assert facts == {
            "hoe gevonden": "letterlijk",
            "labelvariant": "technische tekeningen",
            "soort label": "voorkeursterm",
            "taal van het label": "Nederlands",
            "deel van de tekst": "taken",
            "vermeldingen": "1",
            "ontkend": "nee",
            "score op de woorden": "0,89",
            "gelijkenis in betekenis": "0,90",
            "op betekenis gezocht als": "read technical drawings",
        }
        hidden = dict(evidence_facts({**evidence, "variant": "tekenigen", "label_type": "hidden"}))
        assert "labelvariant" not in hidden and hidden["soort label"] == "bekende spelfout"
        assert "tekenigen" not in str(hidden)
        assert dict(evidence_facts({"rule": "semantic", "unconfirmed": True, "new_key": "x"})) == {
            "hoe gevonden": "vergelijkbaar in betekenis",
            "niet bevestigd door de betekenis": "ja",
            "new_key": "x",  # a key the page does not know yet stays visible as it is
        }
    with translation.override("en"):
        assert dict(evidence_facts(evidence))["how it was found"] == "literally"
    assert evidence_facts(None) == []
