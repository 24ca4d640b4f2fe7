"""The route engine: covers the gap, takes prerequisites along, obeys filters, and stays near the optimum."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from techtalent.catalog.engine import Filters, Station, find_route, weight


def st(
    sid: int, skills: str, cost: float, hours: float = 0, prereq: tuple[int, ...] = (), **kw: str
) -> Station:
    return Station(sid, f"s{sid}", "p", frozenset(skills.split()), hours, cost, prerequisites=prereq, **kw)


def test_the_route_covers_every_teachable_skill_and_names_what_no_station_teaches() -> None:
    route = find_route(["a", "b", "c", "z"], [st(1, "a b", 100), st(2, "c", 50), st(3, "a", 10)])
    assert set(route.covered) == {"a", "b", "c"} and route.missing == ("z",)
    assert {s.station.id for s in route.steps} == {1, 2}
    assert route.cost_eur == 150 and route.weight == 150


def test_a_station_brings_its_prerequisites_and_they_come_first() -> None:
    stations = [st(1, "basics", 0, 10), st(2, "advanced", 100, 10, prereq=(1,)), st(3, "advanced", 2000, 10)]
    route = find_route(["advanced"], stations)
    assert [s.station.id for s in route.steps] == [1, 2]
    assert route.steps[0].required_by == (2,) and route.steps[0].teaches == ()
    assert route.steps[1].teaches == ("advanced",)


def test_a_station_whose_prerequisite_is_filtered_out_is_not_used() -> None:
    stations = [st(1, "basics", 0, region="GM0363"), st(2, "x", 10, prereq=(1,), region="GM0014")]
    assert find_route(["x"], stations, Filters(region="GM0014")).missing == ("x",)


def test_filters_keep_out_stations_of_another_region_form_or_level_and_respect_the_budget() -> None:
    stations = [
        st(1, "a", 10, region="GM0014"),
        st(2, "a", 20, region="GM0363", form="online"),
        st(3, "b", 500),
    ]
    assert [s.station.id for s in find_route(["a"], stations, Filters(region="GM0363")).steps] == [2]
    assert find_route(["a"], stations, Filters(form="fulltime")).missing == ("a",)
    assert find_route(["a", "b"], stations, Filters(max_cost=100)).missing == ("b",)
    assert find_route(["a"], [st(1, "a", 0, 30)], Filters(max_hours=20)).missing == ("a",)


def test_the_weight_counts_hours_and_assumes_hours_when_unknown() -> None:
    assert weight(st(1, "a", 100, 4)) == 100 + 25 * 4
    assert weight(Station(1, "t", "p", frozenset({"a"}))) == 25 * 200


def _optimum(need: list[str], stations: list[Station]) -> float:
    """The exact minimum weight of a cover of the teachable skills, prerequisites included (scipy MILP)."""
    ids = [s.id for s in stations]
    col = {sid: i for i, sid in enumerate(ids)}
    teachable = [u for u in need if any(u in s.skills for s in stations)]
    rows, lower = [], []
    for uri in teachable:
        rows.append([1.0 if uri in s.skills else 0.0 for s in stations])
        lower.append(1.0)
    for s in stations:
        for p in s.prerequisites:  # x_s <= x_p
            row = [0.0] * len(ids)
            row[col[s.id]], row[col[p]] = -1.0, 1.0
            rows.append(row)
            lower.append(0.0)
    cost = np.array([weight(s) for s in stations])
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, np.inf),
        integrality=np.ones(len(ids)),
        bounds=Bounds(0, 1),
    )
    assert result.success
    return float(result.fun)


def _case(seed: int) -> tuple[list[str], list[Station]]:
    rng = random.Random(seed)
    skills = [f"k{i}" for i in range(15)]
    stations = []
    for sid in range(1, 41):
        taught = " ".join(rng.sample(skills, rng.randint(1, 4)))
        prereq = (rng.randint(1, sid - 1),) if sid > 5 and rng.random() < 0.2 else ()
        stations.append(
            st(sid, taught, float(rng.choice([0, 150, 300, 600, 1200])), rng.randint(4, 80), prereq)
        )
    return skills, stations


@pytest.mark.parametrize("seed", range(40))
def test_the_route_costs_at_most_ten_percent_more_than_the_exact_optimum(seed: int) -> None:
    skills, stations = _case(seed)
    route = find_route(skills, stations)
    best = _optimum(skills, stations)
    assert not route.missing or all(not any(m in s.skills for s in stations) for m in route.missing)
    assert route.weight <= 1.10 * best + 1e-6, (route.weight, best)


def test_the_greedy_route_alone_stays_close_to_the_optimum_on_average() -> None:
    """Without the integer program (as under a budget): mean ratio ≤ 1.05 over 60 random cases."""
    ratios = []
    for seed in range(60):
        skills, stations = _case(seed)
        ratios.append(find_route(skills, stations, exact=False).weight / _optimum(skills, stations))
    assert min(ratios) >= 1 - 1e-9
    assert sum(ratios) / len(ratios) <= 1.05 and max(ratios) <= 1.35, (sum(ratios) / len(ratios), max(ratios))
