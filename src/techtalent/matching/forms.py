"""Django forms of the passport page's small forms: they parse and validate the POST, in the interface
language, before a service is called; invalid posts are shown on the form, never redirected silently."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["PASSPORT_FORMS", "PathForm"]


class OccupationAddForm(forms.Form):
    uri = forms.CharField(max_length=300, error_messages={"required": _("Choose an occupation first.")})
    years = forms.DecimalField(min_value=0, max_value=60, decimal_places=1, required=False)


class UriForm(forms.Form):
    uri = forms.CharField(max_length=300)


class EducationAddForm(forms.Form):
    level = forms.CharField(max_length=50)
    programme = forms.CharField(max_length=200)


class IdForm(forms.Form):
    id = forms.IntegerField(min_value=1)


class PreferencesForm(forms.Form):
    findable = forms.BooleanField(required=False)
    region = forms.CharField(max_length=100, required=False)
    hours_per_week = forms.IntegerField(min_value=1, max_value=80, required=False)


class ShareUserForm(forms.Form):
    username = forms.CharField(max_length=150)


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=365, required=False)


PASSPORT_FORMS: dict[str, type[forms.Form]] = {
    "occupation-add": OccupationAddForm,
    "occupation-remove": UriForm,
    "education-add": EducationAddForm,
    "education-remove": IdForm,
    "preferences": PreferencesForm,
    "share-user": ShareUserForm,
    "share-link": ShareLinkForm,
    "share-revoke": IdForm,
}


class PathForm(forms.Form):
    """Where the person wants to go, and in how many steps at most (a GET form: it only reads)."""

    to = forms.CharField(
        label=_("Where do you want to go?"),
        required=False,
        max_length=200,
        help_text=_("An occupation, an ISCO group code (e.g. 7233) or a search such as “onderhoud”."),
        widget=forms.TextInput(attrs={"placeholder": _("e.g. onderhoud"), "autocomplete": "off"}),
    )
    steps = forms.TypedChoiceField(
        label=_("At most this many steps"),
        choices=[(1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        initial=3,
        required=False,
        empty_value=3,
    )
