"""Pure monitor computation (no Django, no I/O): starter data as frozen values and consistency checks."""

from techtalent.monitor.engine.checks import (
    FACTS,
    Comparison,
    Contradiction,
    comparisons,
    consistency_checks,
    describe,
)
from techtalent.monitor.engine.intervals import Interval, interval_of, rounding_step
from techtalent.monitor.engine.model import (
    DocumentData,
    Indicator,
    Localised,
    NotPlaced,
    Observation,
    Region,
    Source,
    StarterData,
)
from techtalent.monitor.engine.parsing import (
    StarterDataError,
    parse_breakdowns,
    parse_document,
    parse_indicators,
    parse_regions,
    parse_starter_data,
)
from techtalent.monitor.engine.periods import period_kind, period_start
from techtalent.monitor.engine.rules import (
    GrowthRate,
    PartsSumToWhole,
    RegionsSumToWhole,
    Rule,
    SameValue,
    ShareInRange,
    ShareOfWhole,
    SharesSumTo100,
    parse_rules,
)

__all__ = [
    "FACTS",
    "Comparison",
    "Contradiction",
    "DocumentData",
    "GrowthRate",
    "Indicator",
    "Interval",
    "Localised",
    "NotPlaced",
    "Observation",
    "PartsSumToWhole",
    "Region",
    "RegionsSumToWhole",
    "Rule",
    "SameValue",
    "ShareInRange",
    "ShareOfWhole",
    "SharesSumTo100",
    "Source",
    "StarterData",
    "StarterDataError",
    "comparisons",
    "consistency_checks",
    "describe",
    "interval_of",
    "parse_breakdowns",
    "parse_document",
    "parse_indicators",
    "parse_regions",
    "parse_rules",
    "parse_starter_data",
    "period_kind",
    "period_start",
    "rounding_step",
]
