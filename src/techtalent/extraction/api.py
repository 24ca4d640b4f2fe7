"""Extraction API (mounted at /api/extract): skills and occupations in a text or file; job titles."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile
from pydantic import ValidationError as PydanticError

from techtalent.extraction import services
from techtalent.extraction.display import with_display
from techtalent.extraction.readers import InputError
from techtalent.extraction.schemas import (
    ErrorOut,
    ExtractIn,
    ExtractOut,
    TextLang,
    TitleLang,
    TitlesIn,
    TitlesOut,
)
from techtalent.web.request_limits import too_large_message
from techtalent.web.throttling import RateLimit

router = Router(tags=["extraction"], throttle=[RateLimit("extract")])
S = TypeVar("S", bound=Schema)
_ERRORS: dict[int, type[Schema]] = {code: ErrorOut for code in (400, 413, 415, 422, 503)}


def _json_body(schema: type[Schema]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


def _parse(request: HttpRequest, schema: type[S]) -> S:
    """Read a JSON body ourselves, so an oversized one is a 413 {"detail"} and not Django's HTML 400."""
    limit = services.limits().max_bytes
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        raise HttpError(413, too_large_message(limit))
    body = request.read(limit + 1)
    if len(body) > limit:
        raise HttpError(413, too_large_message(limit))
    try:
        data = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HttpError(400, _("the request body must be JSON")) from None
    try:
        return schema.model_validate(data)
    except PydanticError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise ValidationError([dict(e) for e in errors]) from None


def _labels_lang(labels: str | None) -> str:
    """The language names are shown in: the one asked for, else the interface language (Dutch default)."""
    return labels or (get_language() or "nl")


def _run(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except InputError as exc:
        raise HttpError(exc.status, str(exc)) from None


@router.post(
    "",
    response={200: ExtractOut, **_ERRORS},
    openapi_extra=_json_body(ExtractIn),
    summary="Find ESCO skills and occupations in a text (Dutch or English)",
)
def extract(request: HttpRequest) -> dict[str, Any]:
    """Skills and occupations in the text, ranked by score, with spans, evidence and the shown names."""
    body = _parse(request, ExtractIn)
    result = _run(services.extract_text, body.text, lang=body.lang, doc_id=body.id, top=body.top)
    return with_display(result, _labels_lang(body.labels))


@router.post("/file", response={200: ExtractOut, **_ERRORS}, summary="Find skills and occupations in a file")
def extract_file(
    request: HttpRequest,
    file: File[UploadedFile],
    lang: Form[TextLang] = "auto",
    top: Form[int] = 10,
    labels: Form[TitleLang | None] = None,
) -> dict[str, Any]:
    """Skills and occupations in an uploaded .txt, .pdf, .docx or .html file, with the shown names."""
    name = file.name or "upload"
    if file.size and file.size > services.limits().max_bytes:
        raise HttpError(413, f"{name}: {too_large_message(services.limits().max_bytes)}")
    if not 0 <= top <= 100:
        raise HttpError(422, "top must be between 0 and 100")
    _, result = _run(services.extract_upload, file.read(), name=name, lang=lang, top=top)
    return with_display(dict(result), _labels_lang(labels))


@router.post(
    "/titles",
    response={200: TitlesOut, **_ERRORS},
    openapi_extra=_json_body(TitlesIn),
    summary="Normalise job titles to ESCO occupations",
)
def titles(request: HttpRequest) -> dict[str, Any]:
    """The best-matching occupations for each job title."""
    body = _parse(request, TitlesIn)
    pairs = [(str(i), title) for i, title in enumerate(body.titles)]
    results = _run(services.normalise_titles, pairs, lang=body.lang, top=body.top)
    return {"results": [{**r, "title": title} for r, (_, title) in zip(results, pairs, strict=True)]}
