from django.contrib import admin

from techtalent.monitor.models import Indicator, Observation, Region, Source


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name_nl", "unit", "better")
    search_fields = ("code", "name_nl", "name_en")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    exclude = ("shape",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("kind", "document", "dataset", "table_id", "retrieved")


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("indicator", "region", "period", "breakdown_key", "value", "unit", "status", "origin")
    list_filter = ("origin", "status")
    raw_id_fields = ("indicator", "region", "source")
