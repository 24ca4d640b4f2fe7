"""API of the SME scans at /api/scan: instruments are public; scans and culture results only for the
owner, admins and HR of the organisation (session or a token with scope org:scan)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from techtalent.orgs.auth import api_auth
from techtalent.orgs.selectors import organisation_get, user_has_role
from techtalent.scan import selectors, services
from techtalent.scan.instruments import engine_instrument
from techtalent.scan.offers import offers_for_gap
from techtalent.scan.results import report_json
from techtalent.scan.schemas import CultureOut, InstrumentDetailOut, InstrumentOut, ScanIn, ScanResultOut

router = Router(tags=["scan"])
_auth = api_auth(read="org:scan", write="org:scan")


def _lang() -> str:
    return (get_language() or "nl")[:2]


def _instrument_out(v: object, *, detail: bool = False) -> dict[str, object]:
    inst = engine_instrument(v.definition)  # type: ignore[attr-defined]
    out: dict[str, object] = {
        "code": inst.code,
        "version": inst.version,
        "kind": inst.kind,
        "title": dict(inst.title),
        "questions": len(inst.questions),
        "authorship": dict(inst.authorship),
    }
    if detail:
        out["definition"] = v.definition  # type: ignore[attr-defined]
    return out


@router.get("/instruments", response=list[InstrumentOut], auth=None)
def instruments(request: HttpRequest) -> list[dict[str, object]]:
    """The newest version of every scan instrument."""
    return [_instrument_out(v) for v in selectors.instrument_versions()]


@router.get("/instruments/{code}", response=InstrumentDetailOut, auth=None)
def instrument(request: HttpRequest, code: str) -> dict[str, object]:
    """One instrument with its questions, scale and scoring rule."""
    for v in selectors.instrument_versions():
        if v.code == code:
            return _instrument_out(v, detail=True)
    raise HttpError(404, _("No instrument called %(code)s.") % {"code": code})


def _org(request: HttpRequest, key: str) -> object:
    org = organisation_get(key=key)
    if org is None or not user_has_role(user=request.user, organisation=org, roles=services.SCAN_ROLES):
        raise HttpError(404, _("No such organisation, or you may not see its scans."))
    return org


@router.post("/orgs/{org}/scans", response={201: ScanResultOut}, auth=_auth)
def scan_take(request: HttpRequest, org: str, payload: ScanIn) -> tuple[int, dict[str, object]]:
    """Answer the maturity scan in one go and get the result (levels, competencies, offers)."""
    organisation = _org(request, org)
    scan = services.scan_start(organisation=organisation, user=request.user)  # type: ignore[arg-type]
    if payload.sector:
        scan.sector = payload.sector
        scan.save(update_fields=["sector"])
    services.scan_save(scan=scan, user=request.user, answers=payload.answers, targets=payload.targets)
    services.scan_submit(scan=scan, user=request.user)
    report = selectors.scan_report(scan, lang=_lang())
    route, _labs = offers_for_gap(skills=report.gap_skills, region=scan.organisation.region, lang=_lang())
    return 201, report_json(report, route)


@router.get("/scans/{scan_id}", response=ScanResultOut, auth=_auth)
def scan_result(request: HttpRequest, scan_id: int) -> dict[str, object]:
    """The result of a submitted scan."""
    scan = selectors.scan_for(user=request.user, scan_id=scan_id)
    if scan is None or scan.submitted_at is None:
        raise HttpError(404, _("No such submitted scan."))
    report = selectors.scan_report(scan, lang=_lang())
    route, _labs = offers_for_gap(skills=report.gap_skills, region=scan.organisation.region, lang=_lang())
    return report_json(report, route)


@router.get("/orgs/{org}/culture", response=CultureOut, auth=_auth)
def culture(request: HttpRequest, org: str) -> dict[str, object]:
    """The culture scan's aggregate (themes only from 5 answers; never single answers)."""
    organisation = _org(request, org)
    report = selectors.culture_report(organisation=organisation, lang=_lang())  # type: ignore[arg-type]
    if report is None:
        raise HttpError(404, _("There is no culture scan loaded."))
    return {
        "answers": report.answers,
        "min_contributors": report.min_contributors,
        "shown": report.shown,
        "themes": [
            {"code": code, "name": name, "score": agg.mean if agg else None}
            for code, name, agg, _t in report.themes
        ],
    }
