"""Writes of the catalog: providers, offers, metro lines and their stations (each atomic)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from techtalent.catalog.models import Line, Offer, Provider, Station
from techtalent.catalog.permissions import check_manage
from techtalent.catalog.skills import search_text_refresh, skills_extract, skills_state
from techtalent.core.errors import UserError

__all__ = [
    "provider_get_or_create",
    "provider_manager_add",
    "offer_create",
    "line_create",
    "station_add",
    "station_move",
    "station_prerequisites_set",
    "station_remove",
]

OFFER_FIELDS = {
    "description",
    "learning_outcomes",
    "kind",
    "level",
    "nlqf",
    "eqf",
    "form",
    "hours",
    "cost_eur",
    "language",
    "region",
    "locations",
    "start_date",
    "end_date",
    "code",
    "code_scheme",
    "sector",
    "enrolment",
    "enrolment_year",
    "source",
}


@transaction.atomic
def provider_get_or_create(
    *, name: str, kind: str = "institution", brin: str = "", source: str = ""
) -> Provider:
    """The provider called ``name``, created on first use."""
    name = " ".join(name.split())
    if not name:
        raise UserError(_("a provider needs a name"))
    if kind not in Provider.Kind.values:
        raise UserError(
            _("provider kind must be one of: %(kinds)s") % {"kinds": ", ".join(Provider.Kind.values)}
        )
    provider, _created = Provider.objects.get_or_create(
        name=name[:200], defaults={"kind": kind, "brin": brin, "source": source[:300]}
    )
    return provider


@transaction.atomic
def provider_manager_add(*, provider: Provider, user: Any) -> None:
    """Let ``user`` manage the provider's offers and lines."""
    provider.managers.add(user)


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - OFFER_FIELDS
    if unknown:
        raise UserError(_("unknown offer field: %(field)s") % {"field": ", ".join(sorted(unknown))})
    for name, choices in (
        ("kind", Offer.Kind.values),
        ("level", Offer.Level.values),
        ("form", Offer.Form.values),
    ):
        if name in fields and fields[name] not in choices:
            allowed = ", ".join(c for c in choices if c)
            raise UserError(_("%(field)s must be one of: %(allowed)s") % {"field": name, "allowed": allowed})
    for name in ("hours", "cost_eur"):
        value = fields.get(name)
        if value is not None and (not isinstance(value, int | float | Decimal) or value < 0):
            raise UserError(_("%(field)s must be a number of at least 0") % {"field": name})
    if fields.get("cost_eur") is not None:
        fields["cost_eur"] = Decimal(str(fields["cost_eur"])).quantize(Decimal("0.01"))
    return fields


@transaction.atomic
def offer_create(
    *,
    provider: Provider,
    title: str,
    skills: Sequence[str] | None = None,
    extract: bool = True,
    by: Any = None,
    **fields: Any,
) -> Offer:
    """Add an offer; stated ``skills`` are accepted, otherwise the extraction engine suggests them."""
    if by is not None:
        check_manage(by, provider)
    title = " ".join(title.split())
    if not title:
        raise UserError(_("an offer needs a title"))
    fields = _clean(fields)
    key = {
        "code": fields.get("code", ""),
        "code_scheme": fields.get("code_scheme", ""),
        "form": fields.get("form", ""),
    }
    if Offer.objects.filter(provider=provider, title=title[:300], **key).exists():
        raise UserError(
            _("%(provider)s already offers %(title)s") % {"provider": provider.name, "title": title}
        )
    offer = Offer.objects.create(provider=provider, title=title[:300], **fields)
    if skills:
        skills_state(offer=offer, uris=list(skills))
    elif extract:
        skills_extract(offer=offer)
    else:
        search_text_refresh(offer=offer)
    return offer


@transaction.atomic
def line_create(
    *,
    name: str,
    owner: Provider,
    by: Any = None,
    theme: str = "",
    region: str = "",
    target_group: str = "",
    end_terms: str = "",
    sequential: bool = False,
    status: str = "active",
    colour: str = "#1f6feb",
    source: tuple[str, str, str] = ("", "", ""),
) -> Line:
    """Start a metro line (the canvas: name, theme, target group, end terms); stations come next."""
    if by is not None:
        check_manage(by, owner)
    name = " ".join(name.split())
    if not name:
        raise UserError(_("a line needs a name"))
    if Line.objects.filter(name=name).exists():
        raise UserError(_("a line called %(name)s already exists") % {"name": name})
    document, section, quote = source
    return Line.objects.create(
        name=name[:200],
        owner=owner,
        theme=theme[:200],
        region=region[:12],
        target_group=target_group,
        end_terms=end_terms,
        sequential=sequential,
        status=status,
        colour=colour,
        source_document=document,
        source_section=section,
        source_quote=quote,
    )


@transaction.atomic
def station_add(*, line: Line, offer: Offer, by: Any = None, credential: bool = True) -> Station:
    """Place ``offer`` as the last station of ``line``; the line becomes active."""
    if by is not None:
        check_manage(by, line)
    if line.stations.filter(offer=offer).exists():
        raise UserError(_("%(offer)s is already a station of this line") % {"offer": offer.title})
    last = line.stations.aggregate(m=Max("position"))["m"] or 0
    station = Station.objects.create(line=line, offer=offer, position=last + 1, credential=credential)
    if line.status != Line.Status.ACTIVE:
        Line.objects.filter(pk=line.pk).update(status=Line.Status.ACTIVE)
    return station


@transaction.atomic
def station_move(*, station: Station, position: int, by: Any = None) -> Station:
    """Move a station to ``position`` (1-based) and renumber the others."""
    if by is not None:
        check_manage(by, station.line)
    stations = list(station.line.stations.exclude(pk=station.pk).order_by("position"))
    position = max(1, min(position, len(stations) + 1))
    stations.insert(position - 1, station)
    for number, item in enumerate(stations, start=1):
        Station.objects.filter(pk=item.pk).update(position=number)
    station.refresh_from_db()
    return station


@transaction.atomic
def station_prerequisites_set(*, station: Station, prerequisites: Sequence[Station], by: Any = None) -> None:
    """Say which stations must be completed before ``station``; refuses cycles."""
    if by is not None:
        check_manage(by, station.line)
    ids = {p.pk for p in prerequisites}
    todo, seen = list(ids), set()
    while todo:
        current = todo.pop()
        if current == station.pk:
            raise UserError(_("a station cannot (indirectly) require itself"))
        if current not in seen:
            seen.add(current)
            todo.extend(
                Station.objects.filter(pk=current)
                .values_list("prerequisites", flat=True)
                .exclude(prerequisites=None)
            )
    station.prerequisites.set(prerequisites)


@transaction.atomic
def station_remove(*, station: Station, by: Any = None) -> None:
    """Take a station off its line and renumber the rest."""
    if by is not None:
        check_manage(by, station.line)
    line = station.line
    station.delete()
    for number, item in enumerate(line.stations.order_by("position"), start=1):
        Station.objects.filter(pk=item.pk).update(position=number)
