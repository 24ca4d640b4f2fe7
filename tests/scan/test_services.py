"""Scan services and selectors on a real database: scoring, save and resume, versions, access, staff gaps
from consenting passports, k-anonymous benchmarks and the anonymous culture scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from techtalent.core.errors import UserError
from techtalent.scan import selectors, services
from techtalent.scan.engine import InstrumentError
from techtalent.scan.instruments import INSTRUMENT_DIR
from techtalent.scan.models import CultureAnswer, InstrumentVersion, Scan
from tests.scan.conftest import answers, culture_answers

MAINTENANCE = "http://data.europa.eu/esco/skill/8a4e99e0-f259-4931-888f-604cfdc15b31"


def _submitted(company: dict[str, Any], given: dict[str, int], user: Any = None, **targets: int) -> Scan:
    scan = services.scan_start(organisation=company["org"], user=user or company["director"])
    services.scan_save(scan=scan, user=user or company["director"], answers=given, targets=targets or None)
    return services.scan_submit(scan=scan, user=user or company["director"])


def test_levels_are_the_rounded_down_weighted_mean_per_transformation(company: dict[str, Any]) -> None:
    scan = _submitted(company, answers(2, am_1=3, am_2=3, df_1=4, df_2=4, df_3=4, df_4=3))
    assert scan.levels["advanced-manufacturing"] == 2  # (3+3+2+2)/4 = 2.5
    assert scan.levels["digital-factory"] == 3  # 15/4 = 3.75
    assert scan.levels["smart-design"] == 2
    assert scan.targets["smart-design"] == 3  # default target: one level up
    assert scan.status == Scan.Status.SUBMITTED and scan.region == "PV20"


def test_answers_are_saved_per_part_and_the_scan_resumes(company: dict[str, Any]) -> None:
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    services.scan_save(scan=scan, user=company["director"], answers={"sd-1": 3, "sd-2": "4"})
    again = services.scan_start(organisation=company["org"], user=company["hr"])
    assert again.id == scan.id and again.answers == {"sd-1": 3, "sd-2": 4}


def test_a_wrong_answer_is_named_and_nothing_is_saved(company: dict[str, Any]) -> None:
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    with pytest.raises(UserError, match="sd-2"):
        services.scan_save(scan=scan, user=company["director"], answers={"sd-1": 3, "sd-2": 7})
    scan.refresh_from_db()
    assert scan.answers == {}


def test_submitting_with_skipped_questions_names_them(company: dict[str, Any]) -> None:
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    given = answers(3)
    del given["sf-4"]
    services.scan_save(scan=scan, user=company["director"], answers=given)
    with pytest.raises(UserError, match="sf-4"):
        services.scan_submit(scan=scan, user=company["director"])
    assert Scan.objects.get(id=scan.id).status == Scan.Status.DRAFT


def test_only_owner_admin_and_hr_take_the_scan(company: dict[str, Any]) -> None:
    for name in ("anna", "outsider"):
        with pytest.raises(PermissionError):
            services.scan_start(organisation=company["org"], user=company[name])
    assert services.scan_start(organisation=company["org"], user=company["hr"]).id
    assert selectors.scan_for(user=company["outsider"], scan_id=Scan.objects.get().id) is None


def test_a_changed_instrument_file_needs_a_new_version(
    company: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = yaml.safe_load((INSTRUMENT_DIR / "sih-maturity-v1.yaml").read_text(encoding="utf-8"))
    raw["sections"][0]["questions"][0]["text"]["nl"] = "Een andere vraag?"
    changed = tmp_path / "sih-maturity-v1.yaml"
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(services, "instrument_files", lambda: [changed])
    with pytest.raises(InstrumentError, match="new version number"):
        services.instruments_load()
    old = _submitted(company, answers(2))
    raw["version"] = 2
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert services.instruments_load()["added"] == 1
    newer = services.scan_start(organisation=company["org"], user=company["director"])
    assert newer.instrument.version == 2 and Scan.objects.get(id=old.id).instrument.version == 1
    assert [v.version for v in selectors.instrument_versions(kind="maturity")] == [2]
    assert InstrumentVersion.objects.filter(code="sih-maturity").count() == 2


def test_the_report_lists_competencies_for_the_target_and_marks_new_ones(company: dict[str, Any]) -> None:
    scan = _submitted(company, answers(2))
    report = selectors.scan_report(scan, lang="nl")
    digital = next(r for r in report.rows if r.code == "digital-factory")
    assert (digital.level, digital.target) == (2, 3)
    codes = {c.code: c.new for c in digital.competencies}
    assert codes["cs-network-security"] is False and codes["cs-it-architectures"] is True
    assert "cs-big-data-analytics" not in codes  # level 4
    assert report.mapping_method.startswith("Door techtalent")
    assert report.radar.series[0].values == tuple(r.level for r in report.rows)


def test_a_repeated_scan_shows_the_previous_levels(company: dict[str, Any]) -> None:
    _submitted(company, answers(2))
    second = _submitted(company, answers(3))
    report = selectors.scan_report(second, lang="en")
    assert {(r.previous, r.level) for r in report.rows} == {(2, 3)}


def test_staff_gaps_name_consenting_staff_and_count_only_from_five(
    company: dict[str, Any], share_passport: Any
) -> None:
    share_passport(company["anna"], company["org"], [MAINTENANCE])
    consent = share_passport(company["bram"], company["org"], [])
    scan = _submitted(company, answers(1))  # level 1 everywhere: maintenance is needed for level 2
    report = selectors.scan_report(scan, lang="nl")
    am = next(r for r in report.rows if r.code == "advanced-manufacturing")
    maintenance = next(c for c in am.competencies if c.code == "tt-maintenance")
    assert report.staff == 2 and not report.aggregate_shown
    assert maintenance.gap is not None
    assert maintenance.gap.named_covered == ("anna",) and maintenance.gap.named_missing == ("bram",)
    assert MAINTENANCE not in report.gap_skills or maintenance.gap.covered < maintenance.gap.staff

    from techtalent.orgs.services import consent_revoke

    consent_revoke(consent=consent)
    assert selectors.scan_report(scan, lang="nl").staff == 1


def test_passports_not_shared_with_the_company_do_not_count(
    company: dict[str, Any], share_passport: Any, make_user: Any
) -> None:
    from techtalent.matching.services import passport_get_or_create, skill_add
    from techtalent.orgs.services import organisation_create, organisation_verify

    other = organisation_create(name="Ander Bedrijf", kind="employer", owner=make_user("other-owner"))
    organisation_verify(organisation=other)
    share_passport(company["anna"], other, [MAINTENANCE])  # shared, but with another organisation
    skill_add(passport=passport_get_or_create(user=company["cees"]), uri=MAINTENANCE)  # not shared at all
    share_passport(company["outsider"], company["org"], [MAINTENANCE])  # shared, but not staff
    report = selectors.scan_report(_submitted(company, answers(1)), lang="nl")
    assert report.staff == 0


def test_regional_benchmark_appears_only_from_five_companies(company: dict[str, Any], make_user: Any) -> None:
    from techtalent.orgs.services import organisation_create

    mine = _submitted(company, answers(2))
    for i in range(3):
        owner = make_user(f"owner{i}")
        org = organisation_create(name=f"Bedrijf {i}", kind="employer", owner=owner, region="PV20")
        _submitted({"org": org, "director": owner}, answers(4))
    assert all(r.region is None for r in selectors.scan_report(mine, lang="nl").rows)  # 4 companies
    owner = make_user("owner-last")
    org = organisation_create(name="Bedrijf laatste", kind="employer", owner=owner, region="PV20")
    _submitted({"org": org, "director": owner}, answers(4))
    row = selectors.scan_report(mine, lang="nl").rows[0]
    assert row.region is not None and row.region.n == 5 and row.region.mean == pytest.approx((2 + 4 * 4) / 5)


def test_culture_answers_are_anonymous_once_per_member_and_shown_from_five(
    company: dict[str, Any], make_user: Any
) -> None:
    from techtalent.orgs.services import membership_add

    org = company["org"]
    members = [company[n] for n in ("anna", "bram", "cees", "hr")]
    for user in members:
        services.culture_submit(organisation=org, user=user, answers=culture_answers(2))
    with pytest.raises(UserError):
        services.culture_submit(organisation=org, user=company["anna"], answers=culture_answers(5))
    with pytest.raises(PermissionError):
        services.culture_submit(organisation=org, user=company["outsider"], answers=culture_answers())
    report = selectors.culture_report(organisation=org, lang="nl")
    assert report is not None and report.answers == 4 and not report.shown
    assert all(agg is None for _c, _n, agg, _t in report.themes)
    services.culture_submit(organisation=org, user=company["director"], answers=culture_answers(2))
    report = selectors.culture_report(organisation=org, lang="nl")
    assert report is not None and report.shown
    code, _name, agg, tips = report.themes[0]
    assert agg is not None and agg.mean == 25.0 and tips  # (2 − 1) / 4 × 100, below 60: suggestions
    assert {f.name for f in CultureAnswer._meta.get_fields()} == {
        "id",
        "organisation",
        "instrument",
        "answers",
        "day",
    }
    late = make_user("late")
    membership_add(organisation=org, user=late, role="member")
    with pytest.raises(UserError, match="in-1"):
        services.culture_submit(organisation=org, user=late, answers={"in-1": 9})


def test_skillslabs_are_found_for_the_skills_of_a_gap(company: dict[str, Any]) -> None:
    lab = services.skillslab_save(
        organisation=company["org"],
        user=company["director"],
        name="Skillslab Onderhoud Noord",
        region="PV20",
        profile={"operator": "Metaal Noord BV", "work-forms": "leren door te doen"},
        skills=[MAINTENANCE],
    )
    assert selectors.skillslabs_for_gap(skills=[MAINTENANCE, "x"], region="PV20") == [(lab, [MAINTENANCE])]
    with pytest.raises(UserError, match="unknown aspects"):
        services.skillslab_save(
            organisation=company["org"], user=company["director"], name="X", profile={"x": "y"}
        )
    with pytest.raises(PermissionError):
        services.skillslab_save(organisation=company["org"], user=company["anna"], name="Y")


def test_a_skillslab_trains_the_accepted_skills_of_the_offers_it_runs(company: dict[str, Any]) -> None:
    from techtalent.catalog.services import offer_create, provider_get_or_create

    provider = provider_get_or_create(name="Techniekcampus")
    offer = offer_create(provider=provider, title="Machineonderhoud", skills=[MAINTENANCE], extract=False)
    lab = services.skillslab_save(
        organisation=company["org"],
        user=company["director"],
        name="Learning Factory Noord",
        offers=[offer.id],
    )
    assert selectors.skillslab_skills(lab) == [MAINTENANCE]
    assert selectors.skillslabs_for_gap(skills=[MAINTENANCE]) == [(lab, [MAINTENANCE])]
