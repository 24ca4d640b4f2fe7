"""The monitor API: indicators, observations (paginated, CSV), regions and contradictions."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_indicators_are_paginated(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/monitor/indicators?limit=5").json()
    assert body["count"] == 32 and len(body["items"]) == 5
    assert {"code", "name_nl", "name_en", "unit", "better"} <= set(body["items"][0])


def test_observations_filter_and_carry_their_source(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/monitor/observations?indicator=labour-force&region=PV20&period=2022M05").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["value"] == 381000 and "381.000" in item["source"]


def test_observations_as_csv(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/monitor/observations?region=PV20&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["indicator", "region", "period", "breakdowns", "value", "unit", "source"]
    assert len(rows) > 2 and all(r[1] == "PV20" for r in rows[1:])


def test_bad_limit_is_a_422_with_detail(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/monitor/observations?limit=0")
    assert response.status_code == 422 and "detail" in response.json()


def test_check_lists_contradictions_with_observation_keys(client: Client, store) -> None:  # type: ignore[no-untyped-def]
    items = client.get("/api/monitor/check").json()["items"]
    assert items and all(len(i["observations"]) >= 2 for i in items)


def test_openapi_document_lists_the_monitor(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/monitor/indicators", "/api/monitor/observations", "/api/monitor/regions"} <= set(paths)
