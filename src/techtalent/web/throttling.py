"""Rate limits per scope (login, signup, extract, match) for the API (ninja throttles) and the pages.

Rates come from settings.THROTTLE_RATES ("10/m" style, read at each request so tests and operators can
change them); requests are counted in Django's cache per signed-in user, else per client address.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import BaseThrottle

__all__ = ["RateLimit", "parse_rate", "retry_after", "throttled", "too_many_requests"]

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/m" → (10, 60): allowed requests and the window in seconds (s, m, h, d; "5/10m" too)."""
    try:
        count, period = rate.strip().split("/", 1)
        unit = period.strip()[-1:].lower()
        multiple = int(period.strip()[:-1] or 1)
        return int(count), multiple * _PERIODS[unit]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(f"throttle rate {rate!r} is not like 10/m (per s, m, h or d)") from None


class RateLimit(BaseThrottle):
    """A sliding-window limit for one scope, usable as a ninja throttle and by ``throttled`` pages."""

    def __init__(self, scope: str):
        self.scope = scope
        self._local = threading.local()

    def _key(self, request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return f"throttle:{self.scope}:{ident}"

    def check(self, request: HttpRequest) -> float | None:
        """Count this request; None when allowed, else the seconds to wait before the next one."""
        rate = settings.THROTTLE_RATES.get(self.scope)
        if not rate:
            return None
        allowed, period = parse_rate(rate)
        key, now = self._key(request), time.time()
        history = [t for t in cache.get(key, []) if t > now - period]
        if len(history) >= allowed:
            return max(1.0, period - (now - float(history[-1])))
        cache.set(key, [now, *history][:allowed], period)
        return None

    def allow_request(self, request: HttpRequest) -> bool:
        """Ninja's hook: remember the wait for ``wait()``."""
        self._local.wait = self.check(request)
        return self._local.wait is None

    def wait(self) -> float | None:
        """Seconds until the next request is allowed (after a refused one)."""
        wait: float | None = getattr(self._local, "wait", None)
        return wait


def retry_after(wait: float | None) -> int:
    """Whole seconds for the Retry-After header."""
    return max(1, math.ceil(wait or 1))


def too_many_requests(request: HttpRequest, wait: float | None) -> HttpResponse:
    """The 429 page in the interface language, with Retry-After."""
    seconds = retry_after(wait)
    response = render(request, "web/429.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def throttled(
    scope: str, *, methods: tuple[str, ...] = ("POST",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a page view to the scope's rate for the given methods; over it, the 429 page."""
    limit = RateLimit(scope)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method in methods and (wait := limit.check(request)) is not None:
                return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
