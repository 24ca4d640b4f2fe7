"""Transition paths on a four-occupation chain where only a detour keeps every step under the gap limit.

    A: a1 a2 a3 a4      B: a1 a2 a3 b1      C: a3 b1 c1      D: a3 b1 d1      (all essential)

A → C directly misses b1 and c1 (gap 0.78); A → B misses b1 (0.23), and from there C misses c1 (0.51).
"""

from __future__ import annotations

import math

import pytest

from techtalent.matching.engine import MatchModel, OccupationSkill, build_model, transition_paths
from techtalent.matching.engine.gaps import gap_sizes, occupation_passport

PROFILES = {
    "A": ("a1", "a2", "a3", "a4"),
    "B": ("a1", "a2", "a3", "b1"),
    "C": ("a3", "b1", "c1"),
    "D": ("a3", "b1", "d1"),
}


@pytest.fixture(scope="module")
def chain() -> MatchModel:
    skills = sorted({s for profile in PROFILES.values() for s in profile})
    relations = [OccupationSkill(o, s, "essential") for o, profile in PROFILES.items() for s in profile]
    return build_model(list(PROFILES), skills, relations)


def idf(df: int) -> float:
    return math.log1p(4 / df)


def test_the_step_gaps_are_as_computed_by_hand(chain: MatchModel) -> None:
    from_a = gap_sizes(chain, occupation_passport(chain, "A"))
    c_total = idf(4) + idf(3) + idf(1)  # a3 is used by all four, b1 by three
    assert from_a[chain.occupation_index["C"]] == pytest.approx((idf(3) + idf(1)) / c_total)
    assert from_a[chain.occupation_index["B"]] == pytest.approx(idf(3) / (2 * idf(2) + idf(4) + idf(3)))


def test_a_detour_is_found_when_the_direct_step_is_too_large(chain: MatchModel) -> None:
    (path,) = transition_paths(chain, "A", to="C", max_gap=0.6)
    assert [step.occupation for step in path.steps] == ["B", "C"]
    assert path.start == "A" and path.end == "C"
    assert all(step.gap <= 0.6 for step in path.steps)
    assert path.steps[1].gap == pytest.approx(idf(1) / (idf(4) + idf(3) + idf(1)))


def test_the_direct_step_wins_when_it_is_allowed(chain: MatchModel) -> None:
    best = transition_paths(chain, "A", to="C", max_gap=0.8)[0]
    assert [step.occupation for step in best.steps] == ["C"]


def test_no_path_is_returned_when_every_step_is_too_large(chain: MatchModel) -> None:
    assert transition_paths(chain, "A", to="C", max_gap=0.2) == []


def test_steps_toward_shortage_occupations_are_preferred(chain: MatchModel) -> None:
    plain = transition_paths(chain, "A", max_gap=0.6)
    assert [p.end for p in plain] == ["B", "C", "D"]  # C and D tie on gap; the name breaks the tie
    preferred = transition_paths(chain, "A", max_gap=0.6, shortage={"D"})
    assert [p.end for p in preferred] == ["B", "D", "C"]
    assert preferred[1].steps[-1].shortage == 1.0


def test_a_person_can_start_from_their_own_passport(chain: MatchModel) -> None:
    paths = transition_paths(chain, {"a1": "basic", "a2": "basic", "a3": "basic"}, to="C", max_gap=0.6)
    assert paths[0].start is None
    assert [step.occupation for step in paths[0].steps] == ["B", "C"]


def test_max_steps_limits_the_path_length(chain: MatchModel) -> None:
    assert transition_paths(chain, "A", to="C", max_gap=0.6, max_steps=1) == []
    with pytest.raises(ValueError, match="max_steps"):
        transition_paths(chain, "A", max_steps=0)
