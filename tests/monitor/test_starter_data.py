"""The shipped monitor starter data: schema, coverage per document, and the contradictions it contains.

Pure pytest on the YAML in src/techtalent/data/monitor; the tests against the document texts are in
test_provenance.py.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import yaml

from techtalent.monitor.engine import StarterData, comparisons, consistency_checks
from tests.monitor.conftest import DATA_DIR, REPO

# Observations placed per source document (000 is a slide deck whose figures are programme counts,
# targets or chart titles; see not_placed in its file and docs/monitor_data.md).
EXPECTED_OBSERVATIONS = {
    "000_9bb8102a1a423960.txt": 0,
    "001_2b34e0ee96db3cde.txt": 5,
    "002_c017d09a23e9750a.txt": 2,
    "003_989611638bc5453e.txt": 130,
    "004_266d75def29a9a45.txt": 42,
}
EXPECTED_INDICATORS = 32

D3, D4 = "003_989611638bc5453e", "004_266d75def29a9a45"
# Every contradiction in the real documents: (rule, the observations it names).
EXPECTED_CONTRADICTIONS = {
    (
        "technical-workers-men-plus-women",
        frozenset(
            {
                f"{D4}#technical-occupation-workers-nl01-2022",
                f"{D4}#technical-occupation-workers-nl01-2022-female",
                f"{D4}#technical-occupation-workers-nl01-2022-male",
            }
        ),
    ),
    (
        "technical-workers-growth",
        frozenset(
            {
                f"{D4}#technical-occupation-workers-nl01-2022-change-percent-from-2013",
                f"{D4}#technical-occupation-workers-nl01-2013-female",
                f"{D4}#technical-occupation-workers-nl01-2013-male",
                f"{D4}#technical-occupation-workers-nl01-2022",
            }
        ),
    ),
    (
        "graduates-destinations-sum-to-100",
        frozenset(
            {
                f"{D3}#technical-graduates-destination-share-nl01-2021-hoog-occupation-technisch-sector-technisch",
                f"{D3}#technical-graduates-destination-share-nl01-2021-hoog-occupation-technisch-sector-niet-technisch-of-onbekend",
                f"{D3}#technical-graduates-destination-share-nl01-2021-hoog-occupation-niet-technisch-sector-technisch",
                f"{D3}#technical-graduates-destination-share-nl01-2021-hoog-occupation-niet-technisch-sector-niet-technisch-of-onbekend",
            }
        ),
    ),
    (
        "technical-workers-occupation-levels-sum-to-100",
        frozenset(
            {
                f"{D3}#technical-workers-occupation-level-share-pv21-2022m05-basis",
                f"{D3}#technical-workers-occupation-level-share-pv21-2022m05-middelbaar",
                f"{D3}#technical-workers-occupation-level-share-pv21-2022m05-hoger",
            }
        ),
    ),
    (
        "same-figure-same-value",
        frozenset(
            {
                f"{D3}#female-share-technical-students-ld01-2021-hbo-techniek",
                f"{D3}#female-share-technical-students-ld01-2021-hbo-conclusion",
            }
        ),
    ),
}


def test_every_observation_file_is_named_after_its_document(starter: StarterData) -> None:
    files = sorted(p.stem for p in (DATA_DIR / "observations").glob("*.yaml"))
    assert files == sorted(doc.document.removesuffix(".txt") for doc in starter.documents)
    for doc in starter.documents:
        assert all(obs.source.document == doc.document for obs in doc.observations)


def test_each_document_contributes_the_expected_number_of_observations(starter: StarterData) -> None:
    counts = {doc.document: len(doc.observations) for doc in starter.documents}
    assert counts == EXPECTED_OBSERVATIONS


def test_every_document_lists_what_it_could_not_place(starter: StarterData) -> None:
    for doc in starter.documents:
        assert doc.not_placed, doc.document
        assert all(item.reason.strip() and item.quotes for item in doc.not_placed)


def test_indicators_are_complete_and_each_is_used(starter: StarterData) -> None:
    assert len(starter.indicators) == EXPECTED_INDICATORS
    used = {obs.indicator for obs in starter.observations}
    assert used == set(starter.indicators)


def test_observation_keys_are_unique_across_the_starter_data(starter: StarterData) -> None:
    keys = Counter(obs.key for obs in starter.observations)
    assert [key for key, count in keys.items() if count > 1] == []


def test_regions_are_the_netherlands_landsdelen_and_twelve_provinces(starter: StarterData) -> None:
    provinces = sorted(code for code, region in starter.regions.items() if region.kind == "province")
    assert provinces == [f"PV{number}" for number in range(20, 32)]
    assert {"NL01", "LD01", "LD02", "LD03", "LD04"} <= set(starter.regions)


def test_every_breakdown_value_in_the_vocabulary_is_used(starter: StarterData) -> None:
    used = {(key, value) for obs in starter.observations for key, value in obs.breakdowns}
    declared = {(key, value) for key, values in starter.breakdowns.items() for value in values}
    assert declared - used == set()


def test_observations_with_an_inferred_period_say_so_in_a_note(starter: StarterData) -> None:
    # An observation whose quote does not contain its period must explain where the period comes from.
    for obs in starter.observations:
        year = obs.period[:4]
        if year not in obs.source.quote and obs.source.section.find("tabel") < 0:
            assert obs.note, f"{obs.key}: period {obs.period} not in the quote and no note"


def test_no_observation_is_marked_provisional(starter: StarterData) -> None:
    # None of the documents marks a figure as provisional; a change here needs a reason in the data.
    assert {obs.status for obs in starter.observations} == {"final"}


def test_the_yaml_files_are_plain_safe_yaml() -> None:
    for path in DATA_DIR.rglob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")), path


def test_the_checks_find_exactly_the_known_contradictions_in_the_documents(starter, rules) -> None:
    found = {
        (c.rule, frozenset(obs.key for obs in c.observations))
        for c in consistency_checks(starter.observations, rules)
    }
    assert found == EXPECTED_CONTRADICTIONS


def test_each_contradiction_reports_the_size_of_its_gap(starter, rules) -> None:
    by_rule = {c.rule: c for c in consistency_checks(starter.observations, rules)}
    assert by_rule["technical-workers-men-plus-women"].difference == 1_000_000
    assert by_rule["graduates-destinations-sum-to-100"].difference == -4
    assert by_rule["technical-workers-occupation-levels-sum-to-100"].difference == -2
    assert by_rule["same-figure-same-value"].difference == -2
    assert round(by_rule["technical-workers-growth"].computed, 2) == -43.12


def test_every_rule_with_data_in_the_documents_is_exercised(starter, rules) -> None:
    made = Counter(c.rule for c in comparisons(starter.observations, rules))
    # Provinces-to-national has no complete set of provinces in the documents; it waits for CBS data.
    assert {rule.id for rule in rules} - set(made) == {"vacancies-provinces-sum-to-national"}
    assert made["technical-share-of-labour-force"] == 4
    assert made["technical-workers-occupation-levels-sum-to-100"] == 4
    assert made["technical-workers-growth"] == 3


def test_the_engine_imports_neither_django_nor_other_domains() -> None:
    engine = REPO / "src" / "techtalent" / "monitor" / "engine"
    for path in engine.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        modules += [
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        ]
        for module in modules:
            assert not module.startswith("django"), path
            assert not module.startswith("techtalent.") or module.startswith("techtalent.monitor.engine"), (
                path
            )


def test_the_starter_data_directory_holds_only_known_files() -> None:
    names = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()}
    expected = {"indicators.yaml", "regions.yaml", "breakdowns.yaml", "checks.yaml", "opendata_checks.yaml"}
    expected.add("documents.yaml")
    expected |= {f"observations/{Path(name).stem}.yaml" for name in EXPECTED_OBSERVATIONS}
    # open-data mappings (one per CBS/DUO table, listed in docs/monitor_open_data.md) are the only others
    names = {n for n in names if not (n.startswith("opendata/") and n.endswith(".yaml"))}
    assert names == expected


def test_the_data_documentation_names_every_contradiction_rule(starter, rules) -> None:
    text = (REPO / "docs" / "monitor_data.md").read_text(encoding="utf-8")
    for contradiction in consistency_checks(starter.observations, rules):
        assert f"`{contradiction.rule}`" in text
