"""Vacancies API (mounted at /api/orgs): the saved vacancies of an organisation you are a member of, and
the candidates for one (owners, admins and HR of a verified organisation; only consenting passports).
An organisation you are not a member of, and its vacancies, are 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from techtalent.orgs import selectors as orgs
from techtalent.orgs.auth import api_auth, token_of
from techtalent.orgs.models import Organisation
from techtalent.orgs.schemas import CandidateOut, Problem
from techtalent.vacancies import selectors, services
from techtalent.vacancies.models import Vacancy
from techtalent.vacancies.schemas import VacancyDetailOut, VacancyIn, VacancyOut, VacancyPatch, VacancySkillIn

router = Router(tags=["vacancies"], auth=api_auth(read="org:vacancies", write="org:vacancies"))
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem}
LANG = ("nl", "en")


def _organisation(request: HttpRequest, key: str) -> Organisation:
    organisation = orgs.organisation_get(key=key)
    if organisation is None or orgs.role_of(user=request.user, organisation=organisation) is None:
        raise HttpError(404, _("no organisation with this id or slug that you are a member of"))
    token = token_of(request)
    if token is not None and token.organisation is not None and token.organisation != organisation:
        raise HttpError(403, _("this organisation token belongs to another organisation"))
    return organisation


def _vacancy(request: HttpRequest, key: str, vacancy_id: int) -> Vacancy:
    organisation = _organisation(request, key)
    vacancy = selectors.vacancy_get(user=request.user, vacancy_id=vacancy_id, organisation=organisation)
    if vacancy is None:
        raise HttpError(404, _("no vacancy with this number in this organisation"))
    return vacancy


def _lang(lang: str) -> str:
    if lang not in LANG:
        raise HttpError(400, _("lang must be nl or en"))
    return lang


def _out(vacancy: Vacancy, lang: str, *, text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": vacancy.id,
        "organisation": vacancy.organisation.slug,
        "title": vacancy.title,
        "occupation": vacancy.occupation or None,
        "created_by": vacancy.created_by.username if vacancy.created_by else None,
        "created": vacancy.created,
        "updated": vacancy.updated,
        "skills": [
            {
                "uri": s.skill.uri,
                "label": s.name.label,
                "label_lang": s.name.lang,
                "derived": s.name.derived,
                "relation": s.skill.relation,
                "source": s.skill.source,
            }  # fmt: skip
            for s in selectors.vacancy_skills(vacancy=vacancy, lang=lang)
        ],
    }
    if text:
        out["text"] = vacancy.text
    return out


def _wanted(skills: list[VacancySkillIn]) -> list[services.WantedSkill]:
    return [services.WantedSkill(uri=s.uri.strip(), relation=s.relation) for s in skills]


def _refused(error: PermissionError) -> HttpError:
    return HttpError(403, str(error))


@router.get(
    "/{key}/vacancies", response={200: list[VacancyOut], **ERRORS}, summary="An organisation's vacancies"
)
@paginate(LimitOffsetPagination)
def vacancy_list(request: HttpRequest, key: str, lang: str = "nl") -> list[dict[str, Any]]:
    organisation = _organisation(request, key)
    return [
        _out(v, _lang(lang)) for v in selectors.vacancy_list(user=request.user, organisation=organisation)
    ]


@router.post("/{key}/vacancies", response={201: VacancyDetailOut, **ERRORS}, summary="Save a vacancy")
def vacancy_create(request: HttpRequest, key: str, data: VacancyIn) -> Status:
    organisation = _organisation(request, key)
    try:
        vacancy = services.vacancy_create(
            organisation=organisation, user=request.user, title=data.title, text=data.text,
            occupation=data.occupation, skills=_wanted(data.skills),
        )  # fmt: skip
    except PermissionError as error:
        raise _refused(error) from None
    return Status(201, _out(vacancy, "nl", text=True))


@router.get(
    "/{key}/vacancies/{vacancy_id}", response={200: VacancyDetailOut, **ERRORS}, summary="A saved vacancy"
)
def vacancy_get(request: HttpRequest, key: str, vacancy_id: int, lang: str = "nl") -> dict[str, Any]:
    return _out(_vacancy(request, key, vacancy_id), _lang(lang), text=True)


@router.patch(
    "/{key}/vacancies/{vacancy_id}",
    response={200: VacancyDetailOut, **ERRORS},
    summary="Change a vacancy's title, occupation or skills",
)
def vacancy_update(request: HttpRequest, key: str, vacancy_id: int, data: VacancyPatch) -> dict[str, Any]:
    vacancy = _vacancy(request, key, vacancy_id)
    try:
        services.vacancy_update(
            vacancy=vacancy, user=request.user, title=data.title, occupation=data.occupation
        )
        if data.skills is not None:
            services.vacancy_skills_set(vacancy=vacancy, user=request.user, skills=_wanted(data.skills))
    except PermissionError as error:
        raise _refused(error) from None
    return _out(vacancy, "nl", text=True)


@router.delete("/{key}/vacancies/{vacancy_id}", response={204: None, **ERRORS}, summary="Delete a vacancy")
def vacancy_delete(request: HttpRequest, key: str, vacancy_id: int) -> Status:
    vacancy = _vacancy(request, key, vacancy_id)
    try:
        services.vacancy_delete(vacancy=vacancy, user=request.user)
    except PermissionError as error:
        raise _refused(error) from None
    return Status(204, None)


@router.get(
    "/{key}/vacancies/{vacancy_id}/candidates",
    response={200: list[CandidateOut], **ERRORS},
    summary="Consenting passports ranked and explained for a saved vacancy (only those that fit at all)",
)
def vacancy_candidates(
    request: HttpRequest, key: str, vacancy_id: int, lang: str = "nl", top: int = 20
) -> list[dict[str, Any]]:
    vacancy = _vacancy(request, key, vacancy_id)
    if not 1 <= top <= 100:
        raise HttpError(400, _("top must lie between 1 and 100"))
    try:
        return selectors.vacancy_candidates(user=request.user, vacancy=vacancy, lang=_lang(lang), top=top)
    except PermissionError as error:
        raise _refused(error) from None
