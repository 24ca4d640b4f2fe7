"""In a real browser, in Dutch: a skill ESCO names only in English shows its derived Dutch name, marked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_dutch_search_and_concept_page_show_a_derived_label_marked(page: Page) -> None:
    page.goto("/esco/?q=pompen&kind=skill")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    first = page.locator("#results .results li").first
    badge = first.locator(".badge.derived")
    expect(badge).to_have_text("automatisch vertaald", timeout=15000)
    expect(badge).to_have_attribute("title", re.compile(r"Engelse label “.+”"))
    name = first.locator("a").first.inner_text()
    first.locator("a").first.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(name)
    expect(heading.locator(".badge.derived")).to_be_visible()
    derived = page.locator("#derived-labels")
    expect(derived.get_by_role("heading")).to_have_text("Automatisch vertaalde labels")
    expect(derived.locator("tbody tr").first).to_contain_text(name)
    expect(derived.locator("tbody tr td").nth(3)).to_have_text(re.compile(r"^0,\d\d$"))
    expect(page.get_by_role("heading", name="Engelse labels")).to_be_visible()
    expect(page.get_by_role("heading", name="Nederlandse labels")).to_have_count(0)
    page.screenshot(path="/tmp/techtalent-derived-label-nl.png", full_page=False)
