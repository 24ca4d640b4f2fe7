"""Two absurdities of the browser walk of 2 December 2026 (docs/walk-2026-12-02.md, "Matching"), each on a
small model written here, so the rule that removes it is checked, not the ESCO data.

A process operator's passport (pumps, sampling) with the held job "factory hand" (productiemedewerker):

    factory hand    9329  essential packing, tending
    caulker         9329  essential caulking, hull         (an ISCO sibling sharing nothing with the person)
    hand packer     9329  essential packing, labelling     (a sibling the passport points to: packing)
    operator        8131  essential pumps, sampling, tending
    engineer        2145  essential pumps, drawings, design
    greaser         7233  essential greasing, oiling, bearings  (close to factory hand in the graph only)
    mixer           8131  essential tending, mixing        (shares the held job's "tending")
"""

from __future__ import annotations

import numpy as np
import pytest

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    OccupationSkill,
    SimilaritySettings,
    TitlePrior,
    build_model,
    match_occupations,
    transition_paths,
)
from techtalent.matching.engine.scoring import score_passports

HAND, CAULKER, PACKER, OPERATOR, ENGINEER, GREASER, MIXER = (
    "factory-hand",
    "caulker",
    "hand-packer",
    "operator",
    "engineer",
    "greaser",
    "mixer",
)
LISTS = {
    HAND: ("packing", "tending"),
    CAULKER: ("caulking", "hull"),
    PACKER: ("packing", "labelling"),
    OPERATOR: ("pumps", "sampling", "tending"),
    ENGINEER: ("pumps", "drawings", "design"),
    GREASER: ("greasing", "oiling", "bearings"),
    MIXER: ("tending", "mixing"),
}
ISCO = {
    HAND: "9329",
    CAULKER: "9329",
    PACKER: "9329",
    OPERATOR: "8131",
    ENGINEER: "2145",
    GREASER: "7233",
    MIXER: "8131",
}
OPERATOR_PASSPORT = {"pumps": "intermediate", "sampling": "intermediate"}


@pytest.fixture(scope="module")
def model() -> MatchModel:
    skills = sorted({s for listed in LISTS.values() for s in listed})
    relations = [OccupationSkill(o, s, "essential") for o, listed in LISTS.items() for s in listed]
    return build_model(list(LISTS), skills, relations, isco=ISCO)


def scores(model: MatchModel, passport: dict[str, str], **kwargs: object) -> dict[str, float]:
    found = match_occupations(model, passport, top=len(LISTS), **kwargs)  # type: ignore[arg-type]
    return {m.uri: m.score for m in found}


def test_a_sibling_of_a_held_job_that_uses_none_of_the_skills_ranks_below_every_skill_match(
    model: MatchModel,
) -> None:
    by_skills = scores(model, OPERATOR_PASSPORT)
    assert by_skills[CAULKER] == 0.0 and by_skills[ENGINEER] > 0.0  # what the skills say
    held = scores(model, OPERATOR_PASSPORT, titles={HAND: 1.0})
    ranked = sorted(held, key=lambda uri: -held[uri])
    assert ranked[0] == HAND  # the job held itself still comes first
    assert held[CAULKER] == 0.0  # before: 0.5 × 0.5 = 0.25, above the engineer's blended skill score
    real_matches = [uri for uri, s in by_skills.items() if s > 0]
    assert all(ranked.index(uri) < ranked.index(CAULKER) for uri in real_matches)


def test_a_sibling_is_lifted_in_proportion_to_the_skill_evidence_for_it(model: MatchModel) -> None:
    passport = {**OPERATOR_PASSPORT, "packing": "intermediate"}
    plain = score_passports(model, [passport])[0]
    skill = dict(zip(model.occupations, plain.tolist(), strict=True))
    held = scores(model, passport, titles={HAND: 1.0})
    settings = TitlePrior()
    evidence = skill[PACKER] / max(skill.values())
    lifted = (1 - settings.weight) * skill[PACKER] + settings.weight * settings.group_credit * evidence
    assert 0 < evidence < 1
    assert held[PACKER] == pytest.approx(lifted)
    assert held[PACKER] > (1 - settings.weight) * skill[PACKER]  # a real lift, not none


def test_without_any_skill_the_held_job_and_its_unit_group_still_make_the_ranking(model: MatchModel) -> None:
    held = scores(model, {}, titles={HAND: 1.0})
    settings = TitlePrior()
    assert held[HAND] == pytest.approx(settings.weight)
    assert held[CAULKER] == pytest.approx(settings.weight * settings.group_credit)  # no evidence either way
    assert held[OPERATOR] == 0.0


def graph(model: MatchModel) -> OccupationGraph:
    """The greaser lies close to the factory hand (as in ESCO's graph) while sharing no essential skill."""
    n = len(model.occupations)
    sim = np.zeros((n, n), dtype=np.float32)
    for (a, b), value in {(HAND, GREASER): 0.7, (HAND, MIXER): 0.6, (MIXER, OPERATOR): 0.5}.items():
        i, j = model.occupation_index[a], model.occupation_index[b]
        sim[i, j] = sim[j, i] = value
    return OccupationGraph(sim, SimilaritySettings())


def test_a_first_step_from_a_held_job_needs_some_of_its_essential_core_covered(model: MatchModel) -> None:
    # before: factory hand → greaser was the cheapest path (0.1 + 0.3 / 2), with 3 of 3 skills to learn
    assert transition_paths(model, graph(model), OPERATOR_PASSPORT, targets=[GREASER], held=[HAND]) == []
    found = transition_paths(model, graph(model), OPERATOR_PASSPORT, held=[HAND])
    assert found and GREASER not in {p.steps[0].occupation for p in found}
    assert all(p.steps[0].gap < 1.0 and len(p.steps[0].to_learn) < p.steps[0].essential_total for p in found)


def test_the_skills_to_learn_count_the_held_job_as_the_path_search_does(model: MatchModel) -> None:
    (path,) = transition_paths(model, graph(model), OPERATOR_PASSPORT, targets=[MIXER], held=[HAND])
    (step,) = path.steps
    assert step.similarity == pytest.approx(0.6)  # priced from the held factory hand
    assert step.to_learn == ("mixing",)  # "tending" is the held job's: before, both were listed
    assert step.essential_total == 2 and 0 < step.gap < 1
