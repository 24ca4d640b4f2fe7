"""Reads of the catalog: offer search, lines with their stations, and learning routes for a skill gap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from techtalent.catalog.engine import Filters, Route, find_route
from techtalent.catalog.engine import Station as RouteStation
from techtalent.catalog.models import Line, Offer, OfferSkill, Station
from techtalent.catalog.route_index import route_stations

__all__ = [
    "OfferPage",
    "offer_search",
    "offer_skills",
    "line_list",
    "transfers",
    "route_for_gap",
    "route_dict",
]


@dataclass(frozen=True)
class OfferPage:
    """One page of search results and how many there are in all."""

    total: int
    offers: list[Offer]
    page: int
    per_page: int


def offer_search(
    *,
    q: str = "",
    level: str = "",
    form: str = "",
    region: str = "",
    kind: str = "",
    provider_id: int | None = None,
    page: int = 1,
    per_page: int = 20,
) -> OfferPage:
    """Offers whose title, provider, code, sector or skills contain every word of ``q``, filtered."""
    query: QuerySet[Offer] = Offer.objects.all()
    for word in q.lower().split()[:8]:
        query = query.filter(search_text__contains=word)
    filters = {"level": level, "form": form, "region": region, "kind": kind, "provider_id": provider_id}
    query = query.filter(**{k: v for k, v in filters.items() if v})
    page, per_page = max(1, page), max(1, min(per_page, 100))
    # One scan of the text for both the count and the page: the matching ids in order, then one page.
    ids = list(query.order_by("title", "id").values_list("id", flat=True))
    start = (page - 1) * per_page
    shown = ids[start : start + per_page]
    by_id = Offer.objects.select_related("provider").in_bulk(shown)
    offers, total = [by_id[i] for i in shown], len(ids)
    return OfferPage(total=total, offers=offers, page=page, per_page=per_page)


def offer_skills(offer: Offer, *, include_rejected: bool = False) -> list[OfferSkill]:
    """The offer's skills, accepted first, then suggestions by score."""
    skills = list(offer.skills.all() if include_rejected else offer.skills.exclude(status="rejected"))
    return sorted(skills, key=lambda s: (s.status != "accepted", -(s.score or 0), s.id))


def line_list() -> QuerySet[Line]:
    """Every line with its owner and number of stations."""
    return Line.objects.select_related("owner").annotate(n_stations=Count("stations")).order_by("name")


def transfers() -> dict[int, list[int]]:
    """Offer id → the ids of the lines it is a station on, for offers on more than one line."""
    lines: dict[int, list[int]] = defaultdict(list)
    for offer_id, line_id in Station.objects.values_list("offer_id", "line_id"):
        lines[offer_id].append(line_id)
    return {k: sorted(v) for k, v in lines.items() if len(v) > 1}


def _route_stations(skills: Sequence[str]) -> list[RouteStation]:
    """Offers teaching any of ``skills`` and, transitively, the offers they require, as engine stations."""
    return route_stations(skills)


def route_for_gap(
    *,
    skills: list[str],
    region: str | None = None,
    max_hours: int | None = None,
    max_cost: float | None = None,
    level: str | None = None,
    form: str | None = None,
) -> Route:
    """The route of stations that covers the gap ``skills`` (ESCO URIs) most cheaply under the filters.

    Stable interface for other domains (matching, SME scans). A station is an offer with accepted
    skills; prerequisites (and, on sequential lines, the station before) are taken along. The cost
    minimised is fee + 25 €/hour of learning; ``covered``/``missing`` list the gap skills a station
    teaches or that no admissible station teaches.
    """
    filters = Filters(
        region=region or None,
        form=form or None,
        level=level or None,
        max_hours=float(max_hours) if max_hours is not None else None,
        max_cost=max_cost,
    )
    return find_route(list(dict.fromkeys(skills)), _route_stations(skills), filters)


def route_dict(route: Route, *, lang: str = "nl") -> dict[str, object]:
    """The route as JSON: ``stations`` (id, title, provider, skills, hours, cost_eur, teaches), totals."""
    from techtalent.catalog.skills import skill_names

    uris = {u for step in route.steps for u in step.station.skills} | set(route.missing)
    names = skill_names(sorted(uris), lang)

    def taught(uri: str) -> dict[str, object]:
        name = names.get(uri)
        if name is None:
            return {"uri": uri, "label": uri, "label_lang": lang, "label_derived": False}
        return {"uri": uri, "label": name.text, "label_lang": name.lang, "label_derived": name.derived}

    return {
        "stations": [
            {
                "id": step.station.id,
                "title": step.station.title,
                "provider": step.station.provider,
                "skills": sorted(step.station.skills),
                "teaches": [taught(u) for u in step.teaches],
                "required_by": list(step.required_by),
                "hours": step.station.hours,
                "cost_eur": step.station.cost_eur,
                "lines": [line for line, _pos in step.station.lines],
            }
            for step in route.steps
        ],
        "covered": list(route.covered),
        "missing": list(route.missing),
        "missing_labels": {u: names[u].text if u in names else u for u in route.missing},
        "missing_derived": [u for u in route.missing if u in names and names[u].derived],
        "hours": route.hours,
        "cost_eur": route.cost_eur,
    }


def offers_by_id(ids: Sequence[int]) -> list[Offer]:
    """The offers with these ids (unknown ids left out), with their providers."""
    return list(Offer.objects.filter(id__in=list(ids)).select_related("provider").order_by("title", "id"))


def accepted_skill_uris(offers: Sequence[Offer]) -> dict[int, list[str]]:
    """Per offer the ESCO URIs of its accepted skills."""
    found: dict[int, list[str]] = {o.id: [] for o in offers}
    for offer in offers:
        found[offer.id] = [s.uri for s in offer.skills.all() if s.status == "accepted"]
    return found
