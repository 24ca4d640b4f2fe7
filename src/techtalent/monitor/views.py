"""Pages: overview, comparison tool (shareable GET URL, CSV), contradictions, sources and factsheets."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.monitor import selectors
from techtalent.monitor.compare import comparison, selection_from
from techtalent.monitor.csv_export import comparison_csv
from techtalent.monitor.factsheet import factsheet_data, factsheet_pdf, render_sheet
from techtalent.monitor.findings import finding_texts
from techtalent.monitor.formats import breakdown_label, format_number, unit_label
from techtalent.monitor.models import Observation, Region, Source

REGION_KINDS = ("country", "landsdeel", "province", "arbeidsmarktregio")


def _lang() -> str:
    return get_language() or "nl"


def index(request: HttpRequest) -> HttpResponse:
    """Indicators, regions with a factsheet, and links to the tools."""
    return render(
        request,
        "monitor/index.html",
        {
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name(_lang()),
                    "unit": unit_label(i.unit),
                    "definition": i.definition(_lang()),
                    "derivation": i.derivation(_lang()),
                    "source_table": i.source_table,
                    "licence": i.licence,
                }
                for i in selectors.indicator_list()
            ],
            "regions": selectors.region_list(("country", "province")),
            "lang": _lang(),
            "count": Observation.objects.count(),
        },
    )


def _region_groups() -> list[tuple[str, list[Region]]]:
    """The regions a user can pick, grouped by kind in the order people look for them."""
    labels = {
        "country": _("Country"),
        "province": _("Provinces"),
        "landsdeel": _("Landsdelen"),
        "arbeidsmarktregio": _("Labour market regions"),
    }
    regions = list(selectors.region_list(REGION_KINDS).order_by("name"))
    order = ("country", "province", "landsdeel", "arbeidsmarktregio")
    return [
        (labels[k], [r for r in regions if r.kind == k]) for k in order if any(r.kind == k for r in regions)
    ]


def compare(request: HttpRequest) -> HttpResponse:
    """Compare indicators across regions and periods; format=csv downloads the table."""
    selection = selection_from(request.GET)
    if request.GET.get("format") == "csv":
        lines = comparison_csv(selection, _lang())
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="monitor.csv"'
        return response
    result = comparison(selection, _lang())
    context = {
        "sel": selection,
        "indicators": selectors.indicator_list(),
        "region_groups": _region_groups(),
        "periods": selectors.period_list(selection.indicators),
        "lang": _lang(),
        "csv_query": request.GET.urlencode() + ("&" if request.GET else "") + "format=csv",
        **result,
    }
    return render(request, "monitor/compare.html", context)


def check(request: HttpRequest) -> HttpResponse:
    """Every contradiction among the stored figures, with both sources side by side."""
    found = selectors.contradictions()
    texts = finding_texts(found, _lang())
    return render(
        request, "monitor/check.html", {"found": list(zip(found, texts, strict=True)), "lang": _lang()}
    )


def source(request: HttpRequest, pk: int) -> HttpResponse:
    """One source and the figures stored from it."""
    src = get_object_or_404(Source, pk=pk)
    lang = _lang()
    observations = [
        {
            "indicator_name": o.indicator.name(lang),
            "region": o.region.name,
            "period": o.period,
            "breakdown": breakdown_label(o.breakdown_key) if o.breakdown_key else "",
            "value": format_number(o.value, o.unit, lang),
            "unit": unit_label(o.unit),
        }
        for o in src.observations.select_related("indicator", "region").defer("region__shape")[:200]
    ]
    return render(request, "monitor/source.html", {"src": src, "observations": observations, "lang": lang})


def factsheet(request: HttpRequest, code: str) -> HttpResponse:
    """A region's factsheet page (charts drawn client-side from the same Vega-Lite specs as the PDF)."""
    try:
        sheet = factsheet_data(code, _lang())
    except UserError as exc:
        raise Http404(str(exc)) from None
    # The charts are rendered in the browser (vega-embed, as on the comparison page); the PDF keeps the SVGs.
    html = render_sheet(sheet, lang=_lang(), svg=False)
    body = html.split("<body>", 1)[-1].rsplit("</body>", 1)[0]
    return render(request, "monitor/factsheet.html", {"sheet": sheet, "body": body, "lang": _lang()})


def factsheet_download(request: HttpRequest, code: str) -> HttpResponse:
    """A region's factsheet as PDF."""
    try:
        pdf = factsheet_pdf(code, lang=_lang())
    except UserError as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factsheet-{code}.pdf"'
    return response
