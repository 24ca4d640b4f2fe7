"""The shipped scan data: instruments parse, follow document 003's structure, quote it verbatim, and the
level → competency mapping points at existing competencies and ESCO skills."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from techtalent.scan.engine import instrument_from_dict
from techtalent.scan.instruments import DATA_DIR, instrument_files

REPO = Path(__file__).parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
SKILLS_EN = REPO.parent / "shared" / "data" / "esco" / "v1.1.1" / "en" / "skills_en.csv"
FRAMEWORKS = REPO / "src" / "techtalent" / "data" / "frameworks"


def _yaml(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _document(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"source document {name} not found")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def _quotes() -> list[tuple[str, dict[str, str]]]:
    found = []
    for path in [
        *instrument_files(),
        DATA_DIR / "level-competencies.yaml",
        DATA_DIR / "learning-factory.yaml",
    ]:
        raw = _yaml(path)
        if raw.get("source"):
            found.append((path.name, raw["source"]))
        for section in raw.get("sections") or []:
            if section.get("source"):
                found.append((f"{path.name}:{section['code']}", section["source"]))
    return found


def test_every_shipped_instrument_parses() -> None:
    for path in instrument_files():
        instrument_from_dict(_yaml(path))


def test_the_maturity_scan_has_the_nine_transformations_of_document_003_in_order() -> None:
    scan = instrument_from_dict(_yaml(DATA_DIR / "instruments" / "sih-maturity-v1.yaml"))
    transformations = [i["code"] for i in _yaml(FRAMEWORKS / "transformations.yaml")["items"]]
    assert [s.code for s in scan.sections] == transformations
    assert 30 <= len(scan.questions) <= 45  # about 40 questions: under 10 minutes
    assert sorted(o.value for o in scan.scale if o.value) == [1, 2, 3, 4, 5]  # the 5 maturity levels


def test_advanced_manufacturing_and_digital_factory_ask_about_every_sub_area() -> None:
    scan = instrument_from_dict(_yaml(DATA_DIR / "instruments" / "sih-maturity-v1.yaml"))
    for code in ("advanced-manufacturing", "digital-factory"):
        section = scan.section(code)
        assert {q.subarea for q in scan.questions_of(code)} == set(section.subareas)


def test_instruments_say_they_are_techtalents_own() -> None:
    for path in instrument_files():
        inst = instrument_from_dict(_yaml(path))
        assert "techtalent" in inst.authorship["nl"] and "techtalent" in inst.authorship["en"]


@pytest.mark.realdata
@pytest.mark.parametrize(("where", "source"), _quotes(), ids=[w for w, _ in _quotes()])
def test_every_quote_is_found_verbatim_in_its_document(where: str, source: dict[str, str]) -> None:
    assert re.sub(r"\s+", " ", source["quote"]) in _document(source["document"]), where


@pytest.mark.realdata
def test_learning_factory_aspects_are_the_documents_own_words() -> None:
    model = _yaml(DATA_DIR / "learning-factory.yaml")
    text = _document(model["source"]["document"])
    assert len(model["dimensions"]) == 6
    for dim in model["dimensions"]:
        for aspect in dim["aspects"]:
            assert aspect["nl"] in text, aspect["nl"]


def test_the_mapping_points_at_existing_transformations_levels_and_competencies() -> None:
    mapping = _yaml(DATA_DIR / "level-competencies.yaml")
    transformations = {i["code"] for i in _yaml(FRAMEWORKS / "transformations.yaml")["items"]}
    framework = {i["code"] for i in _yaml(FRAMEWORKS / "industry40-competencies.yaml")["items"]}
    own = {c["code"] for c in mapping["competencies"]}
    assert "techtalent" in mapping["method"]["en"] and "not an official" in mapping["method"]["en"]
    covered = set()
    for row in mapping["requirements"]:
        assert row["transformation"] in transformations
        assert 2 <= row["level"] <= 5
        assert 0 < row["confidence"] <= 1
        assert row["competency"] in (own | framework), row["competency"]
        covered.add(row["transformation"])
    assert covered == transformations  # every transformation leads to competencies


@pytest.mark.realdata
def test_own_competencies_link_to_real_esco_skills_with_their_labels() -> None:
    if not SKILLS_EN.exists():
        pytest.skip("ESCO skills_en.csv not found")
    with SKILLS_EN.open(encoding="utf-8") as handle:
        labels = {r["conceptUri"]: r["preferredLabel"].strip() for r in csv.DictReader(handle)}
    for comp in _yaml(DATA_DIR / "level-competencies.yaml")["competencies"]:
        for link in comp["esco"]:
            assert labels.get(link["uri"]) == link["label"], link
