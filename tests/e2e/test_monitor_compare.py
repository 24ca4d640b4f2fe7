"""Journey 1 in a real browser: the comparison tool in Dutch; a new region updates chart and table."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_changing_a_region_updates_chart_table_and_url(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL", base_url=server)
    page = context.new_page()
    try:
        page.goto("/monitor/compare/?indicator=labour-force&region=PV20&national=1")
        assert page.locator("html").get_attribute("lang") == "nl"
        assert page.get_by_role("heading", name="Regio's vergelijken").is_visible()
        page.wait_for_selector(".chart[data-rendered='1'] svg", timeout=15000)
        table = page.locator("#compare-table")
        assert "Groningen" in table.inner_text()
        page.select_option("#pick-region", ["PV21"])
        page.wait_for_url("**region=PV21**", timeout=15000)
        page.wait_for_selector(".chart[data-rendered='1'] svg", timeout=15000)
        text = page.locator("#compare-table").inner_text()
        assert "Groningen" not in text and "Nederland" in text
        assert page.locator("#csv-download").get_attribute("href").endswith("format=csv")
    finally:
        context.close()
