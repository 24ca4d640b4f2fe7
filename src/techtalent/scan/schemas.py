"""API schemas of the scan domain."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class InstrumentOut(Schema):
    code: str
    version: int
    kind: str
    title: dict[str, str]
    questions: int
    authorship: dict[str, str]


class InstrumentDetailOut(InstrumentOut):
    definition: dict[str, Any]


class ScanIn(Schema):
    answers: dict[str, int]
    targets: dict[str, int] = {}
    sector: str = ""


class SkillOut(Schema):
    uri: str
    label: str
    label_lang: str = ""
    label_derived: bool = Field(
        False, description="the label is machine-translated, not an official ESCO label"
    )


class CompetencyOut(Schema):
    code: str
    name: str
    level: int
    new: bool
    confidence: float
    framework: str
    skills: list[SkillOut]
    staff_covered: int | None
    named_covered: list[str]
    named_missing: list[str]


class TransformationOut(Schema):
    code: str
    name: str
    level: int | None
    target: int
    previous: int | None
    region_mean: float | None
    sector_mean: float | None
    competencies: list[CompetencyOut]


class StationOut(Schema):
    id: int
    title: str
    provider: str
    skills: list[str]
    teaches: list[SkillOut]
    hours: float | None = None
    cost_eur: float | None = None


class RouteOut(Schema):
    stations: list[StationOut]
    covered: list[str]
    missing: list[str]
    hours: float
    cost_eur: float


class MappingOut(Schema):
    method: str
    source: dict[str, str]
    official: bool


class ScanResultOut(Schema):
    scan: int
    organisation: str
    instrument: dict[str, Any]
    submitted_at: str | None
    staff_passports: int
    min_contributors: int
    mapping: MappingOut
    transformations: list[TransformationOut]
    gap_skills: list[str]
    offers: RouteOut | None


class ThemeOut(Schema):
    code: str
    name: str
    score: float | None


class CultureOut(Schema):
    answers: int
    min_contributors: int
    shown: bool
    themes: list[ThemeOut]
