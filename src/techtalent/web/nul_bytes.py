"""Refuse NUL characters in the path, the query string and form or JSON bodies with a clear 400: no text
field (PostgreSQL's least of all) can hold them, so such a request could only fail further in."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

MAX_SCANNED_BODY = 10_000_000


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    kind = request.META.get("CONTENT_TYPE", "")
    if kind.startswith(("application/json", "application/x-www-form-urlencoded")):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if 0 < length <= MAX_SCANNED_BODY:
            try:
                body = request.body
            except RequestDataTooBig:  # the size limits answer this request
                return False
            if kind.startswith("application/json"):
                return b"\x00" in body or b"\\u0000" in body
            return b"\x00" in body or b"\x00" in unquote_to_bytes(body)
    return False


class NulByteMiddleware:
    """A 400 with a message in the interface language for requests that carry NUL characters."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("The request contains a NUL character, which no text can hold.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
