"""Factsheet render time for a region (default PV20): the web page, the standalone HTML and the PDF.

The page draws its charts in the browser (vega-embed); the standalone HTML and the PDF embed SVG charts from
vl-convert, cached per spec in memory and in CACHE_DIR/chart-svg. "cold" clears that cache before each run.
Each line gives the best wall time and the best CPU time of this process (time.process_time, less noisy on a
loaded machine; SQLite and WeasyPrint run in this process).

Usage: TECHTALENT_DATA_DIR=/tmp/bench-mon python bench/monitor_factsheet.py [REGION] [RUNS]
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable

from techtalent.core.django_setup import ensure_database


def best(render: Callable[[], object], runs: int, before: Callable[[], None] | None = None) -> str:
    times, cpu = [], []
    for _ in range(runs):
        if before:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        render()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return f"best {min(times) * 1000:.0f} ms (cpu {min(cpu) * 1000:.0f} ms) of {runs}"


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
    print(f"page  ({url}, charts client-side): {best(page, runs)}")
    html = lambda: factsheet_html(region, lang="nl", embed=False)  # noqa: E731
    pdf = lambda: factsheet_pdf(region, lang="nl")  # noqa: E731
    print(f"html  (standalone, SVG) cold: {best(html, runs, clear)}")
    print(f"html  (standalone, SVG) warm: {best(html, runs)}")
    print(f"pdf   cold: {best(pdf, runs, clear)}")
    print(f"pdf   warm: {best(pdf, runs)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "PV20", int(sys.argv[2]) if len(sys.argv) > 2 else 3)
