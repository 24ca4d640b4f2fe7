"""The consistency rules of ``checks.yaml``: which figures should add up, and how."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from techtalent.monitor.engine.model import Indicator, Localised, Region
from techtalent.monitor.engine.parsing import SLUG, StarterDataError

__all__ = [
    "GrowthRate",
    "PartsSumToWhole",
    "RegionsSumToWhole",
    "Rule",
    "SameValue",
    "ShareOfWhole",
    "ShareInRange",
    "SharesSumTo100",
    "parse_rules",
]

Parts = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class PartsSumToWhole:
    """Observations broken down over ``over`` into ``parts`` add up to the one without that breakdown."""

    id: str
    description: Localised
    indicator: str
    over: tuple[str, ...]
    parts: Parts


@dataclass(frozen=True)
class RegionsSumToWhole:
    """The ``parts`` regions add up to the ``whole`` region (provinces to the Netherlands)."""

    id: str
    description: Localised
    indicator: str
    whole: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class SharesSumTo100:
    """Shares over the ``parts`` of a breakdown add up to 100 %."""

    id: str
    description: Localised
    indicator: str
    over: tuple[str, ...]
    parts: Parts


@dataclass(frozen=True)
class ShareOfWhole:
    """A stated share equals part / whole x 100 for the same region, period and breakdowns."""

    id: str
    description: Localised
    share: str
    part: str
    whole: str


@dataclass(frozen=True)
class GrowthRate:
    """A stated change (percent or points) matches the two levels it joins.

    When a level is missing it can be derived from parts (``levels_from``), e.g. men + women.
    """

    id: str
    description: Localised
    indicator: str
    levels_from: tuple[tuple[str, ...], Parts] | None = None


@dataclass(frozen=True)
class SameValue:
    """Two statements of the same figure (indicator, region, period, breakdowns) agree."""

    id: str
    description: Localised
    indicator: str | None = None


@dataclass(frozen=True)
class ShareInRange:
    """Every figure of a percentage indicator lies between 0 and 100 %."""

    id: str
    description: Localised
    indicator: str


Rule = (
    PartsSumToWhole
    | RegionsSumToWhole
    | SharesSumTo100
    | ShareOfWhole
    | GrowthRate
    | SameValue
    | ShareInRange
)

_FIELDS: dict[str, set[str]] = {
    "parts_sum_to_whole": {"indicator", "over", "parts"},
    "regions_sum_to_whole": {"indicator", "whole", "parts"},
    "shares_sum_to_100": {"indicator", "over", "parts"},
    "share_of_whole": {"share", "part", "whole"},
    "growth_rate": {"indicator", "levels_from_parts"},
    "same_value": {"indicator"},
    "share_in_range": {"indicator"},
}
_OPTIONAL = {"growth_rate": {"levels_from_parts"}, "same_value": {"indicator"}}


def _over_and_parts(
    spec: Mapping[str, Any], where: str, problems: list[str]
) -> tuple[tuple[str, ...], Parts]:
    over_raw = spec.get("over")
    over = (over_raw,) if isinstance(over_raw, str) else tuple(over_raw or ())
    parts: list[tuple[tuple[str, str], ...]] = []
    for part in spec.get("parts") or []:
        mapping = part if isinstance(part, Mapping) else ({over[0]: part} if len(over) == 1 else {})
        if set(mapping) != set(over):
            problems.append(f"{where}: part {part!r} must give a value for each of {list(over)}")
        parts.append(tuple(sorted((str(k), str(v)) for k, v in mapping.items())))
    if not over or len(parts) < 2:
        problems.append(f"{where}: needs 'over' and at least two parts")
    return over, tuple(parts)


def _rule(
    item: Mapping[str, Any],
    indicators: Mapping[str, Indicator],
    regions: Mapping[str, Region],
    problems: list[str],
) -> Rule | None:
    rule_id, kind = str(item.get("id", "")), item.get("type", "")
    where = f"rule {rule_id or '?'}"
    if not SLUG.match(rule_id):
        problems.append(f"{where}: id must be a lower-case slug")
    if kind not in _FIELDS:
        problems.append(f"{where}: type must be one of {sorted(_FIELDS)}")
        return None
    fields = set(item) - {"id", "type", "description"}
    required = _FIELDS[kind] - _OPTIONAL.get(kind, set())
    if not required <= fields <= _FIELDS[kind]:
        problems.append(f"{where}: a {kind} rule takes {sorted(_FIELDS[kind])}")
        return None
    for field in ("indicator", "share", "part", "whole"):
        if field in item and not (field == "whole" and kind == "regions_sum_to_whole"):
            if item[field] not in indicators:
                problems.append(f"{where}: unknown indicator {item[field]!r}")
    description_raw = item.get("description")
    description = Localised(**description_raw) if isinstance(description_raw, Mapping) else None
    if description is None or not (description.nl.strip() and description.en.strip()):
        problems.append(f"{where}: description needs 'nl' and 'en'")
        return None
    if kind == "parts_sum_to_whole":
        over, parts = _over_and_parts(item, where, problems)
        return PartsSumToWhole(rule_id, description, item["indicator"], over, parts)
    if kind == "shares_sum_to_100":
        over, parts = _over_and_parts(item, where, problems)
        return SharesSumTo100(rule_id, description, item["indicator"], over, parts)
    if kind == "regions_sum_to_whole":
        region_codes = [item["whole"], *(item["parts"] or [])]
        problems.extend(f"{where}: unknown region {code!r}" for code in region_codes if code not in regions)
        return RegionsSumToWhole(rule_id, description, item["indicator"], item["whole"], tuple(item["parts"]))
    if kind == "share_of_whole":
        return ShareOfWhole(rule_id, description, item["share"], item["part"], item["whole"])
    if kind == "growth_rate":
        spec = item.get("levels_from_parts")
        levels_from = _over_and_parts(spec, where, problems) if spec else None
        return GrowthRate(rule_id, description, item["indicator"], levels_from)
    if kind == "share_in_range":
        return ShareInRange(rule_id, description, item["indicator"])
    return SameValue(rule_id, description, item.get("indicator"))


def parse_rules(
    data: str | Mapping[str, Any], *, indicators: Mapping[str, Indicator], regions: Mapping[str, Region]
) -> tuple[Rule, ...]:
    """The rules of ``checks.yaml``, validated against the known indicators and regions."""
    loaded = yaml.safe_load(data) if isinstance(data, str) else data
    problems: list[str] = []
    rules: list[Rule] = []
    for item in (loaded or {}).get("rules") or []:
        rule = _rule(item, indicators, regions, problems)
        if rule is not None:
            rules.append(rule)
    ids = [rule.id for rule in rules]
    problems.extend(f"rule {i}: duplicate id" for i in sorted({i for i in ids if ids.count(i) > 1}))
    if problems:
        raise StarterDataError("checks", problems)
    return tuple(rules)
