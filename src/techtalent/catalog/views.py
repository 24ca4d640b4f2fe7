"""Catalog pages: search, an offer with its skills (decide, place on a line, issue), describe a module."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.catalog import selectors, services
from techtalent.catalog.credentials import credential_issue
from techtalent.catalog.forms import (
    IssueForm,
    OfferForm,
    ProviderForm,
    SearchForm,
    SkillDecisionForm,
    StationForm,
)
from techtalent.catalog.models import Line, Offer, Provider
from techtalent.catalog.permissions import can_manage
from techtalent.catalog.skills import SKILL, skill_decide, skill_names
from techtalent.core.errors import UserError


def _lang() -> str:
    return get_language() or "nl"


def managed_providers(user: Any) -> Any:
    """The providers whose offers and lines ``user`` may manage."""
    if not user.is_authenticated:
        return Provider.objects.none()
    if user.is_staff:
        return Provider.objects.all()
    return Provider.objects.filter(pk__in=[p.pk for p in Provider.objects.all() if can_manage(user, p)])


def index(request: HttpRequest) -> HttpResponse:
    """Search the learning offers by words, level, form and region."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = selectors.offer_search(
        q=data.get("q") or "",
        level=data.get("level") or "",
        form=data.get("form") or "",
        region=data.get("region") or "",
        page=data.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    pages = (found.total + found.per_page - 1) // found.per_page
    context = {
        "form": form,
        "found": found,
        "pages": pages,
        "query": query.urlencode(),
        "can_add": managed_providers(request.user).exists(),
    }
    return render(request, "catalog/index.html", context)


def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    """One offer: its facts with provenance, the skills it teaches, its lines; tools for its provider."""
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=offer_id)
    manager = can_manage(request.user, offer.provider)
    skills = selectors.offer_skills(offer, include_rejected=manager)
    names = skill_names([s.uri for s in skills], _lang())
    lines = Line.objects.filter(owner=offer.provider).exclude(stations__offer=offer) if manager else []
    context = {
        "offer": offer,
        "manager": manager,
        "skills": [{"row": s, "name": names.get(s.uri)} for s in skills],
        "stations": offer.stations.select_related("line"),
        "lines": lines,
        "issue_form": IssueForm(),
    }
    return render(request, "catalog/offer.html", context)


@login_required
def provider_new(request: HttpRequest) -> HttpResponse:
    """Register a new provider (school, company, technohub, academy); you become its manager."""
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_register(**form.cleaned_data, user=request.user)
        except UserError as exc:
            form.add_error("name", str(exc))
        else:
            return redirect("catalog:offer_new")
    return render(request, "catalog/provider_new.html", {"form": form})


@login_required
def offer_new(request: HttpRequest) -> HttpResponse:
    """Describe a module; the skills found in its text are shown next for accepting or rejecting."""
    providers = managed_providers(request.user)
    if not providers.exists():
        return redirect("catalog:provider_new")
    form = OfferForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        provider = data.pop("provider")
        data = {k: v for k, v in data.items() if v not in (None, "") or k in ("level", "form")}
        try:
            offer = services.offer_create(provider=provider, by=request.user, **data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The module is saved. Check the skills found in its description."))
            return redirect("catalog:offer", offer_id=offer.pk)
    return render(request, "catalog/offer_new.html", {"form": form})


def _managed_offer(request: HttpRequest, offer_id: int) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=offer_id)
    if not can_manage(request.user, offer.provider):
        raise Http404
    return offer


@login_required
@require_POST
def offer_skill(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Accept or reject one skill of the offer."""
    offer = _managed_offer(request, offer_id)
    form = SkillDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            skill_decide(
                offer=offer, uri=data["uri"], accept=data["decision"] == "accept", level=data["level"] or None
            )
        except UserError as exc:
            messages.error(request, str(exc))
    return redirect("catalog:offer", offer_id=offer.pk)


@login_required
@require_POST
def offer_place(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Place the offer as the next station of one of the provider's lines."""
    offer = _managed_offer(request, offer_id)
    line = get_object_or_404(Line, pk=request.POST.get("line") or 0, owner=offer.provider)
    form = StationForm({"offer": offer.pk, "credential": "on"}, offers=Offer.objects.filter(pk=offer.pk))
    if form.is_valid():
        services.station_add(
            line=line, offer=offer, by=request.user, credential=form.cleaned_data["credential"]
        )
        messages.success(request, _("Placed on %(line)s.") % {"line": line.name})
    return redirect("catalog:line", line_id=line.pk)


@login_required
@require_POST
def offer_issue(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Issue a micro-credential for this offer (a completed station) to a participant."""
    offer = _managed_offer(request, offer_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        return redirect("catalog:offer", offer_id=offer.pk)
    recipient = get_user_model().objects.filter(username=form.cleaned_data["recipient"]).first()
    if recipient is None:
        messages.error(request, _("No user with this username."))
        return redirect("catalog:offer", offer_id=offer.pk)
    try:
        issued = credential_issue(recipient=recipient, offer=offer, by=request.user)
    except UserError as exc:
        messages.error(request, str(exc))
        return redirect("catalog:offer", offer_id=offer.pk)
    messages.success(request, _("Credential issued to %(user)s.") % {"user": recipient.get_username()})
    return redirect("catalog:credential", uid=issued.uid)


def route(request: HttpRequest) -> HttpResponse:
    """The learning route for the gap in ``skills`` (comma-separated URIs): htmx partial, else a page."""
    given = [s.strip() for s in request.GET.get("skills", "").split(",") if s.strip()][:60]
    uris = [s if "://" in s else SKILL + s for s in given]  # short ids from gap_skill_uris
    region = request.GET.get("region") or None
    found = (
        selectors.route_dict(selectors.route_for_gap(skills=uris, region=region), lang=_lang())
        if uris
        else None
    )
    template = "catalog/_route_body.html" if request.htmx else "catalog/route.html"  # type: ignore[attr-defined]
    return render(request, template, {"route": found, "skills": ",".join(given)})
