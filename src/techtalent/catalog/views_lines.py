"""Metro-line pages: the map of all lines, one line with its editor (canvas and stappenplan), a new line."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.catalog import selectors, services
from techtalent.catalog.engine.metromap import MapLine, MapStation, metro_svg
from techtalent.catalog.forms import LineForm, StationEditForm, StationForm
from techtalent.catalog.models import Line, Offer, Station
from techtalent.catalog.permissions import can_manage
from techtalent.catalog.skills import SKILL
from techtalent.catalog.views import managed_providers
from techtalent.core.errors import UserError


def _map(lines: list[Line], on_route: set[int] | None = None) -> str:
    drawn = [
        MapLine(
            name=line.name,
            colour=line.colour,
            href=reverse("catalog:line", args=[line.pk]),
            status_text=_("announced — no stations yet") if line.status == Line.Status.ANNOUNCED else "",
            stations=tuple(
                MapStation(
                    s.offer_id,
                    s.offer.title,
                    reverse("catalog:offer", args=[s.offer_id]),
                    s.offer_id in (on_route or set()),
                )
                for s in line.stations.select_related("offer").order_by("position")
            ),
        )
        for line in lines
    ]
    return metro_svg(drawn, title=_("Metro map of the learning lines"), empty_text=_("no stations yet"))


def line_list(request: HttpRequest) -> HttpResponse:
    """All lines on one metro map; a learning route (``?skills=``) is highlighted on it."""
    lines = list(selectors.line_list())
    given = [s.strip() for s in request.GET.get("skills", "").split(",") if s.strip()][:60]
    uris = [s if "://" in s else SKILL + s for s in given]
    on_route = {step.station.id for step in selectors.route_for_gap(skills=uris).steps} if uris else set()
    context = {
        "lines": lines,
        "svg": mark_safe(_map(lines, on_route)),
        "can_add": managed_providers(request.user).exists(),
    }
    return render(request, "catalog/lines.html", context)


def line_detail(request: HttpRequest, line_id: int) -> HttpResponse:
    """One line: its canvas, its map, its stations with prerequisites; the editor for its owner."""
    line = get_object_or_404(Line.objects.select_related("owner"), pk=line_id)
    manager = can_manage(request.user, line.owner)
    stations = list(line.stations.select_related("offer__provider").prefetch_related("prerequisites"))
    context = {
        "line": line,
        "svg": mark_safe(_map([line])),
        "stations": stations,
        "manager": manager,
        "transfers": selectors.transfers(),
        "add_form": StationForm(offers=Offer.objects.filter(provider=line.owner).exclude(stations__line=line))
        if manager
        else None,
    }
    return render(request, "catalog/line.html", context)


@login_required
def line_new(request: HttpRequest) -> HttpResponse:
    """Fill in the metrolijn canvas: name, owner, theme, target group, end terms; stations come next."""
    providers = managed_providers(request.user)
    if not providers.exists():
        return render(request, "catalog/line_new.html", {"no_provider": True}, status=403)
    form = LineForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            line = services.line_create(owner=data.pop("owner"), by=request.user, **data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("catalog:line", line_id=line.pk)
    return render(request, "catalog/line_new.html", {"form": form})


def _managed_line(request: HttpRequest, line_id: int) -> Line:
    line = get_object_or_404(Line.objects.select_related("owner"), pk=line_id)
    if not can_manage(request.user, line.owner):
        raise Http404
    return line


@login_required
@require_POST
def station_add(request: HttpRequest, line_id: int) -> HttpResponse:
    """Add one of the owner's offers as the next station."""
    line = _managed_line(request, line_id)
    form = StationForm(request.POST, offers=Offer.objects.filter(provider=line.owner))
    if form.is_valid():
        try:
            services.station_add(
                line=line,
                offer=form.cleaned_data["offer"],
                by=request.user,
                credential=form.cleaned_data["credential"],
            )
        except UserError as exc:
            messages.error(request, str(exc))
    return redirect("catalog:line", line_id=line.pk)


@login_required
@require_POST
def station_edit(request: HttpRequest, line_id: int) -> HttpResponse:
    """Move a station, set the stations it requires, or take it off the line."""
    line = _managed_line(request, line_id)
    choices = [(s.pk, s.offer.title) for s in line.stations.select_related("offer")]
    form = StationEditForm(request.POST, stations=choices)
    if not form.is_valid():
        messages.error(request, _("This change could not be read."))
        return redirect("catalog:line", line_id=line.pk)
    station = get_object_or_404(Station, pk=form.cleaned_data["station"], line=line)
    try:
        if form.cleaned_data["remove"]:
            services.station_remove(station=station, by=request.user)
        else:
            if form.cleaned_data["position"]:
                services.station_move(
                    station=station, position=form.cleaned_data["position"], by=request.user
                )
            required = Station.objects.filter(
                line=line, pk__in=[int(i) for i in form.cleaned_data["prerequisites"]]
            )
            services.station_prerequisites_set(station=station, prerequisites=list(required), by=request.user)
    except UserError as exc:
        messages.error(request, str(exc))
    return redirect("catalog:line", line_id=line.pk)
