"""What a consistency check found: the figures it joined, the numbers it compared, a plain-text account."""

from __future__ import annotations

from dataclasses import dataclass

from techtalent.monitor.engine.model import Observation

__all__ = ["FACTS", "Comparison", "Contradiction", "describe"]

# The named numbers each rule kind states about its first observation.
FACTS = {
    "parts_sum_to_whole": ("total", "whole"),
    "shares_sum_to_100": ("total",),
    "regions_sum_to_whole": ("total", "whole"),
    "share_of_whole": ("share", "part", "whole", "computed"),
    "growth_rate": ("stated", "start", "end", "computed"),
    "same_value": ("first", "second"),
    "share_in_range": ("value",),
}


@dataclass(frozen=True)
class Comparison:
    """One application of a rule: the figures it joined, what was stated and what the others imply."""

    rule: str
    kind: str
    summary: str
    observations: tuple[Observation, ...]
    stated: float
    computed: float
    unit: str
    beyond_rounding: float
    # The finding as data, for phrasing in any language: the rule kind plus named numbers (see FACTS) about
    # observations[0], and ``over`` the breakdown keys or region codes the rule adds up.
    facts: tuple[tuple[str, float], ...] = ()
    over: tuple[str, ...] = ()

    def fact(self, name: str) -> float:
        """One of the named numbers of the finding."""
        return dict(self.facts)[name]

    @property
    def difference(self) -> float:
        """What the other figures imply minus what the document states."""
        return self.computed - self.stated

    @property
    def consistent(self) -> bool:
        """Whether the figures agree once rounding is allowed for."""
        return self.beyond_rounding == 0


@dataclass(frozen=True)
class Contradiction(Comparison):
    """A comparison whose figures cannot all be true, even allowing for rounding."""


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def _label(obs: Observation) -> str:
    period = f"{obs.base_period}->{obs.period} ({obs.measure})" if obs.base_period else obs.period
    return " ".join([obs.indicator, obs.region, period, *(f"{key}={value}" for key, value in obs.breakdowns)])


def describe(comparison: Comparison) -> list[str]:
    """The comparison as lines of text: the finding, then every figure with its source, side by side."""
    lines = [
        f"[{comparison.rule}] {comparison.summary} "
        f"(difference {comparison.difference:+.2f} {comparison.unit}, "
        f"{_fmt(round(comparison.beyond_rounding, 2))} beyond rounding)"
    ]
    for obs in comparison.observations:
        lines.append(
            f"  {_fmt(obs.value)} {obs.unit} | {_label(obs)} | {obs.source.document}, "
            f'{obs.source.section}: "{obs.source.quote}"'
        )
    return lines
