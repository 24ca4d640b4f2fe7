"""The bundled shortage list: well-formed, quotes verbatim in their sources, URIs real ESCO occupations."""

from __future__ import annotations

import csv
import re

import pytest

from techtalent.matching.engine import bundled_shortage_list, shortage_weights

from .conftest import ESCO_DIR, SEEDS_DIR

ESCO_OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_entry_has_provenance_and_esco_occupations() -> None:
    entries = bundled_shortage_list()
    assert len(entries) >= 5
    assert len({e.code for e in entries}) == len(entries)
    for entry in entries:
        assert entry.name_nl and entry.name_en and entry.mapping
        assert entry.sources and all(s.document and s.section and s.quote for s in entry.sources)
        assert entry.occupations and all(ESCO_OCCUPATION.match(uri) for uri in entry.occupations)


@pytest.mark.realdata
def test_every_quote_is_found_verbatim_in_its_source_document() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not found at {SEEDS_DIR}")
    for entry in bundled_shortage_list():
        for source in entry.sources:
            text = collapse((SEEDS_DIR / source.document).read_text(encoding="utf-8"))
            assert collapse(source.quote) in text, f"{entry.code}: quote not in {source.document}"


@pytest.mark.realdata
def test_every_occupation_uri_is_in_esco() -> None:
    path = ESCO_DIR / "en" / "occupations_en.csv"
    if not path.is_file():
        pytest.skip(f"ESCO export not found at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        known = {row["conceptUri"] for row in csv.DictReader(handle)}
    for entry in bundled_shortage_list():
        assert set(entry.occupations) <= known, entry.code


def test_without_tension_figures_the_bundled_list_is_used() -> None:
    weights = shortage_weights()
    assert weights and set(weights.values()) == {1.0}
    assert "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1" in weights


def test_tension_figures_replace_the_bundled_list() -> None:
    weights = shortage_weights({"occ:a": 2.0, "occ:b": 1.0, "occ:c": 0.5}, threshold=1.0)
    assert weights == {"occ:a": 1.0, "occ:b": 0.5}
