"""The engine on the real ESCO v1.1.1 export (skipped when ../shared/data/esco is absent)."""

from __future__ import annotations

import pytest

from techtalent.matching.engine import (
    MatchModel,
    Vacancy,
    gap,
    hit_rates,
    match_occupations,
    rank_passports,
    synthetic_passports,
    transition_paths,
)

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
    # The misses are ESCO families that share one set of essential skills (e.g. "… distribution manager").
    assert first > 0.95


def test_the_engine_beats_jaccard_on_synthetic_passports(esco: MatchModel) -> None:
    for seed in (11, 12):
        engine, jaccard = hit_rates(esco, synthetic_passports(esco, n=1500, seed=seed))
        assert engine.top5 > jaccard.top5 and engine.top1 > jaccard.top1


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


def test_transition_paths_on_real_data_respect_the_gap_limit(esco: MatchModel) -> None:
    paths = transition_paths(esco, ICT_SYSTEM_ADMINISTRATOR, max_gap=0.6, max_steps=2, top=20)
    assert paths
    assert all(step.gap <= 0.6 for path in paths for step in path.steps)
    assert all(path.end != ICT_SYSTEM_ADMINISTRATOR for path in paths)
