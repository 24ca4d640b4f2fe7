"""Rounding intervals: the range of true values a figure, as written, can stand for.

A document writes "18%" for anything in [17.5, 18.5) and "847.000" for anything in [846.500, 847.500].
Checks compare these ranges, never bare numbers, so rounding alone never counts as a contradiction.
Percentages, points and ratios are rounded to the decimals written; counts to their trailing zeros
("2.500" to tens, "847.000" to thousands), which can only widen the range. A figure the document hedges
("ongeveer", "zo'n", "bijna", "ruim") gets a whole rounding step either side instead of half.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from techtalent.monitor.engine.model import COUNT_UNITS, Observation

__all__ = ["Interval", "interval_of", "rounding_step"]


@dataclass(frozen=True)
class Interval:
    """A closed range of numbers."""

    low: float
    high: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def divided_by(self, other: Interval) -> Interval:
        """The range of self / other, for a divisor range that excludes zero."""
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError("divisor range includes zero")
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients))

    def scaled(self, factor: float, offset: float = 0.0) -> Interval:
        """The range of factor * x + offset (factor > 0)."""
        return Interval(self.low * factor + offset, self.high * factor + offset)

    @property
    def middle(self) -> float:
        """The centre of the range."""
        return (self.low + self.high) / 2

    def distance(self, other: Interval) -> float:
        """How far apart two ranges are; 0 when they overlap."""
        return max(0.0, other.low - self.high, self.low - other.high)


def rounding_step(value: float, unit: str) -> float:
    """The rounding step the written value implies (0.1 for "2,5", 1000 for "847.000" persons)."""
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if unit in COUNT_UNITS and float(value).is_integer() and value != 0:
        return float(10 ** max(exponent, 0))
    return float(10 ** min(exponent, 0))


def interval_of(observation: Observation) -> Interval:
    """The values an observation can stand for, given how it is written."""
    step = rounding_step(observation.value, observation.unit)
    half_width = step if observation.approximate else step / 2
    return Interval(observation.value - half_width, observation.value + half_width)
