"""The one-page PDF report of a scan, rendered by WeasyPrint from the same partials as the page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(context: dict[str, Any], *, base_url: str) -> bytes:
    """The report as PDF bytes (A4)."""
    from weasyprint import HTML

    html = render_to_string("scan/report_print.html", context)
    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
    return pdf
