"""The scan engine on small hand-made instruments: parsing errors, scoring by hand, k-anonymity, radar."""

from __future__ import annotations

import math

import pytest

from techtalent.scan.engine import (
    MIN_CONTRIBUTORS,
    Competency,
    InstrumentError,
    LevelRequirement,
    aggregate_levels,
    aggregate_themes,
    check_answers,
    competencies_for,
    instrument_from_dict,
    radar_chart,
    score_culture,
    score_maturity,
    staff_gaps,
)

T = {"nl": "x", "en": "x"}


def _instrument(**over: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "code": "toy",
        "version": 1,
        "kind": "maturity",
        "title": T,
        "authorship": T,
        "scoring": {"rounding": "floor", "min_answered": 0.5, "suggestion_below": 60},
        "scale": [{"value": v, "text": T} for v in (1, 2, 3, 4, 5, 0)],
        "sections": [
            {
                "code": "a",
                "name": T,
                "suggestions": [{"nl": "doe iets", "en": "do something"}],
                "questions": [
                    {"code": "a1", "text": T, "weight": 1},
                    {"code": "a2", "text": T, "weight": 3},
                ],
            },
            {"code": "b", "name": T, "questions": [{"code": "b1", "text": T}, {"code": "b2", "text": T}]},
        ],
    }
    raw.update(over)
    return raw


def test_weighted_mean_is_rounded_down_to_the_level() -> None:
    inst = instrument_from_dict(_instrument())
    result = score_maturity(inst, {"a1": 4, "a2": 2, "b1": 5, "b2": 4})
    a, b = result.sections
    assert a.mean == pytest.approx((1 * 4 + 3 * 2) / 4)  # 2.5
    assert a.level == 2
    assert b.level == 4  # 4.5 rounded down


def test_nearest_rounding_rounds_half_up() -> None:
    inst = instrument_from_dict(_instrument(scoring={"rounding": "nearest"}))
    assert score_maturity(inst, {"a1": 4, "a2": 2, "b1": 1, "b2": 1}).levels()["a"] == 3


def test_not_applicable_answers_count_as_answered_but_not_scored() -> None:
    inst = instrument_from_dict(_instrument())
    result = score_maturity(inst, {"a1": 0, "a2": 3, "b1": 0, "b2": 0})
    assert result.levels() == {"a": 3, "b": None}
    assert result.sections[1].answered == 2


def test_a_section_with_too_few_answers_has_no_level() -> None:
    inst = instrument_from_dict(_instrument(scoring={"min_answered": 1.0}))
    assert score_maturity(inst, {"a1": 5}).levels()["a"] is None


def test_check_answers_names_missing_unknown_and_invalid_answers() -> None:
    inst = instrument_from_dict(_instrument())
    problems = check_answers(inst, {"a1": 9, "zz": 1, "a2": True}, complete=True)  # type: ignore[dict-item]
    kinds = {(p.question, p.problem) for p in problems}
    assert ("a1", "invalid") in kinds and ("zz", "unknown") in kinds and ("a2", "invalid") in kinds
    assert ("b1", "missing") in kinds and ("b2", "missing") in kinds
    assert check_answers(inst, {"a1": 1}, complete=False) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "quiz"}, "kind must be"),
        ({"version": "one"}, "integer version"),
        ({"scale": [{"value": 1, "text": T}]}, "at least two"),
        ({"title": {"nl": "alleen nl"}}, "'nl' and 'en'"),
        ({"scoring": {"rounding": "up"}}, "floor or nearest"),
    ],
)
def test_a_malformed_instrument_is_refused_with_the_reason(change: dict[str, object], message: str) -> None:
    with pytest.raises(InstrumentError, match=message):
        instrument_from_dict(_instrument(**change))


def test_duplicate_question_codes_are_refused() -> None:
    raw = _instrument()
    raw["sections"][1]["questions"][0]["code"] = "a1"  # type: ignore[index]
    with pytest.raises(InstrumentError, match="unique"):
        instrument_from_dict(raw)


def test_culture_scores_are_zero_to_hundred_with_suggestions_below_the_bar() -> None:
    inst = instrument_from_dict(_instrument(kind="culture"))
    a, b = score_culture(inst, {"a1": 1, "a2": 3, "b1": 5, "b2": 5})
    assert a.score == pytest.approx(((1 + 9) / 4 - 1) / 4 * 100)  # mean 2.5 → 37.5
    assert a.suggestions and a.suggestions[0]["en"] == "do something"
    assert b.score == 100 and b.suggestions == ()


def test_aggregates_are_suppressed_below_five_contributors() -> None:
    rows = [{"a": 2, "b": 3}] * (MIN_CONTRIBUTORS - 1) + [{"a": 4, "b": None}]
    agg = aggregate_levels(rows)
    assert agg["a"] is not None and agg["a"].n == 5 and agg["a"].mean == pytest.approx((2 * 4 + 4) / 5)
    assert agg["a"].distribution == {2: 4, 4: 1}
    assert agg["b"] is None  # only four companies have a level for b


def test_a_lower_minimum_can_never_undercut_five() -> None:
    assert aggregate_levels([{"a": 1}] * 3, minimum=2)["a"] is None
    assert aggregate_themes([{"t": 50.0}] * 4, minimum=1)["t"] is None


def test_radar_puts_the_first_axis_straight_up_and_scales_values() -> None:
    chart = radar_chart(["x", "y", "z", "w"], {"current": [5, 0, 2.5, None]}, size=200, margin=50)
    assert chart.axes[0].x == 100 and chart.axes[0].y == 50  # radius 50, straight up
    points = [tuple(map(float, p.split(","))) for p in chart.series[0].points.split()]
    assert points[0] == (100.0, 50.0)
    assert points[1] == (100.0, 100.0)  # zero at the centre
    assert math.isclose(points[2][1], 125.0)  # half of the radius, straight down
    assert len(chart.rings) == 5


def test_radar_refuses_too_few_axes_and_mismatched_series() -> None:
    with pytest.raises(ValueError):
        radar_chart(["a", "b"], {})
    with pytest.raises(ValueError):
        radar_chart(["a", "b", "c"], {"s": [1, 2]})


def test_competencies_for_a_target_are_cumulative_and_flag_what_is_new() -> None:
    reqs = [
        LevelRequirement("df", 2, "sec", 0.7, "m", T),
        LevelRequirement("df", 3, "arch", 0.6, "m", T),
        LevelRequirement("df", 4, "data", 0.6, "m", T),
        LevelRequirement("other", 2, "x", 0.5, "m", T),
    ]
    rows = competencies_for(reqs, "df", target=3, current=2)
    assert [(r.competency, new) for r, new in rows] == [("sec", False), ("arch", True)]


def test_staff_gaps_count_people_with_any_skill_and_name_only_the_consenting() -> None:
    reqs = [(LevelRequirement("df", 3, "arch", 0.6, "m", T), True)]
    comps = {"arch": Competency("arch", T, ("s1", "s2"), "fw", {})}
    staff = {"ann": frozenset({"s1"}), "bob": frozenset({"s9"}), "cem": frozenset({"s2", "s3"})}
    (gap,) = staff_gaps(reqs, comps, staff, named=frozenset({"ann", "bob"}))
    assert (gap.covered, gap.staff) == (2, 3)
    assert gap.named_covered == ("ann",) and gap.named_missing == ("bob",)


def test_radar_labels_of_several_words_break_into_two_balanced_lines() -> None:
    chart = radar_chart(["Advanced manufacturing", "Smart design", "Flexible manufacturing x"], {})
    assert [t for t, _y in chart.axes[0].lines] == ["Advanced", "manufacturing"]
    assert [t for t, _y in chart.axes[2].lines] == ["Flexible", "manufacturing x"]
    (_a, y1), (_b, y2) = chart.axes[0].lines
    assert y2 - y1 == 13
