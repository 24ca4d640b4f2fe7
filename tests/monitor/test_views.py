"""Monitor pages: overview, comparison tool (shareable URL, CSV, sources), contradictions, factsheet."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_overview_lists_indicators_in_dutch(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/monitor/").content.decode()
    assert '<html lang="nl">' in page and "Beroepsbevolking" in page


def test_compare_is_a_shareable_url_with_chart_table_and_source_links(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    url = "/monitor/compare/?indicator=labour-force&region=PV20&national=1"
    page = client.get(url).content.decode()
    assert 'id="compare-table"' in page and "381" in page
    assert 'data-spec="chart-0"' in page and '"$schema": "https://vega.github.io/schema/vega-lite' in page
    assert "/monitor/source/" in page
    assert "vendor/vega-embed.min.js" in page and "cdn" not in page.lower()


def test_compare_downloads_csv_with_names_and_numbers_in_the_interface_language(
    client: Client, store
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/monitor/compare/?indicator=labour-force&region=PV20&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"))
    assert rows[0][:4] == ["Indicator", "Indicatorcode", "Regio", "Regiocode"]
    groningen = next(r for r in rows[1:] if r[3] == "PV20")
    assert groningen[0] == "Beroepsbevolking" and groningen[2] == "Groningen"
    assert groningen[6] == "381000" and groningen[7] == "personen"  # not 381000.0, not 'persons'
    assert any(r[3] == "NL01" for r in rows[1:])  # the national figure comes along
    client.cookies["django_language"] = "en"
    english = client.get("/monitor/compare/?indicator=labour-force&region=PV20&format=csv")
    header = b"".join(english.streaming_content).decode().splitlines()[0]
    assert header.startswith("Indicator,Indicator code,Region,Region code,Period")


def test_source_page_shows_the_quote(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    from techtalent.monitor.models import Observation

    obs = Observation.objects.get(indicator__code="labour-force", region__code="PV20")
    assert "381.000" in client.get(f"/monitor/source/{obs.source_id}/").content.decode()


def test_check_page_shows_both_sources_side_by_side(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/monitor/check/").content.decode()
    assert page.count('class="figure"') >= 10 and "847.000" in page
    assert "tellen op tot 1.847.000, het geheel staat op 847.000" in page  # the finding in Dutch
    client.cookies["django_language"] = "en"
    english = client.get("/monitor/check/").content.decode()
    assert "add up to 1,847,000, the whole is stated as 847,000" in english


def test_factsheet_page_and_unknown_region(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/monitor/factsheet/PV20/").content.decode()
    assert "Groningen" in page and "factsheet-pdf" in page
    # the charts are drawn in the browser by vega-embed from the same specs the PDF renders as SVG
    assert 'data-spec="factsheet-chart-0"' in page and "vega-embed" in page and "monitor/charts.js" in page
    assert client.get("/monitor/factsheet/PV99/").status_code == 404
