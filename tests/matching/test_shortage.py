"""The bundled shortage list: well-formed, every link's quotes verbatim in their sources, URIs real ESCO
occupations, maintenance occupations present; tension figures from the monitor weigh the groups."""

from __future__ import annotations

import csv
import re

import pytest

from techtalent.matching.engine import shortage_from_data, shortage_links, shortage_weights
from techtalent.matching.shortage_file import bundled_shortage_list, shortage_list_from_text

from .conftest import ESCO_DIR, SEEDS_DIR

ESCO_OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
INDUSTRIAL_MACHINERY_MECHANIC = "http://data.europa.eu/esco/occupation/269c47e7-9017-4aa6-bce8-49e89a696a64"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_entry_has_provenance_and_esco_occupations() -> None:
    entries = bundled_shortage_list()
    assert len(entries) >= 6
    assert len({e.code for e in entries}) == len(entries)
    for entry in entries:
        assert entry.name_nl and entry.name_en and entry.mapping
        assert entry.confidence in ("exact", "group")
        assert entry.sources and all(s.document and s.section and s.quote for s in entry.sources)
        assert entry.occupations and all(ESCO_OCCUPATION.match(uri) for uri in entry.occupations)


def test_every_link_to_an_occupation_carries_document_section_and_quote() -> None:
    links = shortage_links(bundled_shortage_list())
    assert links
    for uri, found in links.items():
        for link in found:
            assert link.occupation == uri and link.sources and link.mapping
            assert all(s.document.endswith(".txt") and s.section and s.quote for s in link.sources)


def test_maintenance_technicians_are_a_shortage_group() -> None:
    links = shortage_links(bundled_shortage_list())
    (link,) = [x for x in links[INDUSTRIAL_MACHINERY_MECHANIC] if x.group == "technici-service-en-onderhoud"]
    assert link.confidence == "group"  # the documents name a group, the ESCO link is our reading
    assert any("onderhoud" in s.quote for s in link.sources)
    assert any("Technische beroepen" in s.quote for s in link.sources)


@pytest.mark.realdata
def test_every_quote_is_found_verbatim_in_its_source_document() -> None:
    assert SEEDS_DIR.is_dir(), f"source documents not found at {SEEDS_DIR}"
    for entry in bundled_shortage_list():
        for source in entry.sources:
            text = collapse((SEEDS_DIR / source.document).read_text(encoding="utf-8"))
            assert collapse(source.quote) in text, f"{entry.code}: quote not in {source.document}"


@pytest.mark.realdata
def test_every_occupation_uri_is_in_esco() -> None:
    path = ESCO_DIR / "en" / "occupations_en.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        known = {row["conceptUri"] for row in csv.DictReader(handle)}
    for entry in bundled_shortage_list():
        assert set(entry.occupations) <= known, entry.code


def test_tension_ids_refer_to_shipped_monitor_observations() -> None:
    from techtalent.monitor.services import DATA_DIR

    shipped = "\n".join(p.read_text(encoding="utf-8") for p in (DATA_DIR / "observations").glob("*.yaml"))
    for entry in bundled_shortage_list():
        for ref in entry.tension:
            assert f"id: {ref}\n" in shipped, f"{entry.code}: no monitor observation {ref}"


def test_without_tension_figures_every_listed_occupation_weighs_one() -> None:
    weights = shortage_weights(bundled_shortage_list())
    assert weights[INDUSTRIAL_MACHINERY_MECHANIC] == 1.0
    assert set(weights.values()) == {1.0}


def test_tension_figures_weigh_groups_and_drop_those_not_tight() -> None:
    data = {
        "occupations": [
            {
                "code": code,
                "name": {"nl": code, "en": code},
                "sources": [{"document": "d.txt", "section": "s", "quote": "q"}],
                "mapping": "m",
                "esco": [{"uri": f"occ:{code}"}],
                "tension": [f"t-{code}"],
            }
            for code in ("tight", "tighter", "slack", "unknown")
        ]
    }
    entries = shortage_from_data(data)
    weights = shortage_weights(entries, {"t-tight": 2.0, "t-tighter": 4.0, "t-slack": 0.5})
    # tighter 4/4, tight 2/4; slack is below the threshold 1 and left out; without a figure: 1.
    assert weights == {"occ:tight": 0.5, "occ:tighter": 1.0, "occ:unknown": 1.0}


def test_a_malformed_shortage_list_fails_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="entry 1: missing or malformed field 'mapping'"):
        shortage_list_from_text(
            "occupations:\n- code: x\n  name: {nl: x, en: x}\n  sources: []\n  esco: []\n"
        )
    with pytest.raises(ValueError, match="not valid YAML"):
        shortage_list_from_text("occupations: [")
    with pytest.raises(ValueError, match="confidence"):
        shortage_list_from_text(
            "occupations:\n- {code: x, name: {nl: x, en: x}, sources: [], mapping: m, esco: [], "
            "confidence: sure}\n"
        )


@pytest.mark.django_db
def test_the_monitors_tension_figures_are_read_through_its_selectors() -> None:
    from techtalent.matching import selectors
    from techtalent.monitor.services import starter_load

    assert selectors.tension_figures() == {}  # an empty monitor: the bundled list alone
    starter_load()
    figures = selectors.tension_figures()
    # the four 'Technische beroepen' figures of 003 (Tabel: Spanning beroepsklasse - 2e kwartaal 2022)
    assert sorted(figures.values()) == [3.08, 3.63, 4.2, 7.47]
    weights, links = selectors.shortage()
    assert weights[INDUSTRIAL_MACHINERY_MECHANIC] == pytest.approx(7.47 / 7.47)
    assert links[INDUSTRIAL_MACHINERY_MECHANIC][0].tension
