"""Consistency-check findings phrased by the Django layer from the engine's numbers, in Dutch and English."""

from __future__ import annotations

import pytest
from django.utils import translation

from techtalent.monitor.engine import consistency_checks
from techtalent.monitor.findings import finding_text
from tests.monitor.test_check_engine import _contradicting_cases

NAMES = {"nl": {"workers": "Werkenden"}, "en": {"workers": "Workers"}}
REGIONS = {"NL01": "Nederland", "LD01": "Noord-Nederland", "PV20": "Groningen", "PV21": "Fryslân"}
ENGLISH = ("add up", "stated", "share is", "lies outside", "expected", "imply", "the whole")
DUTCH = ("tellen op", "staat op", "vermeld", "ligt buiten", "verwacht", "geven", "het geheel")


def _text(case: int, lang: str) -> str:
    rule, data, _numbers, _over = _contradicting_cases()[case]
    [found] = consistency_checks(data, [rule])  # type: ignore[list-item]
    with translation.override(lang):
        return finding_text(found, lang, NAMES[lang], REGIONS)


@pytest.mark.parametrize("case", range(7))
def test_every_finding_reads_in_dutch_and_in_english(case: int) -> None:
    dutch, english = _text(case, "nl"), _text(case, "en")
    assert not any(word in dutch for word in ENGLISH), dutch
    assert any(word in dutch for word in DUTCH), dutch
    assert not any(word in english for word in DUTCH), english
    assert any(word in english for word in ENGLISH), english


def test_numbers_and_names_follow_the_language() -> None:
    assert _text(0, "nl") == (
        "Werkenden, Nederland, 2022: de delen naar geslacht tellen op tot 1.847.000, "
        "het geheel staat op 847.000"
    )
    assert _text(0, "en") == (
        "Workers, Nederland, 2022: the parts by gender add up to 1,847,000, the whole is stated as 847,000"
    )
    assert _text(2, "nl").startswith(
        "vacancies, Noord-Nederland, 2022: Groningen + Fryslân tellen op tot 300"
    )
    assert "21,0 %" in _text(3, "nl") and "18,3 %" in _text(3, "nl") and "18.3 %" in _text(3, "en")
