from django.urls import path

from techtalent.vacancies import views
from techtalent.web.throttling import throttled

app_name = "vacancies"
urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("save/", views.save, name="save"),
    path("<int:vacancy_id>/", views.detail, name="detail"),
    path("<int:vacancy_id>/edit/", views.edit, name="edit"),
    path("<int:vacancy_id>/delete/", views.delete, name="delete"),
    path("<int:vacancy_id>/skills/search/", views.skill_search, name="skill_search"),
    path("<int:vacancy_id>/skills/add/", views.skill_add, name="skill_add"),
    path("<int:vacancy_id>/skills/remove/", views.skill_remove, name="skill_remove"),
    path(
        "<int:vacancy_id>/candidates/",
        throttled("match", methods=("GET",))(views.candidates),
        name="candidates",
    ),
]
