"""API shapes of the monitor."""

from __future__ import annotations

from ninja import Schema


class IndicatorOut(Schema):
    code: str
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    unit: str
    better: str


class RegionOut(Schema):
    code: str
    name: str
    kind: str
    has_shape: bool


class ObservationOut(Schema):
    id: int
    indicator: str
    region: str
    region_name: str
    period: str
    breakdowns: str
    value: float
    unit: str
    measure: str
    status: str
    approximate: bool
    source: str
    source_id: int


class ObservationPage(Schema):
    items: list[ObservationOut]
    count: int


class ContradictionOut(Schema):
    rule: str
    kind: str
    summary: str
    stated: float
    computed: float
    unit: str
    beyond_rounding: float
    observations: list[str]
