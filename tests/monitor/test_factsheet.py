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


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len(pages), " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_figure_the_checks_flag_gets_a_footnote_in_html_and_pdf(store) -> None:  # type: ignore[no-untyped-def]
    sheet = factsheet_data("NL01", "nl")
    workers = next(f for f in sheet.figures if f.indicator == "technical-occupation-workers")
    assert workers.value == 847000 and workers.notes
    dutch = "de delen naar geslacht tellen op tot 1.847.000, het geheel staat op 847.000"
    assert any(dutch in note for note in sheet.notes), sheet.notes
    assert not any(word in " ".join(sheet.notes) for word in ("add up", "stated", "imply", "parts over"))
    pages, text = _pdf_text(factsheet_pdf("NL01", lang="nl"))
    assert pages == 1 and "Gemeld door de consistentiecontroles" in text and dutch in text


def test_footnotes_of_an_english_factsheet_are_english(store) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    with translation.override("en"):
        notes = factsheet_data("NL01", "en").notes
    english = "the parts by gender add up to 1,847,000, the whole is stated as 847,000"
    assert any(english in note for note in notes), notes
    assert not any(word in " ".join(notes) for word in ("tellen op", "staat op", "geslacht"))
    pages, text = _pdf_text(factsheet_pdf("NL01", lang="en"))
    assert pages == 1 and english in text


@pytest.mark.realdata
def test_groningen_factsheet_on_open_data_is_one_a4_page_that_matches_its_html(store) -> None:  # type: ignore[no-untyped-def]
    from techtalent.monitor.imports import open_data_import
    from tests.conftest import SHARED

    if not (SHARED / "data" / "nl").is_dir():
        pytest.skip("open data not available")
    open_data_import(SHARED / "data" / "nl")
    sheet = factsheet_data("PV20", "nl")
    share = next(f for f in sheet.figures if f.indicator == "havo-n-profile-share")
    # DUO 2018-2019: the last school year of the exam file; the nation from CBS 85381NED (22,770 / 54,630)
    assert share.period == "2018/2019" and share.previous_period == "2017/2018"
    assert share.national == pytest.approx(22770 / 54630 * 100)
    assert share.change_text.startswith("+") and share.change_text.endswith("procentpunt")
    assert len(sheet.charts) == 2
    html = factsheet_html("PV20", lang="nl")
    pdf = factsheet_pdf("PV20", lang="nl")
    pages, text = _pdf_text(pdf)
    assert pages == 1
    for figure in sheet.figures:  # every key figure is on the page, formatted alike in HTML and PDF
        assert figure.value_text in html and figure.value_text in text
        assert figure.national_text in html and figure.national_text in text
    assert "Aandeel havisten met een N-profiel" in text and "Openstaande vacatures in de techniek" in text
    assert "CBS (2023). Openstaande vacatures; SBI 2008, regio" in text and "DUO (2019)" in text
    assert ".txt" not in text and ".csv" not in text  # sources by title, not file name
    assert html.count("<svg") >= 2
    english_pages, english = _pdf_text(factsheet_pdf("PV20", lang="en"))
    assert english_pages == 1 and "Share of havo pupils with an N-profile" in english
    assert share.shown(share.value).replace(",", ".") in english  # 45.7 rather than 45,7
