"""Journeys 3 and 4 in the English interface, chosen with the site's own language switch (walk of
3 December 2026 in English, docs/walk-2026-12-03-en.md): English hints, a skill already in the passport
shown as added in search-as-you-type, and "electrician" with its skills, without a failed request or
console error."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ESCO_REAL

pytestmark = [pytest.mark.e2e, pytest.mark.realdata]
SLOW = 180_000


@pytest.fixture(autouse=True)
def _full_esco() -> None:
    if not (ESCO_REAL / "en" / "skills_en.csv").exists():
        pytest.fail(f"full ESCO v1.1.1 is needed at {ESCO_REAL} (../shared/data)")


def test_in_english_the_search_hints_are_english_and_a_held_skill_is_shown_added(page: Any) -> None:
    failed: list[str] = []
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto("/")
    page.click("#switch-language")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#home-q")).to_have_attribute("placeholder", "e.g. welding, CNC milling, electrician")
    page.click("#signup")
    page.fill("#id_username", f"mark-{uuid.uuid4().hex[:8]}")
    page.fill("#id_password1", "Production-Operator-45!")
    page.fill("#id_password2", "Production-Operator-45!")
    page.click("#signup-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("My skills passport")
    expect(page.locator("#skill-q")).to_have_attribute("placeholder", "e.g. welding, maintenance, PLC")

    page.fill("#skill-q", "hydraulics")
    hits = page.locator("#skill-hits")
    expect(hits.locator("li").first).to_contain_text("hydraulics", timeout=30_000)
    first = hits.locator("li").first
    uri = first.locator("button.add-skill").get_attribute("data-uri")
    first.locator("button.add-skill").click()
    expect(page.locator(f'#skills tr[data-uri="{uri}"]')).to_have_count(1, timeout=30_000)
    page.fill("#skill-q", "")
    page.fill("#skill-q", "hydraulics")  # the same skill found again: shown as added, not offered again
    added = hits.locator(f'button[data-uri="{uri}"]')
    expect(added).to_have_text("Added", timeout=30_000)
    expect(added).to_be_disabled()
    expect(hits.locator("button.add-skill").first).to_be_enabled()  # the others can still be added

    page.goto("/esco/?q=electrician&kind=occupation")
    first = page.locator("#results .results li").first
    expect(first).to_contain_text("electrician", timeout=30_000)
    first.locator("a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("electrician")
    expect(page.locator("#essential-skills li").first).to_be_visible(timeout=SLOW)
    expect(page.locator("#optional-skills li").first).to_be_visible()
    skill = page.locator("#essential-skills li a").first
    name = skill.inner_text()
    skill.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.locator("#occupations")).to_contain_text("electrician")
    assert not failed, failed
