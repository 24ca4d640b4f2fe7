"""The extraction page: paste or upload, see the concepts marked in the text, accept or reject, export."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from techtalent.extraction import review, services
from techtalent.extraction.readers import EmptyText, InputError, TooLarge
from techtalent.taxonomy import selectors
from techtalent.taxonomy.engine import ShownLabel
from techtalent.vacancies.forms import SaveForm
from techtalent.vacancies.selectors import employer_organisations, title_of
from techtalent.web.request_limits import too_large_message

_MAX_PAGE_TITLES = 50
PASTED = gettext_noop("pasted text")  # the review's name of a pasted text, translated when shown


def _lang() -> str:
    return get_language() or "nl"


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    state = review.review_state(request.session)
    context: dict[str, Any] = {"review": None, "lang": _lang(), "limits": services.limits(), **extra}
    if state is not None:
        context["review"] = review.review_view(state, _labels(state))
        if state["name"] == PASTED:  # named in the language of the page, not the one it was pasted in
            context["review"]["name"] = _(PASTED)
            context["pasted"] = state["text"]  # back in the box after a reload or a language switch
        context["save_to"] = _save_form(request, state["text"])
    return context


def _save_form(request: HttpRequest, text: str) -> SaveForm | None:
    """ "Save as vacancy", for members of an employer organisation (the vacancies domain keeps it)."""
    organisations = employer_organisations(user=request.user)
    if not organisations.exists():
        return None
    names = list(organisations.values_list("name", flat=True))
    return SaveForm(organisations=organisations, initial={"title": title_of(text, names)})


def _labels(state: dict[str, Any]) -> dict[str, ShownLabel]:
    """The shown name of every concept and suggestion of the review, by the taxonomy's display rule (a
    derived name the text used is the one shown: ``selectors.attested_labels``, one query for all)."""
    result = state["result"]
    found = {c["uri"]: c for c in [*result.get("ranking", []), *result["concepts"]]}
    uris = [c["uri"] for c in result["concepts"]] + review.suggestion_uris(result)
    return selectors.attested_labels({uri: _matched(found.get(uri)) for uri in uris}, _lang())


def _matched(c: dict[str, Any] | None) -> tuple[str, ...]:
    """What the text used for a found concept: the matched label and its sentence (attested names)."""
    if c is None:
        return ()
    return (str(c.get("label", "")), str((c.get("evidence") or {}).get("sentence", "")))


def _result(request: HttpRequest, error: InputError | None = None) -> HttpResponse:
    """The result block for htmx (always 200, so htmx swaps it in), else the whole page."""
    context = _context(request, error=str(error) if error else "")
    if request.htmx:
        return render(request, "extraction/_result.html", context)
    return render(request, "extraction/page.html", context, status=error.status if error else 200)


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    """The page with the forms and, when there is one, the review of the last text."""
    return render(request, "extraction/page.html", _context(request, status=selectors.taxonomy_status()))


def _read(request: HttpRequest) -> tuple[str, str, dict[str, Any]]:
    cap = services.limits().page_max_chars
    try:
        lang = request.POST.get("lang", "auto")
        upload = request.FILES.get("file")
    except RequestDataTooBig:
        raise TooLarge(
            _("The text is too large for this page; use the API or the techtalent command.")
        ) from None
    if upload is not None and upload.size:
        if upload.size > services.limits().max_bytes:
            raise TooLarge(too_large_message(services.limits().max_bytes))
        name = upload.name or "upload"
        text, result = services.extract_upload(upload.read(), name=name, lang=lang, max_chars=cap)
        return name, text, result
    text = request.POST.get("text", "")
    if not text.strip():
        raise EmptyText(_("Paste a text or choose a file first."))
    return PASTED, text, services.extract_text(text, lang=lang, max_chars=cap)


@require_POST
def analyse(request: HttpRequest) -> HttpResponse:
    """Read the pasted text or uploaded file, extract, and start a review of the result."""
    try:
        name, text, result = _read(request)
    except InputError as error:
        return _result(request, error)
    review.review_start(request.session, name=name, text=text, result=result)
    return _result(request)


@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    """Accept, reject or reopen one found concept."""
    review.review_decide(
        request.session, uri=request.POST.get("uri", ""), decision=request.POST.get("decision", "")
    )
    if not request.htmx:
        return redirect("extraction:page")
    return _result(request)


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The accepted concepts as a JSON download."""
    state = review.review_state(request.session)
    if state is None:
        return JsonResponse({"detail": _("Nothing to export yet.")}, status=404)
    response = HttpResponse(
        json.dumps(review.review_export(state, _labels(state)), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="accepted-concepts.json"'
    return response


def _named_titles(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The title rows with each occupation named by the taxonomy's display rule (derived names marked)."""
    names = selectors.shown_labels([c["uri"] for r in rows for c in r["concepts"]], _lang())
    return [
        {**r, "concepts": [{**c, **review.display_fields(c, names, _lang())} for c in r["concepts"]]}
        for r in rows
    ]


@require_POST
def titles(request: HttpRequest) -> HttpResponse:
    """Occupations for the job titles in the title box, one title per line."""
    lines = [line.strip()[:300] for line in request.POST.get("titles", "").splitlines() if line.strip()]
    context: dict[str, Any] = {"lang": _lang(), "rows": [], "error": ""}
    try:
        if not lines:
            raise EmptyText(_("Type one or more job titles first."))
        if len(lines) > _MAX_PAGE_TITLES:
            raise TooLarge(_("At most %(n)d titles at a time.") % {"n": _MAX_PAGE_TITLES})
        lang = request.POST.get("lang", _lang())
        context["rows"] = _named_titles(
            services.titles_for_display(lines, lang=lang, labels_lang=_lang(), top=5)
        )
    except InputError as error:
        context["error"] = str(error)
    template = "extraction/_titles.html" if request.htmx else "extraction/page.html"
    if not request.htmx:
        context = {**_context(request, status=selectors.taxonomy_status()), "titles": context}
    return render(request, template, context)
