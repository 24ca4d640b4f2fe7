"""Catalog pages render in Dutch; providers edit only their own offers and lines; the map is data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from techtalent.catalog.credentials import credential_issue
from techtalent.catalog.models import Line, Offer
from techtalent.catalog.services import provider_manager_add
from techtalent.catalog.starter import starter_lines_load
from tests.catalog.conftest import SKILL


@pytest.fixture
def manager(catalog: list[Any], alice: Any) -> Client:
    provider_manager_add(provider=catalog[0].provider, user=alice)
    client = Client()
    client.force_login(alice)
    return client


def test_the_catalog_page_searches_in_dutch(catalog: list[Any]) -> None:
    page = Client().get("/catalog/", {"q": "lassen"}).content.decode()
    assert 'lang="nl"' in page and "MAG-lassen voor beginners" in page and "Gevonden aanbod: 1" in page


def test_an_offer_page_shows_skills_and_provenance_but_tools_only_to_its_provider(manager: Client) -> None:
    offer = Offer.objects.get(title="MAG-lassen voor beginners")
    public = Client().get(f"/catalog/offers/{offer.pk}/").content.decode()
    assert "MAG-lassen uitvoeren" in public and "offers.csv, line 2" in public and "issue-form" not in public
    own = manager.get(f"/catalog/offers/{offer.pk}/").content.decode()
    assert "issue-form" in own and "Accepteren" in own


def test_describing_a_module_suggests_skills_and_accepting_one_counts(
    manager: Client, catalog: list[Any]
) -> None:
    provider = catalog[0].provider
    response = manager.post(
        "/catalog/offers/new/",
        {
            "provider": provider.pk,
            "title": "Veilig werken met robots",
            "kind": "module",
            "language": "nl",
            "description": "Deelnemers leren robotica toepassen en veilig werken met machines.",
            "hours": "12",
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get(title="Veilig werken met robots")
    assert set(offer.skills.values_list("status", flat=True)) == {"suggested"}
    manager.post(f"/catalog/offers/{offer.pk}/skills/", {"uri": SKILL["robotics"], "decision": "accept"})
    assert offer.skills.get(uri=SKILL["robotics"]).status == "accepted"


def test_another_user_cannot_decide_skills_or_issue_for_a_provider(catalog: list[Any], bob: Any) -> None:
    offer = Offer.objects.get(title="MAG-lassen voor beginners")
    client = Client()
    client.force_login(bob)
    assert (
        client.post(
            f"/catalog/offers/{offer.pk}/skills/", {"uri": SKILL["mag"], "decision": "reject"}
        ).status_code
        == 404
    )
    assert client.post(f"/catalog/offers/{offer.pk}/issue/", {"recipient": "bob"}).status_code == 404
    assert offer.skills.get(uri=SKILL["mag"]).status == "accepted"
    assert client.get("/catalog/offers/new/").url == "/catalog/providers/new/"  # no provider of their own


def test_the_metro_map_draws_announced_lines_as_empty_and_stations_as_links(manager: Client) -> None:
    starter_lines_load()
    offer = Offer.objects.get(title="MAG-lassen voor beginners")
    manager.post(
        "/catalog/lines/new/", {"name": "Lijn Lassen", "owner": offer.provider.pk, "theme": "Lassen"}
    )
    line = Line.objects.get(name="Lijn Lassen")
    manager.post(f"/catalog/offers/{offer.pk}/place/", {"line": line.pk})
    page = Client().get("/catalog/lines/").content.decode()
    assert page.count("nog geen stations") >= 6 and "<svg" in page and f"/catalog/offers/{offer.pk}/" in page
    detail = Client().get(f"/catalog/lines/{Line.objects.get(name='CB R-line').pk}/").content.decode()
    assert "WP9: Ontwikkeling trainingsmodules robotica (CB R-line)" in detail and "aangekondigd" in detail


def test_the_credential_page_verifies_and_the_holder_adds_it_to_the_passport(
    catalog: list[Any], bob: Any
) -> None:
    issued = credential_issue(recipient=bob, offer=Offer.objects.get(title="MAG-lassen voor beginners"))
    client = Client()
    page = client.get(f"/catalog/credentials/{issued.uid}/").content.decode()
    assert "Geldig" in page and "MAG-lassen uitvoeren" in page and "to-passport" not in page
    client.force_login(bob)
    assert client.post(f"/catalog/credentials/{issued.uid}/passport/").status_code == 302
    from techtalent.matching.selectors import passport_of

    assert passport_of(bob).skills.get(uri=SKILL["mag"]).source == "credential"
    assert (
        client.get(f"/catalog/credentials/{issued.uid}/elm.json").json()["type"][1]
        == "EuropeanDigitalCredential"
    )


def test_the_route_partial_explains_what_each_station_teaches(catalog: list[Any]) -> None:
    page = (
        Client().get("/catalog/route/", {"skills": f"{SKILL['mag']},{SKILL['statistics']}"}).content.decode()
    )
    assert "MAG-lassen voor beginners" in page and "Leert" in page and "statistiek" in page


def test_the_gap_filter_shortens_esco_ids_and_the_route_view_expands_them(catalog: list[Any]) -> None:
    from techtalent.catalog.templatetags.catalog_routes import gap_skill_uris

    gap = {
        "groups": [
            {"skills": [{"uri": SKILL["mag"]}, {"uri": SKILL["mag"]}]},
            {"skills": [{"uri": SKILL["cnc"]}]},
        ]
    }
    short = gap_skill_uris(gap)
    assert short == f"{SKILL['mag'].rsplit('/', 1)[1]},{SKILL['cnc'].rsplit('/', 1)[1]}"
    page = Client().get("/catalog/route/", {"skills": short}, HTTP_HX_REQUEST="true").content.decode()
    assert "MAG-lassen voor beginners" in page and "CNC-frezen basis" in page and "<html" not in page


def test_each_path_step_of_the_paths_page_loads_how_to_get_there_for_its_skills_to_learn(
    catalog: list[Any], alice: Any
) -> None:
    import re

    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/matching/paths/")
    request.user = alice
    steps = [
        {"uri": "occ:welder", "label": "lasser", "shortage": 0, "to_learn": [{"uri": SKILL["mag"]}]},
        {"uri": "occ:miller", "label": "frezer", "shortage": 0, "to_learn": []},
        {"uri": "occ:cnc", "label": "CNC-operator", "shortage": 0, "to_learn": [{"uri": SKILL["cnc"]}]},
    ]
    context = {"paths": [{"steps": steps}], "svg": "<svg></svg>", "skills": {SKILL["python"]: "basic"}}
    page = render_to_string("matching/paths.html", context, request=request)
    assert "Hoe kom je daar: lasser" in page and "Hoe kom je daar: CNC-operator" in page
    assert "Hoe kom je daar: frezer" not in page  # nothing to learn, no route
    assert 'id="learning-route-1-1"' in page and 'id="learning-route-1-3"' in page
    links = re.findall(r'hx-get="([^"]+)"', page)
    assert len(links) == 2
    client = Client()
    first, second = (client.get(link.replace("&amp;", "&"), HTTP_HX_REQUEST="true") for link in links)
    assert "MAG-lassen voor beginners" in first.content.decode()
    assert "CNC-frezen basis" in second.content.decode() and "MAG-lassen" not in second.content.decode()
