from django.urls import path

from techtalent.extraction import views

app_name = "extraction"
urlpatterns = [
    path("", views.page, name="page"),
    path("analyse/", views.analyse, name="analyse"),
    path("decide/", views.decide, name="decide"),
    path("export/", views.export, name="export"),
    path("titles/", views.titles, name="titles"),
]
