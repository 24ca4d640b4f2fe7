"""Passports API (own passport, skills, occupations, education, export, delete, shares; mounted at
/api/passports) and matching API (/api/match). Another user's passport is a 404, never a 403 that would
tell it exists."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from techtalent.matching import results, selectors, services, transitions
from techtalent.matching.models import Passport
from techtalent.matching.schemas import (
    DetailOut,
    EducationIn,
    EducationOut,
    Lang,
    MatchIn,
    OccupationIn,
    OccupationMatchOut,
    OccupationOut,
    PassportExportOut,
    PassportIn,
    PassportOut,
    PassportRefOut,
    PathOut,
    ShareIn,
    ShareOut,
    SkillIn,
    SkillOut,
)
from techtalent.matching.views import shared_message
from techtalent.orgs.auth import api_auth
from techtalent.taxonomy import selectors as taxonomy
from techtalent.web.throttling import RateLimit

router = Router(tags=["passports"], auth=api_auth(read="passport:read", write="passport:write"))
match_router = Router(tags=["matching"], throttle=[RateLimit("match")])
NOT_FOUND = "no passport with this id that you may see"
ERRORS = {400: DetailOut, 401: DetailOut, 403: DetailOut, 404: DetailOut}


def _readable(request: HttpRequest, passport_id: int) -> Passport:
    passport = selectors.passports_visible_to(request.user).filter(id=passport_id).first()
    if passport is None:
        raise HttpError(404, NOT_FOUND)
    return passport


def _own(request: HttpRequest, passport_id: int) -> Passport:
    passport = selectors.passport_of(request.user)
    if passport is None or passport.id != passport_id:
        raise HttpError(404, NOT_FOUND)
    return passport


def _out(passport: Passport, lang: str) -> dict[str, Any]:
    def shown(uri: str) -> dict[str, Any]:
        s = taxonomy.shown_name(uri, lang)
        return {"uri": uri, "label": s.label, "label_lang": s.lang, "label_derived": s.derived}

    return {
        "id": passport.id,
        "owner": passport.owner.username,
        "findable": passport.findable,
        "region": passport.region,
        "hours_per_week": passport.hours_per_week,
        "skills": [
            {**shown(s.uri), "proficiency": s.proficiency, "source": s.source, "evidence": s.evidence}
            for s in passport.skills.all()
        ],
        "occupations": [{**shown(o.uri), "years": float(o.years)} for o in passport.occupations.all()],
        "education": list(passport.education.values("id", "level", "programme")),
    }


def _share(request: HttpRequest, share: Any) -> dict[str, Any]:
    url = (
        request.build_absolute_uri(reverse("matching:shared_link", args=[share.token]))
        if share.token
        else None
    )
    return {
        "id": share.id,
        "username": share.username or None,
        "url": url,
        "expires": share.expires,
    }


@router.get(
    "/", response=list[PassportRefOut], summary="Passports you may read: yours and those shared with you"
)
@paginate(LimitOffsetPagination)
def passport_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "owner": p.owner.username, "skills": p.skills.count()}
        for p in selectors.passports_visible_to(request.user).select_related("owner").order_by("id")
    ]


@router.post("/", response={200: PassportOut, **ERRORS}, summary="Create your passport (or return it)")
def passport_create(request: HttpRequest, lang: Lang = "nl") -> dict[str, Any]:
    return _out(services.passport_get_or_create(user=request.user), lang)


@router.get("/me", response={200: PassportOut, **ERRORS}, summary="Your own passport")
def passport_me(request: HttpRequest, lang: Lang = "nl") -> dict[str, Any]:
    passport = selectors.passport_of(request.user)
    if passport is None:
        raise HttpError(404, "you have no passport yet; POST /api/passports/ creates one")
    return _out(passport, lang)


@router.get("/{passport_id}", response={200: PassportOut, **ERRORS}, summary="A passport you may read")
def passport_get(request: HttpRequest, passport_id: int, lang: Lang = "nl") -> dict[str, Any]:
    return _out(_readable(request, passport_id), lang)


@router.patch("/{passport_id}", response={200: PassportOut, **ERRORS}, summary="Change your preferences")
def passport_patch(
    request: HttpRequest, passport_id: int, data: PassportIn, lang: Lang = "nl"
) -> dict[str, Any]:
    passport = services.passport_update(passport=_own(request, passport_id), **data.dict())
    return _out(passport, lang)


@router.delete("/{passport_id}", response={204: None, **ERRORS}, summary="Delete your passport (and account)")
def passport_delete(request: HttpRequest, passport_id: int, account: bool = False) -> Status:
    passport = _own(request, passport_id)
    if account:
        services.account_delete(user=request.user)
    else:
        services.passport_delete(passport=passport)
    return Status(204, None)


@router.get(
    "/{passport_id}/export",
    response={200: PassportExportOut, **ERRORS},
    by_alias=True,
    summary="Everything stored, as JSON",
)
def passport_export(request: HttpRequest, passport_id: int, lang: Lang = "nl") -> dict[str, Any]:
    return selectors.passport_export(_own(request, passport_id), lang=lang)


@router.get("/{passport_id}/skills", response=list[SkillOut], summary="The skills of a passport")
@paginate(LimitOffsetPagination)
def skill_list(request: HttpRequest, passport_id: int, lang: Lang = "nl") -> list[dict[str, Any]]:
    return _out(_readable(request, passport_id), lang)["skills"]


@router.post("/{passport_id}/skills", response={200: SkillOut, **ERRORS}, summary="Add or change a skill")
def skill_add(request: HttpRequest, passport_id: int, data: SkillIn, lang: Lang = "nl") -> dict[str, Any]:
    skill = services.skill_add(passport=_own(request, passport_id), **data.dict())
    s = taxonomy.shown_name(skill.uri, lang)
    return {
        "uri": skill.uri,
        "label": s.label,
        "label_lang": s.lang,
        "label_derived": s.derived,
        "proficiency": skill.proficiency,
        "source": skill.source,
        "evidence": skill.evidence,
    }


@router.delete("/{passport_id}/skills", response={204: None, **ERRORS}, summary="Remove a skill")
def skill_remove(request: HttpRequest, passport_id: int, uri: str) -> Status:
    if not services.skill_remove(passport=_own(request, passport_id), uri=uri):
        raise HttpError(404, "the passport holds no such skill")
    return Status(204, None)


@router.post(
    "/{passport_id}/occupations", response={200: OccupationOut, **ERRORS}, summary="Add an occupation"
)
def occupation_add(
    request: HttpRequest, passport_id: int, data: OccupationIn, lang: Lang = "nl"
) -> dict[str, Any]:
    held = services.occupation_add(passport=_own(request, passport_id), **data.dict())
    s = taxonomy.shown_name(held.uri, lang)
    return {
        "uri": held.uri,
        "label": s.label,
        "label_lang": s.lang,
        "label_derived": s.derived,
        "years": float(held.years),
    }


@router.delete("/{passport_id}/occupations", response={204: None, **ERRORS}, summary="Remove an occupation")
def occupation_remove(request: HttpRequest, passport_id: int, uri: str) -> Status:
    if not services.occupation_remove(passport=_own(request, passport_id), uri=uri):
        raise HttpError(404, "the passport holds no such occupation")
    return Status(204, None)


@router.post("/{passport_id}/education", response={200: EducationOut, **ERRORS}, summary="Add an education")
def education_add(request: HttpRequest, passport_id: int, data: EducationIn) -> Any:
    return services.education_add(passport=_own(request, passport_id), **data.dict())


@router.delete("/{passport_id}/education/{education_id}", response={204: None, **ERRORS})
def education_remove(request: HttpRequest, passport_id: int, education_id: int) -> Status:
    if not services.education_remove(passport=_own(request, passport_id), education_id=education_id):
        raise HttpError(404, "no such education in the passport")
    return Status(204, None)


@router.get("/{passport_id}/shares", response=list[ShareOut], summary="Who your passport is shared with")
@paginate(LimitOffsetPagination)
def share_list(request: HttpRequest, passport_id: int) -> list[dict[str, Any]]:
    return [_share(request, s) for s in _own(request, passport_id).shares.select_related("user")]


@router.post(
    "/{passport_id}/shares",
    response={200: ShareOut, 202: DetailOut, **ERRORS},
    summary="Share with a link (200) or a user name (202, the same answer whether or not the user exists)",
)
def share_create(request: HttpRequest, passport_id: int, data: ShareIn) -> Any:
    passport = _own(request, passport_id)
    if data.username:
        services.share_with_user(passport=passport, username=data.username)
        return Status(202, {"detail": shared_message(data.username.strip())})
    return _share(request, services.share_link_create(passport=passport, days=data.days))


@router.delete("/{passport_id}/shares/{share_id}", response={204: None, **ERRORS}, summary="Revoke a share")
def share_revoke(request: HttpRequest, passport_id: int, share_id: int) -> Status:
    if not services.share_revoke(passport=_own(request, passport_id), share_id=share_id):
        raise HttpError(404, "no such share")
    return Status(204, None)


@router.get(
    "/{passport_id}/matches",
    response=list[OccupationMatchOut],
    summary="Occupations that fit",
    throttle=[RateLimit("match")],
)
@paginate(LimitOffsetPagination)
def passport_matches(request: HttpRequest, passport_id: int, lang: Lang = "nl", top: int = 10) -> list[Any]:
    passport = _readable(request, passport_id)
    skills, held = selectors.passport_skills(passport), selectors.occupations_held(passport)
    return results.occupation_matches(skills, lang=lang, top=max(1, min(top, 100)), held=held)


@match_router.post(
    "/occupations",
    response=list[OccupationMatchOut],
    summary="Skills in, ranked and explained occupations out",
)
@paginate(LimitOffsetPagination)
def match_occupations(request: HttpRequest, data: MatchIn) -> list[Any]:
    return results.occupation_matches(data.skills, lang=data.lang, top=data.top)


@match_router.get("/paths", response=list[PathOut], summary="Transition paths from an occupation")
@paginate(LimitOffsetPagination)
def match_paths(
    request: HttpRequest,
    start: str = Query(..., alias="from", min_length=1),  # type: ignore[type-arg]
    to: str | None = Query(None, max_length=200, description="Occupation URI, ISCO group or search text"),  # type: ignore[type-arg]
    max_steps: int = Query(3, ge=1, le=5),  # type: ignore[type-arg]
    lang: Lang = "nl",
) -> list[Any]:
    return transitions.paths(start, lang=lang, to=to or None, max_steps=max_steps)


@router.get("/{passport_id}/paths", response=list[PathOut], summary="Transition paths from a passport")
@paginate(LimitOffsetPagination)
def passport_paths(
    request: HttpRequest,
    passport_id: int,
    to: str | None = Query(None, max_length=200, description="Occupation URI, ISCO group or search text"),  # type: ignore[type-arg]
    max_steps: int = Query(3, ge=1, le=3),  # type: ignore[type-arg]
    lang: Lang = "nl",
) -> list[Any]:
    passport = _readable(request, passport_id)
    held = list(passport.occupations.values_list("uri", flat=True))
    skills = selectors.passport_skills(passport)
    return transitions.paths(skills, lang=lang, to=to or None, held=held, max_steps=max_steps)
