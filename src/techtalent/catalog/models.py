"""Providers, offers with the skills they teach, metro lines of stations, and issued credentials."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.Model):
    """An institution, company, technohub or academy that offers learning."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("educational institution")
        COMPANY = "company", _("company")
        TECHNOHUB = "technohub", _("technohub")
        ACADEMY = "academy", _("academy")
        NETWORK = "network", _("network")

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INSTITUTION)
    brin = models.CharField(max_length=8, blank=True, db_index=True)
    url = models.URLField(blank=True)
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="catalog_providers")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingScheme(models.Model):
    """A subsidy or budget that can pay for offers, with where it is described."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300)

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """A programme, module, course, minor or masterclass of a provider."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("programme")
        MODULE = "module", _("module")
        COURSE = "course", _("course")
        MINOR = "minor", _("minor")
        MASTERCLASS = "masterclass", _("masterclass")

    class Level(models.TextChoices):
        MBO1 = "mbo1", _("mbo level 1")
        MBO2 = "mbo2", _("mbo level 2")
        MBO3 = "mbo3", _("mbo level 3")
        MBO4 = "mbo4", _("mbo level 4")
        AD = "ad", _("associate degree")
        BACHELOR = "bachelor", _("bachelor")
        MASTER = "master", _("master")
        NONE = "", _("no formal level")

    class Form(models.TextChoices):
        FULLTIME = "fulltime", _("full-time")
        PARTTIME = "parttime", _("part-time")
        DUAL = "dual", _("dual / work-based")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("blended")
        CLASSROOM = "classroom", _("classroom")
        NONE = "", _("unknown")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    learning_outcomes = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MODULE)
    level = models.CharField(max_length=10, choices=Level.choices, blank=True, db_index=True)
    nlqf = models.PositiveSmallIntegerField(null=True, blank=True)
    eqf = models.PositiveSmallIntegerField(null=True, blank=True)
    form = models.CharField(max_length=10, choices=Form.choices, blank=True, db_index=True)
    hours = models.PositiveIntegerField(null=True, blank=True)
    cost_eur = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    language = models.CharField(max_length=5, default="nl")
    region = models.CharField(max_length=12, blank=True, db_index=True)  # CBS code, e.g. PV20, GM0014
    locations = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    code = models.CharField(max_length=20, blank=True, db_index=True)  # Croho or crebo code
    code_scheme = models.CharField(max_length=10, blank=True)  # "croho" or "crebo"
    sector = models.CharField(max_length=200, blank=True)
    enrolment = models.PositiveIntegerField(null=True, blank=True)
    enrolment_year = models.PositiveSmallIntegerField(null=True, blank=True)
    funding = models.ManyToManyField(FundingScheme, blank=True, related_name="offers")
    source = models.CharField(max_length=300, blank=True)  # file and row, or "entered by <user>"
    search_text = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code", "code_scheme", "form", "title"], name="uniq_offer_per_provider"
            )
        ]

    def __str__(self) -> str:
        return self.title


class OfferSkill(models.Model):
    """An ESCO skill an offer teaches: found by extraction or stated, and the provider's decision."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    class Level(models.TextChoices):
        BASIC = "basic", _("basic")
        INTERMEDIATE = "intermediate", _("intermediate")
        ADVANCED = "advanced", _("advanced")
        EXPERT = "expert", _("expert")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="skills")
    uri = models.CharField(max_length=255, db_index=True)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.INTERMEDIATE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    method = models.CharField(max_length=20, default="stated")  # "extraction" or "stated"
    score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["offer", "uri"], name="uniq_offer_skill")]


class Line(models.Model):
    """A metro line: an ordered sequence of stations with a theme, an owner and a region."""

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("announced")
        ACTIVE = "active", _("active")

    name = models.CharField(max_length=200, unique=True)
    theme = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="lines")
    region = models.CharField(max_length=12, blank=True)
    target_group = models.TextField(blank=True)
    end_terms = models.TextField(blank=True)
    colour = models.CharField(max_length=7, default="#1f6feb")
    sequential = models.BooleanField(default=False)  # each station requires the one before it
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    source_document = models.CharField(max_length=100, blank=True)
    source_section = models.CharField(max_length=300, blank=True)
    source_quote = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """An offer at a position on a line; an offer on several lines is a transfer."""

    line = models.ForeignKey(Line, on_delete=models.CASCADE, related_name="stations")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="stations")
    position = models.PositiveIntegerField()
    credential = models.BooleanField(default=True)  # a micro-credential is issued for this station
    prerequisites = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="required_by")

    class Meta:
        ordering = ["line", "position"]
        constraints = [models.UniqueConstraint(fields=["line", "offer"], name="uniq_line_offer")]


class IssuedCredential(models.Model):
    """A signed Open Badges 3.0 credential the platform issued for a station or a line."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.SET_NULL)
    line = models.ForeignKey(Line, null=True, blank=True, on_delete=models.SET_NULL)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalog_credentials"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.JSONField()
    issued = models.DateTimeField(auto_now_add=True)
    in_passport = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued"]
