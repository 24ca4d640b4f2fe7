"""The comparison table as CSV in the interface language: names and codes, localised numbers and units."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from techtalent.monitor.compare import Selection, breakdown_choice, one_period_kind
from techtalent.monitor.formats import breakdown_label, csv_number, unit_label
from techtalent.monitor.models import Indicator
from techtalent.monitor.selectors import ObservationFilter, observation_list

__all__ = ["comparison_csv"]


def _header() -> list[str]:
    return [
        _("Indicator"),
        _("Indicator code"),
        _("Region"),
        _("Region code"),
        _("Period"),
        _("Breakdown"),
        _("Value"),
        _("Unit"),
        _("Source"),
    ]


def comparison_csv(selection: Selection, lang: str) -> Iterator[str]:
    """The rows of the page's table as CSV lines (Dutch: ';' and decimal comma; English: ',' and point)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "nl" else ",")
    writer.writerow(_header())
    for indicator in Indicator.objects.filter(code__in=selection.indicators):
        breakdown = breakdown_choice(indicator, selection)
        flt = ObservationFilter((indicator.code,), selection.region_codes(), selection.periods, breakdown)
        # the same rows as the page's table: one period kind per series unless periods were picked
        for obs in one_period_kind(list(observation_list(flt)), bool(selection.periods)):
            writer.writerow(
                [
                    indicator.name(lang),
                    indicator.code,
                    obs.region.name,
                    obs.region.code,
                    obs.period,
                    breakdown_label(obs.breakdown_key),
                    csv_number(obs.value, obs.unit, lang),
                    unit_label(obs.unit),
                    obs.source.label(),
                ]
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
