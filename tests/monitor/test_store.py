"""The indicator store: starter data loaded by ensure_database, indexed queries, regions with shapes."""

from __future__ import annotations

import pytest

from techtalent.monitor.models import Indicator, Observation, Region
from techtalent.monitor.selectors import ObservationFilter, contradictions, observation_list, period_list
from tests.conftest import SHARED
from tests.monitor.conftest import read_starter_data

pytestmark = pytest.mark.django_db


def test_starter_data_is_stored_with_provenance_on_every_observation(store: dict[str, int]) -> None:
    data = read_starter_data()
    assert store["observations"] == len(data.observations) == Observation.objects.count()
    assert Indicator.objects.count() == len(data.indicators)
    assert not Observation.objects.filter(source__quote="").exists()
    assert set(Observation.objects.values_list("origin", flat=True)) == {"starter"}


def test_reloading_the_starter_data_changes_nothing(store: dict[str, int]) -> None:
    from techtalent.monitor.services import starter_load

    before = Observation.objects.count()
    starter_load()
    assert Observation.objects.count() == before


def test_ensure_database_loads_the_starter_data(db: None) -> None:
    from techtalent.core.django_setup import ensure_database

    ensure_database()
    assert Observation.objects.filter(origin="starter").exists()


def test_observation_query_filters_by_indicator_region_period_and_totals(store: dict[str, int]) -> None:
    rows = list(observation_list(ObservationFilter(("labour-force",), ("PV20",), ("2022M05",), "")))
    assert [(o.region.code, o.value) for o in rows] == [("PV20", 381000.0)]
    assert "2022M05" in period_list(("labour-force",))


def test_the_store_finds_the_same_contradictions_as_the_engine(store: dict[str, int], rules) -> None:  # type: ignore[no-untyped-def]
    from techtalent.monitor.engine import consistency_checks

    expected = consistency_checks(read_starter_data().observations, rules)
    found = contradictions()
    assert [(c.rule, c.summary) for c in found] == [(c.rule, c.summary) for c in expected]
    assert found


@pytest.mark.realdata
def test_region_shapes_import_from_shared_data(store: dict[str, int]) -> None:
    from techtalent.monitor.imports import regions_import

    folder = SHARED / "data" / "regions"
    if not (folder / "provincie_2023.geojson").exists():
        pytest.skip(f"region shapes not found at {folder}")
    counts = regions_import(folder)
    assert counts == {"province": 12, "arbeidsmarktregio": 35, "municipality": 342}
    groningen = Region.objects.get(code="GM0014")
    assert groningen.parent.code == "PV20" and groningen.arbeidsmarktregio.code == "AM01"
    assert Region.objects.get(code="PV20").shape["type"] in {"Polygon", "MultiPolygon"}


def test_observation_lists_are_read_off_an_index_in_list_order(store: dict[str, int]) -> None:
    """Both list indexes end in the list order: a page of one region's figures needs no sort of them all."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Observation._meta.db_table)
    within = ["period_start", "period", "breakdown_key", "id"]
    assert constraints["obs_ind_reg_order"]["columns"] == ["indicator_id", "region_id", *within]
    assert constraints["obs_reg_ind_order"]["columns"] == ["region_id", "indicator_id", *within]
    qs = observation_list(ObservationFilter((), ("PV20",), (), None, None))[:100]
    if connection.vendor == "sqlite":  # the plan of the 1-region page: the index, and no temporary sort
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
        assert "obs_reg_ind_order" in plan and "TEMP B-TREE" not in plan, plan
    assert [o.region.code for o in qs] == ["PV20"] * len(qs) and len(qs) > 0


def test_the_remembered_checks_follow_a_changed_figure(store: dict[str, int]) -> None:
    from techtalent.monitor.selectors import contradictions_memo

    def flagged() -> set[float]:
        found = contradictions_memo(totals_only=True, indicators=["technical-occupation-workers"])
        return {o.value for c in found if c.kind == "parts_sum_to_whole" for o in c.observations[:1]}

    assert flagged() == {847000.0} and flagged() == {847000.0}
    stated = Observation.objects.filter(
        indicator__code="technical-occupation-workers", region__code="NL01", breakdown_key="", value=847000
    )
    assert stated.update(value=1_847_000) >= 1
    assert flagged() == set()
