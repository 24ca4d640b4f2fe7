"""Dutch by default: the interface language comes from ?lang=, then the language cookie, then Dutch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

_CODES = {code for code, _ in settings.LANGUAGES}


class InterfaceLanguageMiddleware:
    """Activate the chosen interface language; unlike LocaleMiddleware it ignores Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.GET.get("lang") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        lang = chosen if chosen in _CODES else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response
