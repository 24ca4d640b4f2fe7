from django.contrib import admin

from techtalent.scan.models import InstrumentVersion, Scan, Skillslab


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "version", "kind", "active", "loaded_at")
    list_filter = ("kind", "active")
    readonly_fields = ("definition", "digest")


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organisation", "instrument", "status", "created", "submitted_at")
    list_filter = ("status",)
    # Answers are the company's; the admin shows the levels, not the individual answers.
    exclude = ("answers",)


@admin.register(Skillslab)
class SkillslabAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "organisation", "region")
