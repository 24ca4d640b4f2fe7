"""Schema validation of the starter data: good files load into frozen values, bad ones fail with reasons."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from techtalent.monitor.engine import (
    PartsSumToWhole,
    StarterData,
    StarterDataError,
    parse_document,
    parse_rules,
    period_kind,
)

DOC = "toy_0001.txt"


def document(**changes: Any) -> dict[str, Any]:
    observation = {
        "id": "workers-nl01-2022",
        "indicator": "technical-occupation-workers",
        "region": "NL01",
        "period": "2022",
        "breakdowns": {"gender": "female"},
        "value": 304000,
        "unit": "persons",
        "status": "final",
        "source": {"document": DOC, "section": "Stand van zaken", "quote": "in 2022: 304.000"},
    }
    observation.update(changes)
    return {
        "document": DOC,
        "title": "Toy",
        "observations": [observation],
        "not_placed": [{"section": "Voorwoord", "quotes": ["210 miljoen euro"], "reason": "Programma."}],
    }


def parse(data: dict[str, Any], starter: StarterData):
    return parse_document(
        data, indicators=starter.indicators, regions=starter.regions, breakdowns=starter.breakdowns
    )


@pytest.mark.parametrize("period", ["2019", "2019Q3", "2022M05", "2018/2019"])
def test_periods_in_the_four_forms_are_accepted(period: str) -> None:
    assert period_kind(period)


@pytest.mark.parametrize("period", ["2019-2020", "2018/2020", "2019Q5", "2022M13", "19", "2019 Q3"])
def test_malformed_periods_are_rejected(period: str) -> None:
    with pytest.raises(ValueError):
        period_kind(period)


def test_a_well_formed_document_loads_into_frozen_observations(starter: StarterData) -> None:
    parsed = parse(document(), starter)
    [observation] = parsed.observations
    assert observation.breakdown == {"gender": "female"} and observation.key == "toy_0001#workers-nl01-2022"
    with pytest.raises(dataclasses.FrozenInstanceError):
        observation.value = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"indicator": "nonsense"}, "unknown indicator"),
        ({"region": "PV99"}, "unknown region"),
        ({"period": "2022-05"}, "not a year"),
        ({"unit": "percent"}, "differs from the indicator"),
        ({"status": "draft"}, "status must be"),
        ({"value": "304.000"}, "value must be a number"),
        ({"breakdowns": {"gender": "x"}}, "not in breakdowns.yaml"),
        ({"breakdowns": {"colour": "red"}}, "not in breakdowns.yaml"),
        ({"measure": "change_percent", "unit": "percent"}, "needs a base_period"),
        ({"measure": "change_percent", "unit": "percent", "base_period": "2023"}, "must precede"),
        ({"measure": "change_points", "unit": "percent", "base_period": "2013"}, "is in percentage_points"),
        ({"base_period": "2013"}, "a level has no base_period"),
        ({"source": {"document": "other.txt", "section": "s", "quote": "q"}}, "is not"),
        ({"source": {"document": DOC, "section": "s", "quote": " "}}, "must be non-empty"),
        ({"source": {"document": DOC, "section": "s"}}, "source must have"),
        ({"id": "Not A Slug"}, "id must be"),
        ({"colour": "red"}, "unknown ['colour']"),
    ],
)
def test_a_malformed_observation_is_rejected_with_the_reason(changes, problem, starter: StarterData) -> None:
    with pytest.raises(StarterDataError) as error:
        parse(document(**changes), starter)
    assert any(problem in message for message in error.value.problems), error.value.problems


def test_every_problem_in_a_file_is_reported_at_once(starter: StarterData) -> None:
    data = document(indicator="nonsense")
    data["observations"].append(
        copy.deepcopy(data["observations"][0]) | {"region": "XX", "indicator": "labour-force"}
    )
    with pytest.raises(StarterDataError) as error:
        parse(data, starter)
    assert len(error.value.problems) >= 3  # unknown indicator, unknown region, duplicate id


def test_a_figure_left_out_needs_a_reason(starter: StarterData) -> None:
    data = document()
    data["not_placed"] = [{"section": "Voorwoord", "quotes": ["210 miljoen euro"], "reason": ""}]
    with pytest.raises(StarterDataError, match="needs section, quotes and reason"):
        parse(data, starter)


def test_rules_are_parsed_into_typed_values(starter: StarterData) -> None:
    text = """
rules:
- id: men-plus-women
  type: parts_sum_to_whole
  description: {nl: Mannen plus vrouwen, en: Men plus women}
  indicator: technical-occupation-workers
  over: gender
  parts: [male, female]
"""
    [rule] = parse_rules(text, indicators=starter.indicators, regions=starter.regions)
    assert rule == PartsSumToWhole(
        "men-plus-women",
        rule.description,
        "technical-occupation-workers",
        ("gender",),
        ((("gender", "male"),), (("gender", "female"),)),
    )


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"type": "adds_up"}, "type must be one of"),
        ({"type": "same_value", "indicator": "nonsense"}, "unknown indicator"),
        (
            {
                "type": "regions_sum_to_whole",
                "indicator": "open-vacancies",
                "whole": "NL01",
                "parts": ["PV99", "PV20"],
            },
            "unknown region",
        ),
        (
            {
                "type": "shares_sum_to_100",
                "indicator": "n-profile-share",
                "over": "gender",
                "parts": ["male"],
            },
            "at least two parts",
        ),
        (
            {
                "type": "parts_sum_to_whole",
                "indicator": "n-profile-share",
                "over": ["a", "b"],
                "parts": ["x", "y"],
            },
            "must give a value for each",
        ),
        ({"type": "share_of_whole", "share": "labour-force"}, "takes"),
    ],
)
def test_a_malformed_rule_is_rejected(rule: dict[str, Any], problem: str, starter: StarterData) -> None:
    item = {"id": "bad", "description": {"nl": "x", "en": "x"}, **rule}
    with pytest.raises(StarterDataError) as error:
        parse_rules({"rules": [item]}, indicators=starter.indicators, regions=starter.regions)
    assert any(problem in message for message in error.value.problems), error.value.problems
