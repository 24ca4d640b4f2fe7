"""Organisations (employers, schools, training providers, networks, technohubs), their members and roles,
invitations, verification by a platform admin, passport consents and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """What an organisation is."""

    EMPLOYER = "employer", _("employer")
    SCHOOL = "school", _("school")
    PROVIDER = "provider", _("training provider")
    NETWORK = "network", _("network or region")
    TECHHUB = "technohub", _("technohub")


class Role(models.TextChoices):
    """A member's role: owners and admins manage members; owners, admins and HR see candidates."""

    OWNER = "owner", _("owner")
    ADMIN = "admin", _("admin")
    HR = "hr", _("HR / recruiter")
    MEMBER = "member", _("member")


MANAGERS: tuple[str, ...] = ("owner", "admin")  # manage members, invitations and organisation tokens
RECRUITERS: tuple[str, ...] = ("owner", "admin", "hr")  # see candidates once the organisation is verified


class Organisation(models.Model):
    """An organisation; it may see candidates only once a platform admin has verified it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=OrganisationKind.choices)
    region = models.CharField(max_length=120, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def verified(self) -> bool:
        """Whether a platform admin has verified the organisation."""
        return self.verified_at is not None


class Membership(models.Model):
    """A user's membership of an organisation, with one role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="uniq_membership")]


class Invitation(models.Model):
    """An invitation to join with a role, by user name or e-mail; the link holds a secret stored hashed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    digest = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    @property
    def open(self) -> bool:
        """Neither accepted nor expired."""
        return self.accepted_at is None and self.expires > timezone.now()


class Consent(models.Model):
    """A passport owner's consent that an organisation (or every verified employer) may find the passport."""

    class What(models.TextChoices):
        MATCHING = "matching", _("my skills, to rank and explain me as a candidate for vacancies")

    passport = models.ForeignKey("matching.Passport", on_delete=models.CASCADE, related_name="consents")
    what = models.CharField(max_length=12, choices=What.choices, default=What.MATCHING)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    all_verified = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, all_verified=False)
                | models.Q(organisation__isnull=True, all_verified=True),
                name="consent_has_one_audience",
            )
        ]


class ApiToken(models.Model):
    """A personal or organisation API token: only a prefix and the sha256 of the secret are stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(max_length=200)
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)  # None: until revoked
    last_used = models.DateTimeField(null=True, blank=True)  # to the minute: written at most once a minute

    class Meta:
        ordering = ["-id"]

    @property
    def expired(self) -> bool:
        """Whether the token's expiry date has passed."""
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def scope_list(self) -> list[str]:
        """The scopes as a list."""
        return self.scopes.split()
