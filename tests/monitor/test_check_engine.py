"""The consistency-check engine on small hand-made observations: each rule type, rounding, no false alarms."""

from __future__ import annotations

import pytest

from techtalent.monitor.engine import (
    GrowthRate,
    Localised,
    Observation,
    PartsSumToWhole,
    RegionsSumToWhole,
    SameValue,
    ShareOfWhole,
    SharesSumTo100,
    Source,
    comparisons,
    consistency_checks,
    describe,
    interval_of,
    rounding_step,
)

TEXT = Localised("toets", "test")
_counter = iter(range(10_000))


def obs(
    indicator: str,
    value: float,
    *,
    region: str = "NL01",
    period: str = "2022",
    unit: str = "persons",
    measure: str = "level",
    base_period: str | None = None,
    approximate: bool = False,
    document: str = "toy.txt",
    **breakdowns: str,
) -> Observation:
    number = next(_counter)
    return Observation(
        id=f"o{number}",
        indicator=indicator,
        region=region,
        period=period,
        value=value,
        unit=unit,
        status="final",
        source=Source(document, f"section {number}", f"quote {value}"),
        breakdowns=tuple(sorted(breakdowns.items())),
        measure=measure,
        base_period=base_period,
        approximate=approximate,
    )


def gender_rule() -> PartsSumToWhole:
    return PartsSumToWhole(
        "gender", TEXT, "workers", ("gender",), ((("gender", "male"),), (("gender", "female"),))
    )


def levels_rule(parts: tuple[str, ...] = ("basis", "middelbaar", "hoger")) -> SharesSumTo100:
    return SharesSumTo100("levels", TEXT, "level-share", ("level",), tuple((("level", p),) for p in parts))


# -- rounding -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "step"),
    [
        (18, "percent", 1),
        (2.5, "percent", 0.1),
        (10.76, "ratio", 0.01),
        (847_000, "persons", 1000),
        (2_091, "persons", 1),
        (2_330, "persons", 10),
        (50, "percent", 1),
        (-10, "percent", 1),
    ],
)
def test_the_rounding_step_follows_how_the_number_is_written(value: float, unit: str, step: float) -> None:
    assert rounding_step(value, unit) == pytest.approx(step)


def test_a_hedged_figure_allows_a_whole_rounding_step_either_side() -> None:
    exact, hedged = obs("x", 5_000, unit="count"), obs("x", 5_000, unit="count", approximate=True)
    assert (interval_of(exact).low, interval_of(exact).high) == (4_500, 5_500)
    assert (interval_of(hedged).low, interval_of(hedged).high) == (4_000, 6_000)


# -- parts sum to whole -------------------------------------------------------------------------------------


def test_men_plus_women_equal_to_the_total_passes() -> None:
    data = [obs("workers", 100), obs("workers", 40, gender="male"), obs("workers", 60, gender="female")]
    assert consistency_checks(data, [gender_rule()]) == []
    assert len(comparisons(data, [gender_rule()])) == 1


def test_a_total_a_million_short_of_its_parts_is_a_contradiction_naming_all_three() -> None:
    total = obs("workers", 847_000)
    men, women = obs("workers", 1_543_000, gender="male"), obs("workers", 304_000, gender="female")
    [found] = consistency_checks([total, men, women], [gender_rule()])
    assert found.kind == "parts_sum_to_whole"
    assert set(found.observations) == {total, men, women}
    assert (found.stated, found.computed, found.difference) == (847_000, 1_847_000, 1_000_000)
    assert found.beyond_rounding == pytest.approx(998_500)
    lines = describe(found)
    assert len(lines) == 4 and all(o.source.quote in "\n".join(lines) for o in (total, men, women))


def test_parts_rounded_to_thousands_may_miss_the_total_by_the_rounding() -> None:
    data = [
        obs("workers", 847_000),
        obs("workers", 543_000, gender="male"),
        obs("workers", 304_400, gender="female"),
    ]
    assert consistency_checks(data, [gender_rule()]) == []


def test_a_missing_part_means_no_comparison_rather_than_a_false_alarm() -> None:
    data = [obs("workers", 847_000), obs("workers", 1_543_000, gender="male")]
    assert comparisons(data, [gender_rule()]) == []


def test_changes_are_never_added_up_as_parts() -> None:
    change = {"unit": "percent", "measure": "change_percent", "base_period": "2013"}
    data = [
        obs("workers", 24, **change),
        obs("workers", 19, gender="male", **change),
        obs("workers", 62, gender="female", **change),
    ]
    assert comparisons(data, [gender_rule()]) == []


def test_parts_only_add_up_within_the_same_region_and_period() -> None:
    data = [
        obs("workers", 100, period="2021"),
        obs("workers", 40, gender="male"),
        obs("workers", 60, gender="female", region="PV20"),
    ]
    assert comparisons(data, [gender_rule()]) == []


def test_parts_over_two_breakdowns_nest_inside_the_other_keys() -> None:
    rule = PartsSumToWhole(
        "by-sector", TEXT, "dest", ("sector",), ((("sector", "tech"),), (("sector", "other"),))
    )
    data = [
        obs("dest", 51, unit="percent", occupation="tech"),
        obs("dest", 30, unit="percent", occupation="tech", sector="other"),
        obs("dest", 21, unit="percent", occupation="tech", sector="tech"),
        obs("dest", 34, unit="percent", occupation="non", sector="other"),
    ]
    [made] = comparisons(data, [rule])
    assert made.consistent and made.computed == 51


# -- shares sum to 100 --------------------------------------------------------------------------------------


def test_shares_that_round_to_101_are_within_rounding() -> None:
    data = [
        obs("level-share", v, unit="percent", level=p)
        for v, p in ((43, "hoger"), (40, "middelbaar"), (18, "basis"))
    ]
    [made] = comparisons(data, [levels_rule()])
    assert made.consistent and made.computed == 101


def test_shares_summing_to_98_over_three_parts_are_beyond_rounding() -> None:
    data = [
        obs("level-share", v, unit="percent", level=p, region="PV21")
        for v, p in ((22, "hoger"), (45, "middelbaar"), (31, "basis"))
    ]
    [found] = consistency_checks(data, [levels_rule()])
    assert (found.stated, found.computed, found.beyond_rounding) == (100, 98, 0.5)


def test_shares_are_checked_per_region() -> None:
    data = [
        obs("level-share", v, unit="percent", level=p, region=r)
        for r, values in (("NL01", (22, 40, 38)), ("PV21", (31, 45, 22)))
        for v, p in zip(values, ("basis", "middelbaar", "hoger"), strict=True)
    ]
    assert [c.observations[0].region for c in consistency_checks(data, [levels_rule()])] == ["PV21"]


def test_decimal_shares_get_a_tighter_tolerance() -> None:
    data = [
        obs("level-share", v, unit="percent", level=p)
        for v, p in ((33.3, "basis"), (33.3, "middelbaar"), (33.2, "hoger"))
    ]
    assert len(consistency_checks(data, [levels_rule()])) == 1


# -- regions sum to whole -----------------------------------------------------------------------------------


def test_provinces_add_up_to_their_landsdeel() -> None:
    rule = RegionsSumToWhole("north", TEXT, "vacancies", "LD01", ("PV20", "PV21", "PV22"))
    data = [
        obs("vacancies", v, region=r, unit="count", occupation="ict")
        for r, v in (("PV22", 100), ("PV21", 250), ("PV20", 400), ("LD01", 750))
    ]
    assert consistency_checks(data, [rule]) == [] and len(comparisons(data, [rule])) == 1
    data[-1] = obs("vacancies", 1_750, region="LD01", unit="count", occupation="ict")
    [found] = consistency_checks(data, [rule])
    assert found.kind == "regions_sum_to_whole" and found.difference == -1_000


def test_regions_with_other_breakdowns_are_not_mixed() -> None:
    rule = RegionsSumToWhole("north", TEXT, "vacancies", "LD01", ("PV20", "PV21"))
    data = [
        obs("vacancies", 100, region="PV20", unit="count", occupation="ict"),
        obs("vacancies", 900, region="PV21", unit="count", occupation="tech"),
        obs("vacancies", 100, region="LD01", unit="count", occupation="ict"),
    ]
    assert comparisons(data, [rule]) == []


# -- share of whole -----------------------------------------------------------------------------------------


def test_a_share_matches_part_over_whole_within_rounding() -> None:
    rule = ShareOfWhole("share", TEXT, "share", "part", "whole")
    data = [
        obs("share", 18, unit="percent", region="PV22"),
        obs("part", 26_000, region="PV22"),
        obs("whole", 142_000, region="PV22"),
    ]
    assert consistency_checks(data, [rule]) == []
    data[0] = obs("share", 21, unit="percent", region="PV22")
    [found] = consistency_checks(data, [rule])
    assert found.computed == pytest.approx(18.31, abs=0.01)


# -- growth rate --------------------------------------------------------------------------------------------


def test_a_growth_rate_matches_the_two_levels_it_joins() -> None:
    rule = GrowthRate("growth", TEXT, "workers")
    data = [
        obs("workers", 188_000, period="2013", gender="female"),
        obs("workers", 304_000, gender="female"),
        obs("workers", 62, unit="percent", measure="change_percent", base_period="2013", gender="female"),
    ]
    assert consistency_checks(data, [rule]) == []
    data[2] = obs(
        "workers", 26, unit="percent", measure="change_percent", base_period="2013", gender="female"
    )
    [found] = consistency_checks(data, [rule])
    assert found.computed == pytest.approx(61.7, abs=0.1)


def test_a_fall_is_a_negative_change() -> None:
    rule = GrowthRate("growth", TEXT, "inflow")
    data = [
        obs("inflow", 2_330, period="2020"),
        obs("inflow", 2_091, period="2021"),
        obs("inflow", -10, period="2021", unit="percent", measure="change_percent", base_period="2020"),
    ]
    assert consistency_checks(data, [rule]) == []


def test_a_change_in_points_is_the_difference_of_the_shares() -> None:
    rule = GrowthRate("points", TEXT, "share")
    data = [
        obs("share", 57, unit="percent", period="2021/2022", approximate=True),
        obs("share", 59, unit="percent", period="2022/2023", document="other.txt"),
        obs(
            "share",
            2,
            unit="percentage_points",
            period="2022/2023",
            measure="change_points",
            base_period="2021/2022",
        ),
    ]
    [made] = comparisons(data, [rule])
    assert made.consistent and made.computed == 2


def test_a_missing_total_level_is_derived_from_its_parts() -> None:
    rule = GrowthRate(
        "growth", TEXT, "workers", (("gender",), ((("gender", "male"),), (("gender", "female"),)))
    )
    rate = obs("workers", 24, unit="percent", measure="change_percent", base_period="2013")
    data = [
        obs("workers", 1_301_000, period="2013", gender="male"),
        obs("workers", 188_000, period="2013", gender="female"),
        obs("workers", 1_543_000, gender="male"),
        obs("workers", 304_000, gender="female"),
        rate,
    ]
    [made] = comparisons(data, [rule])
    assert made.consistent and made.computed == pytest.approx(24.04, abs=0.01)
    total = obs("workers", 847_000)
    [found] = consistency_checks([*data, total], [rule])
    assert set(found.observations) == {rate, total, data[0], data[1]}


def test_a_growth_rate_without_both_levels_is_not_judged() -> None:
    rule = GrowthRate("growth", TEXT, "workers")
    data = [
        obs("workers", 847_000),
        obs("workers", 5, unit="percent", measure="change_percent", base_period="2021"),
    ]
    assert comparisons(data, [rule]) == []


# -- same value ---------------------------------------------------------------------------------------------


def test_two_statements_of_one_figure_must_agree() -> None:
    rule = SameValue("same", TEXT)
    first = obs("women", 23, unit="percent", period="2021", region="LD01", level="hbo")
    second = obs("women", 21, unit="percent", period="2021", region="LD01", level="hbo")
    [found] = consistency_checks([first, second], [rule])
    assert found.observations == (first, second) and found.beyond_rounding == 1


def test_an_approximate_restatement_agrees_within_its_rounding() -> None:
    rule = SameValue("same", TEXT)
    data = [obs("vacancies", 5_300, unit="count"), obs("vacancies", 5_000, unit="count", approximate=True)]
    assert consistency_checks(data, [rule]) == []


def test_figures_for_different_periods_or_regions_are_not_compared() -> None:
    rule = SameValue("same", TEXT, "women")
    data = [
        obs("women", 23, unit="percent", period="2021"),
        obs("women", 15, unit="percent", period="2011"),
        obs("women", 24, unit="percent", period="2021", region="LD01"),
        obs("men", 3, unit="percent"),
    ]
    assert comparisons(data, [rule]) == []


def test_rules_run_in_order_and_report_every_contradiction() -> None:
    data = [
        obs("workers", 847_000),
        obs("workers", 1_543_000, gender="male"),
        obs("workers", 304_000, gender="female"),
        obs("workers", 848_000),
    ]
    found = consistency_checks(data, [gender_rule(), SameValue("same", TEXT)])
    assert [c.rule for c in found] == ["gender", "gender"]


# -- findings as data -----------------------------------------------------------------------------------


def _contradicting_cases() -> list[tuple[object, list[Observation], dict[str, float], tuple[str, ...]]]:
    """One contradiction per rule kind with the named numbers the engine must hand over."""
    from techtalent.monitor.engine import ShareInRange

    return [
        (
            gender_rule(),
            [
                obs("workers", 847_000),
                obs("workers", 1_543_000, gender="male"),
                obs("workers", 304_000, gender="female"),
            ],
            {"total": 1_847_000, "whole": 847_000},
            ("gender",),
        ),
        (
            levels_rule(),
            [
                obs("level-share", v, unit="percent", level=p)
                for v, p in ((20, "basis"), (30, "middelbaar"), (40, "hoger"))
            ],
            {"total": 90},
            ("level",),
        ),
        (
            RegionsSumToWhole("north", TEXT, "vacancies", "LD01", ("PV20", "PV21")),
            [
                obs("vacancies", v, region=r, unit="count")
                for r, v in (("LD01", 900), ("PV20", 100), ("PV21", 200))
            ],
            {"total": 300, "whole": 900},
            ("PV20", "PV21"),
        ),
        (
            ShareOfWhole("share", TEXT, "share", "part", "whole"),
            [obs("share", 21, unit="percent"), obs("part", 26_000), obs("whole", 142_000)],
            {"share": 21, "part": 26_000, "whole": 142_000, "computed": 100 * 26_000 / 142_000},
            (),
        ),
        (
            GrowthRate("growth", TEXT, "workers"),
            [
                obs("workers", 26, unit="percent", measure="change_percent", base_period="2013"),
                obs("workers", 188_000, period="2013"),
                obs("workers", 304_000),
            ],
            {"stated": 26, "start": 188_000, "end": 304_000, "computed": 100 * (304_000 / 188_000 - 1)},
            (),
        ),
        (
            SameValue("same", TEXT),
            [obs("women", 23, unit="percent"), obs("women", 21, unit="percent")],
            {"first": 23, "second": 21},
            (),
        ),
        (ShareInRange("range", TEXT, "share"), [obs("share", 130, unit="percent")], {"value": 130}, ()),
    ]


@pytest.mark.parametrize("case", range(7))
def test_every_rule_kind_hands_over_its_finding_as_named_numbers(case: int) -> None:
    from techtalent.monitor.engine import FACTS

    rule, data, numbers, over = _contradicting_cases()[case]
    [found] = consistency_checks(data, [rule])  # type: ignore[list-item]
    assert [name for name, _ in found.facts] == list(FACTS[found.kind])
    assert {name: found.fact(name) for name in FACTS[found.kind]} == pytest.approx(numbers)
    assert found.over == over and found.observations[0] == data[0]
