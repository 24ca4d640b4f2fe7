"""One taxonomy stamp per web request: label lookups during a request share a single stamp query."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from techtalent.taxonomy.selectors import one_stamp


class TaxonomyStampMiddleware:
    """Serve each request against the taxonomy version current when it started."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with one_stamp():
            return self.get_response(request)
