"""API router of the Learning offers domain, mounted at /api/catalog: offers, lines, routes, credentials."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import Body, Query, Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from techtalent.catalog import credentials, selectors, services
from techtalent.catalog.models import IssuedCredential, Line, Offer, Provider, Station
from techtalent.catalog.permissions import NotAllowed, check_manage
from techtalent.catalog.schemas import (
    CredentialIn,
    DetailOut,
    LineIn,
    LineOut,
    OfferDetailOut,
    OfferIn,
    OfferPageOut,
    RouteOut,
    SkillDecisionIn,
    SkillOut,
    StationIn,
    VerifyOut,
)
from techtalent.catalog.skills import skill_decide, skill_names
from techtalent.core.errors import UserError

router = Router(tags=["catalog"])
ERRORS = {400: DetailOut, 401: DetailOut, 403: DetailOut, 404: DetailOut}


def _get(model: Any, pk: Any, what: str) -> Any:
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise HttpError(404, f"no {what} with id {pk}")
    return found


def _offer_out(offer: Offer) -> dict[str, Any]:
    return {
        **{f: getattr(offer, f) for f in ("id", "title", "kind", "level", "nlqf", "eqf", "form", "hours")},
        **{
            f: getattr(offer, f) for f in ("language", "region", "locations", "code", "code_scheme", "sector")
        },
        "provider": offer.provider.name,
        "cost_eur": float(offer.cost_eur) if offer.cost_eur is not None else None,
        "enrolment": offer.enrolment,
        "enrolment_year": offer.enrolment_year,
        "source": offer.source,
    }


def _offer_detail(offer: Offer, lang: str) -> dict[str, Any]:
    skills = selectors.offer_skills(offer, include_rejected=True)
    names = skill_names([s.uri for s in skills], lang)
    return {
        **_offer_out(offer),
        "description": offer.description,
        "learning_outcomes": offer.learning_outcomes,
        "start_date": offer.start_date,
        "end_date": offer.end_date,
        "skills": [
            {
                "uri": s.uri,
                "label": names[s.uri].text if s.uri in names else s.uri,
                "label_lang": names[s.uri].lang if s.uri in names else lang,
                "label_derived": s.uri in names and names[s.uri].derived,
                "level": s.level,
                "status": s.status,
                "method": s.method,
                "score": s.score,
            }
            for s in skills
        ],
        "funding": [{"name": f.name, "source": f.source} for f in offer.funding.all()],
        "lines": sorted(offer.stations.values_list("line_id", flat=True)),
    }


def _line_out(line: Line) -> dict[str, Any]:
    swaps = selectors.transfers()
    stations = line.stations.select_related("offer__provider").prefetch_related("prerequisites")
    return {
        **{f: getattr(line, f) for f in ("id", "name", "theme", "region", "status", "colour", "sequential")},
        "target_group": line.target_group,
        "end_terms": line.end_terms,
        "owner": line.owner.name,
        "source": {
            "document": line.source_document,
            "section": line.source_section,
            "quote": line.source_quote,
        },
        "stations": [
            {
                "id": s.pk,
                "position": s.position,
                "offer_id": s.offer_id,
                "title": s.offer.title,
                "provider": s.offer.provider.name,
                "credential": s.credential,
                "prerequisites": sorted(p.pk for p in s.prerequisites.all()),
                "transfer_lines": [i for i in swaps.get(s.offer_id, []) if i != line.pk],
            }
            for s in stations
        ],
    }


def _allowed(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except NotAllowed as exc:
        raise HttpError(403, str(exc)) from None


@router.get("/offers", response={200: OfferPageOut, **ERRORS})
def offer_list(
    request: HttpRequest,
    q: str = "",
    level: str = "",
    form: str = "",
    region: str = "",
    kind: str = "",
    page: int = Query(1, ge=1),
    per_page: int = Query(20, ge=1, le=100),
) -> dict[str, Any]:
    """Search offers (every word of ``q`` in title, provider, code, sector or skills), filtered, paginated."""
    found = selectors.offer_search(
        q=q, level=level, form=form, region=region, kind=kind, page=page, per_page=per_page
    )
    items = [_offer_out(o) for o in found.offers]
    return {"total": found.total, "page": found.page, "per_page": found.per_page, "items": items}


@router.get("/offers/{offer_id}", response={200: OfferDetailOut, **ERRORS})
def offer_detail(request: HttpRequest, offer_id: int, lang: str = "nl") -> dict[str, Any]:
    """One offer with its skills (label in ``lang``), funding schemes and lines."""
    return _offer_detail(_get(Offer, offer_id, "offer"), lang)


@router.post("/offers", response={201: OfferDetailOut, **ERRORS}, auth=django_auth)
def offer_add(request: HttpRequest, payload: OfferIn) -> Status:
    """Describe a module: stated skills are accepted, otherwise extraction suggests them."""
    data = payload.dict()
    provider = Provider.objects.filter(name=data.pop("provider")).first()
    if provider is None:
        raise HttpError(404, "no provider with this name; a provider is created by an administrator")
    skills = data.pop("skills")
    offer = _allowed(services.offer_create, provider=provider, by=request.user, skills=skills, **data)
    return Status(201, _offer_detail(offer, "nl"))


@router.post("/offers/{offer_id}/skills", response={200: list[SkillOut], **ERRORS}, auth=django_auth)
def offer_skill_decide(request: HttpRequest, offer_id: int, payload: SkillDecisionIn) -> list[dict[str, Any]]:
    """Accept or reject a skill of the offer (providers only)."""
    offer = _get(Offer, offer_id, "offer")
    _allowed(check_manage, request.user, offer)
    skill_decide(offer=offer, uri=payload.uri, accept=payload.accept, level=payload.level)
    return _offer_detail(offer, "nl")["skills"]


@router.get("/lines", response={200: list[LineOut], **ERRORS})
def line_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every metro line with its stations (announced lines have none yet)."""
    return [_line_out(line) for line in selectors.line_list()]


@router.get("/lines/{line_id}", response={200: LineOut, **ERRORS})
def line_detail(request: HttpRequest, line_id: int) -> dict[str, Any]:
    """One metro line with its stations in order."""
    return _line_out(_get(Line, line_id, "line"))


@router.post("/lines", response={201: LineOut, **ERRORS}, auth=django_auth)
def line_add(request: HttpRequest, payload: LineIn) -> Status:
    """Start a line for a provider you manage (the canvas: name, theme, target group, end terms)."""
    data = payload.dict()
    owner = Provider.objects.filter(name=data.pop("owner")).first()
    if owner is None:
        raise HttpError(404, "no provider with this name")
    return Status(201, _line_out(_allowed(services.line_create, owner=owner, by=request.user, **data)))


@router.post("/lines/{line_id}/stations", response={201: LineOut, **ERRORS}, auth=django_auth)
def station_add(request: HttpRequest, line_id: int, payload: StationIn) -> Status:
    """Place an offer as the next station of the line, with the stations it requires."""
    line = _get(Line, line_id, "line")
    offer = _get(Offer, payload.offer_id, "offer")
    station = _allowed(
        services.station_add, line=line, offer=offer, by=request.user, credential=payload.credential
    )
    prerequisites = list(Station.objects.filter(line=line, pk__in=payload.prerequisites))
    if len(prerequisites) != len(set(payload.prerequisites)):
        raise UserError("prerequisites must be stations of this line")
    _allowed(
        services.station_prerequisites_set, station=station, prerequisites=prerequisites, by=request.user
    )
    return Status(201, _line_out(line))


@router.get("/route", response={200: RouteOut, **ERRORS})
def route(
    request: HttpRequest,
    skills: str = Query(..., description="comma-separated ESCO skill URIs (the gap)"),
    region: str | None = None,
    max_hours: int | None = Query(None, ge=0),
    max_cost: float | None = Query(None, ge=0),
    level: str | None = None,
    form: str | None = None,
    lang: str = "nl",
) -> dict[str, Any]:
    """The learning route of stations that covers the gap, with what each station teaches."""
    uris = [s.strip() for s in skills.split(",") if s.strip()][:200]
    if not uris:
        raise HttpError(400, "skills: give at least one ESCO skill URI")
    found = selectors.route_for_gap(
        skills=uris, region=region, max_hours=max_hours, max_cost=max_cost, level=level, form=form
    )
    return selectors.route_dict(found, lang=lang)


@router.post("/credentials", response={201: dict[str, Any], **ERRORS}, auth=django_auth)
def credential_issue(request: HttpRequest, payload: CredentialIn) -> Status:
    """Issue a signed Open Badges 3.0 credential for a completed offer or line (its provider only)."""
    recipient = get_user_model().objects.filter(username=payload.recipient).first()
    if recipient is None:
        raise HttpError(404, "no user with this username")
    offer = _get(Offer, payload.offer_id, "offer") if payload.offer_id is not None else None
    line = _get(Line, payload.line_id, "line") if payload.line_id is not None else None
    issued = _allowed(
        credentials.credential_issue, recipient=recipient, offer=offer, line=line, by=request.user
    )
    return Status(201, issued.document)


@router.post("/credentials/verify", response={200: VerifyOut, **ERRORS})
def credential_verify(request: HttpRequest, document: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Verify a credential: its signature, and whether this platform issued it."""
    return credentials.credential_verify(document)


def _credential(uid: UUID) -> IssuedCredential:
    found = IssuedCredential.objects.filter(uid=uid).first()
    if found is None:
        raise HttpError(404, "no credential with this id")
    return found


@router.get("/credentials/{uid}", response={200: dict[str, Any], **ERRORS})
def credential_get(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    """The credential document (public to whoever has its link)."""
    return dict(_credential(uid).document)


@router.get("/credentials/{uid}/elm", response={200: dict[str, Any], **ERRORS})
def credential_elm(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    """The credential in the European Learning Model shape (European Digital Credentials)."""
    return credentials.credential_elm(_credential(uid))
