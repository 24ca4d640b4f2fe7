"""A per-process, in-memory index of route stations, keyed by the catalog stamp.

Built with a handful of queries the first time a route is asked after a catalog write; afterwards a
route reads only the stamp from the database. Holds every offer with accepted skills or a place on a
line, as engine stations (skills, prerequisites, line places), and which offers teach each skill.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from techtalent.catalog.engine import Station as RouteStation
from techtalent.catalog.models import Offer, OfferSkill, Station
from techtalent.catalog.stamp import current

__all__ = ["RouteIndex", "route_index", "route_stations"]


@dataclass(frozen=True)
class RouteIndex:
    """Stations by offer id and the offers that teach each skill, for one catalog stamp."""

    key: tuple[str, str]
    stations: dict[int, RouteStation]
    teaching: dict[str, tuple[int, ...]]


_lock = threading.Lock()
_index: RouteIndex | None = None


def _prerequisites() -> tuple[dict[int, set[int]], dict[int, list[tuple[int, int]]]]:
    """Offer id → the offers it requires (explicit, or the station before on a sequential line) and its
    (line, position) places."""
    rows = list(Station.objects.values_list("id", "offer_id", "line_id", "position", "line__sequential"))
    through = Station.prerequisites.through
    required_of: dict[int, set[int]] = defaultdict(set)
    for station_id, offer_id in through.objects.values_list("from_station_id", "to_station__offer_id"):
        required_of[station_id].add(offer_id)
    by_line: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for _s, offer_id, line_id, position, sequential in rows:
        if sequential:
            by_line[line_id].append((position, offer_id))
    before: dict[tuple[int, int], int] = {}
    for line_id, placed in by_line.items():
        placed.sort()
        for (_p, earlier), (position, _o) in zip(placed, placed[1:], strict=False):
            before[(line_id, position)] = earlier
    prereqs: dict[int, set[int]] = defaultdict(set)
    placing: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for station_id, offer_id, line_id, position, _seq in rows:
        placing[offer_id].append((line_id, position))
        prereqs[offer_id] |= required_of[station_id]
        if (line_id, position) in before:
            prereqs[offer_id].add(before[(line_id, position)])
    return prereqs, placing


def _build(key: tuple[str, str]) -> RouteIndex:
    """Read the catalog once into a new index."""
    skills_of: dict[int, set[str]] = defaultdict(set)
    teaching: dict[str, list[int]] = defaultdict(list)
    for offer_id, uri in OfferSkill.objects.filter(status="accepted").values_list("offer_id", "uri"):
        skills_of[offer_id].add(uri)
        teaching[uri].append(offer_id)
    prereqs, placing = _prerequisites()
    wanted = set(skills_of) | set(placing)
    fields = ("id", "title", "provider__name", "hours", "cost_eur", "region", "form", "level")
    stations: dict[int, RouteStation] = {}
    for pk, title, provider, hours, cost, region, form, level in Offer.objects.values_list(*fields):
        if pk in wanted:
            stations[pk] = RouteStation(
                id=pk,
                title=title,
                provider=provider,
                skills=frozenset(skills_of[pk]),
                hours=float(hours) if hours is not None else None,
                cost_eur=float(cost) if cost is not None else None,
                region=region,
                form=form,
                level=level,
                prerequisites=tuple(sorted(prereqs[pk])),
                lines=tuple(sorted(placing[pk])),
            )
    return RouteIndex(key=key, stations=stations, teaching={u: tuple(v) for u, v in teaching.items()})


def route_index() -> RouteIndex:
    """The index for the current catalog stamp, rebuilt when another write (in any process) renewed it."""
    global _index
    # The stamp is read before the data: a write in between only makes the next request rebuild.
    key = (str(connection.settings_dict.get("NAME") or ""), current())
    index = _index
    if index is not None and index.key == key:
        return index
    with _lock:
        if _index is None or _index.key != key:
            _index = _build(key)
        return _index


def route_stations(skills: Sequence[str]) -> list[RouteStation]:
    """Offers teaching any of ``skills`` and, transitively, the offers they require."""
    index = route_index()
    todo = {pk for uri in skills for pk in index.teaching.get(uri, ())}
    seen: set[int] = set()
    while todo:
        seen |= todo
        todo = {p for pk in todo for p in index.stations[pk].prerequisites if p in index.stations} - seen
    return [index.stations[pk] for pk in sorted(seen)]
