"""Job titles found in a CV as a prior on the ranking, and the specificity of held skills (engine rules).

A tiny model written here (ISCO unit groups are what the title prior spreads over):

    welder        7212  essential welding, grinding
    pipe welder   7212  essential welding, pipes
    inspector     3115  essential welding, drawings, grinding; optional reports
    drafter       3118  essential drawings, reports
"""

from __future__ import annotations

import math

import pytest

from techtalent.matching.engine import (
    MatchModel,
    MatchSettings,
    OccupationSkill,
    TitlePrior,
    build_model,
    match_occupations,
    title_prior,
    with_settings,
)
from techtalent.matching.engine.scoring import score_passports

OCC, SK = "occ:", "skill:"
WELDER, PIPE, INSPECTOR, DRAFTER = (OCC + o for o in ("welder", "pipe", "inspector", "drafter"))
LISTS = {
    WELDER: {"welding": "essential", "grinding": "essential"},
    PIPE: {"welding": "essential", "pipes": "essential"},
    INSPECTOR: {
        "welding": "essential",
        "drawings": "essential",
        "grinding": "essential",
        "reports": "optional",
    },
    DRAFTER: {"drawings": "essential", "reports": "essential"},
}
ISCO = {WELDER: "7212", PIPE: "7212", INSPECTOR: "3115", DRAFTER: "3118"}


@pytest.fixture(scope="module")
def tiny() -> MatchModel:
    skills = sorted({SK + s for listed in LISTS.values() for s in listed})
    relations = [
        OccupationSkill(o, SK + s, rel)  # type: ignore[arg-type]
        for o, listed in LISTS.items()
        for s, rel in listed.items()
    ]
    return build_model(list(LISTS), skills, relations, isco=ISCO)


def ranking(model: MatchModel, passport: dict[str, str], **kwargs: object) -> list[str]:
    return [m.uri for m in match_occupations(model, passport, top=4, **kwargs)]  # type: ignore[arg-type]


def test_a_cv_title_puts_its_occupation_above_a_better_skill_match(tiny: MatchModel) -> None:
    passport = {SK + "welding": "intermediate", SK + "drawings": "intermediate"}
    assert ranking(tiny, passport)[0] == INSPECTOR  # by skills alone
    ranked = ranking(tiny, passport, titles={WELDER: 0.9})
    assert ranked[0] == WELDER
    # the title's unit group is lifted too: the pipe welder now beats the drafter, which it did not before
    assert ranked.index(PIPE) < ranked.index(DRAFTER)
    assert ranking(tiny, passport).index(PIPE) > ranking(tiny, passport).index(DRAFTER)


def test_the_prior_is_the_title_confidence_and_a_share_of_it_for_its_unit_group(tiny: MatchModel) -> None:
    prior = title_prior(tiny, {WELDER: 0.8}, TitlePrior(group_credit=0.5))
    by_uri = dict(zip(tiny.occupations, prior.tolist(), strict=True))
    assert by_uri == pytest.approx({WELDER: 0.8, PIPE: 0.4, INSPECTOR: 0.0, DRAFTER: 0.0})


def test_the_blended_score_is_the_weighted_mean_of_skill_score_and_prior(tiny: MatchModel) -> None:
    passport = {SK + "welding": "advanced"}
    plain = {m.uri: m.score for m in match_occupations(tiny, passport, top=4)}
    blended = {m.uri: m.score for m in match_occupations(tiny, passport, top=4, titles={PIPE: 1.0})}
    weight = TitlePrior().weight
    assert blended[PIPE] == pytest.approx((1 - weight) * plain[PIPE] + weight * 1.0)
    assert blended[DRAFTER] == pytest.approx((1 - weight) * plain[DRAFTER])


def test_titles_below_the_confidence_floor_or_unknown_change_nothing(tiny: MatchModel) -> None:
    passport = {SK + "welding": "intermediate", SK + "drawings": "intermediate"}
    floor = TitlePrior().min_confidence
    weak = {WELDER: floor - 0.01, OCC + "farmer": 0.99}
    assert ranking(tiny, passport, titles=weak) == ranking(tiny, passport)
    assert not title_prior(tiny, weak).any()


def test_title_prior_settings_out_of_range_fail_early() -> None:
    with pytest.raises(ValueError, match="weight"):
        TitlePrior(weight=1.5)
    with pytest.raises(ValueError, match="specificity"):
        MatchSettings(specificity=-1.0)


def test_specificity_weighs_a_rare_held_skill_more_in_relevance_and_the_explanation_agrees(
    tiny: MatchModel,
) -> None:
    sharp = with_settings(tiny, MatchSettings(specificity=1.0))
    passport = {SK + "welding": "expert", SK + "reports": "expert"}
    idf = {s: float(tiny.idf[tiny.skill_index[SK + s]]) for s in ("welding", "reports")}
    # the welder lists welding (3 occupations) but not reports (2): relevance is welding's share of the idf²
    expected = idf["welding"] ** 2 / (idf["welding"] ** 2 + idf["reports"] ** 2)
    match = next(m for m in match_occupations(sharp, passport, top=4) if m.uri == WELDER)
    assert match.explanation.relevance == pytest.approx(expected)
    flat = with_settings(tiny, MatchSettings(specificity=0.0))
    plain = next(m for m in match_occupations(flat, passport, top=4) if m.uri == WELDER)
    assert plain.explanation.relevance == pytest.approx(idf["welding"] / (idf["welding"] + idf["reports"]))
    # and the score the ranking uses is built from that same relevance
    row = score_passports(sharp, [passport])[0]
    coverage = match.explanation.coverage
    assert row[sharp.occupation_index[WELDER]] == pytest.approx(math.sqrt(coverage * expected))
