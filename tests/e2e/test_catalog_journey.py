"""Journey 6 in a real Chromium, in Dutch and once more in English: a training provider describes a
module, sees its ESCO skills, places it as a station on a metro line and issues a micro-credential; the
credential verifies (and a tampered copy does not, offline with the CLI); a worker's gap for "lasser"
shows a route of stations, and the worker adds the credential to the skills passport."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import TECHTALENT

pytestmark = pytest.mark.e2e

WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
# The real ESCO export has no Dutch label for every skill; the page then shows the English one.
# Official Dutch, derived Dutch ("automatisch vertaald") or English: the skill ESCO names in English only.
MAG = re.compile("MAG-lassen|metal active gas welding|metalen actieve gas", re.IGNORECASE)
MODULE = (
    "Deelnemers leren MAG-lassen en TIG-lassen in de werkplaats en technische tekeningen lezen. "
    "Ze werken veilig met lasapparatuur."
)
# What the pages say in each interface language (Dutch is the default; English is switched to).
TEXT = {
    "nl": {
        "passport": "Mijn vaardighedenpaspoort",
        "catalog": "Leeraanbod",
        "describe": "Beschrijf een module",
        "extracted": "gevonden door extractie",
        "valid": "Geldig",
        "invalid": "Niet geldig",
        "route": "Hoe kom je daar",
        "teaches": "Leert",
    },
    "en": {
        "passport": "My skills passport",
        "catalog": "Learning offers",
        "describe": "Describe a module",
        "extracted": "found by extraction",
        "valid": "Valid",
        "invalid": "Not valid",
        "route": "How to get there",
        "teaches": "Teaches",
    },
}


def _signup(page: Any, name: str, lang: str) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.click("#signup")
    page.fill("#id_username", name)
    page.fill("#id_password1", "Lange-Leerlijn-2026!")
    page.fill("#id_password2", "Lange-Leerlijn-2026!")
    page.click("#signup-form button[type=submit]")
    expect(page.locator("h1")).to_have_text(TEXT["nl"]["passport"])
    if lang != "nl":
        page.click("#switch-language")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1")).to_have_text(TEXT[lang]["passport"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_provider_builds_a_station_issues_a_credential_and_a_worker_sees_the_route(
    browser: Any, server: str, tmp_path: Path, lang: str
) -> None:
    from playwright.sync_api import expect

    text = TEXT[lang]

    worker_ctx = browser.new_context(base_url=server, accept_downloads=True)
    provider_ctx = browser.new_context(base_url=server, accept_downloads=True)
    worker, provider = worker_ctx.new_page(), provider_ctx.new_page()
    wim, tess = f"wim-{uuid.uuid4().hex[:6]}", f"tess-{uuid.uuid4().hex[:6]}"
    _signup(worker, wim, lang)

    # The provider registers, describes a module and sees the ESCO skills found in it.
    _signup(provider, tess, lang)
    provider.click("#nav-catalog")
    expect(provider.locator("h1")).to_have_text(text["catalog"])
    provider.click("#register-provider")
    academy = f"Lasacademie {tess}"
    provider.fill("#id_name", academy)
    provider.select_option("#id_kind", "academy")
    provider.click("#provider-form button[type=submit]")
    expect(provider.locator("h1")).to_have_text(text["describe"])
    provider.fill("#id_title", "Lassen in de praktijk")
    provider.fill("#id_description", MODULE)
    provider.fill("#id_hours", "40")
    provider.fill("#id_cost_eur", "450")
    provider.click("#offer-form button[type=submit]")
    expect(provider.locator("#offer-title")).to_have_text("Lassen in de praktijk")
    skills = provider.locator("#offer-skills tr")
    expect(skills.first).to_be_visible()
    expect(provider.locator("#offer-skills")).to_contain_text(MAG)
    expect(provider.locator("#offer-skills")).to_contain_text(text["extracted"])
    for index in range(skills.count()):  # accept every suggestion; each decision reloads the page
        provider.locator("#offer-skills tr").nth(index).locator("button.accept").click()
        expect(provider.locator("#offer-skills tr").nth(index)).to_have_class("accepted")
    offer_url = provider.url

    # It starts a metro line (the canvas) and places the module as its first station.
    provider.goto("/catalog/lines/new/")
    provider.fill("#id_name", f"Lijn Lassen {tess}")
    provider.fill("#id_theme", "Lassen")
    provider.fill("#id_target_group", "Operators die willen doorgroeien naar lasser")
    provider.fill("#id_end_terms", "Zelfstandig MAG-lassen volgens tekening")
    provider.click("#line-form button[type=submit]")
    expect(provider.locator("#line-name")).to_contain_text("Lijn Lassen")
    provider.select_option("#station-form select", label="Lassen in de praktijk")
    provider.click("#station-form button[type=submit]")
    expect(provider.locator("#stations li")).to_have_count(1)
    expect(provider.locator("#line-map svg circle")).to_have_count(1)
    expect(provider.locator("#line-map")).to_contain_text("Lassen in de praktijk")

    # It issues a micro-credential to the worker and sees it verified.
    provider.goto(offer_url)
    provider.fill("#id_recipient", wim)
    provider.click("#issue-form button[type=submit]")
    expect(provider.locator("#verify-result")).to_contain_text(text["valid"])
    expect(provider.locator("#credential-skills")).to_contain_text(MAG)
    credential_url = provider.url
    with provider.expect_download() as info:
        provider.click("#download-ob")
    good = tmp_path / "credential.json"
    good.write_bytes(Path(info.value.path()).read_bytes())
    document = json.loads(good.read_text(encoding="utf-8"))
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    ok = subprocess.run([TECHTALENT, "credentials", "verify", str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    document["credentialSubject"]["achievement"]["name"] = "Meesterlasser"
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert (
        subprocess.run([TECHTALENT, "credentials", "verify", str(bad)], capture_output=True).returncode == 1
    )
    provider.goto("/catalog/credentials/verify/")
    provider.fill("#id_document", bad.read_text(encoding="utf-8"))
    provider.click("#verify-form button[type=submit]")
    expect(provider.locator("#verify-result")).to_contain_text(text["invalid"])

    # The worker's gap for "lasser" shows a route through the station.
    worker.goto(f"/passport/matches/occupation/?uri={WELDER}")
    route = worker.locator("#learning-route")
    expect(route).to_contain_text(text["route"])
    expect(route.locator("#route-stations li").first).to_contain_text("Lassen in de praktijk", timeout=20_000)
    expect(route).to_contain_text(text["teaches"])

    # The worker adds the received credential to the passport; its skills count as evidenced.
    worker.goto(credential_url)
    worker.click("#to-passport button")
    expect(worker.locator("h1")).to_have_text(text["passport"])
    expect(worker.locator("#skills")).to_contain_text(MAG)
    worker_ctx.close()
    provider_ctx.close()
