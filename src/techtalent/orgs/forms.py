"""Django forms of the organisation, invitation, consent, token and candidates pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.db.models import QuerySet
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from techtalent.orgs.models import Organisation, OrganisationKind, Role
from techtalent.orgs.services import ORGANISATION_SCOPES, SCOPES
from techtalent.orgs.tokens import MAX_DAYS

ALL_VERIFIED = "all"


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    region = forms.CharField(label=_("Region (optional)"), max_length=120, required=False)


class InvitationForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    email = forms.EmailField(label=_("or e-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=60, initial=14)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("username")) == bool(data.get("email")):
            raise forms.ValidationError(_("Fill in either a user name or an e-mail address."))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ConsentForm(forms.Form):
    audience = forms.ChoiceField(label=_("Who may find my passport"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(ALL_VERIFIED, _("all verified employers"))]
        choices += [(str(o.id), f"{o.name} ({o.get_kind_display()})") for o in organisations]
        self.fields["audience"].choices = choices


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=[(s, s) for s in SCOPES], widget=forms.CheckboxSelectMultiple
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation token for (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("none: a personal token"),
    )
    days = forms.IntegerField(
        label=_("Valid for (days; empty: until revoked)"), min_value=1, max_value=MAX_DAYS, required=False
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wrong = [s for s in data.get("scopes", []) if s not in ORGANISATION_SCOPES]
        if data.get("organisation") and wrong:
            raise forms.ValidationError(
                _("An organisation token may only hold: %(scopes)s")
                % {"scopes": ", ".join(ORGANISATION_SCOPES)}
            )
        return data


class CandidatesForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    occupation = forms.CharField(max_length=255, required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Vacancy text (skills are found in it)"),
        max_length=200_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "id": "vac-text"}),
    )
    export = forms.ChoiceField(
        choices=[("", "html"), ("csv", "csv")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("occupation") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose an occupation or paste a vacancy text."))
        return data


class SignupForm(UserCreationForm):  # type: ignore[type-arg]
    """Sign-up (user name and password twice) that remembers where to go next, if that is on this site."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, host: str, secure: bool, **kwargs: Any) -> None:
        self.host, self.secure = host, secure
        super().__init__(*args, **kwargs)

    def clean_next(self) -> str:
        """A path on this site, or "" (never another host or scheme: no open redirect)."""
        target = (self.cleaned_data.get("next") or "").strip()
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={self.host}, require_https=self.secure)
        return target if safe and target.startswith("/") else ""
