"""Journey 3 in Dutch in a real Chromium: sign up, add two skills by search-as-you-type, see the explained
matches, export the passport as JSON, delete the account, and find that it no longer exists."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def _add_first_skill(page: Any, query: str, rows: int) -> None:
    from playwright.sync_api import expect

    page.fill("#skill-q", query)
    hits = page.locator("#skill-hits")
    expect(hits).to_contain_text(query.split()[0], ignore_case=True, timeout=20_000)
    hits.locator("button.add-skill").first.click()
    expect(page.locator("#skills tbody tr")).to_have_count(rows, timeout=20_000)


def test_a_worker_builds_a_passport_sees_matches_exports_and_deletes_it(page: Any, tmp_path: Any) -> None:
    from playwright.sync_api import expect

    name, password = f"wim-{uuid.uuid4().hex[:8]}", "Proces-Operator-45!"
    page.goto("/")
    page.click("#signup")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.fill("#id_username", name)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.click("#signup-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Mijn vaardighedenpaspoort")
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
