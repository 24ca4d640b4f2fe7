"""Transition paths on a four-occupation chain with a hand-made similarity graph (the engine takes the
graph as a value), so every cost below is derived by hand.

    A: a1 a2 a3 a4      B: a1 a2 a3 b1      C: a3 b1 c1      D: a3 b1 d1      (all essential)
    similarity: A–B 0.8, B–C 0.6, C–D 0.5, B–D 0.2, A–C 0.1, A–D 0.05

Defaults: a first step from the passport is allowed up to an essential gap of 0.75, a move between
occupations from similarity 0.15 (and an occupation-to-occupation gap of at most 0.95; the hand-made graph
has none, so every gap is 0); every step costs 0.1, a move (1 − similarity + gap) / 2 on top.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    OccupationSkill,
    SimilaritySettings,
    build_model,
    essential_gaps,
    transition_paths,
)
from techtalent.matching.engine.gaps import occupation_passport

PROFILES = {
    "A": ("a1", "a2", "a3", "a4"),
    "B": ("a1", "a2", "a3", "b1"),
    "C": ("a3", "b1", "c1"),
    "D": ("a3", "b1", "d1"),
}
EDGES = {
    ("A", "B"): 0.8,
    ("B", "C"): 0.6,
    ("C", "D"): 0.5,
    ("B", "D"): 0.2,
    ("A", "C"): 0.1,
    ("A", "D"): 0.05,
}


@pytest.fixture(scope="module")
def chain() -> MatchModel:
    skills = sorted({s for profile in PROFILES.values() for s in profile})
    relations = [OccupationSkill(o, s, "essential") for o, profile in PROFILES.items() for s in profile]
    return build_model(list(PROFILES), skills, relations)


def graph_of(model: MatchModel, edges: dict[tuple[str, str], float]) -> OccupationGraph:
    sim = np.zeros((4, 4), dtype=np.float32)
    for (a, b), value in edges.items():
        i, j = model.occupation_index[a], model.occupation_index[b]
        sim[i, j] = sim[j, i] = value
    return OccupationGraph(sim, SimilaritySettings())


@pytest.fixture(scope="module")
def graph(chain: MatchModel) -> OccupationGraph:
    return graph_of(chain, EDGES)


def idf(df: int) -> float:
    return math.log1p(4 / df)


B_GAP = idf(3) / (2 * idf(2) + idf(4) + idf(3))  # from A's skills, B lacks only b1
C_GAP = (idf(3) + idf(1)) / (idf(4) + idf(3) + idf(1))  # C lacks b1 and c1


def test_the_essential_gaps_are_as_computed_by_hand(chain: MatchModel) -> None:
    gaps = essential_gaps(chain, occupation_passport(chain, "A"))
    assert gaps[chain.occupation_index["B"]] == pytest.approx(B_GAP)
    assert gaps[chain.occupation_index["C"]] == pytest.approx(C_GAP)
    assert C_GAP > 0.75  # too far for a first step


def test_a_detour_is_found_when_the_direct_step_is_too_far(chain: MatchModel, graph: OccupationGraph) -> None:
    (path,) = transition_paths(chain, graph, "A", targets=["C"])
    assert [step.occupation for step in path.steps] == ["B", "C"]
    assert path.start == "A" and path.end == "C"
    # A → B: 0.1 + (1 − 0.8) / 2 (cheaper than a first step from the skills, B_GAP + 0.1); B → C: 0.1 + 0.2
    assert path.cost == pytest.approx(0.2 + 0.3, abs=1e-6)
    assert [step.similarity for step in path.steps] == pytest.approx([0.8, 0.6])


def test_each_step_lists_the_essential_skills_still_to_learn(
    chain: MatchModel, graph: OccupationGraph
) -> None:
    (path,) = transition_paths(chain, graph, "A", targets=["C"])
    b, c = path.steps
    assert b.to_learn == ("b1",) and b.essential_total == 4
    assert c.to_learn == ("c1",)  # b1 was learnt in B
    assert c.gap == pytest.approx(idf(1) / (idf(4) + idf(3) + idf(1)))


def test_the_direct_step_wins_when_it_is_allowed(chain: MatchModel) -> None:
    closer = graph_of(chain, {**EDGES, ("A", "C"): 0.7})
    best = transition_paths(chain, closer, "A", targets=["C"])[0]
    assert [step.occupation for step in best.steps] == ["C"]
    assert best.cost == pytest.approx(0.1 + 0.15, abs=1e-6)


def test_a_move_that_asks_too_much_new_is_not_taken(chain: MatchModel, graph: OccupationGraph) -> None:
    gap = np.zeros((4, 4), dtype=np.float32)
    gap[chain.occupation_index["B"], chain.occupation_index["C"]] = 0.97  # more than max_step_gap 0.95
    blocked = OccupationGraph(graph.similarity, graph.settings, gap)
    # (with the stepping-stone gate at the entry gate: else passport → D (gap 0.78 ≤ 0.85) → C is a path)
    assert transition_paths(chain, blocked, "A", targets=["C"], max_steps=2, max_through_gap=0.75) == []
    (detour,) = transition_paths(chain, blocked, "A", targets=["C"])  # through D in three steps
    assert [step.occupation for step in detour.steps] == ["B", "D", "C"]
    assert transition_paths(chain, blocked, "A", targets=["C"], max_steps=2, max_step_gap=0.99)


def test_no_path_is_returned_only_when_no_step_is_possible(chain: MatchModel, graph: OccupationGraph) -> None:
    assert transition_paths(chain, graph, "A", targets=["C"], min_similarity=0.9, max_first_gap=0.1) == []
    assert transition_paths(chain, graph, "A", targets=["C"], min_similarity=0.6, max_first_gap=0.1)
    assert transition_paths(chain, graph, "A", targets=["C"], max_steps=1) == []


def test_steps_toward_shortage_occupations_are_preferred(chain: MatchModel, graph: OccupationGraph) -> None:
    plain = transition_paths(chain, graph, "A")
    # B 0.2; C 0.2 + 0.3; D via B 0.2 + 0.5 (via C it would be 0.5 + 0.35)
    assert [p.end for p in plain] == ["B", "C", "D"]
    assert plain[2].cost == pytest.approx(0.7, abs=1e-6)
    preferred = transition_paths(chain, graph, "A", shortage={"D"}, shortage_bonus=0.4)  # D: 0.7 − 0.4
    assert [p.end for p in preferred] == ["B", "D", "C"]
    assert preferred[1].steps[-1].shortage == 1.0


def test_a_person_starts_from_their_passport_and_held_jobs(chain: MatchModel, graph: OccupationGraph) -> None:
    skills = {"a1": "basic", "a2": "basic", "a3": "basic"}
    (path,) = transition_paths(chain, graph, skills, targets=["C"])
    assert path.start is None
    assert [step.occupation for step in path.steps] == ["B", "C"]
    assert path.steps[0].similarity is None  # a first step from the passport
    assert path.cost == pytest.approx(B_GAP + 0.1 + 0.3, abs=1e-6)
    (held,) = transition_paths(chain, graph, skills, targets=["C"], held=["A"])
    assert held.cost == pytest.approx(0.2 + 0.3, abs=1e-6)  # from the held job A by similarity is cheaper


def test_a_target_group_is_reached_at_its_nearest_member(chain: MatchModel, graph: OccupationGraph) -> None:
    found = transition_paths(chain, graph, "A", targets=["C", "D"], top=1)
    assert [p.end for p in found] == ["C"]


def test_bad_arguments_fail_early(chain: MatchModel, graph: OccupationGraph) -> None:
    with pytest.raises(ValueError, match="max_steps"):
        transition_paths(chain, graph, "A", max_steps=0)
    with pytest.raises(KeyError, match="unknown occupation"):
        transition_paths(chain, graph, "Z")
