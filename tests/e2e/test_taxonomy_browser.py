"""A person in a real browser: searches in Dutch, opens a concept page, switches to English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_search_in_dutch_open_a_concept_and_switch_to_english(page: Page) -> None:
    page.goto("/esco/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaardigheden en beroepen")
    page.get_by_label("Zoek in het Nederlands of Engels").press_sequentially("elektricien", delay=30)
    first = page.locator("#results .results li").first
    expect(first).to_contain_text(re.compile("elektricien", re.I), timeout=15000)
    expect(page).to_have_url(re.compile(r"q=elektricien"))  # search-as-you-type keeps a shareable URL
    page.get_by_label("Soort").select_option("occupation")
    expect(page.locator("#results .results li .badge").first).to_have_text("beroep")
    page.locator("#results .results li a").first.click()
    expect(page.get_by_role("heading", name="Nederlandse labels")).to_be_visible()
    expect(page.locator("#essential-skills li").first).to_be_visible()
    page.screenshot(path="/tmp/techtalent-concept-nl.png", full_page=False)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="English labels")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Essential skills and knowledge"))).to_be_visible()
    skill = page.locator("#essential-skills li a").first
    skill.click()
    expect(page.locator("#occupations li").first).to_be_visible()


def test_the_api_docs_render(page: Page) -> None:
    page.goto("/api/docs")
    expect(page.locator("body")).to_contain_text("techtalent API", timeout=15000)
