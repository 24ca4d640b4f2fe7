"""Every shipped number can be found in its source document, written as the document writes it.

These tests read the documents in <workspace>/shared/seeds and are skipped when that folder is absent.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from techtalent.monitor.engine import Observation, StarterData
from tests.monitor.conftest import read_starter_data

pytestmark = pytest.mark.realdata

# A Dutch number: "13.482", "2,5", "1.762.000", "3703"; optionally followed by "duizend" or "miljoen".
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?!\d)(\s+(?:duizend|miljoen))?")
_MULTIPLIER = {"duizend": 1_000, "miljoen": 1_000_000}


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def numbers_in(text: str) -> set[float]:
    """The numbers a Dutch text writes, with thousands separators and decimal commas resolved."""
    found: set[float] = set()
    for whole, decimals, word in _NUMBER.findall(text):
        value = float(whole.replace(".", "") + (f".{decimals}" if decimals else ""))
        found.add(value)
        if word:
            found.add(value * _MULTIPLIER[word.strip()])
    return found


@cache
def document_text(seeds: Path, name: str) -> str:
    return collapse((seeds / name).read_text(encoding="utf-8"))


def _observation_ids() -> list[str]:
    return [obs.key for obs in read_starter_data().observations]


@pytest.fixture(scope="module")
def by_key(starter: StarterData) -> dict[str, Observation]:
    return {obs.key: obs for obs in starter.observations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diploma 1.036 1.162", {1036, 1162}),
        ("niet formeel onderwijs,in de categorie 55-65 jaar is dat 19,6 %", {55, 65, 19.6}),
        ("bestond de beroepsbevolking uit 9.255.000 personen", {9_255_000}),
        ("Er zijn bijna 108 duizend bbl-studenten", {108, 108_000}),
        ("Friesland 4,20 = Zeer krap", {4.2}),
    ],
)
def test_dutch_numbers_are_read_with_their_separators(text: str, expected: set[float]) -> None:
    assert numbers_in(text) == expected


@pytest.mark.parametrize("key", _observation_ids())
def test_the_quote_is_in_the_document_and_states_the_number(key: str, by_key, seeds: Path) -> None:
    obs = by_key[key]
    text = document_text(seeds, obs.source.document)
    assert collapse(obs.source.quote) in text, f"quote not found in {obs.source.document}"
    # A change stated as a fall ("met 10% afgenomen") is stored as a negative number.
    assert abs(obs.value) in numbers_in(obs.source.quote), (
        f"{obs.value} is not written in {obs.source.quote!r}"
    )


def test_every_figure_left_out_is_quoted_from_its_document(starter: StarterData, seeds: Path) -> None:
    missing = [
        (item.document, quote)
        for doc in starter.documents
        for item in doc.not_placed
        for quote in item.quotes
        if collapse(quote) not in document_text(seeds, item.document)
    ]
    assert missing == []
