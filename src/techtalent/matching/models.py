"""Skills passports: a user's skills (ESCO URIs, proficiency, source, evidence), occupations held,
education, preferences, and who it is shared with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PROFICIENCIES = ("basic", "intermediate", "advanced", "expert")


class Passport(models.Model):
    """One person's skills passport; visible to its owner, named users and holders of a live link."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passport")
    findable = models.BooleanField(default=False, help_text=_("Employers may find this passport"))
    region = models.CharField(max_length=120, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"passport {self.pk}"


class PassportSkill(models.Model):
    """A skill in a passport: how well, where it comes from, and the evidence."""

    class Proficiency(models.TextChoices):
        BASIC = "basic", _("basic")
        INTERMEDIATE = "intermediate", _("intermediate")
        ADVANCED = "advanced", _("advanced")
        EXPERT = "expert", _("expert")

    class Source(models.TextChoices):
        SELF = "self", _("self-declared")
        CV = "cv", _("extracted from a CV")
        OCCUPATION = "occupation", _("derived from an occupation held")
        CREDENTIAL = "credential", _("from a credential")

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="skills")
    uri = models.CharField(max_length=255)
    proficiency = models.CharField(max_length=12, choices=Proficiency.choices, default="intermediate")
    source = models.CharField(max_length=12, choices=Source.choices, default="self")
    evidence = models.TextField(blank=True)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["passport", "uri"], name="uniq_passport_skill")]


class OccupationHeld(models.Model):
    """An ESCO occupation the person has held, and for how many years."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="occupations")
    uri = models.CharField(max_length=255)
    years = models.DecimalField(max_digits=4, decimal_places=1, default=0)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["passport", "uri"], name="uniq_passport_occupation")]


class Education(models.Model):
    """A completed or current education: level (e.g. mbo-4, hbo-bachelor) and programme."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(max_length=40)
    programme = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]


class PassportShare(models.Model):
    """A share of a passport: with a user name, or as a secret link that may expire; revoked by deletion.

    A share by name is stored whether or not that account exists (so the owner's list cannot tell) and
    reaches ``user`` when an account of that name exists or is created; once bound it never moves to
    another account, also not after that account is deleted.
    """

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="shares")
    username = models.CharField(max_length=150, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shared_passports",
    )
    bound_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    expires = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(username="") | models.Q(token__isnull=False),
                name="share_has_name_or_link",
            )
        ]
