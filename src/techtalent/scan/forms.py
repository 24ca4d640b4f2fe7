"""Django forms of the scan pages, built from the instrument so every question is validated on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techtalent.scan.engine import Instrument

SECTORS = [
    ("", _("— choose —")),
    ("metaal", _("metal and metalworking")),
    ("machinebouw", _("machine building")),
    ("elektrotechniek", _("electrical engineering and electronics")),
    ("kunststof", _("plastics and rubber")),
    ("voeding", _("food")),
    ("chemie", _("chemicals and process industry")),
    ("bouw-installatie", _("construction and installation")),
    ("overig", _("other manufacturing")),
]


class SectionForm(forms.Form):
    """The questions of one section, each a choice on the instrument's scale."""

    def __init__(
        self, *args: Any, instrument: Instrument, section: str, lang: str, required: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        choices = [(str(o.value), o.text.get(lang, o.text["en"])) for o in instrument.scale]
        for q in instrument.questions_of(section):
            self.fields[q.code] = forms.ChoiceField(
                label=q.text.get(lang, q.text["en"]),
                help_text=q.help.get(lang, ""),
                choices=choices,
                widget=forms.RadioSelect,
                required=required,
            )


class CultureForm(forms.Form):
    """All statements of the culture scan; every one must be answered."""

    def __init__(self, *args: Any, instrument: Instrument, lang: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(str(o.value), o.text.get(lang, o.text["en"])) for o in instrument.scale]
        for q in instrument.questions:
            self.fields[q.code] = forms.ChoiceField(
                label=q.text.get(lang, q.text["en"]), choices=choices, widget=forms.RadioSelect
            )


class TargetsForm(forms.Form):
    """The target level per transformation."""

    def __init__(self, *args: Any, instrument: Instrument, lang: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(str(i), str(i)) for i in range(1, instrument.max_value + 1)]
        for s in instrument.sections:
            self.fields[s.code] = forms.ChoiceField(label=s.name.get(lang, s.name["en"]), choices=choices)


class StartForm(forms.Form):
    """Start a scan: the sector the company counts in for the sector comparison."""

    sector = forms.ChoiceField(label=_("Sector"), choices=SECTORS, required=False)


class SkillslabForm(forms.Form):
    """A skillslab profile on the six dimensions of the Learning Factory model."""

    name = forms.CharField(label=_("Name"), max_length=200)
    region = forms.CharField(label=_("Region (CBS code, e.g. PV20)"), max_length=12, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    skills = forms.CharField(
        label=_("ESCO skills trained (URIs, one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    offers = forms.CharField(
        label=_("Offers in the catalog that it runs (numbers, comma-separated)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, dimensions: list[dict[str, Any]], lang: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.dimensions = []
        for dim in dimensions:
            codes = []
            for aspect in dim["aspects"]:
                key = f"aspect_{aspect['code']}"
                self.fields[key] = forms.CharField(
                    label=aspect.get(lang, aspect["en"]), max_length=500, required=False
                )
                codes.append(key)
            self.dimensions.append((dim["name"].get(lang, dim["name"]["en"]), codes))

    def clean_skills(self) -> list[str]:
        """One ESCO skill URI per line."""
        lines = [x.strip() for x in self.cleaned_data.get("skills", "").splitlines() if x.strip()]
        bad = [x for x in lines if not x.startswith("http://data.europa.eu/esco/skill/")]
        if bad:
            raise forms.ValidationError(_("Not an ESCO skill URI: %(uri)s") % {"uri": bad[0]})
        return lines

    def clean_offers(self) -> list[int]:
        """Catalog offer numbers that exist."""
        from techtalent.catalog.selectors import offers_by_id

        raw = [
            x.strip() for x in self.cleaned_data.get("offers", "").replace(";", ",").split(",") if x.strip()
        ]
        if not all(x.isdigit() for x in raw):
            raise forms.ValidationError(_("Give offer numbers, separated by commas."))
        ids = [int(x) for x in raw]
        known = {o.id for o in offers_by_id(ids)}
        unknown = [str(i) for i in ids if i not in known]
        if unknown:
            raise forms.ValidationError(
                _("No offer with number %(n)s in the catalog.") % {"n": ", ".join(unknown)}
            )
        return ids

    def profile(self) -> dict[str, str]:
        """The filled-in aspects by aspect code."""
        return {
            k.removeprefix("aspect_"): v
            for k, v in self.cleaned_data.items()
            if k.startswith("aspect_") and v
        }
