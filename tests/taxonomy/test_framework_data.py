"""Checks on the bundled sector-framework starter data (src/techtalent/data/frameworks/*.yaml).

Pure pytest, no Django. Tests marked ``realdata`` read the source documents in
``<workspace>/shared/seeds`` and the ESCO CSV export in ``<workspace>/shared/data/esco``;
they are skipped when those folders are absent.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[2]
FRAMEWORK_DIR = REPO / "src" / "techtalent" / "data" / "frameworks"
SEEDS_DIR = REPO.parent / "shared" / "seeds"
ESCO_DIR = REPO.parent / "shared" / "data" / "esco"
ESCO_EN_DIR = ESCO_DIR / "v1.1.1" / "en"

FRAMEWORK_FILES = sorted(FRAMEWORK_DIR.glob("*.yaml"))

# What the source documents list, per framework: total items, and children per group item.
# Items without a parent that are not groups are counted in "top_level_leaves".
EXPECTED = {
    "industry40-competencies": {
        "items": 24,
        "groups": {"general": 2, "information-systems": 4, "computer-science": 8, "engineering": 6},
        "top_level_leaves": 0,
    },
    "t-shape": {
        "items": 7,
        "groups": {"broad-cross-disciplinary": 3, "deep-disciplinary": 2},
        "top_level_leaves": 0,
    },
    "key-enabling-technologies": {
        "items": 9,
        "groups": {"production-technology": 3, "digital-technology": 2, "cyber-technology": 1},
        "top_level_leaves": 0,
    },
    "smart-industry-technologies": {"items": 9, "groups": {}, "top_level_leaves": 9},
    "maturity-levels": {"items": 5, "groups": {}, "top_level_leaves": 5},
    "transformations": {"items": 9, "groups": {}, "top_level_leaves": 9},
    "nxtgen-hightech-domains": {
        "items": 15,
        "groups": {"application-domains": 6, "key-technologies": 6},
        "top_level_leaves": 1,  # Smart Industry, the "leading application domain"
    },
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RELATIONS = {"exact", "close", "broad", "narrow", "related"}
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f-]{36}$")
FRAMEWORK_KEYS = {"code", "name", "description", "source", "items"}
ITEM_REQUIRED = {"code", "order", "name", "source"}
ITEM_ALLOWED = ITEM_REQUIRED | {"parent", "description", "esco"}
ESCO_KEYS = {"uri", "label", "relation", "confidence", "method"}
MAX_QUOTE_WORDS = 25
MIN_QUOTE_WORDS = 5
# Leading bullet glyphs / list numbering and trailing punctuation stripped when comparing
# a short quote with a whole list entry of the document.
_LIST_PREFIX = re.compile(r"^(?:[•\u2022\ufffd\-–*]|\d+[.)])+\s*")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def list_entry(text: str) -> str:
    text = collapse(text)
    previous = None
    while previous != text:
        previous = text
        text = _LIST_PREFIX.sub("", text).strip()
    return text.rstrip(" .,:;")


@cache
def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def document_text(name: str) -> str:
    return collapse((SEEDS_DIR / name).read_text(encoding="utf-8"))


@cache
def document_entries(name: str) -> frozenset[str]:
    """Every line and every blank-line separated block of a document, as a list entry."""
    raw = (SEEDS_DIR / name).read_text(encoding="utf-8")
    pieces = raw.splitlines() + re.split(r"\n\s*\n", raw)
    return frozenset(list_entry(p) for p in pieces if p.strip())


@cache
def esco_concepts() -> dict[str, tuple[str, frozenset[str]]]:
    """conceptUri -> (preferredLabel, all labels lower-cased) for ESCO skills and occupations."""
    concepts = {}
    for filename in ("skills_en.csv", "occupations_en.csv"):
        with open(ESCO_EN_DIR / filename, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                alt = [a.strip() for a in (row.get("altLabels") or "").split("\n") if a.strip()]
                labels = frozenset(label.lower() for label in [row["preferredLabel"], *alt])
                concepts[row["conceptUri"]] = (row["preferredLabel"], labels)
    return concepts


def require_seeds() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not available at {SEEDS_DIR}")


def require_esco() -> None:
    if not ESCO_EN_DIR.is_dir():
        pytest.skip(f"ESCO CSV export not available at {ESCO_EN_DIR}")


def all_items():
    for path in FRAMEWORK_FILES:
        yield from load(path)["items"]


framework_file = pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=lambda p: p.stem)


def assert_bilingual(value, where: str, allow_empty: bool) -> None:
    assert isinstance(value, dict) and set(value) == {"nl", "en"}, f"{where}: needs exactly nl and en"
    for lang in ("nl", "en"):
        assert isinstance(value[lang], str), f"{where}.{lang} must be a string"
        if not allow_empty:
            assert value[lang].strip(), f"{where}.{lang} must not be empty"


# --------------------------------------------------------------------------- schema


def test_exactly_the_expected_framework_files_are_shipped():
    assert {p.stem for p in FRAMEWORK_FILES} == set(EXPECTED)


@framework_file
def test_every_framework_file_parses_and_has_the_required_top_level_keys(path):
    data = load(path)
    assert isinstance(data, dict)
    assert set(data) == FRAMEWORK_KEYS
    assert data["code"] == path.stem
    assert SLUG.match(data["code"])
    assert_bilingual(data["name"], "name", allow_empty=False)
    assert_bilingual(data["description"], "description", allow_empty=False)
    assert isinstance(data["source"], dict)
    assert data["source"].get("document", "").endswith(".txt")
    assert data["source"].get("section", "").strip()
    assert isinstance(data["items"], list) and data["items"]


@framework_file
def test_every_item_follows_the_item_schema(path):
    for item in load(path)["items"]:
        where = f"{path.stem}:{item.get('code')}"
        assert ITEM_REQUIRED <= set(item) <= ITEM_ALLOWED, f"{where}: keys {sorted(item)}"
        assert isinstance(item["code"], str) and SLUG.match(item["code"]), where
        assert isinstance(item["order"], int) and not isinstance(item["order"], bool), where
        assert item["order"] >= 1, where
        assert_bilingual(item["name"], f"{where}.name", allow_empty=False)
        if "description" in item:
            assert_bilingual(item["description"], f"{where}.description", allow_empty=True)
        source = item["source"]
        assert set(source) == {"document", "section", "quote"}, where
        assert all(isinstance(v, str) and v.strip() for v in source.values()), where
        assert isinstance(item.get("esco", []), list), where


@framework_file
def test_item_codes_and_orders_are_unique_within_a_framework(path):
    items = load(path)["items"]
    codes = [i["code"] for i in items]
    orders = [i["order"] for i in items]
    assert len(codes) == len(set(codes))
    assert len(orders) == len(set(orders))


@framework_file
def test_every_parent_is_another_item_of_the_same_framework_without_cycles(path):
    items = load(path)["items"]
    parents = {i["code"]: i.get("parent") for i in items}
    for code, parent in parents.items():
        if parent is None:
            continue
        assert parent in parents, f"{code}: unknown parent {parent}"
        seen = {code}
        while parent is not None:
            assert parent not in seen, f"{code}: parent cycle"
            seen.add(parent)
            parent = parents[parent]


@framework_file
def test_esco_links_are_well_formed(path):
    for item in load(path)["items"]:
        links = item.get("esco", [])
        uris = [link["uri"] for link in links]
        assert len(uris) == len(set(uris)), f"{item['code']}: duplicate ESCO link"
        for link in links:
            where = f"{path.stem}:{item['code']}:{link.get('uri')}"
            assert set(link) == ESCO_KEYS, where
            assert ESCO_URI.match(link["uri"]), where
            assert isinstance(link["label"], str) and link["label"].strip(), where
            assert link["relation"] in RELATIONS, where
            assert isinstance(link["confidence"], (int, float)), where
            assert not isinstance(link["confidence"], bool), where
            assert 0.0 <= link["confidence"] <= 1.0, where
            assert re.match(r"^(manual|label-match): \S", link["method"]), where


@framework_file
def test_every_quote_is_short(path):
    for item in load(path)["items"]:
        words = collapse(item["source"]["quote"]).split(" ")
        assert len(words) <= MAX_QUOTE_WORDS, f"{item['code']}: quote has {len(words)} words"


# --------------------------------------------------------------------------- counts


@framework_file
def test_the_framework_ships_exactly_the_items_the_document_lists(path):
    expected = EXPECTED[path.stem]
    items = load(path)["items"]
    assert len(items) == expected["items"]
    children: dict[str, int] = {}
    for item in items:
        if item.get("parent"):
            children[item["parent"]] = children.get(item["parent"], 0) + 1
    assert children == expected["groups"]
    top_level_leaves = [i for i in items if not i.get("parent") and i["code"] not in children]
    assert len(top_level_leaves) == expected["top_level_leaves"]


def test_the_headline_counts_of_the_documents_are_met():
    by_code = {p.stem: load(p)["items"] for p in FRAMEWORK_FILES}
    assert len(by_code["maturity-levels"]) == 5
    assert [i["code"] for i in sorted(by_code["maturity-levels"], key=lambda i: i["order"])] == [
        "starter",
        "gevorderd",
        "koploper",
        "innovator",
        "incubator",
    ]
    assert len(by_code["transformations"]) == 9
    assert len(by_code["smart-industry-technologies"]) == 9
    kets = [i for i in by_code["key-enabling-technologies"] if i.get("parent")]
    assert len(kets) == 6
    nxtgen = by_code["nxtgen-hightech-domains"]
    assert sum(i.get("parent") == "application-domains" for i in nxtgen) == 6
    assert sum(i.get("parent") == "key-technologies" for i in nxtgen) == 6
    competencies = [i for i in by_code["industry40-competencies"] if i.get("parent")]
    # The document says 68 competencies were derived but lists only these 20.
    assert len(competencies) == 20


# --------------------------------------------------------------------------- real data


@pytest.mark.realdata
@framework_file
def test_every_quote_is_found_in_its_source_document(path):
    require_seeds()
    data = load(path)
    assert (SEEDS_DIR / data["source"]["document"]).is_file()
    for item in data["items"]:
        document = item["source"]["document"]
        assert (SEEDS_DIR / document).is_file(), f"{item['code']}: no document {document}"
        quote = collapse(item["source"]["quote"])
        assert quote in document_text(document), f"{item['code']}: quote not in {document}: {quote!r}"


@pytest.mark.realdata
@framework_file
def test_quotes_shorter_than_five_words_are_complete_list_entries(path):
    require_seeds()
    for item in load(path)["items"]:
        quote = collapse(item["source"]["quote"])
        if len(quote.split(" ")) >= MIN_QUOTE_WORDS:
            continue
        entries = document_entries(item["source"]["document"])
        assert list_entry(quote) in entries, f"{item['code']}: short quote {quote!r} is not a whole entry"


@pytest.mark.realdata
@framework_file
def test_every_esco_uri_exists_in_the_real_esco_export_with_its_preferred_label(path):
    require_esco()
    concepts = esco_concepts()
    for item in load(path)["items"]:
        for link in item.get("esco", []):
            assert link["uri"] in concepts, f"{item['code']}: unknown ESCO URI {link['uri']}"
            assert link["label"] == concepts[link["uri"]][0], f"{item['code']}: label differs from ESCO"


@pytest.mark.realdata
@framework_file
def test_label_match_links_name_a_label_the_esco_concept_really_has(path):
    require_esco()
    concepts = esco_concepts()
    for item in load(path)["items"]:
        for link in item.get("esco", []):
            if not link["method"].startswith("label-match:"):
                continue
            matched = link["method"].split(":", 1)[1].strip().strip("'\"").lower()
            assert matched in concepts.get(link["uri"], ("", frozenset()))[1], (
                f"{item['code']}: {matched!r} is not a label of {link['uri']}"
            )
