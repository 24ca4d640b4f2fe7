"""Pages of the SME scans: choose an organisation, take the maturity scan section by section (saved as you
go), see levels, competencies, staff gaps and offers, print the report; the culture scan; skillslabs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.core.errors import UserError
from techtalent.orgs.models import Organisation
from techtalent.orgs.selectors import organisation_get, organisations_for_user, role_of, user_has_role
from techtalent.scan import selectors, services
from techtalent.scan.forms import CultureForm, SectionForm, SkillslabForm, StartForm, TargetsForm
from techtalent.scan.instruments import engine_instrument
from techtalent.scan.mapping import learning_factory_model
from techtalent.scan.models import Scan, Skillslab
from techtalent.scan.offers import offers_for_gap
from techtalent.taxonomy import selectors as taxonomy


def _lang() -> str:
    return (get_language() or "nl")[:2]


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    org = organisation_get(key=slug)
    if org is None or role_of(user=request.user, organisation=org) is None:
        raise Http404(_("No such organisation."))
    return org


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to, their scans and the culture scan."""
    rows = []
    for org in organisations_for_user(user=request.user):
        manager = user_has_role(user=request.user, organisation=org, roles=services.SCAN_ROLES)
        rows.append(
            {
                "org": org,
                "manager": manager,
                "scans": list(selectors.scans_of(organisation=org)) if manager else [],
            }
        )
    return render(
        request,
        "scan/index.html",
        {"rows": rows, "instruments": selectors.instrument_versions(), "start_form": StartForm()},
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start (or resume) the organisation's maturity scan."""
    org = _organisation(request, slug)
    form = StartForm(request.POST)
    try:
        scan = services.scan_start(organisation=org, user=request.user)
    except PermissionError as exc:
        messages.error(request, str(exc))
        return redirect("scan:index")
    if form.is_valid() and form.cleaned_data["sector"]:
        scan.sector = form.cleaned_data["sector"]
        scan.save(update_fields=["sector"])
    return redirect("scan:take", scan_id=scan.id)


def _scan(request: HttpRequest, scan_id: int) -> Scan:
    scan = selectors.scan_for(user=request.user, scan_id=scan_id)
    if scan is None:
        raise Http404(_("No such scan."))
    return scan


@login_required
def take(request: HttpRequest, scan_id: int) -> HttpResponse:
    """One section of the scan; answers are saved per section, so the scan can be resumed any time."""
    scan = _scan(request, scan_id)
    if scan.status == Scan.Status.SUBMITTED:
        return redirect("scan:result", scan_id=scan.id)
    lang = _lang()
    instrument = engine_instrument(scan.instrument.definition)
    codes = [s.code for s in instrument.sections]
    current = request.GET.get("section") or request.POST.get("section") or codes[0]
    if current not in codes:
        raise Http404(_("No such section."))
    index = codes.index(current)
    initial = {k: str(v) for k, v in scan.answers.items()}
    form = SectionForm(
        request.POST or None,
        initial=initial,
        instrument=instrument,
        section=current,
        lang=lang,
        required=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scan_save(scan=scan, user=request.user, answers=form.cleaned_data)
            if request.POST.get("action") == "submit":
                services.scan_submit(scan=scan, user=request.user)
                return redirect("scan:result", scan_id=scan.id)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            step = (
                -1
                if request.POST.get("action") == "back"
                else (0 if request.POST.get("action") == "save" else 1)
            )
            nxt = codes[max(0, min(len(codes) - 1, index + step))]
            messages.success(request, _("Your answers are saved."))
            return redirect(f"{request.path}?section={nxt}")
    answered = sum(1 for q in instrument.questions if q.code in scan.answers)
    sections = [
        {
            "code": s.code,
            "name": s.name.get(lang, s.name["en"]),
            "done": all(q.code in scan.answers for q in instrument.questions_of(s.code)),
        }
        for s in instrument.sections
    ]
    section = instrument.section(current)
    return render(
        request,
        "scan/take.html",
        {
            "scan": scan,
            "instrument": instrument,
            "lang": lang,
            "form": form,
            "section": section,
            "section_name": section.name.get(lang, section.name["en"]),
            "sections": sections,
            "index": index,
            "last": index == len(codes) - 1,
            "answered": answered,
            "total": len(instrument.questions),
        },
    )


def _report_context(request: HttpRequest, scan: Scan) -> dict[str, object]:
    lang = _lang()
    report = selectors.scan_report(scan, lang=lang)
    route, labs = offers_for_gap(skills=report.gap_skills, region=scan.organisation.region, lang=_lang())
    return {"report": report, "scan": scan, "lang": lang, "route": route, "skillslabs": labs}


@login_required
def result(request: HttpRequest, scan_id: int) -> HttpResponse:
    """Levels per transformation against the target, competencies for the target, staff gaps and offers."""
    scan = _scan(request, scan_id)
    if scan.status != Scan.Status.SUBMITTED:
        return redirect("scan:take", scan_id=scan.id)
    instrument = engine_instrument(scan.instrument.definition)
    form = TargetsForm(
        request.POST or None,
        initial={k: str(v) for k, v in scan.targets.items()},
        instrument=instrument,
        lang=_lang(),
    )
    if request.method == "POST" and form.is_valid():
        services.scan_targets_set(scan=scan, user=request.user, targets=form.cleaned_data)
        messages.success(request, _("Target levels saved."))
        return redirect("scan:result", scan_id=scan.id)
    context = _report_context(request, scan)
    context["targets_form"] = form
    return render(request, "scan/result.html", context)


@login_required
def report_pdf(request: HttpRequest, scan_id: int) -> HttpResponse:
    """The one-page report for the director, with the same chart as the page."""
    from techtalent.scan.report import render_pdf

    scan = _scan(request, scan_id)
    if scan.status != Scan.Status.SUBMITTED:
        raise Http404(_("This scan has not been submitted yet."))
    pdf = render_pdf(_report_context(request, scan), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="scan-{scan.organisation.slug}-{scan.id}.pdf"'
    return response


@login_required
def culture(request: HttpRequest, slug: str) -> HttpResponse:
    """Members answer the culture scan anonymously; owners, admins and HR see the aggregate (≥ 5 answers)."""
    org = _organisation(request, slug)
    lang = _lang()
    versions = selectors.instrument_versions(kind="culture")
    if not versions:
        raise Http404(_("There is no culture scan loaded."))
    instrument = engine_instrument(versions[0].definition)
    form = CultureForm(request.POST or None, instrument=instrument, lang=lang)
    if request.method == "POST" and form.is_valid():
        try:
            services.culture_submit(organisation=org, user=request.user, answers=form.cleaned_data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: your answers are stored anonymously."))
            return redirect("scan:culture", slug=org.slug)
    manager = user_has_role(user=request.user, organisation=org, roles=services.SCAN_ROLES)
    context = {
        "org": org,
        "form": form,
        "instrument": instrument,
        "lang": lang,
        "answered": selectors.has_answered_culture(organisation=org, user=request.user),
        "report": selectors.culture_report(organisation=org, lang=lang) if manager else None,
    }
    return render(request, "scan/culture.html", context)


def skillslabs(request: HttpRequest) -> HttpResponse:
    """Every described skillslab, and a search by the skills a company lacks."""
    return render(
        request,
        "scan/skillslabs.html",
        {"labs": Skillslab.objects.all(), "model": learning_factory_model(), "lang": _lang()},
    )


def skillslab_detail(request: HttpRequest, lab_id: int) -> HttpResponse:
    """A skillslab's profile on the six dimensions."""
    lab = Skillslab.objects.filter(id=lab_id).first()
    if lab is None:
        raise Http404(_("No such skillslab."))
    lang = _lang()
    from techtalent.catalog.selectors import offers_by_id

    skills = [taxonomy.shown_name(uri, lang) for uri in selectors.skillslab_skills(lab)]
    return render(
        request,
        "scan/skillslab.html",
        {
            "lab": lab,
            "model": learning_factory_model(),
            "lang": lang,
            "skills": skills,
            "offers": offers_by_id(lab.offers),
        },
    )


@login_required
def skillslab_edit(request: HttpRequest, slug: str, lab_id: int | None = None) -> HttpResponse:
    """Describe (or change) the organisation's skillslab along document 003's Learning Factory model."""
    org = _organisation(request, slug)
    lab = Skillslab.objects.filter(id=lab_id, organisation=org).first() if lab_id else None
    if lab_id and lab is None:
        raise Http404(_("No such skillslab."))
    dims = learning_factory_model()["dimensions"]
    initial = {}
    if lab:
        initial = {
            "name": lab.name,
            "region": lab.region,
            "description": lab.description,
            "skills": "\n".join(lab.skills),
            "offers": ", ".join(str(i) for i in lab.offers),
        }
        initial.update({f"aspect_{k}": v for k, v in lab.profile.items()})
    form = SkillslabForm(request.POST or None, initial=initial, dimensions=dims, lang=_lang())
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.skillslab_save(
                organisation=org,
                user=request.user,
                name=form.cleaned_data["name"],
                region=form.cleaned_data["region"],
                description=form.cleaned_data["description"],
                profile=form.profile(),
                skills=form.cleaned_data["skills"],
                offers=form.cleaned_data["offers"],
                skillslab=lab,
            )
        except (UserError, PermissionError) as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("scan:skillslab", lab_id=saved.id)
    return render(request, "scan/skillslab_edit.html", {"form": form, "org": org, "lab": lab})
