"""Request bodies and uploads are refused at the limit BEFORE they are read: a Content-Length check in a
middleware and an upload handler that stops a file as soon as it grows past the limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from techtalent.core.units import megabytes

__all__ = ["RequestSizeMiddleware", "LimitedUploadHandler", "too_large_message", "max_upload_bytes"]

# Room for the form fields and multipart boundaries around one file of the maximum size.
_FORM_OVERHEAD = 65_536


def max_upload_bytes() -> int:
    """Bytes per uploaded file and per request body (TECHTALENT_EXTRACT_MAX_UPLOAD_BYTES)."""
    from techtalent.extraction.services import limits

    return limits().max_bytes


def too_large_message(limit: int) -> str:
    """The one message for an oversized request or file, in the interface language."""
    return str(_("The request is larger than the limit of %(size)s.") % {"size": megabytes(limit)})


class RequestSizeMiddleware:
    """Answer 413 when the announced body is larger than the limit, without reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        limit = max_upload_bytes()
        if announced > limit + _FORM_OVERHEAD:
            from techtalent.web.errors import error_response

            return error_response(request, 413, too_large_message(limit))
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """Stop reading an uploaded file once it passes the limit (raises RequestDataTooBig)."""

    def __init__(self, request: HttpRequest | None = None):
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        """Start counting the bytes of the next file."""
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        """Pass the chunk on to the next handler unless the file has grown past the limit."""
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestDataTooBig(too_large_message(self.limit))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        """Leave building the file to the next handler."""
        return None
