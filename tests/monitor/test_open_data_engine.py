"""The pure open-data arithmetic: CBS/DUO period labels, roll-ups and derived ratios against hand sums."""

from __future__ import annotations

import pytest

from techtalent.monitor.engine.opendata import Cell, Ratio, derive_ratios, open_data_period, rollup


@pytest.mark.parametrize(
    ("text", "fmt", "period"),
    [
        ("2011KW01", "cbs_code", "2011Q1"),
        ("2019JJ00", "cbs_code", "2019"),
        ("2013 1e kwartaal", "cbs_label", "2013Q1"),
        ("2024 4e kwartaal*", "cbs_label", "2024Q4"),
        ("2015/'16", "cbs_label", "2015/2016"),
        ("1999/'00", "cbs_label", "1999/2000"),
        ("2025 maart", "cbs_label", "2025M03"),
        ("2014-2015", "school_year", "2014/2015"),
        ("2020", "october_year", "2020/2021"),
    ],
)
def test_cbs_and_duo_period_labels_become_monitor_periods(text: str, fmt: str, period: str) -> None:
    assert open_data_period(text, fmt) == period


@pytest.mark.parametrize(
    ("text", "fmt"), [("2015/'17", "cbs_label"), ("2014-2016", "school_year"), ("x", "nope")]
)
def test_malformed_period_labels_are_refused(text: str, fmt: str) -> None:
    with pytest.raises(ValueError):
        open_data_period(text, fmt)


def _cell(region: str, value: float, **bd: str) -> Cell:
    return Cell("n", region, "2019/2020", tuple(sorted(bd.items())), value)


def test_rollup_sums_duplicates_and_adds_totals_over_the_named_breakdowns() -> None:
    cells = [_cell("PV20", 3, profile="NT"), _cell("PV20", 2, profile="NT"), _cell("PV20", 5, profile="EM")]
    got = {(c.breakdowns, c.value) for c in rollup(cells, ["profile"])}
    assert got == {((("profile", "NT"),), 5), ((("profile", "EM"),), 5), ((), 10)}


def test_ratio_is_numerator_parts_over_denominator_per_region_and_kept_breakdown() -> None:
    cells = [
        _cell("PV20", 8, profile="NT", gender="f"),
        _cell("PV20", 2, profile="NG", gender="f"),
        _cell("PV20", 40, gender="f"),
        _cell("PV21", 1, profile="NT", gender="f"),
        _cell("PV21", 4, gender="f"),
        _cell("PV22", 1, profile="NT", gender="f"),
        _cell("PV22", 1, profile="NG", gender="f"),
        _cell("PV22", 0, gender="f"),
    ]
    parts = ((("profile", "NT"),), (("profile", "NG"),))
    strict = Ratio("share", "n", parts, "n", ((),), keep=("gender",))
    # PV21 lacks the NG part, PV22 has a zero denominator: neither gets a figure
    assert [(c.region, c.breakdowns, c.value, n, d) for c, n, d in derive_ratios(cells, strict)] == [
        ("PV20", (("gender", "f"),), 25.0, 10, 40)
    ]
    lenient = Ratio("share", "n", parts, "n", ((),), keep=("gender",), missing_parts_are_zero=True)
    assert [(c.region, c.value) for c, _, _ in derive_ratios(cells, lenient)] == [
        ("PV20", 25.0),
        ("PV21", 25.0),
    ]


def test_a_ratio_without_denominator_is_the_sum_of_its_parts() -> None:
    cells = [_cell("NL01", 50, sector="B-F"), _cell("NL01", 20, sector="J"), _cell("NL01", 200)]
    total = Ratio("tech", "n", ((("sector", "B-F"),), (("sector", "J"),)), "", (), scale=1)
    assert [(c.value, n) for c, n, _ in derive_ratios(cells, total)] == [(70, 70)]
