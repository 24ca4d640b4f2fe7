"""Django admin: organisations with a verify action for platform admins; members, invitations, tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techtalent.orgs import services
from techtalent.orgs.models import ApiToken, Consent, Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "region", "verified_at")
    list_filter = ("kind", "verified_at")
    search_fields = ("name", "slug")
    readonly_fields = ("verified_at", "verified_by")
    inlines = [MembershipInline]
    actions = ["verify"]

    @admin.action(description=gettext_lazy("Verify the selected organisations"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        """Verify each selected organisation as the signed-in platform admin."""
        for organisation in queryset:
            services.organisation_verify(organisation=organisation, by=request.user)
        self.message_user(
            request, _("%(n)d organisations verified") % {"n": queryset.count()}, messages.SUCCESS
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name", "prefix", "user", "organisation", "scopes", "created", "expires", "last_used", "revoked_at"
    )  # fmt: skip
    readonly_fields = ("prefix", "digest", "created", "last_used")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a token's secret is shown once, on the tokens page or the CLI


admin.site.register(Invitation)
admin.site.register(Consent)
