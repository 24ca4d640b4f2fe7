"""Scan instruments (versioned), company scans, anonymous culture answers and skillslab profiles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentVersion(models.Model):
    """One version of a questionnaire, loaded from its data file; answers always point at their version."""

    code = models.SlugField(max_length=80)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=12)
    definition = models.JSONField()
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="uniq_instrument_version")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class Scan(models.Model):
    """A company's maturity scan: answers saved as they come, levels kept at submission."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in progress")
        SUBMITTED = "submitted", _("submitted")

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="scans")
    instrument = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="scans")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict)
    targets = models.JSONField(default=dict)
    levels = models.JSONField(default=dict)
    sector = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=12, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]


class CultureAnswer(models.Model):
    """One anonymous set of culture-scan answers: no link to the person who gave it, only the day."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    instrument = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField()
    day = models.DateField()


class CultureParticipation(models.Model):
    """That a member answered the culture scan (so they answer once), kept apart from the answers."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    instrument = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "instrument", "user"], name="uniq_culture_once")
        ]


class Skillslab(models.Model):
    """A skillslab, learning factory or technohub described on the six dimensions of document 003."""

    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="skillslabs"
    )
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=12, blank=True)
    description = models.TextField(blank=True)
    profile = models.JSONField(default=dict)
    skills = models.JSONField(default=list)
    offers = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
