from django.urls import path

from techtalent.scan import views

app_name = "scan"
urlpatterns = [
    path("", views.index, name="index"),
    path("o/<slug:slug>/start/", views.start, name="start"),
    path("o/<slug:slug>/culture/", views.culture, name="culture"),
    path("o/<slug:slug>/skillslab/new/", views.skillslab_edit, name="skillslab_new"),
    path("o/<slug:slug>/skillslab/<int:lab_id>/edit/", views.skillslab_edit, name="skillslab_edit"),
    path("s/<int:scan_id>/", views.take, name="take"),
    path("s/<int:scan_id>/result/", views.result, name="result"),
    path("s/<int:scan_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("skillslabs/", views.skillslabs, name="skillslabs"),
    path("skillslabs/<int:lab_id>/", views.skillslab_detail, name="skillslab"),
]
