"""Occupations read from one line of a CV compete: a weak reading of a line is offered but not ticked."""

from __future__ import annotations

from techtalent.matching.engine.titles import COMPETING_MARGIN, TitlePrior, competing_readings

LINE = "2014 – 2018: Elektromonteur, woningbouw"


def test_a_weak_reading_of_a_line_falls_below_the_tick_and_a_strong_one_stays() -> None:
    floor = TitlePrior().min_confidence
    found = [
        {"uri": "occ:electrician", "kind": "occupation", "evidence": LINE, "score": 0.95},
        {
            "uri": "occ:domestic",
            "kind": "occupation",
            "evidence": LINE,
            "score": 0.95 - COMPETING_MARGIN - 0.05,
        },
        {
            "uri": "occ:close",
            "kind": "occupation",
            "evidence": LINE + "  ",
            "score": 0.95 - COMPETING_MARGIN / 2,
        },
        {"uri": "occ:other-line", "kind": "occupation", "evidence": "2010: lasser", "score": 0.65},
        {"uri": "skill:wiring", "kind": "skill", "evidence": LINE, "score": 0.62},
    ]
    out = {item["uri"]: item["score"] for item in competing_readings(found)}
    assert out["occ:electrician"] == 0.95
    assert out["occ:domestic"] < floor <= out["occ:close"]
    assert out["occ:other-line"] == 0.65 and out["skill:wiring"] == 0.62
    assert [item["uri"] for item in competing_readings(found)] == [item["uri"] for item in found]
    assert found[1]["score"] > floor  # the input is not changed


def test_readings_already_below_the_tick_are_left_alone() -> None:
    found = [
        {"uri": "a", "kind": "occupation", "evidence": LINE, "score": 0.9},
        {"uri": "b", "kind": "occupation", "evidence": LINE, "score": 0.3},
    ]
    assert [item["score"] for item in competing_readings(found)] == [0.9, 0.3]
