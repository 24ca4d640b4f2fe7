"""The engine on the real ESCO v1.1.1 export (skipped when ../shared/data/esco is absent)."""

from __future__ import annotations

import pytest

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    Vacancy,
    gap,
    hit_rates,
    match_occupations,
    noisy_passports,
    rank_passports,
    transition_paths,
)
from techtalent.matching.personas import evaluate_persona, load_personas

pytestmark = pytest.mark.realdata

ESCO = "http://data.europa.eu/esco/occupation/"
SOFTWARE_DEVELOPER = ESCO + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"
ELECTRICIAN = ESCO + "4910419f-b4af-4f59-b544-9dbebc8a74f0"
WELDER = ESCO + "7aedaa07-3884-4c5b-88f9-80997b2aa54b"
DATA_SCIENTIST = ESCO + "258e46f9-0075-4a2e-adae-1ff0477e0f30"
ICT_SYSTEM_ADMINISTRATOR = ESCO + "9e2e6e1e-363b-4e1b-a673-7bc0f7343300"


def essential_skills(model: MatchModel, occupation: str, proficiency: str = "advanced") -> dict[str, str]:
    return {
        model.skills[s]: proficiency
        for s, rel, _ in model.occupation_skills(occupation)
        if rel == "essential"
    }


def test_the_model_holds_the_whole_export(esco: MatchModel) -> None:
    assert (len(esco.occupations), len(esco.skills)) == (3007, 13896)
    assert esco.essential.nnz + esco.optional.nnz == 123_855 - 67  # 67 rows name one unlisted occupation
    assert esco.label(SOFTWARE_DEVELOPER) == "software developer"


@pytest.mark.parametrize("occupation", [SOFTWARE_DEVELOPER, ELECTRICIAN, WELDER, DATA_SCIENTIST])
def test_an_occupations_own_essential_skills_rank_it_first(esco: MatchModel, occupation: str) -> None:
    best = match_occupations(esco, essential_skills(esco, occupation), top=3)
    assert best[0].uri == occupation
    assert best[0].explanation.missing_essential == ()


def test_most_occupations_rank_first_on_their_own_essential_skills(esco: MatchModel) -> None:
    from techtalent.matching.engine import batch_top_k

    passports = [essential_skills(esco, o) for o in esco.occupations]
    top = batch_top_k(esco, passports, 1)
    first = sum(row[0].uri == o for row, o in zip(top, esco.occupations, strict=True)) / len(esco.occupations)
    # The misses are ESCO families that share one set of essential skills (e.g. "… distribution manager");
    # 94.5 % with the default settings (optional skills weigh 0.9 of an essential one).
    assert first > 0.93


def test_the_engine_beats_jaccard_on_noisy_passports_by_25_points(esco: MatchModel) -> None:
    # a test seed (the settings were chosen on seeds 1 and 11); the full figures are in docs/matching.md
    engine, jaccard = hit_rates(esco, noisy_passports(esco, n=1000, seed=301))
    assert engine.top5 >= 0.70
    assert engine.top5 - jaccard.top5 >= 0.25


def test_a_gap_groups_real_skills_under_real_skill_groups(esco: MatchModel) -> None:
    result = gap(esco, essential_skills(esco, SOFTWARE_DEVELOPER), DATA_SCIENTIST)
    assert result.groups and 0.0 < result.size < 1.0
    labels = {g.label for g in result.groups}
    assert labels and all(not label.startswith("http") for label in labels)


def test_a_vacancy_ranks_the_person_who_has_its_skills_first(esco: MatchModel) -> None:
    vacancy = Vacancy("v1", occupation=SOFTWARE_DEVELOPER)
    passports = {
        "developer": essential_skills(esco, SOFTWARE_DEVELOPER),
        "welder": essential_skills(esco, WELDER),
        "electrician": essential_skills(esco, ELECTRICIAN),
    }
    assert [r.passport for r in rank_passports(esco, vacancy, passports, top=3)][0] == "developer"


@pytest.fixture
def graph(esco_graph: OccupationGraph) -> OccupationGraph:
    return esco_graph


def test_every_persona_gets_plausible_matches_and_a_path_to_the_aimed_job(
    esco: MatchModel, graph: OccupationGraph
) -> None:
    results = [evaluate_persona(esco, graph, p) for p in load_personas()]
    assert len(results) >= 10 and {r.persona.split for r in results} == {"dev", "test"}
    for r in results:
        assert r.plausible >= 5, f"{r.persona.id}: {r.plausible} of 10 plausible"
    with_path = [r for r in results if r.path is not None and len(r.path.steps) <= 3]
    assert len(with_path) >= len(results) - 1
    for r in with_path:
        assert r.path is not None and r.path.end == r.persona.aimed
        assert all(step.essential_total > 0 for step in r.path.steps)


def test_a_control_room_operator_reaches_a_maintenance_occupation(
    esco: MatchModel, graph: OccupationGraph
) -> None:
    (persona,) = [p for p in load_personas() if p.id == "operator-maintenance"]
    maintenance = [u for u, code in esco.isco.items() if code == "7233"]  # machinery mechanics and repairers
    skills = noisy_passports(esco, n=1, seed=persona.seed, occupations=[persona.held])[0].skills
    paths = transition_paths(esco, graph, skills, targets=maintenance, held=[persona.held], top=3)
    assert paths and all(p.end in maintenance and len(p.steps) <= 3 for p in paths)
    assert all(step.to_learn for step in paths[0].steps)


# what the extractor reads from a quality inspector's Dutch CV (bench/matching_cv.py, cv-kwaliteitsinspecteur)
DRAWINGS_ONLY = {
    "http://data.europa.eu/esco/skill/b07daddc-8625-4360-946e-ad2b0e56ebf6": "intermediate",
    "http://data.europa.eu/esco/skill/fd89f784-88dc-4d35-abd7-86aa073cab12": "intermediate",
    "http://data.europa.eu/esco/skill/59ea80e1-463a-4dba-82c6-d0b6d577d532": "intermediate",
}
PRODUCT_QUALITY_INSPECTOR = ESCO + "61d9270c-491d-438d-8d41-77ba2e0ef023"


def test_a_job_title_from_the_cv_puts_that_job_first_where_general_skills_point_elsewhere(
    esco: MatchModel,
) -> None:
    alone = [m.uri for m in match_occupations(esco, DRAWINGS_ONLY, top=10)]
    assert PRODUCT_QUALITY_INSPECTOR not in alone  # drawings point to drafters
    titled = match_occupations(esco, DRAWINGS_ONLY, top=5, titles={PRODUCT_QUALITY_INSPECTOR: 0.8})
    assert titled[0].uri == PRODUCT_QUALITY_INSPECTOR
    group = esco.isco[PRODUCT_QUALITY_INSPECTOR]
    assert all(esco.isco.get(m.uri) == group for m in titled[1:3])  # then its ISCO unit group


# what the CV page reads from tests/fixtures/journeys/cv_procesoperator_nl.txt (bench/matching_cv.py's way),
# with "productiemedewerker" (factory hand, ISCO 9329) held, as the passport of the walk of 2 December
PROCESS_OPERATOR = {
    "http://data.europa.eu/esco/skill/" + s: "intermediate"
    for s in (
        "59ea80e1-463a-4dba-82c6-d0b6d577d532",  # technical drawings
        "386774ac-fe5b-431a-b485-9aec0bf5c09e",  # maintain electrical equipment
        "b618584f-6bdf-4d8f-89a7-f28c2c95afc2",  # comply with regulations
        "b07daddc-8625-4360-946e-ad2b0e56ebf6",  # read engineering drawings
        "4bbb309f-9162-49b9-93da-fb2c371e5c5f",  # collect samples for analysis
        "3d3ee5c3-4286-457f-9f76-1704011f7e11",  # comply with legal regulations
        "f98159cb-935a-4a20-97d0-68e2e3e60765",  # anticipate installation maintenance
    )
}
FACTORY_HAND = ESCO + "245be6d1-fe9a-4ac8-9f81-122a687e4724"


def test_a_held_jobs_sibling_sharing_no_skill_stays_below_the_skill_matches(esco: MatchModel) -> None:
    top = match_occupations(esco, PROCESS_OPERATOR, top=10, titles={FACTORY_HAND: 1.0})
    assert top[0].uri == FACTORY_HAND
    # before: wood caulker (9329, 0 % skill match) second at 0.25, above process engineer (14 %)
    assert all(m.skills_score is not None and m.skills_score > 0 for m in top[1:]), [
        esco.label(m.uri) for m in top
    ]


def test_no_first_step_from_a_held_job_asks_for_all_of_its_essential_skills(
    esco: MatchModel, graph: OccupationGraph
) -> None:
    paths = transition_paths(esco, graph, PROCESS_OPERATOR, held=[FACTORY_HAND], top=10)
    assert paths
    for path in paths:
        first = path.steps[0]
        assert first.gap < 1.0 and len(first.to_learn) < first.essential_total, esco.label(first.occupation)
