"""URL map: pages, the admin, the API (/api/, docs at /api/docs) and the language switch."""

from django.contrib import admin
from django.urls import include, path

from techtalent.site.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("esco/", include("techtalent.taxonomy.urls")),
    path("extract/", include("techtalent.extraction.urls")),
    path("monitor/", include("techtalent.monitor.urls")),
    path("orgs/", include("techtalent.orgs.urls")),
    path("catalog/", include("techtalent.catalog.urls")),
    path("scan/", include("techtalent.scan.urls")),
    path("vacancies/", include("techtalent.vacancies.urls")),
    path("", include("techtalent.matching.urls")),
    path("", include("techtalent.web.urls")),
]

handler400 = "techtalent.web.errors.bad_request"
handler403 = "techtalent.web.errors.permission_denied"
handler404 = "techtalent.web.errors.page_not_found"
handler500 = "techtalent.web.errors.server_error"
