"""API schemas of passports and matching."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

Lang = Literal["nl", "en"]
Level = Literal["basic", "intermediate", "advanced", "expert"]
Source = Literal["self", "cv", "occupation", "credential"]
Uri = str


class PassportIn(Schema):
    findable: bool | None = None
    region: str | None = Field(None, max_length=120)
    hours_per_week: int | None = Field(None, ge=1, le=80)


class SkillIn(Schema):
    uri: Uri = Field(..., min_length=1, max_length=255)
    proficiency: Level = "intermediate"
    source: Source = "self"
    evidence: str = Field("", max_length=2000)


class SkillOut(Schema):
    uri: str
    label: str
    label_lang: str
    label_derived: bool = False
    proficiency: str
    source: str
    evidence: str


class OccupationIn(Schema):
    uri: Uri = Field(..., min_length=1, max_length=255)
    years: float = Field(0, ge=0, le=60)
    derive_skills: bool = True


class OccupationOut(Schema):
    uri: str
    label: str
    label_lang: str
    label_derived: bool = False
    years: float


class EducationIn(Schema):
    level: str = Field(..., min_length=1, max_length=40)
    programme: str = Field(..., min_length=1, max_length=200)


class EducationOut(Schema):
    id: int
    level: str
    programme: str


class PassportOut(Schema):
    id: int
    owner: str
    findable: bool
    region: str
    hours_per_week: int | None
    skills: list[SkillOut]
    occupations: list[OccupationOut]
    education: list[EducationOut]


class PassportRefOut(Schema):
    id: int
    owner: str
    skills: int


class ShareIn(Schema):
    username: str | None = Field(None, min_length=1, max_length=150)
    days: int | None = Field(30, ge=1, le=365, description="Days a link lasts (ignored for a named user)")


class ShareOut(Schema):
    id: int
    username: str | None
    url: str | None
    expires: datetime | None


class ConceptOut(Schema):
    uri: str
    label: str
    label_lang: str
    fallback: bool
    derived: bool = False


class MatchedOut(ConceptOut):
    relation: str
    weight: float
    proficiency: str
    credit: float


class PartialOut(ConceptOut):
    relation: str
    weight: float
    credit: float
    via: str
    source: ConceptOut


class MissingOut(ConceptOut):
    relation: str
    weight: float


class ExplanationOut(Schema):
    coverage: float
    relevance: float
    matched: list[MatchedOut]
    partial: list[PartialOut]
    missing: list[MissingOut]


class OccupationMatchOut(ConceptOut):
    score: float
    explanation: ExplanationOut


class MatchIn(Schema):
    skills: dict[Uri, Level] = Field(..., min_length=1, max_length=500, description="Skill URI → proficiency")
    lang: Lang = "nl"
    top: int = Field(10, ge=1, le=100)


class StepOut(ConceptOut):
    gap: float
    shortage: float


class PathOut(Schema):
    start: ConceptOut | None
    cost: float
    steps: list[StepOut]


class DetailOut(Schema):
    detail: str
