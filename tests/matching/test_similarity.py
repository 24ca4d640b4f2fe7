"""Occupation-to-occupation similarity on the toy taxonomy (conftest.py), checked by hand; and on real ESCO:
neighbours that a career adviser would recognise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    SimilaritySettings,
    build_model,
    occupation_graph,
)

from .conftest import BROADER, LABELS, OCC, OCCUPATIONS, RELATED, RELATIONS, SKILLS

L4, L25 = math.log(4.0), math.log(2.5)
ESCO = "http://data.europa.eu/esco/occupation/"


def sim(model: MatchModel, settings: SimilaritySettings, a: str, b: str) -> float:
    graph = occupation_graph(model, settings)
    return float(graph.similarity[model.occupation_index[OCC + a], model.occupation_index[OCC + b]])


def test_the_skill_view_is_the_cosine_of_idf_weighted_skill_vectors(toy: MatchModel) -> None:
    only_skills = SimilaritySettings(skills=1.0, groups=0.0, isco=0.0, spread=0.0)
    # developer: python L4, sql L25, testing 0.5 · L25 (optional); tester: testing L25, sql L25
    dot = L25 * L25 + 0.5 * L25 * L25
    norms = math.sqrt(L4**2 + L25**2 + (0.5 * L25) ** 2) * math.sqrt(2) * L25
    assert sim(toy, only_skills, "developer", "tester") == pytest.approx(dot / norms, rel=1e-5)
    assert sim(toy, only_skills, "developer", "welder") == 0.0


def test_spreading_to_neighbouring_skills_brings_related_jobs_closer(toy: MatchModel) -> None:
    plain = SimilaritySettings(skills=1.0, groups=0.0, isco=0.0, spread=0.0)
    spread = SimilaritySettings(skills=1.0, groups=0.0, isco=0.0, spread=0.5)
    # python is related to testing, so the developer's python now reaches the tester's testing
    assert sim(toy, spread, "developer", "tester") > sim(toy, plain, "developer", "tester")


def test_the_isco_view_rewards_a_shared_group_by_its_depth() -> None:
    isco = {OCC + "developer": "2512", OCC + "tester": "2519", OCC + "welder": "7212"}
    model = build_model(
        OCCUPATIONS, SKILLS, RELATIONS, broader=BROADER, related=RELATED, labels=LABELS, isco=isco
    )
    only_isco = SimilaritySettings(skills=0.0, groups=0.0, isco=1.0)
    assert sim(model, only_isco, "developer", "tester") == pytest.approx(0.6)  # same minor group 251
    assert sim(model, only_isco, "developer", "welder") == 0.0


def test_similarity_is_symmetric_bounded_and_zero_on_the_diagonal(toy: MatchModel) -> None:
    s = occupation_graph(toy).similarity
    assert np.allclose(s, s.T) and s.min() >= 0.0 and s.max() <= 1.0
    assert np.all(np.diag(s) == 0.0)


@pytest.mark.realdata
def test_real_neighbours_are_recognisable(esco: MatchModel, esco_graph: OccupationGraph) -> None:
    graph = esco_graph
    electrical_mechanic = ESCO + "5d009d45-3bb9-4e33-8760-294f59adec8c"
    near = graph.neighbours(esco, electrical_mechanic, top=10)
    # the ten most similar occupations are electricians and electrical technicians (ISCO 74xx)
    assert sum(1 for uri, _ in near if esco.isco[uri].startswith("74")) >= 8
    operator = ESCO + "b21aac17-8237-4264-bc2c-0e315346fd8f"  # chemical plant control room operator
    (first, _), *_ = graph.neighbours(esco, operator, top=1)
    assert esco.isco[first].startswith("313")  # process control technicians
