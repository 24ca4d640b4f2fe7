"""Saving, changing and deleting vacancies through their services and reading them through the selectors:
members only (a non-member sees nothing and changes nothing), candidates only for recruiters of a verified
organisation, and a passport that shares nothing with the vacancy is not a candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from techtalent.core.errors import UserError
from techtalent.vacancies import selectors, services
from techtalent.vacancies.models import Vacancy, VacancySkill
from techtalent.vacancies.services import WantedSkill
from tests.extraction.conftest import URI

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    """The messages in English (the pages test the Dutch ones)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def welding_vacancy(w: World, by: str = "hana") -> Vacancy:
    return services.vacancy_create(
        organisation=w.acme,
        user=w.users[by],
        title="  Lasser   MIG/MAG ",
        text="Wij zoeken een lasser.",
        occupation=URI["welder"],
        skills=[
            WantedSkill(
                URI["mag_welding"], "essential", "extracted", "MAG-lassen", "Je beheerst MAG-lassen."
            ),
            WantedSkill(URI["cnc_milling"], "optional", "extracted"),
        ],
    )


def python_passport(w: World) -> Any:
    """A second consenting passport (pia) that shares no skill with a welding vacancy."""
    from django.contrib.auth import get_user_model

    from techtalent.matching import services as passports
    from techtalent.orgs import services as orgs

    pia = get_user_model().objects.create_user("pia", password="x-Geheim-42")
    passport = passports.passport_get_or_create(user=pia)
    passports.skill_add(passport=passport, uri=URI["python"])
    orgs.consent_grant(passport=passport, organisation=w.acme)
    return passport


def test_a_member_saves_a_vacancy_with_its_skills_and_who_saved_it(world: World) -> None:
    vacancy = welding_vacancy(world)
    assert vacancy.title == "Lasser MIG/MAG" and vacancy.created_by == world.users["hana"]
    assert vacancy.occupation == URI["welder"] and vacancy.created and vacancy.updated
    assert selectors.vacancy_wanted(vacancy=vacancy) == {
        URI["mag_welding"]: "essential",
        URI["cnc_milling"]: "optional",
    }
    rows = {s.uri: s for s in vacancy.skills.all()}
    assert (
        rows[URI["mag_welding"]].source == "extracted" and rows[URI["mag_welding"]].found_as == "MAG-lassen"
    )


def test_a_non_member_can_neither_save_nor_see_nor_change_a_vacancy(world: World) -> None:
    with pytest.raises(PermissionError):
        welding_vacancy(world, by="otto")
    vacancy = welding_vacancy(world)
    otto = world.users["otto"]
    assert selectors.vacancy_get(user=otto, vacancy_id=vacancy.id) is None
    assert not selectors.vacancy_list(user=otto, organisation=world.acme).exists()
    assert list(selectors.employer_organisations(user=otto)) == [world.other]
    for change in (
        lambda: services.vacancy_update(vacancy=vacancy, user=otto, title="Mine now"),
        lambda: services.vacancy_skill_remove(vacancy=vacancy, user=otto, uri=URI["mag_welding"]),
        lambda: services.vacancy_delete(vacancy=vacancy, user=otto),
    ):
        with pytest.raises(PermissionError):
            change()
    vacancy.refresh_from_db()
    assert vacancy.title == "Lasser MIG/MAG" and vacancy.skills.count() == 2


def test_a_vacancy_of_another_organisation_is_not_found_under_this_one(world: World) -> None:
    vacancy = welding_vacancy(world)
    hana = world.users["hana"]
    assert selectors.vacancy_get(user=hana, vacancy_id=vacancy.id, organisation=world.acme) == vacancy
    assert selectors.vacancy_get(user=hana, vacancy_id=vacancy.id, organisation=world.other) is None
    assert selectors.vacancy_get(user=hana, vacancy_id=vacancy.id + 1000) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "title"),
        ({"occupation": URI["mag_welding"]}, "not an ESCO occupation"),
        ({"skills": [WantedSkill("http://example.org/nope")]}, "not an ESCO skill"),
        ({"skills": [WantedSkill(URI["welder"])]}, "not an ESCO skill"),
        ({"skills": [WantedSkill(URI["python"], relation="required")]}, "essential or optional"),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(
    world: World, change: dict[str, Any], message: str
) -> None:
    data: dict[str, Any] = {
        "organisation": world.acme,
        "user": world.users["hana"],
        "title": "Lasser",
        **change,
    }
    with pytest.raises(UserError, match=message):
        services.vacancy_create(**data)
    assert not Vacancy.objects.exists() and not VacancySkill.objects.exists()


def test_only_employers_save_vacancies(world: World) -> None:
    from techtalent.orgs import services as orgs

    school = orgs.organisation_create(name="ROC Metaal", kind="school", owner=world.users["hana"])
    with pytest.raises(UserError, match="only employers"):
        services.vacancy_create(organisation=school, user=world.users["hana"], title="Docent")


def test_skills_are_added_by_hand_removed_and_replaced(world: World) -> None:
    vacancy = welding_vacancy(world)
    olga = world.users["olga"]  # the owner is a member too
    row = services.vacancy_skill_add(vacancy=vacancy, user=olga, skill=WantedSkill(URI["tig_welding"]))
    assert row.source == "manual" and row.relation == "essential"
    services.vacancy_skill_add(vacancy=vacancy, user=olga, skill=WantedSkill(URI["tig_welding"], "optional"))
    assert selectors.vacancy_wanted(vacancy=vacancy)[URI["tig_welding"]] == "optional"
    assert services.vacancy_skill_remove(vacancy=vacancy, user=olga, uri=URI["cnc_milling"])
    assert not services.vacancy_skill_remove(vacancy=vacancy, user=olga, uri=URI["cnc_milling"])
    services.vacancy_skills_set(
        vacancy=vacancy, user=olga, skills=[WantedSkill(URI["mag_welding"]), WantedSkill(URI["welding"])]
    )
    assert selectors.vacancy_wanted(vacancy=vacancy) == {
        URI["mag_welding"]: "essential",
        URI["welding"]: "essential",
    }
    assert vacancy.skills.get(uri=URI["mag_welding"]).source == "extracted"  # a kept skill keeps its source


def test_skills_are_shown_with_dutch_names_essential_first(world: World) -> None:
    shown = selectors.vacancy_skills(vacancy=welding_vacancy(world), lang="nl")
    assert [(s.skill.uri, s.skill.relation) for s in shown] == [
        (URI["mag_welding"], "essential"),
        (URI["cnc_milling"], "optional"),
    ]
    assert shown[0].name.label == "MAG-lassen uitvoeren" and shown[0].name.lang == "nl"


def test_deleting_a_vacancy_deletes_its_skills(world: World) -> None:
    vacancy = welding_vacancy(world)
    services.vacancy_delete(vacancy=vacancy, user=world.users["hana"])
    assert not Vacancy.objects.exists() and not VacancySkill.objects.exists()


def test_candidates_are_the_consenting_passports_that_fit_each_explained(world: World) -> None:
    from techtalent.matching import results

    pia = python_passport(world)  # consents to Acme, but has none of the vacancy's skills
    vacancy = welding_vacancy(world)
    everyone = results.candidates(
        occupation=vacancy.occupation, skills=selectors.vacancy_wanted(vacancy=vacancy), lang="nl",
        passport_ids=[world.passport.id, pia.id],
    )  # fmt: skip
    assert pia.id in {c["passport"] for c in everyone}  # the engine ranks it, with nothing in common
    found = selectors.vacancy_candidates(user=world.users["hana"], vacancy=vacancy, lang="nl")
    assert [c["passport"] for c in found] == [world.passport.id]
    matched = {s["uri"] for s in found[0]["explanation"]["matched"]}
    assert URI["mag_welding"] in matched
    assert all(c["explanation"]["matched"] or c["explanation"]["partial"] for c in found)


def test_candidates_are_refused_to_a_plain_member_and_to_an_unverified_organisation(world: World) -> None:
    from techtalent.orgs import services as orgs

    vacancy = welding_vacancy(world)
    orgs.membership_add(organisation=world.acme, user=world.users["bob"], role="member")
    with pytest.raises(PermissionError, match="owners, admins and HR"):
        selectors.vacancy_candidates(user=world.users["bob"], vacancy=vacancy, lang="nl")
    orgs.organisation_unverify(organisation=world.acme)
    with pytest.raises(PermissionError, match="not verified"):
        selectors.vacancy_candidates(user=world.users["hana"], vacancy=vacancy, lang="nl")


def test_relation_follows_the_extractors_optional_flag_or_the_sentence(world: World) -> None:
    assert services.relation_of({"optional": True}) == "optional"
    assert services.relation_of({"optional": False, "sentence": "Een pré."}) == "essential"
    assert services.relation_of({"sentence": "Ervaring met CNC-frezen is een pré."}) == "optional"
    assert services.relation_of({"sentence": "Je beheerst MAG-lassen."}) == "essential"
    assert services.relation_of({}) == "essential"
