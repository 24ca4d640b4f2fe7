"""The extraction page in a real Chromium: paste a Dutch vacancy, see the skills marked, reject one."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.extraction.conftest import TOY_ESCO, URI, VACANCY_NL

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`techtalent serve` on a free port, over a fresh data folder with the toy ESCO imported by the CLI."""
    data = tmp_path_factory.mktemp("e2e-extraction")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TECHTALENT_CACHE_DIR")}
    env["TECHTALENT_DATA_DIR"] = str(data)
    command = [sys.executable, "-m", "techtalent"]
    subprocess.run([*command, "esco", "import", str(TOY_ESCO)], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (data / "serve.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/extract/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"server did not start: {Path(log.name).read_text()[-2000:]}"
                    ) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_a_dutch_text_gets_its_skills_marked_and_one_can_be_rejected(server: str) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(server + "/extract/")
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
            browser.close()
