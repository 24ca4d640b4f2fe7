"""Consistency checks: where documents give parts and a whole, find every figure that does not fit.

Each check compares rounding intervals (see ``intervals``), so "18%" next to 26.000 / 142.000 passes while
a total that is a million short of its parts does not. A contradiction names every observation involved,
each with its source, and the size of the gap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from itertools import combinations, product

from techtalent.monitor.engine.comparison import FACTS, Comparison, Contradiction, _fmt, _label, describe
from techtalent.monitor.engine.intervals import Interval, interval_of
from techtalent.monitor.engine.model import Observation
from techtalent.monitor.engine.rules import (
    GrowthRate,
    PartsSumToWhole,
    RegionsSumToWhole,
    Rule,
    SameValue,
    ShareInRange,
    ShareOfWhole,
    SharesSumTo100,
)

__all__ = ["FACTS", "Comparison", "Contradiction", "comparisons", "consistency_checks", "describe"]


Context = tuple[object, ...]
Part = tuple[tuple[str, str], ...]


def _context(
    obs: Observation, *, drop: Iterable[str] = (), region: bool = True, indicator: bool = True
) -> Context:
    dropped = set(drop)
    return (
        obs.indicator if indicator else None,
        obs.region if region else None,
        obs.period,
        obs.measure,
        obs.base_period,
        tuple(item for item in obs.breakdowns if item[0] not in dropped),
    )


def _total(observations: Sequence[Observation]) -> Interval:
    total = Interval(0.0, 0.0)
    for obs in observations:
        total = total + interval_of(obs)
    return total


def _value_sum(observations: Sequence[Observation]) -> float:
    return sum(obs.value for obs in observations)


def _breakdown_sums(
    rule: PartsSumToWhole | SharesSumTo100,
    observations: Sequence[Observation],
) -> Iterable[tuple[Observation | None, tuple[Observation, ...]]]:
    """(whole, parts) for every complete set of parts of the rule's breakdown; whole is None for shares."""
    over = set(rule.over)
    wholes: dict[Context, list[Observation | None]] = defaultdict(list)
    parts: dict[tuple[Context, Part], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.indicator != rule.indicator or obs.measure != "level":
            continue
        present = over & obs.breakdown.keys()
        if not present:
            wholes[_context(obs)].append(obs)
        elif present == over:
            part = tuple(item for item in obs.breakdowns if item[0] in over)
            if part in rule.parts:
                parts[(_context(obs, drop=over), part)].append(obs)
    if isinstance(rule, SharesSumTo100):
        wholes = {ctx: [None] for ctx, _ in parts}
    for ctx, whole_list in wholes.items():
        candidates = [parts.get((ctx, part), []) for part in rule.parts]
        if all(candidates):
            yield from product(whole_list, product(*candidates))


def _parts_sum(rule: PartsSumToWhole, observations: Sequence[Observation]) -> Iterable[Comparison]:
    for whole, parts in _breakdown_sums(rule, observations):
        assert whole is not None
        total = _value_sum(parts)
        summary = (
            f"{_label(whole)}: the parts over {', '.join(rule.over)} add up to {_fmt(total)}, "
            f"the whole is stated as {_fmt(whole.value)}"
        )
        gap = _total(parts).distance(interval_of(whole))
        yield Comparison(
            rule.id,
            "parts_sum_to_whole",
            summary,
            (whole, *parts),
            whole.value,
            total,
            whole.unit,
            gap,
            (("total", total), ("whole", whole.value)),
            rule.over,
        )


def _shares_sum(rule: SharesSumTo100, observations: Sequence[Observation]) -> Iterable[Comparison]:
    for _, parts in _breakdown_sums(rule, observations):
        total = _value_sum(parts)
        context = _label(parts[0]).split(" ")[:3]
        over = ", ".join(rule.over)
        summary = f"{' '.join(context)}: the shares over {over} add up to {_fmt(total)} % (100 % expected)"
        gap = _total(parts).distance(Interval(100.0, 100.0))
        facts = (("total", total),)
        yield Comparison(
            rule.id, "shares_sum_to_100", summary, parts, 100.0, total, "percent", gap, facts, rule.over
        )


def _regions_sum(rule: RegionsSumToWhole, observations: Sequence[Observation]) -> Iterable[Comparison]:
    by_region: dict[tuple[Context, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.indicator == rule.indicator and obs.measure == "level":
            by_region[(_context(obs, region=False), obs.region)].append(obs)
    for (ctx, region), wholes in list(by_region.items()):
        candidates = [by_region.get((ctx, part), []) for part in rule.parts]
        if region != rule.whole or not all(candidates):
            continue
        for whole, combo in product(wholes, product(*candidates)):
            total = _value_sum(combo)
            summary = (
                f"{_label(whole)}: {' + '.join(rule.parts)} add up to {_fmt(total)}, "
                f"{rule.whole} is stated as {_fmt(whole.value)}"
            )
            gap = _total(combo).distance(interval_of(whole))
            yield Comparison(
                rule.id,
                "regions_sum_to_whole",
                summary,
                (whole, *combo),
                whole.value,
                total,
                whole.unit,
                gap,
                (("total", total), ("whole", whole.value)),
                tuple(rule.parts),
            )


def _share_of_whole(rule: ShareOfWhole, observations: Sequence[Observation]) -> Iterable[Comparison]:
    index: dict[tuple[str, Context], list[Observation]] = defaultdict(list)
    for obs in observations:
        index[(obs.indicator, _context(obs, indicator=False))].append(obs)
    for share in observations:
        if share.indicator != rule.share or share.measure != "level":
            continue
        ctx = _context(share, indicator=False)
        for part, whole in product(index.get((rule.part, ctx), []), index.get((rule.whole, ctx), [])):
            computed = 100 * part.value / whole.value
            summary = (
                f"{_label(share)}: the share is stated as {_fmt(share.value)} %, "
                f"{_fmt(part.value)} / {_fmt(whole.value)} = {_fmt(computed)} %"
            )
            implied = interval_of(part).divided_by(interval_of(whole)).scaled(100.0)
            gap = implied.distance(interval_of(share))
            yield Comparison(
                rule.id,
                "share_of_whole",
                summary,
                (share, part, whole),
                share.value,
                computed,
                "percent",
                gap,
                (
                    ("share", share.value),
                    ("part", part.value),
                    ("whole", whole.value),
                    ("computed", computed),
                ),
            )


def _levels(
    rule: GrowthRate, change: Observation, period: str, index: dict[Context, list[Observation]]
) -> list[tuple[Observation, ...]]:
    """Ways to know the level at ``period``: a stated level, or else the sum of its parts."""
    base = (rule.indicator, change.region, period, "level", None)
    stated = index.get((*base, change.breakdowns), [])
    if stated or rule.levels_from is None:
        return [(obs,) for obs in stated]
    keys = [tuple(sorted(change.breakdowns + part)) for part in rule.levels_from[1]]
    candidates = [index.get((*base, key), []) for key in keys]
    return list(product(*candidates)) if all(candidates) else []


def _growth(rule: GrowthRate, observations: Sequence[Observation]) -> Iterable[Comparison]:
    index: dict[Context, list[Observation]] = defaultdict(list)
    for obs in observations:
        index[_context(obs)].append(obs)
    for change in observations:
        if change.indicator != rule.indicator or change.base_period is None:
            continue
        starts = _levels(rule, change, change.base_period, index)
        ends = _levels(rule, change, change.period, index)
        for start, end in product(starts, ends):
            first, last = _total(start), _total(end)
            if change.measure == "change_percent":
                if first.low <= 0:
                    continue
                implied = last.divided_by(first).scaled(100.0, -100.0)
                computed = 100 * (_value_sum(end) / _value_sum(start) - 1)
            else:
                implied = last - first
                computed = _value_sum(end) - _value_sum(start)
            summary = (
                f"{_label(change)}: the change is stated as {_fmt(change.value)}, the levels "
                f"{_fmt(_value_sum(start))} ({change.base_period}) and {_fmt(_value_sum(end))} "
                f"({change.period}) imply {_fmt(computed)}"
            )
            gap = implied.distance(interval_of(change))
            yield Comparison(
                rule.id,
                "growth_rate",
                summary,
                (change, *start, *end),
                change.value,
                computed,
                change.unit,
                gap,
                (
                    ("stated", change.value),
                    ("start", _value_sum(start)),
                    ("end", _value_sum(end)),
                    ("computed", computed),
                ),
            )


def _same_value(rule: SameValue, observations: Sequence[Observation]) -> Iterable[Comparison]:
    groups: dict[Context, list[Observation]] = defaultdict(list)
    for obs in observations:
        if rule.indicator is None or obs.indicator == rule.indicator:
            groups[_context(obs)].append(obs)
    for group in groups.values():
        for first, second in combinations(group, 2):
            summary = f"{_label(first)}: stated as {_fmt(first.value)} and as {_fmt(second.value)}"
            gap = interval_of(first).distance(interval_of(second))
            yield Comparison(
                rule.id,
                "same_value",
                summary,
                (first, second),
                first.value,
                second.value,
                first.unit,
                gap,
                (("first", first.value), ("second", second.value)),
            )


def _share_in_range(rule: ShareInRange, observations: Sequence[Observation]) -> Iterable[Comparison]:
    for obs in observations:
        if obs.indicator != rule.indicator or obs.measure != "level":
            continue
        interval = interval_of(obs)
        gap = max(0.0, -interval.high, interval.low - 100.0)
        summary = f"{_label(obs)}: a share of {_fmt(obs.value)} % lies outside 0-100 %"
        bounded = min(max(obs.value, 0), 100)
        facts = (("value", obs.value),)
        yield Comparison(
            rule.id, "share_in_range", summary, (obs,), obs.value, bounded, "percent", gap, facts
        )


def _rule_indicators(rule: Rule) -> tuple[str, ...] | None:
    """The indicators a rule reads (None: all of them)."""
    if isinstance(rule, ShareOfWhole):
        return (rule.share, rule.part, rule.whole)
    return (rule.indicator,) if rule.indicator is not None else None


def comparisons(observations: Sequence[Observation], rules: Sequence[Rule]) -> list[Comparison]:
    """Every comparison the rules make among the observations, consistent or not, in rule order."""
    by_indicator: dict[str, list[tuple[int, Observation]]] = defaultdict(list)
    for index, obs in enumerate(observations):
        by_indicator[obs.indicator].append((index, obs))
    found: list[Comparison] = []
    for rule in rules:
        codes = _rule_indicators(rule)
        # Each rule sees only its own indicators' figures (in the original order): tens of thousands of
        # imported figures would otherwise be grouped once per rule.
        if codes is None:
            own: Sequence[Observation] = observations
        else:
            own = [o for _, o in sorted(p for c in dict.fromkeys(codes) for p in by_indicator[c])]
        if isinstance(rule, PartsSumToWhole):
            found.extend(_parts_sum(rule, own))
        elif isinstance(rule, SharesSumTo100):
            found.extend(_shares_sum(rule, own))
        elif isinstance(rule, RegionsSumToWhole):
            found.extend(_regions_sum(rule, own))
        elif isinstance(rule, ShareOfWhole):
            found.extend(_share_of_whole(rule, own))
        elif isinstance(rule, GrowthRate):
            found.extend(_growth(rule, own))
        elif isinstance(rule, ShareInRange):
            found.extend(_share_in_range(rule, own))
        else:
            found.extend(_same_value(rule, own))
    return found


def consistency_checks(observations: Sequence[Observation], rules: Sequence[Rule]) -> list[Contradiction]:
    """Every contradiction between the observations under the rules, in rule order."""
    return [
        Contradiction(**{field.name: getattr(comparison, field.name) for field in fields(comparison)})
        for comparison in comparisons(observations, rules)
        if not comparison.consistent
    ]
