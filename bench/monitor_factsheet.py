"""Factsheet render time for a region (default PV20): the web page, the standalone HTML and the PDF.

The page draws its charts in the browser (vega-embed); the standalone HTML and the PDF embed SVG charts from
vl-convert, cached per spec in memory and in CACHE_DIR/chart-svg. "cold" clears that cache before each run.

Usage: TECHTALENT_DATA_DIR=/tmp/bench-mon python bench/monitor_factsheet.py [REGION] [RUNS]
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable

from techtalent.core.django_setup import ensure_database


def best(render: Callable[[], object], runs: int, before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        render()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main(region: str, runs: int) -> None:
    ensure_database()
    from django.test import Client

    from techtalent.monitor import charts
    from techtalent.monitor.charts import _svg_dir
    from techtalent.monitor.factsheet import factsheet_html, factsheet_pdf

    def clear() -> None:
        charts._SVG_MEMO.clear()
        shutil.rmtree(_svg_dir(), ignore_errors=True)

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    url = f"/monitor/factsheet/{region}/"

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    page()  # warm up imports and templates
    print(f"page  ({url}, charts client-side): best {best(page, runs):.0f} ms of {runs}")
    html = lambda: factsheet_html(region, lang="nl", embed=False)  # noqa: E731
    pdf = lambda: factsheet_pdf(region, lang="nl")  # noqa: E731
    print(f"html  (standalone, SVG) cold: best {best(html, runs, clear):.0f} ms of {runs}")
    print(f"html  (standalone, SVG) warm: best {best(html, runs):.0f} ms of {runs}")
    print(f"pdf   cold: best {best(pdf, runs, clear):.0f} ms of {runs}")
    print(f"pdf   warm: best {best(pdf, runs):.0f} ms of {runs}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "PV20", int(sys.argv[2]) if len(sys.argv) > 2 else 3)
