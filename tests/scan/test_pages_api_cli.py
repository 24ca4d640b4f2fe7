"""Scan pages (Django test client, Dutch by default), the PDF report, the API with its access rules, and the
console commands, all on the same company."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from typer.testing import CliRunner

from techtalent.cli import app
from techtalent.scan import services
from techtalent.scan.models import Scan
from tests.scan.conftest import answers, culture_answers


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_scan_is_taken_section_by_section_and_resumed(company: dict[str, Any]) -> None:
    client = _client(company["director"])
    page = client.get("/scan/")
    assert page.status_code == 200 and "Metaal Noord BV" in page.content.decode()
    started = client.post(f"/scan/o/{company['org'].slug}/start/", {"sector": "metaal"})
    scan = Scan.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/scan/s/{scan.id}/"
    first = client.get(f"/scan/s/{scan.id}/")
    assert first.status_code == 200 and "Smart design" in first.content.decode()
    assert "Nog niet" in first.content.decode()  # the Dutch answer scale
    saved = client.post(
        f"/scan/s/{scan.id}/", {"section": "smart-design", "sd-1": "3", "sd-2": "2", "action": "next"}
    )
    assert saved.status_code == 302 and "section=smart-working" in saved["Location"]
    scan.refresh_from_db()
    assert scan.answers == {"sd-1": 3, "sd-2": 2} and scan.sector == "metaal"


def test_an_invalid_answer_is_shown_on_the_form_not_swallowed(company: dict[str, Any]) -> None:
    client = _client(company["director"])
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    response = client.post(f"/scan/s/{scan.id}/", {"section": "smart-design", "sd-1": "8", "action": "next"})
    assert response.status_code == 200
    assert "sd-1" in response.content.decode() or "Selecteer een geldige keuze" in response.content.decode()
    scan.refresh_from_db()
    assert scan.answers == {}


def test_submitting_with_missing_answers_stays_on_the_form_with_the_reason(company: dict[str, Any]) -> None:
    client = _client(company["director"])
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    response = client.post(f"/scan/s/{scan.id}/", {"section": "sustainable-factory", "action": "submit"})
    assert response.status_code == 200 and "sd-1" in response.content.decode()


def _submitted(company: dict[str, Any]) -> Scan:
    scan = services.scan_start(organisation=company["org"], user=company["director"])
    services.scan_save(scan=scan, user=company["director"], answers=answers(2))
    return services.scan_submit(scan=scan, user=company["director"])


def test_the_result_page_shows_levels_radar_competencies_and_no_counts_below_five(
    company: dict[str, Any], share_passport: Any
) -> None:
    share_passport(company["anna"], company["org"], [])
    scan = _submitted(company)
    body = _client(company["hr"]).get(f"/scan/s/{scan.id}/result/").content.decode()
    assert '<svg class="radar"' in body and 'id="level-digital-factory"' in body
    assert "Competenties voor het doelniveau" in body or "Competencies for the target level" in body
    assert "anna" in body  # named with her consent
    assert "van 1 medewerkers" not in body and "of 1 staff" not in body  # no counts below five


def test_pages_of_a_scan_are_closed_to_staff_outsiders_and_anonymous(company: dict[str, Any]) -> None:
    scan = _submitted(company)
    for user in (company["anna"], company["outsider"]):
        client = _client(user)
        for url in (f"/scan/s/{scan.id}/", f"/scan/s/{scan.id}/result/", f"/scan/s/{scan.id}/report.pdf"):
            assert client.get(url).status_code == 404, (user, url)
    assert Client().get(f"/scan/s/{scan.id}/result/").status_code == 302  # to the sign-in page
    assert _client(company["outsider"]).get(f"/scan/o/{company['org'].slug}/culture/").status_code == 404
    assert _client(company["anna"]).post(f"/scan/o/{company['org'].slug}/start/").status_code == 302
    assert not Scan.objects.exclude(id=scan.id).exists()


def test_the_report_pdf_is_one_page_with_the_levels(company: dict[str, Any]) -> None:
    from pypdf import PdfReader

    scan = _submitted(company)
    response = _client(company["director"]).get(f"/scan/s/{scan.id}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
    assert "Metaal Noord BV" in text and "Digital factory" in text


def test_the_culture_page_takes_anonymous_answers_and_hides_results_below_five(
    company: dict[str, Any],
) -> None:
    slug = company["org"].slug
    posted = _client(company["anna"]).post(
        f"/scan/o/{slug}/culture/", {k: str(v) for k, v in culture_answers().items()}
    )
    assert posted.status_code == 302
    again = _client(company["anna"]).get(f"/scan/o/{slug}/culture/").content.decode()
    assert 'id="culture-done"' in again and 'id="culture-result"' not in again  # staff see no results
    manager = _client(company["director"]).get(f"/scan/o/{slug}/culture/").content.decode()
    assert 'id="culture-suppressed"' in manager


def test_the_api_scores_a_scan_for_hr_and_refuses_others(
    company: dict[str, Any], share_passport: Any
) -> None:
    from techtalent.orgs.services import token_create

    _token, secret = token_create(user=company["hr"], name="script", scopes=["org:scan"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    listed = client.get("/api/scan/instruments")
    assert listed.status_code == 200 and {i["code"] for i in listed.json()} >= {"sih-maturity"}
    payload = {"answers": answers(2), "targets": {"digital-factory": 4}}
    created = client.post(
        f"/api/scan/orgs/{company['org'].slug}/scans",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    result = created.json()
    digital = next(t for t in result["transformations"] if t["code"] == "digital-factory")
    assert (digital["level"], digital["target"]) == (2, 4)
    assert "cs-big-data-analytics" in {c["code"] for c in digital["competencies"]}
    assert result["mapping"]["official"] is False
    got = client.get(f"/api/scan/scans/{result['scan']}", **headers)
    assert got.status_code == 200 and got.json()["transformations"] == result["transformations"]

    _t, staff_secret = token_create(user=company["anna"], name="mine", scopes=["org:scan"])
    assert (
        client.get(
            f"/api/scan/scans/{result['scan']}", HTTP_AUTHORIZATION=f"Bearer {staff_secret}"
        ).status_code
        == 404
    )
    assert client.get(f"/api/scan/scans/{result['scan']}").status_code == 401
    _t, other = token_create(user=company["hr"], name="other", scopes=["taxonomy:read"])
    assert (
        client.get(f"/api/scan/scans/{result['scan']}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code
        == 403
    )
    bad = client.post(
        f"/api/scan/orgs/{company['org'].slug}/scans",
        json.dumps({"answers": {"sd-1": 9}}),
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 400 and "sd-1" in bad.json()["detail"]


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["scan", *args])
    return result.exit_code, result.output


def test_the_console_prints_a_template_scores_it_and_exports(company: dict[str, Any], tmp_path: Path) -> None:
    code, out = _cli("instruments")
    assert code == 0 and "sih-maturity" in out and "culture-new-technicians" in out
    code, template = _cli("template", "sih-maturity")
    assert code == 0 and "df-3:" in template
    filled = yaml.safe_load(template)
    filled["answers"] = answers(3)
    path = tmp_path / "antwoorden.yaml"
    path.write_text(yaml.safe_dump(filled), encoding="utf-8")
    code, out = _cli("take", "sih-maturity", "--org", company["org"].slug, "--answers", str(path), "--json")
    assert code == 0, out
    result = json.loads(out)
    assert {t["level"] for t in result["transformations"]} == {3}
    code, out = _cli("export", "--org", company["org"].slug)
    assert code == 0 and json.loads(out)["scans"][0]["levels"]["smart-design"] == 3


def test_the_console_names_what_is_wrong_in_an_answers_file(company: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "answers": {"sd-1": 3}}), encoding="utf-8")
    code, out = _cli("take", "sih-maturity", "--org", company["org"].slug, "--answers", str(path))
    assert code == 2 and "sd-2" in out
    path.write_text(yaml.safe_dump({"version": 7, "answers": answers(3)}), encoding="utf-8")
    code, out = _cli("take", "sih-maturity", "--org", company["org"].slug, "--answers", str(path))
    assert code == 2 and "version 7" in out
    code, out = _cli("take", "sih-maturity", "--org", "nobody", "--answers", str(path))
    assert code == 2 and "nobody" in out


@pytest.mark.parametrize(("lang", "heading"), [("nl", "Scans voor het mkb"), ("en", "SME scans")])
def test_the_scan_index_speaks_both_languages(company: dict[str, Any], lang: str, heading: str) -> None:
    body = _client(company["director"]).get(f"/scan/?lang={lang}").content.decode()
    assert f"<h1>{heading}</h1>" in body
