from django.urls import path

from techtalent.catalog import views, views_credentials, views_lines

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("providers/new/", views.provider_new, name="provider_new"),
    path("offers/new/", views.offer_new, name="offer_new"),
    path("offers/<int:offer_id>/", views.offer_detail, name="offer"),
    path("offers/<int:offer_id>/skills/", views.offer_skill, name="offer_skill"),
    path("offers/<int:offer_id>/place/", views.offer_place, name="offer_place"),
    path("offers/<int:offer_id>/issue/", views.offer_issue, name="offer_issue"),
    path("route/", views.route, name="route"),
    path("lines/", views_lines.line_list, name="lines"),
    path("lines/new/", views_lines.line_new, name="line_new"),
    path("lines/<int:line_id>/", views_lines.line_detail, name="line"),
    path("lines/<int:line_id>/stations/", views_lines.station_add, name="station_add"),
    path("lines/<int:line_id>/stations/edit/", views_lines.station_edit, name="station_edit"),
    path("credentials/verify/", views_credentials.verify, name="verify"),
    path("credentials/<uuid:uid>/", views_credentials.credential, name="credential"),
    path(
        "credentials/<uuid:uid>/<slug:shape>.json", views_credentials.credential_json, name="credential_json"
    ),
    path("credentials/<uuid:uid>/passport/", views_credentials.to_passport, name="to_passport"),
]
