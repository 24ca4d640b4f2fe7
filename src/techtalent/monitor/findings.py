"""Consistency-check findings phrased in the interface language from the engine's rule kind and numbers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from techtalent.monitor import engine
from techtalent.monitor.formats import breakdown_label, breakdown_name, format_number

__all__ = ["finding_text", "finding_texts"]

Names = Mapping[str, str]


def _subject(item: engine.Comparison, indicators: Names, regions: Names) -> str:
    """'Indicator, Region, period' of the figure the finding is about, with its breakdowns."""
    obs = item.observations[0]
    parts = [indicators.get(obs.indicator, obs.indicator), regions.get(obs.region, obs.region), obs.period]
    if obs.breakdowns:
        parts.append(breakdown_label(";".join(f"{key}={value}" for key, value in obs.breakdowns)))
    return ", ".join(parts)


def _over(item: engine.Comparison) -> str:
    """The breakdown dimensions a rule adds up over, in words."""
    return ", ".join(breakdown_name(name) for name in item.over)


def finding_text(item: engine.Comparison, lang: str, indicators: Names, regions: Names) -> str:
    """The finding of one comparison as a sentence in the active language (``lang`` formats the numbers).

    ``indicators`` and ``regions`` map codes to names in that language.
    """
    obs = item.observations[0]

    def num(name: str, unit: str | None = None) -> str:
        return format_number(item.fact(name), unit or obs.unit, lang)

    def pct(name: str) -> str:
        return format_number(item.fact(name), "percent", lang)

    phrases: dict[str, Callable[[], str]] = {
        "parts_sum_to_whole": lambda: (
            _("the parts by %(over)s add up to %(total)s, the whole is stated as %(whole)s")
            % {"over": _over(item), "total": num("total"), "whole": num("whole")}
        ),
        "shares_sum_to_100": lambda: (
            _("the shares by %(over)s add up to %(total)s %% (100 %% expected)")
            % {"over": _over(item), "total": pct("total")}
        ),
        "regions_sum_to_whole": lambda: (
            _("%(parts)s add up to %(total)s, %(whole_region)s is stated as %(whole)s")
            % {
                "parts": " + ".join(regions.get(code, code) for code in item.over),
                "total": num("total"),
                "whole_region": regions.get(obs.region, obs.region),
                "whole": num("whole"),
            }
        ),
        "share_of_whole": lambda: (
            _("the share is stated as %(share)s %%, %(part)s / %(whole)s = %(computed)s %%")
            % {
                "share": pct("share"),
                "part": format_number(item.fact("part"), item.observations[1].unit, lang),
                "whole": format_number(item.fact("whole"), item.observations[2].unit, lang),
                "computed": pct("computed"),
            }
        ),
        "growth_rate": lambda: (
            _(
                "the change is stated as %(stated)s, the levels %(start)s (%(base)s) and "
                "%(end)s (%(period)s) imply %(computed)s"
            )
            % {
                "stated": num("stated"),
                "start": num("start", item.observations[1].unit),
                "base": obs.base_period or "",
                "end": num("end", item.observations[-1].unit),
                "period": obs.period,
                "computed": num("computed"),
            }
        ),
        "same_value": lambda: (
            _("stated as %(first)s and as %(second)s")
            % {"first": num("first"), "second": num("second", item.observations[1].unit)}
        ),
        "share_in_range": lambda: (
            _("a share of %(value)s %% lies outside 0–100 %%") % {"value": pct("value")}
        ),
    }
    phrase = phrases.get(item.kind)
    finding = phrase() if phrase and item.facts else item.summary
    return f"{_subject(item, indicators, regions)}: {finding}"


def finding_texts(items: Sequence[engine.Comparison], lang: str) -> list[str]:
    """Each finding as a sentence in ``lang``, with the stored indicator and region names."""
    from techtalent.monitor.models import Indicator, Region

    if not items:
        return []
    indicators = {i.code: i.name(lang) for i in Indicator.objects.all()}
    regions = dict(Region.objects.values_list("code", "name"))
    with translation.override(lang):
        return [finding_text(item, lang, indicators, regions) for item in items]
