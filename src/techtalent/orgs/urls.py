from django.urls import path

from techtalent.orgs import views, views_account

app_name = "orgs"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("create/", views.create, name="create"),
    path("verification/", views.verification, name="verification"),
    path("verification/<int:organisation_id>/verify/", views.verify, name="verify"),
    path("verification/<int:organisation_id>/unverify/", views.unverify, name="unverify"),
    path("invitations/<str:secret>/", views.invitation, name="invitation"),
    path("consents/", views_account.consents, name="consents"),
    path("consents/grant/", views_account.consent_grant, name="consent_grant"),
    path("consents/<int:consent_id>/revoke/", views_account.consent_revoke, name="consent_revoke"),
    path("tokens/", views_account.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views_account.token_revoke, name="token_revoke"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
]
