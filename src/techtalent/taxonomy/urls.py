from django.urls import path

from techtalent.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.search, name="search"),
    path("concept/", views.concept, name="concept"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/<slug:code>/", views.framework, name="framework"),
]
