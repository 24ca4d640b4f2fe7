"""The per-process route index: reused while the catalog stamp stands, rebuilt after any catalog write."""

from __future__ import annotations

from typing import Any

from techtalent.catalog.models import CatalogStamp, Offer, OfferSkill
from techtalent.catalog.route_index import route_index
from techtalent.catalog.selectors import route_for_gap
from techtalent.catalog.services import line_create, provider_manager_add, station_add, station_move
from techtalent.catalog.skills import skill_decide
from techtalent.catalog.stamp import current
from tests.catalog.conftest import SKILL


def _titles(uri: str) -> list[str]:
    return [s.station.title for s in route_for_gap(skills=[uri]).steps]


def _ids(uri: str) -> list[int]:
    return [s.station.id for s in route_for_gap(skills=[uri]).steps]


def test_the_index_is_reused_until_a_write_renews_the_stamp(catalog: list[Any]) -> None:
    first = route_index()
    assert route_index() is first and first.teaching[SKILL["cnc"]] == (catalog[1].pk,)
    stamp = current()
    Offer.objects.filter(pk=catalog[3].pk).update(sector="Techniek")  # a bulk write sends no signal
    assert current() == stamp and route_index() is first
    OfferSkill.objects.create(offer=catalog[3], uri=SKILL["cnc"], status="accepted")  # a signal renews it
    assert current() != stamp and route_index() is not first
    assert _titles(SKILL["cnc"]) == ["Technisch tekenen"]


def test_a_rejected_skill_leaves_the_route_at_once(catalog: list[Any]) -> None:
    assert route_for_gap(skills=[SKILL["python"]]).covered == (SKILL["python"],)
    skill_decide(offer=catalog[2], uri=SKILL["python"], accept=False)
    assert route_for_gap(skills=[SKILL["python"]]).missing == (SKILL["python"],)


def test_a_write_by_another_process_is_seen_through_the_database_stamp(catalog: list[Any]) -> None:
    route_for_gap(skills=[SKILL["mag"]])
    # Another worker process accepted a skill with a bulk write and renewed the stamp: no signal here.
    OfferSkill.objects.bulk_create([OfferSkill(offer=catalog[3], uri=SKILL["mag"], status="accepted")])
    assert _titles(SKILL["mag"]) == ["MAG-lassen voor beginners"]
    CatalogStamp.objects.filter(pk=1).update(token="written-by-another-worker")
    assert _titles(SKILL["mag"]) == ["Technisch tekenen"]


def test_moving_a_station_on_a_sequential_line_changes_what_it_requires(
    catalog: list[Any], alice: Any
) -> None:
    provider = catalog[0].provider
    provider_manager_add(provider=provider, user=alice)
    line = line_create(name="Lijn Volgorde", owner=provider, by=alice)
    line.sequential = True
    line.save()
    mag, cnc = (station_add(line=line, offer=o, by=alice) for o in catalog[:2])
    assert _ids(SKILL["cnc"]) == [catalog[0].pk, catalog[1].pk]
    station_move(station=cnc, position=1, by=alice)
    assert _ids(SKILL["cnc"]) == [catalog[1].pk]
    assert _ids(SKILL["mag"]) == [catalog[1].pk, catalog[0].pk]
