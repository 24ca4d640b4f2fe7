"""Fixtures for the Django side of the monitor: a store with the starter data, and a local OData server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "monitor"


@pytest.fixture
def store(db: None) -> dict[str, int]:
    """The starter data loaded into the test database."""
    from techtalent.monitor.services import starter_load

    return starter_load()


class _OData(http.server.SimpleHTTPRequestHandler):
    """Serves fixtures/monitor/cbs/<table>/<Name>.json for /<table>/<Name>?$format=json, like CBS does."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(path.split("?", 1)[0] + ".json")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def odata() -> Iterator[str]:
    """The base URL of a local CBS-style OData v3 server on 127.0.0.1."""
    handler = functools.partial(_OData, directory=str(FIXTURES / "cbs"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
