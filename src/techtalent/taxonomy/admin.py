"""Admin for editors: browse ESCO imports and edit the sector frameworks and their ESCO links."""

from django.contrib import admin

from techtalent.taxonomy import models


class LabelInline(admin.TabularInline):
    model = models.Label
    extra = 0


@admin.register(models.Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["uri", "kind", "skill_type", "reuse_level", "code"]
    list_filter = ["kind", "skill_type", "reuse_level"]
    search_fields = ["uri", "labels__text"]
    inlines = [LabelInline]


@admin.register(models.Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["version", "languages", "source", "imported_at"]


class FrameworkLinkInline(admin.TabularInline):
    model = models.FrameworkLink
    extra = 0


@admin.register(models.FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "name_nl", "name_en", "source_document"]
    list_filter = ["framework"]
    inlines = [FrameworkLinkInline]


class FrameworkItemInline(admin.TabularInline):
    model = models.FrameworkItem
    extra = 0
    fields = ["code", "order", "name_nl", "name_en", "parent"]


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "source_document"]
    inlines = [FrameworkItemInline]


admin.site.register(models.Collection)
