"""Journey 7 in Dutch in a real Chromium: an SME director takes the Smart Industry maturity scan (saving
half-way and resuming), sees the levels per transformation, the competencies for the next level, the staff
gaps from two consenting staff passports, concrete courses, and opens the one-page PDF report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import server_env

pytestmark = pytest.mark.e2e

MAINTENANCE = "http://data.europa.eu/esco/skill/8a4e99e0-f259-4931-888f-604cfdc15b31"
SETUP = """
from techtalent.core.django_setup import setup
setup()
from techtalent.catalog.services import offer_create, provider_get_or_create
from techtalent.matching.services import passport_get_or_create, skill_add
from techtalent.orgs import services as orgs
from techtalent.orgs.accounts import user_create
consent_grant, membership_add = orgs.consent_grant, orgs.membership_add
organisation_create, organisation_verify = orgs.organisation_create, orgs.organisation_verify

director = user_create(username="directeur-mkb", password="Smart-Industry-2026!")
org = organisation_create(name="Metaalbewerking Noord BV", kind="employer", owner=director, region="PV20")
organisation_verify(organisation=org)
for name, skills in (("monteur-anna", ["{m}"]), ("operator-bram", [])):
    user = user_create(username=name, password="Staff-Passport-2026!")
    membership_add(organisation=org, user=user, role="member")
    passport = passport_get_or_create(user=user)
    for uri in skills:
        skill_add(passport=passport, uri=uri)
    consent_grant(passport=passport, organisation=org)
provider = provider_get_or_create(name="Techniekcampus Groningen", kind="institution")
offer_create(provider=provider, title="Machineonderhoud in de praktijk", skills=["{m}"], extract=False,
             hours=32, cost_eur=495, region="PV20", description="Preventief en correctief onderhoud.")
""".replace("{m}", MAINTENANCE)


@pytest.fixture(scope="module")
def company(server: str, server_data: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SETUP], env=server_env(server_data), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return server


def _answer_section(page: Any, value: str) -> None:
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator(f"input[value='{value}']").check()


def test_an_sme_director_takes_the_scan_and_sees_levels_gaps_and_courses(
    page: Any, company: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page.goto("/accounts/login/?next=/scan/")
    page.fill("#id_username", "directeur-mkb")
    page.fill("#id_password", "Smart-Industry-2026!")
    page.click("#login-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Scans voor het mkb")
    page.select_option("#id_sector", "metaal")
    page.click("#start-scan-metaalbewerking-noord-bv")
    expect(page.locator("#scan-form h2")).to_have_text("Smart design")

    # Four sections answered, then saved; the scan is resumed from the overview.
    for _ in range(4):
        _answer_section(page, "2")
        page.click("#next")
    page.click("#save")
    expect(page.locator("#progress")).to_contain_text("16 van 36")
    page.goto("/scan/")
    page.get_by_role("link", name="Verder").click()
    expect(page.locator("#progress")).to_contain_text("16 van 36")
    page.get_by_role("link", name="Advanced manufacturing").click()
    for step in range(5):
        _answer_section(page, "2" if step else "1")  # advanced manufacturing at level 1
        page.click("#submit-scan" if step == 4 else "#next")

    # Scoring, the staff gaps and the first learning route (its index is built on first use) take a moment.
    expect(page.locator("h1")).to_contain_text("Resultaat van de scan", timeout=60_000)
    expect(page.locator("svg.radar")).to_be_visible()
    expect(page.locator("#level-advanced-manufacturing td").nth(1)).to_have_text("1")
    expect(page.locator("#level-smart-design td").nth(1)).to_have_text("2")
    maintenance = page.locator("#comp-advanced-manufacturing li", has_text="Onderhoud en storingen")
    expect(maintenance).to_contain_text("monteur-anna")  # has it, named with her consent
    expect(maintenance).to_contain_text("operator-bram")  # still to learn
    expect(page.locator("#route")).to_contain_text("Machineonderhoud in de praktijk")
    page.screenshot(path=str(tmp_path / "scan-result-nl.png"), full_page=True)

    pdf = page.request.get(page.locator("#pdf").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf.body()))
    assert len(reader.pages) == 1
    assert "Metaalbewerking Noord BV" in reader.pages[0].extract_text()
