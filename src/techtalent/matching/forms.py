"""Django forms of the matching pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
