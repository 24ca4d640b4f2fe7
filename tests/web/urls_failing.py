"""The site's URL map plus one view that fails, to see the 500 page the way visitors would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from techtalent.site.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", _fail), *urlpatterns]
