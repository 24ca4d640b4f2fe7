from django.urls import path

from techtalent.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("check/", views.check, name="check"),
    path("source/<int:pk>/", views.source, name="source"),
    path("factsheet/<str:code>/", views.factsheet, name="factsheet"),
    path("factsheet/<str:code>/pdf/", views.factsheet_download, name="factsheet_pdf"),
]
