"""Importers: CBS OData (local server with CBS-format fixtures) and tidy/wide CSV, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from techtalent.core.errors import DataFileError
from techtalent.monitor.importers.cbs import cbs_period
from techtalent.monitor.imports import cbs_import, table_import
from techtalent.monitor.models import Observation, Region
from tests.conftest import SHARED
from tests.monitor.django_fixtures import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("key", "period"), [("2019JJ00", "2019"), ("2019KW03", "2019Q3"), ("2022MM05", "2022M05")]
)
def test_cbs_periods_become_monitor_periods(key: str, period: str) -> None:
    assert cbs_period(key) == period


def test_cbs_import_stores_measures_breakdowns_regions_and_dataset_provenance(store, odata: str) -> None:  # type: ignore[no-untyped-def]
    count = cbs_import("85276NED", FIXTURES / "cbs_mapping.yaml", base=odata)
    assert count == 11  # 6 rows x 2 measures, minus one empty cell
    rows = Observation.objects.filter(origin="cbs:85276NED")
    pv20 = rows.get(indicator__code="labour-force", region__code="PV20", period="2022", breakdown_key="")
    assert pv20.value == 305000 and pv20.status == "provisional"
    assert pv20.source.table_id == "85276NED" and pv20.source.retrieved is not None
    assert rows.filter(breakdown_key="gender=female", region__code="AM01").exists()
    assert Region.objects.get(code="AM01").kind == "arbeidsmarktregio"
    assert (
        cbs_import("85276NED", FIXTURES / "cbs_mapping.yaml", base=odata) == count
    )  # replaces, no duplicates
    assert rows.count() == count


def test_wide_duo_table_is_summed_per_province_gender_and_year(store) -> None:  # type: ignore[no-untyped-def]
    count = table_import(FIXTURES / "duo_wide.csv", FIXTURES / "duo_mapping.yaml")
    rows = Observation.objects.filter(origin="file:duo_wide.csv")
    assert count == rows.count() == 9  # (PV20 male, PV20 female, PV21 male) x 3 years
    male = rows.get(region__code="PV20", period="2018", breakdown_key="education_level=hbo;gender=male")
    assert male.value == 45 + 61 and male.source.dataset == "DUO open onderwijsdata"


def test_tidy_csv_imports_one_row_per_observation(store) -> None:  # type: ignore[no-untyped-def]
    assert table_import(FIXTURES / "tidy.csv") == 3
    assert Observation.objects.get(origin="file:tidy.csv", breakdown_key="gender=female").value == 330000


def test_import_rolls_back_when_a_row_is_malformed(store) -> None:  # type: ignore[no-untyped-def]
    table_import(FIXTURES / "tidy.csv")
    with pytest.raises(DataFileError, match=r"tidy_bad.csv, line 3, field 'value': 'drie' is not a number"):
        table_import(FIXTURES / "tidy_bad.csv")
    assert not Observation.objects.filter(origin="file:tidy_bad.csv").exists()


def test_unknown_region_names_file_line_and_field(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,region,period,value,unit\nunemployment-rate,PV99,2022,3,percent\n")
    with pytest.raises(DataFileError, match=r"bad.csv, line 2, field 'region': unknown region 'PV99'"):
        table_import(bad)


@pytest.mark.realdata
def test_real_duo_graduates_import(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = SHARED / "data" / "nl" / "duo" / "hbo_gediplomeerden_2019.csv"
    if not path.exists():
        pytest.skip(f"DUO data not found at {path}")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text((FIXTURES / "duo_mapping.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    count = table_import(path, mapping)
    assert count > 50
    assert Observation.objects.filter(origin=f"file:{path.name}", region__code="PV20", period="2018").exists()
