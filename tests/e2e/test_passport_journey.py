"""Journey 3 in Dutch in a real Chromium: sign up, add two skills by search-as-you-type, see the explained
matches, export the passport as JSON, delete the account, and find that it no longer exists; and a
control-room operator who chooses "onderhoud" as target and gets a path with the skills to learn per step."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.e2e.accounts import sign_up

pytestmark = pytest.mark.e2e


def _add_first_skill(page: Any, query: str, rows: int) -> None:
    from playwright.sync_api import expect

    page.fill("#skill-q", query)
    hits = page.locator("#skill-hits")
    expect(hits).to_contain_text(query.split()[0], ignore_case=True, timeout=20_000)
    hits.locator("button.add-skill").first.click()
    expect(page.locator("#skills tbody tr")).to_have_count(rows, timeout=20_000)


@pytest.mark.realdata
def test_an_operator_chooses_maintenance_and_gets_a_path_with_skills_to_learn(page: Any) -> None:
    from playwright.sync_api import expect

    sign_up(page, f"ahmet-{uuid.uuid4().hex[:8]}", "Controlekamer-45!")
    _add_first_skill(page, "elektrische apparatuur onderhouden", 1)
    _add_first_skill(page, "technische tekeningen lezen", 2)
    page.fill("#occ-q", "operator controlekamer chemische installatie")
    hits = page.locator("#occupation-hits")
    expect(hits).to_contain_text("operator controlekamer chemische installatie", timeout=20_000)
    hits.locator("button.pick-occupation").first.click()
    page.locator("form:has(#occ-q) button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("operator controlekamer chemische installatie")

    page.click("#to-matches")
    first = page.locator("#matches li.match").first
    expect(first).to_contain_text("Dekt", timeout=120_000)  # "Dekt 9 van 14 essentiële vaardigheden"
    expect(first.locator(".score")).to_contain_text("%")

    # the first visit builds the occupation graph (~10–30 s on a busy machine), later ones read it from cache
    page.goto("/passport/paths/", timeout=180_000)
    expect(page.locator("h1")).to_have_text("Overstaproutes")
    page.fill("#id_to", "onderhoud")
    page.click("#path-form button[type=submit]", timeout=180_000)
    paths = page.locator("#paths li.path")
    expect(paths.first).to_be_visible(timeout=120_000)
    expect(page.locator("#paths")).to_contain_text("onderhoud")  # every path ends in a maintenance occupation
    steps = paths.first.locator("li.step")
    assert 1 <= steps.count() <= 3
    for i in range(steps.count()):
        expect(steps.nth(i).locator(".to-learn")).to_be_visible()
    expect(paths.first.locator(".to-learn").first).to_contain_text("Te leren")
    expect(page.locator("#paths-graph svg")).to_be_visible()

    page.fill("#id_to", "9999")  # an ISCO group without occupations: a clear Dutch error, no 500
    page.click("#path-form button[type=submit]")
    expect(page.locator("#path-form .status.error")).to_contain_text("Geen beroep in ISCO-groep 9999")


def test_a_worker_builds_a_passport_sees_matches_exports_and_deletes_it(page: Any, tmp_path: Any) -> None:
    from playwright.sync_api import expect

    name, password = f"wim-{uuid.uuid4().hex[:8]}", "Proces-Operator-45!"
    sign_up(page, name, password)
    expect(page.locator("#no-skills")).to_be_visible()

    _add_first_skill(page, "elektrische apparatuur onderhouden", 1)
    _add_first_skill(page, "technische tekeningen lezen", 2)

    page.click("#to-matches")
    expect(page.locator("h1")).to_have_text("Beroepen die passen")
    matches = page.locator("#matches li.match")
    expect(matches.first).to_be_visible()
    expect(matches.first).to_contain_text("Overeenkomend")
    expect(matches.first).to_contain_text("Ontbreekt")

    page.goto("/passport/")
    with page.expect_download() as info:
        page.click("#export")
    exported = json.loads((info.value.path()).read_text(encoding="utf-8"))
    assert exported["schema"] == "techtalent-passport/1" and exported["account"]["username"] == name
    assert len(exported["skills"]) == 2 and {s["source"] for s in exported["skills"]} == {"self"}

    page.click("#delete-account")
    expect(page.locator("h1")).to_have_text("Mijn account verwijderen")
    page.click("#delete-form button")
    expect(page.locator("#signup")).to_be_visible()  # signed out, back home
    page.goto("/accounts/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-form")).to_contain_text("passen niet")  # the account is gone
