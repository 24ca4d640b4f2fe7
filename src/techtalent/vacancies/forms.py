"""Django forms of the vacancy pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from techtalent.orgs.models import Organisation
from techtalent.vacancies.models import VacancySkill


class SaveForm(forms.Form):
    """Save the reviewed text of the extraction page as a vacancy of one of my employer organisations."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    title = forms.CharField(
        label=_("Title of the vacancy"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]


class EditForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the vacancy"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )
    occupation = forms.CharField(max_length=255, required=False, widget=forms.HiddenInput)


class SkillForm(forms.Form):
    uri = forms.CharField(max_length=255)
    relation = forms.ChoiceField(
        label=_("Required"),
        choices=VacancySkill.Relation.choices,
        initial=VacancySkill.Relation.ESSENTIAL,
        required=False,
    )
