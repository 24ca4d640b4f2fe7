"""Error pages in the interface language (400, 403, 404, 413, 429, 500) inside the site's base template;
API paths get {"detail": ...} instead of a page."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

__all__ = ["bad_request", "permission_denied", "page_not_found", "server_error", "csrf_failure"]


def _titles() -> dict[int, str]:
    return {
        400: _("The request could not be understood"),
        403: _("You may not open this page"),
        404: _("Page not found"),
        413: _("Too large"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
    }


def error_response(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """A JSON {"detail"} for the API, else the error page; a bare page if even that cannot be drawn."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    context = {"status": status, "title": _titles().get(status, str(status)), "message": message}
    try:
        html = render_to_string("web/error.html", context, request=request)
    except Exception:  # the error page must never fail itself (e.g. a database that is down)
        html = f"<!doctype html><title>{status}</title><h1>{context['title']}</h1><p>{message}</p>"
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400, or 413 when the body was too large."""
    if isinstance(exception, RequestDataTooBig):
        from techtalent.web.request_limits import max_upload_bytes, too_large_message

        return error_response(request, 413, too_large_message(max_upload_bytes()))
    return error_response(request, 400, _("Check the address or the form and try again."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403."""
    return error_response(request, 403, _("You do not have access to this page."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404, never telling whether something exists that the visitor may not see."""
    return error_response(request, 404, _("There is no page at this address, or you may not see it."))


def server_error(request: HttpRequest) -> HttpResponse:
    """500."""
    return error_response(request, 500, _("The error has been logged. Please try again later."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form without a valid CSRF token (settings.CSRF_FAILURE_VIEW)."""
    return error_response(
        request, 403, _("The form has expired or was sent from another site. Reload the page and try again.")
    )
