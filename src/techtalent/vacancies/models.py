"""A vacancy saved by an organisation (employer), with the skills it asks for: essential or optional ("pré"),
found in its text or added by hand."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Vacancy(models.Model):
    """A vacancy of an organisation: its text, an optional ESCO occupation and the skills it asks for."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    occupation = models.CharField(max_length=255, blank=True)  # ESCO occupation URI, "" when none
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated", "-id"]

    def __str__(self) -> str:
        return self.title


class VacancySkill(models.Model):
    """One ESCO skill a vacancy asks for."""

    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("essential")
        OPTIONAL = "optional", _("optional (a plus)")

    class Source(models.TextChoices):
        EXTRACTED = "extracted", _("found in the text")
        MANUAL = "manual", _("added by hand")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skills")
    uri = models.CharField(max_length=255)
    relation = models.CharField(max_length=10, choices=Relation.choices, default=Relation.ESSENTIAL)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    found_as = models.CharField(max_length=200, blank=True)  # the label the text used
    evidence = models.CharField(max_length=300, blank=True)  # the sentence it was found in
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "uri"], name="uniq_vacancy_skill")]
