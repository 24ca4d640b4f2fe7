from django.urls import path

from techtalent.extraction import views
from techtalent.web.throttling import throttled

app_name = "extraction"
urlpatterns = [
    path("", views.page, name="page"),
    path("analyse/", throttled("extract")(views.analyse), name="analyse"),
    path("decide/", views.decide, name="decide"),
    path("export/", views.export, name="export"),
    path("titles/", throttled("extract")(views.titles), name="titles"),
]
