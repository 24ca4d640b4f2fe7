"""Journey 1 in a real browser on the real CBS/DUO files: compare the north with the nation, source, CSV, PDF.

Screenshots go to $TECHTALENT_SCREENSHOTS (default: a temporary folder) so a person can look at them.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SHARED
from tests.e2e.conftest import TECHTALENT, running_server

pytestmark = [pytest.mark.e2e, pytest.mark.realdata]

NL_DATA = SHARED / "data" / "nl"
REGIONS = SHARED / "data" / "regions"


@pytest.fixture(scope="module")
def open_data_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose store holds the open data and the province shapes, imported with the CLI."""
    if not NL_DATA.is_dir() or not REGIONS.is_dir():
        pytest.skip(f"open data or region shapes not available under {SHARED / 'data'}")
    from tests.taxonomy.toy_esco import write_toy_export

    data = tmp_path_factory.mktemp("journey1")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "TECHTALENT_CACHE_DIR")}
    env.update(TECHTALENT_DATA_DIR=str(data), DATABASE_URL=f"sqlite:///{data / 'e2e.sqlite3'}")
    for args in (
        ["init"],
        ["monitor", "import-regions", str(REGIONS)],
        ["monitor", "import-open-data", str(NL_DATA)],
    ):
        subprocess.run([TECHTALENT, *args], env=env, check=True, capture_output=True)
    esco = write_toy_export(tmp_path_factory.mktemp("toy") / "v1.1.1")
    with running_server(data, esco) as base:
        yield base


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("TECHTALENT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(
    ("locale", "lang", "heading", "share", "vacancies", "decimal"),
    [
        (
            "nl-NL",
            "nl",
            "Regio's vergelijken",
            "Aandeel havisten met een N-profiel",
            "Openstaande vacatures in de techniek",
            ",",
        ),
        (
            "en-GB",
            "en",
            "Compare regions",
            "Share of havo pupils with an N-profile",
            "Open vacancies in technology",
            ".",
        ),
    ],
)
def test_journey_1_north_against_the_nation_with_sources_csv_and_one_page_pdf(  # type: ignore[no-untyped-def]
    browser, open_data_server: str, tmp_path: Path, locale, lang, heading, share, vacancies, decimal
) -> None:
    shots = _shots(tmp_path)
    context = browser.new_context(
        locale=locale, base_url=open_data_server, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/monitor/")
        if lang == "en":  # the site starts in Dutch; the button in the header switches to English
            page.locator("#switch-language").click()
            page.wait_for_selector("html[lang='en']")
        page.get_by_role("link", name=heading).first.click()
        assert page.get_by_role("heading", name=heading).is_visible()
        # the default choice is journey 1 and shows data: two line charts and two province maps
        page.wait_for_selector(".chart.map[data-rendered='1'] svg", timeout=30000)
        page.wait_for_function(
            "document.querySelectorAll(\".chart[data-rendered='1']\").length >= 4", timeout=30000
        )
        charts = page.locator(".chart:not(.map)")
        assert share in charts.nth(0).inner_text() and vacancies in charts.nth(1).inner_text()
        legend = charts.nth(0).inner_text()
        assert all(name in legend for name in ("Groningen", "Fryslân", "Drenthe", "Nederland"))
        assert "PV20" not in legend and "open-vacancies" not in legend
        page.screenshot(path=str(shots / f"journey1-compare-{lang}.png"), full_page=False)
        page.locator(".charts").screenshot(path=str(shots / f"journey1-charts-{lang}.png"))
        table = page.locator("#compare-table").inner_text()
        assert share in table and "havo-n-profile-share" not in table
        # Dutch and English number formats: 41,7 / 41.7 and 88.900 / 88,900
        assert f"41{decimal}7" in table
        assert ("88.900" if lang == "nl" else "88,900") in table
        # every number links to its source, named by title and publisher
        page.locator("#compare-table a").first.click()
        detail = page.locator(".source-detail").inner_text()
        assert page.locator("#source-title").inner_text().strip() and ("DUO" in detail or "CBS" in detail)
        assert "CC-BY 4.0" in detail
        page.go_back()
        with page.expect_download() as download:
            page.locator("#csv-download").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        header = text.splitlines()[0]
        assert header.startswith(
            "Indicator;Indicatorcode;Regio" if lang == "nl" else "Indicator,Indicator code,Region"
        )
        assert "Fryslân" in text and ".0;" not in text
        # the factsheet for Groningen, and its one-page PDF
        page.goto("/monitor/factsheet/PV20/")
        page.wait_for_selector(".chart[data-rendered='1'] svg", timeout=30000)
        page.screenshot(path=str(shots / f"journey1-factsheet-{lang}.png"), full_page=True)
        href = page.locator("#factsheet-pdf").get_attribute("href")
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"] == "application/pdf"
        pdf = PdfReader(io.BytesIO(response.body()))
        (shots / f"journey1-factsheet-{lang}.pdf").write_bytes(response.body())
        assert len(pdf.pages) == 1 and share in " ".join(pdf.pages[0].extract_text().split())
    finally:
        context.close()
