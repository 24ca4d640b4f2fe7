"""Scores and explanations on the toy taxonomy, checked by hand (see conftest.py for the taxonomy)."""

from __future__ import annotations

import math

import pytest

from techtalent.matching.engine import MatchModel, MatchSettings, match_occupations, with_settings
from techtalent.matching.engine.scoring import score_passports

SK, OCC = "skill:", "occ:"  # the toy taxonomy's URI prefixes (conftest.py)

L4, L25 = math.log(4.0), math.log(2.5)  # idf of a skill used by 1 resp. 2 of the 3 occupations
OPT = 0.9  # the default optional weight (an essential skill weighs 1)
DEVELOPER_TOTAL = L4 + L25 + OPT * L25  # python, sql essential; testing optional
NO_PARTIAL = MatchSettings(broader_credit=0.0, related_credit=0.0, sibling_credit=0.0)


def scores_of(model: MatchModel, passport: dict[str, str]) -> dict[str, float]:
    row = score_passports(model, [passport])[0]
    return {uri: float(row[i]) for i, uri in enumerate(model.occupations)}


def test_rarer_skills_weigh_more_than_common_ones(toy: MatchModel) -> None:
    assert toy.idf[toy.skill_index[SK + "python"]] == pytest.approx(L4)
    assert toy.idf[toy.skill_index[SK + "sql"]] == pytest.approx(L25)


def test_a_passport_with_both_essential_skills_scores_by_hand(toy: MatchModel) -> None:
    scores = scores_of(toy, {SK + "python": "expert", SK + "sql": "expert"})
    # testing is earned in part through python (related, 0.4 × expert 1.0); relevance is 1, so the score is
    # the geometric mean sqrt(coverage × 1).
    coverage = (L4 + L25 + OPT * L25 * 0.4) / DEVELOPER_TOTAL
    assert scores[OCC + "developer"] == pytest.approx(math.sqrt(coverage))
    # the tester lists sql (essential) but not python; each held skill counts idf^(1 + specificity)
    power = 1.0 + toy.settings.specificity
    relevance = L25**power / (L4**power + L25**power)
    assert scores[OCC + "tester"] == pytest.approx(math.sqrt((0.4 * L25 + L25) / (2 * L25) * relevance))
    assert scores[OCC + "welder"] == 0.0


def test_the_explanation_lists_matched_partial_and_missing_skills_with_weights(toy: MatchModel) -> None:
    best = match_occupations(toy, {SK + "python": "expert", SK + "sql": "basic"}, top=1)[0]
    assert best.uri == OCC + "developer"
    why = best.explanation
    assert [(m.skill, m.relation, m.proficiency, m.credit) for m in why.matched] == [
        (SK + "python", "essential", "expert", 1.0),
        (SK + "sql", "essential", "basic", 0.5),
    ]
    assert why.matched[0].weight == pytest.approx(L4 / DEVELOPER_TOTAL)
    (partial,) = why.partial
    assert (partial.skill, partial.via, partial.source, partial.credit) == (
        SK + "testing",
        "related",
        SK + "python",
        0.4,
    )
    assert partial.weight == pytest.approx(OPT * L25 / DEVELOPER_TOTAL)
    assert why.missing_essential == () and why.missing_optional == ()
    assert why.relevance == pytest.approx(1.0)
    assert best.score == pytest.approx(math.sqrt(why.coverage))  # relevance 1: sqrt of the coverage


def test_item_weights_add_up_to_one_and_explain_the_coverage(toy: MatchModel) -> None:
    passport = {SK + "java": "advanced", SK + "welding": "basic"}
    for match in match_occupations(toy, passport, top=3):
        why = match.explanation
        items = [*why.matched, *why.partial, *why.missing_essential, *why.missing_optional]
        assert sum(i.weight for i in items) == pytest.approx(1.0)
        earned = sum(m.weight * m.credit for m in why.matched) + sum(p.weight * p.credit for p in why.partial)
        assert earned == pytest.approx(why.coverage)
        b = toy.settings.balance
        assert match.score == pytest.approx(why.coverage ** (1 - b) * why.relevance**b)


def test_a_sibling_skill_counts_for_a_quarter(toy: MatchModel) -> None:
    (match,) = [
        m for m in match_occupations(toy, {SK + "java": "advanced"}, top=3) if m.uri == OCC + "developer"
    ]
    (partial,) = match.explanation.partial
    assert (partial.skill, partial.via, partial.source) == (SK + "python", "sibling", SK + "java")
    assert partial.credit == pytest.approx(0.25 * 0.9)
    assert [m.skill for m in match.explanation.missing_essential] == [SK + "sql"]
    assert match.explanation.unused == (SK + "java",)
    # java is not listed by the developer: the occupation would use none of the person's skills, relevance 0,
    # so it does not fit however much partial coverage there is.
    assert match.explanation.coverage == pytest.approx(0.225 * L4 / DEVELOPER_TOTAL)
    assert match.score == 0.0


def test_a_broader_skill_counts_for_half_and_a_shared_skill_group_for_nothing(toy: MatchModel) -> None:
    (match,) = [
        m
        for m in match_occupations(toy, {SK + "programming": "intermediate"}, top=3)
        if m.uri == OCC + "developer"
    ]
    by_skill = {p.skill: p for p in match.explanation.partial}
    assert (by_skill[SK + "python"].via, by_skill[SK + "python"].credit) == ("broader", 0.5 * 0.75)
    assert SK + "sql" not in by_skill  # sql only shares the skill group "digital" with programming


def test_an_essential_skill_weighs_more_than_an_optional_one(toy: MatchModel) -> None:
    plain = with_settings(toy, NO_PARTIAL)
    essential = scores_of(plain, {SK + "sql": "expert"})[OCC + "developer"]
    optional = scores_of(plain, {SK + "testing": "expert"})[OCC + "developer"]
    # sql: coverage L25/total, relevance 1; testing: coverage OPT·L25/total, relevance OPT (optional use)
    assert essential == pytest.approx(math.sqrt(L25 / DEVELOPER_TOTAL))
    assert optional == pytest.approx(math.sqrt(OPT * L25 / DEVELOPER_TOTAL * OPT))
    assert essential > optional


@pytest.mark.parametrize(
    ("lower", "higher"), [("basic", "intermediate"), ("intermediate", "advanced"), ("advanced", "expert")]
)
def test_a_higher_proficiency_scores_higher(toy: MatchModel, lower: str, higher: str) -> None:
    low = scores_of(toy, {SK + "python": lower})[OCC + "developer"]
    high = scores_of(toy, {SK + "python": higher})[OCC + "developer"]
    assert high > low


def test_an_empty_passport_scores_zero_everywhere(toy: MatchModel) -> None:
    assert set(scores_of(toy, {}).values()) == {0.0}


def test_skills_unknown_to_the_taxonomy_are_ignored(toy: MatchModel) -> None:
    known = scores_of(toy, {SK + "python": "advanced"})
    assert scores_of(toy, {SK + "python": "advanced", "skill:unheard-of": "expert"}) == known


def test_an_unknown_proficiency_is_refused(toy: MatchModel) -> None:
    with pytest.raises(ValueError, match="proficiency"):
        scores_of(toy, {SK + "python": "guru"})


def test_settings_out_of_range_fail_early() -> None:
    with pytest.raises(ValueError, match="sibling_credit"):
        MatchSettings(sibling_credit=1.5)
