"""A real `techtalent serve` on a fresh SQLite database, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ESCO_REAL

CHROMIUM = "/usr/bin/chromium"
TECHTALENT = str(Path(sys.executable).with_name("techtalent"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(data: Path, esco: Path) -> Iterator[str]:
    """Import ``esco`` with the CLI into a fresh SQLite database in ``data``, serve it; yield the base URL."""
    env = server_env(data)
    subprocess.run([TECHTALENT, "init"], env=env, check=True, capture_output=True)
    subprocess.run([TECHTALENT, "esco", "import", str(esco)], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (data / "serve.log").open("w")
    process = subprocess.Popen(
        [TECHTALENT, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/esco/status", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = (data / "serve.log").read_text()[-2000:]
                    raise RuntimeError(f"techtalent serve did not come up: {tail}") from None
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not fail the test on a slow shutdown
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data folder of the session's server (its SQLite database), to set up data as an admin would."""
    return tmp_path_factory.mktemp("e2e-data")


def server_env(data: Path) -> dict[str, str]:
    """The environment of the server in ``data``: run `techtalent …` or Python against its database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "TECHTALENT_CACHE_DIR")}
    env.update(TECHTALENT_DATA_DIR=str(data), DATABASE_URL=f"sqlite:///{data / 'e2e.sqlite3'}")
    return env


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, server_data: Path) -> Iterator[str]:
    """ESCO (real when present, else the toy export) imported with the CLI and served; yields the base URL."""
    if (ESCO_REAL / "en" / "skills_en.csv").exists():
        source = ESCO_REAL
    else:
        from tests.taxonomy.toy_esco import write_toy_export

        source = write_toy_export(tmp_path_factory.mktemp("toy") / "v1.1.1")
    with running_server(server_data, source) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install.sh --test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", base_url=server)
    page = context.new_page()
    yield page
    context.close()
