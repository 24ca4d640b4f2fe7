"""Django forms of the catalog pages: search, describe a module, the line canvas, stations, credentials."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techtalent.catalog.models import Offer, OfferSkill, Provider


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("any"))] + Offer.Level.choices[:-1]
    )
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("any"))] + Offer.Form.choices[:-1]
    )
    region = forms.CharField(label=_("Region (CBS code)"), required=False, max_length=12)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name of the provider"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Provider.Kind.choices)


class OfferForm(forms.Form):
    """Describe a module: the skills are then found in the description and learning outcomes."""

    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Provider.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Offer.Kind.choices, initial="module")
    level = forms.ChoiceField(label=_("Level"), required=False, choices=Offer.Level.choices)
    form = forms.ChoiceField(label=_("Form"), required=False, choices=Offer.Form.choices)
    hours = forms.IntegerField(label=_("Hours"), required=False, min_value=0, max_value=20000)
    cost_eur = forms.DecimalField(
        label=_("Cost (EUR)"), required=False, min_value=0, max_digits=9, decimal_places=2
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")])
    region = forms.RegexField(label=_("Region (CBS code)"), required=False, regex=r"^(NL01|PV\d{2}|GM\d{4})$")

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class SkillDecisionForm(forms.Form):
    uri = forms.CharField(max_length=255)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    level = forms.ChoiceField(required=False, choices=OfferSkill.Level.choices)


class LineForm(forms.Form):
    """The metrolijn canvas: name the line, its theme, target group and end terms."""

    name = forms.CharField(label=_("Name of the line"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("Owner (academy or network)"), queryset=Provider.objects.none(), empty_label=None
    )
    theme = forms.CharField(label=_("Theme"), required=False, max_length=200)
    target_group = forms.CharField(
        label=_("Target group"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    end_terms = forms.CharField(
        label=_("End terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    region = forms.CharField(label=_("Region (CBS code)"), required=False, max_length=12)
    sequential = forms.BooleanField(label=_("Stations must be followed in order"), required=False)

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = providers  # type: ignore[attr-defined]


class StationForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("Offer"), queryset=Offer.objects.none())
    credential = forms.BooleanField(
        label=_("Issue a micro-credential for this station"), required=False, initial=True
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers  # type: ignore[attr-defined]


class StationEditForm(forms.Form):
    station = forms.IntegerField()
    position = forms.IntegerField(required=False, min_value=1)
    prerequisites = forms.MultipleChoiceField(required=False, choices=())
    remove = forms.BooleanField(required=False)

    def __init__(self, *args: Any, stations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prerequisites"].choices = [(str(i), label) for i, label in stations]  # type: ignore[attr-defined]


class IssueForm(forms.Form):
    recipient = forms.CharField(label=_("Username of the participant"), max_length=150)


class VerifyForm(forms.Form):
    document = forms.CharField(
        label=_("Credential (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    file = forms.FileField(label=_("or a credential file"), required=False)
