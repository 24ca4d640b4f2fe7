"""The extraction page in a real Chromium: paste a Dutch vacancy, see the skills marked, reject one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import running_server
from tests.extraction.conftest import TOY_ESCO, URI, VACANCY_EN, VACANCY_NL

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def toy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`techtalent serve` over a fresh data folder with the toy ESCO (known URIs) imported by the CLI."""
    with running_server(tmp_path_factory.mktemp("e2e-extraction"), TOY_ESCO) as base:
        yield base


def test_a_dutch_text_gets_its_skills_marked_and_one_can_be_rejected(
    browser: Browser, toy_server: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(toy_server + "/extract/")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        page.locator("#extract-text").fill(VACANCY_NL)
        page.locator("#extract-submit").click()

        mark = page.locator(f'#doc mark[data-uri="{URI["mag_welding"]}"]')
        expect(mark).to_have_text("MAG-lassen")
        expect(page.locator(f'#doc mark[data-uri="{URI["tig_welding"]}"]')).to_be_visible()
        assert mark.locator("a").get_attribute("href").startswith("/esco/concept/?uri=")

        row = page.locator(f'#found tr[data-uri="{URI["mag_welding"]}"]')
        row.locator("button.reject").click()
        expect(page.locator(f'#found tr[data-uri="{URI["mag_welding"]}"]')).to_have_class("rejected")
        expect(page.locator(f'#doc mark[data-uri="{URI["mag_welding"]}"]')).to_have_class(
            re.compile("rejected")
        )
        expect(page.locator("#count-rejected")).to_have_text("1")

        page.reload()  # the decision lives in the session
        expect(page.locator(f'#found tr[data-uri="{URI["mag_welding"]}"]')).to_have_class("rejected")
    finally:
        page.close()


def test_an_english_text_offers_more_suggestions_that_can_be_accepted(
    browser: Browser, toy_server: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(toy_server + "/extract/")
        page.locator("#extract-text").fill(VACANCY_EN)
        page.locator("#extract-submit").click()
        expect(page.locator("#found")).to_be_visible()
        more = page.locator("#suggestions")
        expect(more.locator(":scope > summary")).to_contain_text("suggesties")
        more.locator(":scope > summary").click()
        first = more.locator("tbody tr").first
        expect(first).to_be_visible()
        first.locator("button.accept").click()
        expect(page.locator("#suggestions tbody tr").first).to_have_class("accepted")
        expect(page.locator("#count-accepted")).to_have_text("1")
    finally:
        page.close()
