"""Factsheets: key figures against the national figure, charts as SVG, and a real PDF read back."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from techtalent.monitor.factsheet import factsheet_data, factsheet_html, factsheet_pdf

pytestmark = pytest.mark.django_db


def test_key_figures_compare_the_region_with_the_netherlands(store) -> None:  # type: ignore[no-untyped-def]
    sheet = factsheet_data("PV20", "nl")
    labour = next(f for f in sheet.figures if f.indicator == "labour-force")
    assert (labour.value, labour.national, labour.period) == (381000, 9255000, "2022M05")
    assert sheet.charts and sheet.sources


def test_html_has_the_same_svg_charts_as_the_pdf(store) -> None:  # type: ignore[no-untyped-def]
    html = factsheet_html("PV20", lang="en")
    assert html.count("<svg") >= 1 and "Key figures" in html


def test_pdf_is_a_real_pdf_whose_text_reads_back(store) -> None:  # type: ignore[no-untyped-def]
    pdf = factsheet_pdf("PV20", lang="nl")
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Groningen" in text and "Beroepsbevolking" in text and "Bronnen" in text


def test_map_shapes_are_rewound_for_vega_so_a_region_is_not_drawn_as_the_whole_globe() -> None:
    from techtalent.monitor.charts import _rewind, _ring_area

    counter_clockwise = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    hole_clockwise = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]
    rewound = _rewind({"type": "Polygon", "coordinates": [counter_clockwise, hole_clockwise]})
    outer, hole = rewound["coordinates"]
    assert _ring_area(outer) < 0 < _ring_area(hole)
    assert _rewind(rewound) == rewound
    multi = _rewind({"type": "MultiPolygon", "coordinates": [[counter_clockwise]]})
    assert _ring_area(multi["coordinates"][0][0]) < 0
