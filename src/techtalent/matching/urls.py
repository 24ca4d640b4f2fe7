from django.contrib.auth import views as auth_views
from django.urls import path

from techtalent.matching import views, views_match
from techtalent.orgs.views_candidates import candidates

app_name = "matching"
urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="matching/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("passport/", views.passport, name="passport"),
    path("passport/search/skills/", views.concept_hits, {"kind": "skill"}, name="skill_search"),
    path(
        "passport/search/occupations/", views.concept_hits, {"kind": "occupation"}, name="occupation_search"
    ),
    path("passport/skills/add/", views.skill_add, name="skill_add"),
    path("passport/skills/remove/", views.skill_remove, name="skill_remove"),
    path("passport/edit/<slug:what>/", views.edit, name="edit"),
    path("passport/cv/", views.cv, name="cv"),
    path("passport/export.json", views.export, name="export"),
    path("passport/delete/", views.delete, name="delete"),
    path("passport/matches/", views_match.matches, name="matches"),
    path("passport/matches/occupation/", views_match.detail, name="detail"),
    path("passport/paths/", views_match.paths, name="paths"),
    path("passport/<int:passport_id>/", views.shared, name="shared"),
    path("passport/link/<str:token>/", views.shared_link, name="shared_link"),
    path("candidates/", candidates, name="vacancy"),
]
