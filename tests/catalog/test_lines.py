"""Metro lines: the documents' lines as announced starter data, stations, prerequisites, permissions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from techtalent.catalog.models import Line, Offer
from techtalent.catalog.permissions import NotAllowed, can_manage
from techtalent.catalog.selectors import route_for_gap, transfers
from techtalent.catalog.services import (
    line_create,
    offer_create,
    provider_manager_add,
    station_add,
    station_move,
    station_prerequisites_set,
    station_remove,
)
from techtalent.catalog.starter import starter_lines, starter_lines_load
from techtalent.core.errors import UserError
from tests.catalog.conftest import SKILL
from tests.conftest import SHARED


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.realdata
@pytest.mark.parametrize(
    "item", [starter_lines()["owner"], *starter_lines()["lines"]], ids=lambda i: i["name"]
)
def test_every_starter_line_quotes_its_document_verbatim(item: dict[str, Any]) -> None:
    seeds = SHARED / "seeds"
    if not seeds.exists():
        pytest.skip("source documents not found")
    source = item["source"]
    text = _collapse((seeds / source["document"]).read_text(encoding="utf-8"))
    assert _collapse(source["quote"]) in text
    assert item["name"].split()[-1].replace("CB ", "") in source["quote"] or item["name"] in source["quote"]


@pytest.mark.django_db
def test_the_documents_lines_load_as_announced_and_empty_with_their_provenance() -> None:
    assert starter_lines_load() == 6 and starter_lines_load() == 0
    lines = list(Line.objects.all())
    assert {line.status for line in lines} == {"announced"}
    assert all(line.stations.count() == 0 for line in lines)  # no invented stations
    r_line = Line.objects.get(name="CB R-line")
    assert (r_line.owner.name, r_line.theme, r_line.source_document) == (
        "Smart Makers Academy",
        "Robotica",
        "003_989611638bc5453e.txt",
    )


@pytest.fixture
def academy(catalog: list[Any], alice: Any) -> Any:
    """A line owned by the provider of the first offers, managed by alice."""
    provider = catalog[0].provider
    provider_manager_add(provider=provider, user=alice)
    return line_create(name="Lijn Verspanen", owner=provider, by=alice, theme="Verspanen", region="GM0153")


def test_stations_keep_their_order_and_a_placed_offer_makes_the_line_active(academy: Any, alice: Any) -> None:
    offers = list(Offer.objects.filter(provider=academy.owner).order_by("id"))
    first = station_add(line=academy, offer=offers[0], by=alice)
    second = station_add(line=academy, offer=offers[1], by=alice)
    assert [s.position for s in (first, second)] == [1, 2]
    station_move(station=second, position=1, by=alice)
    assert list(academy.stations.values_list("offer_id", flat=True)) == [offers[1].pk, offers[0].pk]
    with pytest.raises(UserError):
        station_add(line=academy, offer=offers[0], by=alice)
    station_remove(station=second, by=alice)
    assert list(academy.stations.values_list("position", flat=True)) == [1]


def test_prerequisites_cannot_form_a_cycle_and_the_route_takes_them_along(academy: Any, alice: Any) -> None:
    offers = list(Offer.objects.filter(provider=academy.owner).order_by("id"))  # MAG-lassen, CNC-frezen
    mag, cnc = (station_add(line=academy, offer=o, by=alice) for o in offers[:2])
    station_prerequisites_set(station=cnc, prerequisites=[mag], by=alice)
    with pytest.raises(UserError, match="require itself"):
        station_prerequisites_set(station=mag, prerequisites=[cnc], by=alice)
    route = route_for_gap(skills=[SKILL["cnc"]])
    assert [s.station.title for s in route.steps] == ["MAG-lassen voor beginners", "CNC-frezen basis"]
    assert route.steps[0].required_by == (offers[1].pk,) and route.covered == (SKILL["cnc"],)


def test_an_offer_on_two_lines_is_a_transfer(academy: Any, alice: Any) -> None:
    offer = Offer.objects.filter(provider=academy.owner).first()
    other = line_create(name="Lijn Lassen", owner=academy.owner, by=alice)
    station_add(line=academy, offer=offer, by=alice)
    station_add(line=other, offer=offer, by=alice)
    assert transfers() == {offer.pk: sorted([academy.pk, other.pk])}


def test_providers_manage_only_their_own_offers_and_lines(academy: Any, alice: Any, bob: Any) -> None:
    other = Offer.objects.exclude(provider=academy.owner).first()
    assert can_manage(alice, academy.owner) and not can_manage(bob, academy.owner)
    with pytest.raises(NotAllowed):
        station_add(line=academy, offer=other, by=bob)
    with pytest.raises(NotAllowed):
        line_create(name="Overgenomen", owner=academy.owner, by=bob)
    with pytest.raises(NotAllowed):
        offer_create(provider=academy.owner, title="Nep-module", by=bob, extract=False)
    assert not can_manage(alice, other.provider)


def test_a_sequential_line_makes_each_station_require_the_one_before(
    academy: Any, alice: Any, tmp_path: Path
) -> None:
    Line.objects.filter(pk=academy.pk).update(sequential=True)
    offers = list(Offer.objects.filter(provider=academy.owner).order_by("id"))
    for offer in offers[:2]:
        station_add(line=academy, offer=offer, by=alice)
    assert [s.station.id for s in route_for_gap(skills=[SKILL["cnc"]]).steps] == [offers[0].pk, offers[1].pk]
