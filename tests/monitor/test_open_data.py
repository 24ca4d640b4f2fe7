"""Open-data importers: CBS and DUO files through YAML mappings, on small fixtures and on the real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from techtalent.core.errors import DataFileError
from techtalent.monitor.imports import OPEN_DATA_MAPPINGS, open_data_file_import, open_data_import
from techtalent.monitor.models import Indicator, Observation
from tests.conftest import SHARED
from tests.monitor.django_fixtures import FIXTURES

pytestmark = pytest.mark.django_db

OPEN = FIXTURES / "opendata"
NL_DATA = SHARED / "data" / "nl"


def _value(indicator: str, region: str, period: str, breakdowns: str = "") -> float:
    return Observation.objects.get(
        indicator__code=indicator, region__code=region, period=period, breakdown_key=breakdowns
    ).value


def test_cbs_codes_export_is_labelled_scaled_and_its_share_derived(store) -> None:  # type: ignore[no-untyped-def]
    found = open_data_file_import(OPEN / "mappings" / "vacatures.yaml", OPEN)
    assert _value("open-vacancies", "NL01", "2020Q1") == 200_500
    assert _value("open-vacancies", "PV20", "2020Q1", "sector=B-F Nijverheid en energie") == 1_500
    assert _value("open-vacancies-technical-share", "NL01", "2020Q1") == pytest.approx(70 / 200.5 * 100)
    # 2020Q2 has no B-F figure for Groningen: no share rather than a share of J alone
    assert not Observation.objects.filter(indicator__code="open-vacancies-technical-share", period="2020Q2")
    assert found.skipped == {"no figure (empty or suppressed)": 1}
    share = Observation.objects.get(
        indicator__code="open-vacancies-technical-share", region__code="PV20", period="2020Q1"
    )
    assert share.note == "2000 / 4000" and "afgeleid" in share.source.title
    assert share.source.publisher == "CBS" and share.source.table_id == "83599NED"
    assert (
        Indicator.objects.get(code="open-vacancies-technical-share").derivation("en").startswith("Computed")
    )


def test_duo_school_locations_get_their_province_and_the_n_profile_share_is_derived(store) -> None:  # type: ignore[no-untyped-def]
    found = open_data_file_import(OPEN / "mappings" / "examens.yaml", OPEN)
    # Groningen 2017-2018: 8 N&T of 28 candidates; women 2 of 12
    assert _value("havo-exam-candidates", "PV20", "2017/2018") == 28
    assert _value("havo-n-profile-share", "PV20", "2017/2018") == pytest.approx(8 / 28 * 100)
    assert _value("havo-n-profile-share", "PV20", "2017/2018", "gender=female") == pytest.approx(2 / 12 * 100)
    # the Leeuwarden location is missing from the address file: its municipality names the province
    assert _value("havo-n-profile-share", "PV21", "2018/2019") == 50
    assert "Ñ" not in str(found.skipped) and found.skipped["region not held by the monitor"] == 1
    assert not Observation.objects.filter(origin="open:examens", region__code="NL01").exists()


def test_duo_json_leaves_suppressed_numbers_out_and_adds_the_national_sum(store) -> None:  # type: ignore[no-untyped-def]
    open_data_file_import(OPEN / "mappings" / "hbo.yaml", OPEN)
    assert _value("hbo-students", "NL01", "2022/2023", "sector=techniek") == 45
    assert _value("hbo-technical-female-share", "PV20", "2022/2023") == 25
    assert _value("hbo-technical-female-share", "NL01", "2022/2023") == pytest.approx(15 / 45 * 100)
    # 2023: the number of women in Groningen is "<5", so no share is computed there
    assert not Observation.objects.filter(
        indicator__code="hbo-technical-female-share", region__code="PV20", period="2023/2024"
    ).exists()


def test_a_malformed_number_names_file_line_and_field_and_keeps_the_previous_import(
    store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_data_file_import(OPEN / "mappings" / "vacatures.yaml", OPEN)
    before = Observation.objects.filter(origin="open:vacatures").count()
    with pytest.raises(DataFileError) as caught:
        open_data_file_import(OPEN / "mappings" / "vacatures.yaml", OPEN / "bad")
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "vacatures.csv",
        5,
        "OpenstaandeVacatures",
    )
    assert Observation.objects.filter(origin="open:vacatures").count() == before


def test_a_mapping_without_measures_or_a_missing_file_is_refused(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text((OPEN / "mappings" / "vacatures.yaml").read_text().replace("measures:", "other:"))
    with pytest.raises(DataFileError, match="measures"):
        open_data_file_import(broken, OPEN)
    with pytest.raises(DataFileError, match="not found"):
        open_data_file_import(OPEN / "mappings" / "vacatures.yaml", tmp_path)
    shutil.copy(OPEN / "vacatures.csv", tmp_path / "vacatures.csv")
    with pytest.raises(DataFileError, match="sectoren.csv"):
        open_data_file_import(OPEN / "mappings" / "vacatures.yaml", tmp_path)


def _series(indicator: str, region: str, kind: str = "") -> set[str]:
    qs = Observation.objects.filter(indicator__code=indicator, region__code=region, breakdown_key="")
    return set(qs.values_list("period", flat=True))


@pytest.mark.realdata
def test_every_shipped_mapping_imports_the_real_files_with_the_series_journey_1_needs(store) -> None:  # type: ignore[no-untyped-def]
    if not NL_DATA.is_dir():
        pytest.skip(f"open data not available at {NL_DATA}")
    results = open_data_import(NL_DATA)
    assert set(results) == {p.name for p in OPEN_DATA_MAPPINGS.glob("*.yaml")}
    for region in ("NL01", "PV20", "PV21", "PV22"):
        years = {p[:4] for p in _series("open-vacancies-technical", region)}
        assert len(years) >= 10 and {"2011", "2023"} <= years
    assert len(_series("havo-n-profile-share", "NL01")) >= 10
    school_years = {"2014/2015", "2015/2016", "2016/2017", "2017/2018", "2018/2019"}
    for code in [f"PV{n}" for n in range(20, 32)]:
        assert _series("havo-n-profile-share", code) == school_years
    # spot checks against the files: CBS 83599NED NL 2011Q1 all sectors 135.5 (x 1,000); CBS 85381NED and DUO
    assert _value("open-vacancies", "NL01", "2011Q1") == 135_500
    assert _value("havo-exam-candidates", "NL01", "2018/2019", "profile=N&T") == 3430
    duo = Observation.objects.filter(
        origin="open:duo_vo_examenkandidaten_2014-2019",
        indicator__code="havo-exam-candidates",
        period="2018/2019",
        breakdown_key="profile=N&T",
    )
    assert sum(duo.values_list("value", flat=True)) == 3433
    assert _value("labour-force", "PV20", "2022") > 250_000
    # employed persons in technical + ICT occupations per arbeidsmarktregio (84916NED, 2022): all 35 regions
    am = Observation.objects.filter(
        indicator__code="technical-ict-occupation-share", region__kind="arbeidsmarktregio", period="2022"
    )
    assert am.count() == 35 and all(0 < v < 100 for v in am.values_list("value", flat=True))
    # 85276NED: classes 07 + 08 = 1,847 thousand of 9,548 thousand in 2022 (OPEN_DATA_SOURCES.md)
    assert _value("technical-ict-occupation-share", "NL01", "2022") == pytest.approx(1847 / 9548 * 100)
    assert Indicator.objects.get(code="havo-n-profile-share").licence.startswith("CC-BY 4.0")
    # importing again changes nothing
    key = ("indicator_id", "region_id", "period", "breakdown_key", "value", "origin")
    first = sorted(Observation.objects.values_list(*key))
    open_data_import(NL_DATA)
    assert sorted(Observation.objects.values_list(*key)) == first
