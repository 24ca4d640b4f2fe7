"""Vacancies (occupation plus extracted skills), ranking passports, and gaps grouped by skill group (toy)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from techtalent.matching.engine import (
    MatchModel,
    Vacancy,
    gap,
    match_occupations,
    match_vacancies,
    match_vacancy,
    rank_passports,
    reachable,
)
from techtalent.matching.engine.gaps import gap_sizes

SK, OCC = "skill:", "occ:"  # the toy taxonomy's URI prefixes (conftest.py)
L4, L25 = math.log(4.0), math.log(2.5)


def test_a_vacancy_of_an_occupation_alone_scores_like_the_occupation(toy: MatchModel) -> None:
    passport = {SK + "python": "advanced", SK + "testing": "basic"}
    by_occupation = {m.uri: m.score for m in match_occupations(toy, passport, top=3)}
    found = match_vacancy(toy, passport, Vacancy("v1", occupation=OCC + "developer"))
    assert found.vacancy == "v1"
    assert found.score == pytest.approx(by_occupation[OCC + "developer"])


def test_extracted_skills_are_added_to_the_occupation_as_essential(toy: MatchModel) -> None:
    vacancy = Vacancy("v1", occupation=OCC + "developer", skills={SK + "welding": "essential"})
    why = match_vacancy(toy, {SK + "python": "expert", SK + "sql": "expert"}, vacancy).explanation
    (missing,) = why.missing_essential
    assert missing.skill == SK + "welding"
    assert missing.weight == pytest.approx(L4 / (2 * L4 + L25 + 0.9 * L25))


def test_an_extracted_skill_does_not_demote_an_essential_one(toy: MatchModel) -> None:
    vacancy = Vacancy("v1", occupation=OCC + "developer", skills={SK + "python": "optional"})
    relations = {toy.skills[r.skill]: r.relation for r in vacancy.requirements(toy)}
    assert relations[SK + "python"] == "essential"


def test_passports_are_ranked_for_a_vacancy_with_explanations(toy: MatchModel) -> None:
    vacancy = Vacancy("v1", occupation=OCC + "developer", skills={SK + "welding": "essential"})
    passports = {
        "ann": {SK + "python": "expert", SK + "sql": "expert"},
        "bob": {SK + "python": "expert", SK + "sql": "expert", SK + "welding": "advanced"},
        "cem": {SK + "soldering": "basic"},
    }
    ranked = rank_passports(toy, vacancy, passports, top=3)
    assert [r.passport for r in ranked] == ["bob", "ann", "cem"]
    assert ranked[0].score == pytest.approx(match_vacancy(toy, passports["bob"], vacancy).score)
    assert ranked[2].explanation.partial[0].via == "sibling"  # welding through soldering


def test_vacancies_are_ranked_for_a_passport(toy: MatchModel) -> None:
    vacancies = [Vacancy("weld", occupation=OCC + "welder"), Vacancy("dev", occupation=OCC + "developer")]
    found = match_vacancies(toy, {SK + "welding": "advanced"}, vacancies, top=2)
    assert [f.vacancy for f in found] == ["weld", "dev"]


def test_a_vacancy_with_an_unknown_occupation_is_refused(toy: MatchModel) -> None:
    with pytest.raises(KeyError, match="unknown occupation"):
        match_vacancy(toy, {}, Vacancy("v1", occupation="occ:astronaut"))


def test_the_gap_lists_skills_to_learn_by_skill_group(toy: MatchModel) -> None:
    result = gap(toy, {SK + "python": "advanced", SK + "welding": "basic"}, OCC + "developer")
    (group,) = result.groups
    assert (group.group, group.label) == ("grp:digital", "digital")
    assert [(s.skill, s.relation) for s in group.skills] == [
        (SK + "sql", "essential"),
        (SK + "testing", "optional"),
    ]
    testing = group.skills[1]
    assert testing.credit == pytest.approx(0.4 * 0.9)  # related to python
    total = L4 + L25 + 0.9 * L25  # optional weight 0.9
    assert result.size == pytest.approx((L25 + 0.9 * L25 * (1 - 0.36)) / total)
    assert result.missing_essential == 1


def test_gap_sizes_agree_with_the_gap_of_each_occupation(toy: MatchModel) -> None:
    passport = {SK + "java": "basic", SK + "sql": "expert"}
    sizes = gap_sizes(toy, passport)
    for i, occupation in enumerate(toy.occupations):
        assert sizes[i] == pytest.approx(gap(toy, passport, occupation).size)


def test_held_skills_close_the_gap_whatever_their_proficiency(toy: MatchModel) -> None:
    sizes = gap_sizes(toy, {SK + "welding": "basic", SK + "soldering": "basic"})
    assert sizes[toy.occupation_index[OCC + "welder"]] == 0.0


def test_reachable_occupations_stay_within_the_gap_limit(toy: MatchModel) -> None:
    passport = {SK + "python": "expert", SK + "sql": "expert"}
    found = reachable(toy, passport, max_gap=0.5, shortage={OCC + "tester": 1.0})
    assert [r.occupation for r in found] == [OCC + "developer", OCC + "tester"]
    assert all(r.gap <= 0.5 for r in found)
    assert found[1].shortage == 1.0
    by_gap = reachable(toy, passport, max_gap=1.0, order="gap")
    assert np.all(np.diff([r.gap for r in by_gap]) >= 0)
