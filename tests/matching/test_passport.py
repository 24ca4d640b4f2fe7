"""Passport services: skills with proficiency/source/evidence, occupations, education, export, deletion."""

from __future__ import annotations

from typing import Any

import pytest

from techtalent.core.errors import UserError
from techtalent.matching import results, selectors, services
from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db


def test_a_skill_keeps_its_proficiency_source_and_evidence(alice_passport: Any) -> None:
    skill = alice_passport.skills.get(uri=URI["tig_welding"])
    assert (skill.proficiency, skill.source, skill.evidence) == ("intermediate", "cv", "TIG-lassen, 5 jaar")
    assert selectors.passport_skills(alice_passport)[URI["mag_welding"]] == "advanced"


def test_adding_an_unknown_or_non_skill_uri_is_refused(alice_passport: Any) -> None:
    with pytest.raises(UserError):
        services.skill_add(passport=alice_passport, uri="http://example.org/nope")
    with pytest.raises(UserError):
        services.skill_add(passport=alice_passport, uri=URI["welder"])  # an occupation
    with pytest.raises(UserError):
        services.skill_add(passport=alice_passport, uri=URI["python"], proficiency="guru")


def test_an_occupation_held_adds_its_essential_skills_as_derived(alice_passport: Any) -> None:
    services.occupation_add(passport=alice_passport, uri=URI["cnc_operator"], years=2)
    derived = alice_passport.skills.filter(source="occupation")
    assert derived.exists() and all(s.evidence == URI["cnc_operator"] for s in derived)


def test_the_export_holds_everything_in_the_documented_schema(alice_passport: Any) -> None:
    services.share_link_create(passport=alice_passport, days=7)
    data = selectors.passport_export(alice_passport, lang="nl")
    assert data["schema"] == "techtalent-passport/1"
    assert set(data) == {
        "schema",
        "exported",
        "account",
        "passport",
        "skills",
        "occupations",
        "education",
        "shares",
        "memberships",
        "consents",
        "api_tokens",
    }
    assert data["account"]["username"] == "alice"
    assert {s["uri"] for s in data["skills"]} == {URI["mag_welding"], URI["tig_welding"]}
    assert data["occupations"][0]["years"] == 6.0 and data["occupations"][0]["label"] == "lasser"
    assert data["education"] == [{"level": "mbo-2", "programme": "Lastechniek"}]
    assert data["passport"]["region"] == "Groningen" and data["shares"][0]["link"] is True


def test_deleting_the_account_leaves_no_row_behind(
    alice_passport: Any, alice: Any, bob: Any, row_counts: Any
) -> None:
    before = row_counts()
    services.share_with_user(passport=alice_passport, username="bob")
    bob_passport = services.passport_get_or_create(user=bob)
    services.share_with_user(passport=bob_passport, username="alice")
    services.account_delete(user=alice)
    after = row_counts()
    assert after == {
        "Passport": 1,
        "PassportSkill": 0,
        "OccupationHeld": 0,
        "Education": 0,
        "PassportShare": 1,  # Bob's share with the name "alice" stays in his list, reaching no account
        "User": 1,
    }
    assert before["User"] == 2 and bob_passport.shares.get().user is None


def test_matches_are_explained_with_labels_in_the_users_language(alice_passport: Any) -> None:
    found = results.occupation_matches(selectors.passport_skills(alice_passport), lang="nl", top=3)
    assert found[0]["uri"] == URI["welder"] and found[0]["label"] == "lasser"
    matched = {s["uri"] for s in found[0]["explanation"]["matched"]}
    assert matched == {URI["mag_welding"], URI["tig_welding"]}
    weights = [
        s["weight"] for part in ("matched", "partial", "missing") for s in found[0]["explanation"][part]
    ]
    assert sum(weights) == pytest.approx(1.0, abs=0.01)
    assert found[0]["explanation"]["missing"]  # the welder needs more than two skills
    english = results.occupation_matches(selectors.passport_skills(alice_passport), lang="en", top=1)
    assert english[0]["label"] == "welder"


def test_the_match_model_is_built_once_per_taxonomy(toy_db: Any) -> None:
    assert selectors.match_model() is selectors.match_model()
    selectors.forget_cache()
    again = selectors.match_model()  # from the disk cache
    assert len(again.occupations) == 10 and URI["python"] in again.skill_index


def test_candidates_are_ranked_only_among_the_passports_given(alice_passport: Any, bob: Any) -> None:
    bob_passport = services.passport_get_or_create(user=bob)
    services.skill_add(passport=bob_passport, uri=URI["mag_welding"])
    assert results.candidates(occupation=URI["welder"], skills={}, lang="nl", passport_ids=[]) == []
    ranked = results.candidates(
        occupation=URI["welder"], skills={}, lang="nl", passport_ids=[alice_passport.id]
    )
    assert [c["passport"] for c in ranked] == [alice_passport.id]
