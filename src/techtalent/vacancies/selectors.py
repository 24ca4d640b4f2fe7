"""Reads: the vacancies a user may see (those of organisations they are a member of), their skills by shown
name, and the candidates for a saved vacancy (only passports that consented, as on the candidates page)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from techtalent.orgs import candidates as ranking
from techtalent.orgs import selectors as orgs
from techtalent.orgs.models import Organisation, OrganisationKind
from techtalent.taxonomy import selectors as taxonomy
from techtalent.taxonomy.selectors import ShownName
from techtalent.vacancies.models import Vacancy, VacancySkill

__all__ = [
    "SkillShown",
    "employer_organisations",
    "may_see_candidates",
    "vacancy_candidates",
    "vacancy_get",
    "vacancy_list",
    "vacancy_skills",
    "title_of",
    "vacancy_wanted",
]


def employer_organisations(*, user: Any) -> QuerySet[Organisation]:
    """The employer organisations ``user`` is a member of (any role): those they may save vacancies for."""
    return (
        orgs.organisations_for_user(user=user).filter(kind=OrganisationKind.EMPLOYER).order_by("name", "id")
    )


# Parts of a vacancy's first line that are not its title: hours or gender in brackets ("(38 uur)",
# "(32-40 uur)", "(40 hours)", "(m/v)", "(m/f)", "(fulltime)"), and the employer after a dash or bar
# ("– Metaal B.V.").
_TITLE_ASIDE = re.compile(
    r"\s*\((?:[^()]*\b(?:uur|hours?|hrs)\b[^()]*|[mvxfwd]\s*/\s*[mvxfwd](?:\s*/\s*[mvxfwd])?|full-?time|part-?time"
    r"|fte[^()]*)\)",
    re.IGNORECASE,
)
_TITLE_EMPLOYER = re.compile(r"\s+(?:[–—|]|-(?=\s))\s+(?P<employer>.+)$")
_LEGAL_FORM = re.compile(r"\b(?:b\.?\s?v\.?|n\.?\s?v\.?|v\.?o\.?f\.?|gmbh|ltd\.?|bv|nv)$", re.IGNORECASE)


def title_of(text: str, employers: Sequence[str] = ()) -> str:
    """A title for a pasted vacancy: its first line, without a leading "Vacature:" or "Vacancy:", hours or
    gender in brackets (Dutch or English), and the employer named after a dash (a name in ``employers`` or
    one ending in a legal form such as B.V.)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    head, sep, rest = first.partition(":")
    if sep and head.strip().casefold() in ("vacature", "vacancy", "functie", "job"):
        first = rest.strip()
    first = _TITLE_ASIDE.sub("", first).strip()
    tail = _TITLE_EMPLOYER.search(first)
    if tail and tail.start() > 0:
        employer = tail["employer"].strip().casefold()
        named = any(name.strip() and employer.startswith(name.strip().casefold()) for name in employers)
        if named or _LEGAL_FORM.search(employer):
            first = first[: tail.start()].strip()
    return first[:120]


def vacancy_list(*, user: Any, organisation: Organisation) -> QuerySet[Vacancy]:
    """The organisation's vacancies, newest change first; none when ``user`` is not a member."""
    if orgs.role_of(user=user, organisation=organisation) is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(organisation=organisation).select_related("created_by")


def vacancy_get(*, user: Any, vacancy_id: int, organisation: Organisation | None = None) -> Vacancy | None:
    """The vacancy with this id if ``user`` is a member of its organisation (and it is ``organisation``'s)."""
    vacancy = Vacancy.objects.filter(id=vacancy_id).select_related("organisation", "created_by").first()
    if vacancy is None or (organisation is not None and vacancy.organisation_id != organisation.id):
        return None
    if orgs.role_of(user=user, organisation=vacancy.organisation) is None:
        return None
    return vacancy


@dataclass(frozen=True)
class SkillShown:
    """A skill of a vacancy with the name it is shown with (derived names marked)."""

    skill: VacancySkill
    name: ShownName


def vacancy_skills(*, vacancy: Vacancy, lang: str) -> list[SkillShown]:
    """The vacancy's skills, essential first, each with its shown name (the text's own words win)."""
    skills = list(vacancy.skills.all())
    names = taxonomy.attested_names({s.uri: (s.found_as, s.evidence) for s in skills}, lang)
    skills.sort(key=lambda s: (s.relation != "essential", names[s.uri].label.casefold()))
    return [SkillShown(s, names[s.uri]) for s in skills]


def vacancy_wanted(*, vacancy: Vacancy) -> dict[str, str]:
    """The vacancy's skills as ``{uri: "essential" | "optional"}``, the shape the ranking takes."""
    return dict(vacancy.skills.values_list("uri", "relation"))


def may_see_candidates(*, user: Any, vacancy: Vacancy) -> bool:
    """Whether ``user`` may see candidates for the vacancy (owner, admin or HR of a verified organisation)."""
    return orgs.may_see_candidates(user=user, organisation=vacancy.organisation)


def vacancy_candidates(*, user: Any, vacancy: Vacancy, lang: str, top: int = 20) -> list[dict[str, Any]]:
    """Consenting passports ranked for the saved vacancy, each explained skill by skill; only passports
    with at least one skill matched or partly matched. ``PermissionError`` when ``user`` may not see them."""
    if not may_see_candidates(user=user, vacancy=vacancy):
        raise PermissionError(ranking.refusal(vacancy.organisation))
    return ranking.ranked(
        organisation=vacancy.organisation,
        occupation=vacancy.occupation or None,
        skills=vacancy_wanted(vacancy=vacancy),
        lang=lang,
        top=top,
    )
