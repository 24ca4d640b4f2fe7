"""Organisations API (mounted at /api/orgs): your organisations, a verified organisation's candidates
(only passports whose owners consented), and your passport's consents. Organisations you are not a member
of, and consents that are not yours, are 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from techtalent.matching.selectors import passport_of
from techtalent.orgs import candidates, selectors, services
from techtalent.orgs.auth import api_auth, token_of
from techtalent.orgs.models import Consent, Organisation
from techtalent.orgs.schemas import (
    CandidateOut,
    CandidatesIn,
    ConsentIn,
    ConsentOut,
    OrganisationDetailOut,
    OrganisationOut,
    Problem,
)

router = Router(tags=["orgs"], auth=api_auth())
AUTH_ERRORS = {401: Problem, 403: Problem}
ERRORS = {400: Problem, **AUTH_ERRORS, 404: Problem}


def _out(organisation: Organisation, role: str | None) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region,
        "verified": organisation.verified,
        "role": role,
    }


def _mine(request: HttpRequest, key: str) -> tuple[Organisation, str]:
    organisation = selectors.organisation_get(key=key)
    role = selectors.role_of(user=request.user, organisation=organisation) if organisation else None
    if organisation is None or role is None:
        raise HttpError(404, _("no organisation with this id or slug that you are a member of"))
    token = token_of(request)
    if token is not None and token.organisation is not None and token.organisation != organisation:
        raise HttpError(403, _("this organisation token belongs to another organisation"))
    return organisation, role


@router.get(
    "/", response={200: list[OrganisationOut], **AUTH_ERRORS}, summary="Organisations you are a member of"
)
@paginate(LimitOffsetPagination)
def organisation_list(request: HttpRequest) -> list[dict[str, Any]]:
    mine = selectors.organisations_for_user(user=request.user).order_by("name", "id")
    return [_out(o, selectors.role_of(user=request.user, organisation=o)) for o in mine]


@router.get(
    "/consents",
    response={200: list[ConsentOut], **AUTH_ERRORS},
    auth=api_auth(read="passport:read"),
    summary="Your consents",
)
@paginate(LimitOffsetPagination)
def consent_list(request: HttpRequest) -> list[dict[str, Any]]:
    passport = passport_of(request.user)
    return [_consent(c) for c in selectors.consents_of(passport=passport)] if passport else []


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.id,
        "what": consent.what,
        "organisation": consent.organisation.slug if consent.organisation else None,
        "all_verified": consent.all_verified,
        "created": consent.created,
        "revoked_at": consent.revoked_at,
    }


@router.post(
    "/consents",
    response={200: ConsentOut, **ERRORS},
    auth=api_auth(write="passport:write"),
    summary="Let an organisation (or all verified employers) find your passport",
)
def consent_grant(request: HttpRequest, data: ConsentIn) -> dict[str, Any]:
    passport = passport_of(request.user)
    if passport is None:
        raise HttpError(404, _("you have no passport yet"))
    organisation = None
    if data.organisation:
        organisation = selectors.organisation_get(key=data.organisation)
        if organisation is None or not organisation.verified:
            raise HttpError(404, _("no verified organisation with this id or slug"))
    return _consent(services.consent_grant(passport=passport, organisation=organisation))


@router.delete(
    "/consents/{consent_id}",
    response={204: None, **ERRORS},
    auth=api_auth(write="passport:write"),
    summary="Revoke a consent",
)
def consent_revoke(request: HttpRequest, consent_id: int) -> Status:
    passport = passport_of(request.user)
    consent = selectors.consents_of(passport=passport).filter(id=consent_id).first() if passport else None
    if consent is None:
        raise HttpError(404, _("no such consent of yours"))
    services.consent_revoke(consent=consent)
    return Status(204, None)


@router.get("/{key}", response={200: OrganisationDetailOut, **ERRORS}, summary="An organisation of yours")
def organisation_get(request: HttpRequest, key: str) -> dict[str, Any]:
    organisation, role = _mine(request, key)
    members = [
        {"username": m.user.username, "role": m.role} for m in selectors.members(organisation=organisation)
    ]
    return {**_out(organisation, role), "members": members}


@router.post(
    "/{key}/candidates",
    response={200: list[CandidateOut], **ERRORS},
    auth=api_auth(read="org:candidates", write="org:candidates"),
    summary="Passports that consented to this verified organisation, ranked and explained for a vacancy",
)
def organisation_candidates(request: HttpRequest, key: str, data: CandidatesIn) -> list[dict[str, Any]]:
    organisation, _role = _mine(request, key)
    if not selectors.may_see_candidates(user=request.user, organisation=organisation):
        raise HttpError(403, candidates.refusal(organisation))
    wanted = {**dict.fromkeys(data.optional, "optional"), **dict.fromkeys(data.skills, "essential")}
    return candidates.ranked(
        organisation=organisation, occupation=data.occupation, skills=wanted, lang=data.lang, top=data.top
    )
