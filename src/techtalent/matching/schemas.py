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
    label: str = Field(
        ..., description="the name shown: official in the asked language, else derived, else other"
    )
    label_lang: str
    fallback: bool = Field(..., description="the label is the official one of the other language")
    derived: bool = Field(False, description="the label is machine-translated, not an official ESCO label")
    original: str = Field("", description="the official label a derived one stands for")


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


class ReasonOut(Schema):
    essential_matched: int
    essential_partial: int
    essential_total: int
    skills_used: int
    skills_own: int


class ExplanationOut(Schema):
    coverage: float
    relevance: float
    reason: ReasonOut
    matched: list[MatchedOut]
    partial: list[PartialOut]
    missing: list[MissingOut]


class ShortageSourceOut(Schema):
    document: str
    title: str = Field("", description="The document's title, when the bundled list names it")
    section: str
    quote: str


class ShortageLinkOut(Schema):
    group: str
    name: str
    confidence: str
    mapping: str
    sources: list[ShortageSourceOut]
    tension: list[str]


class OccupationMatchOut(ConceptOut):
    score: float
    fit: int = Field(
        ...,
        description="Calibrated chance (0-100) that the occupation fits, from the passport's skills alone",
    )
    held: bool = Field(
        False,
        description="An occupation the person has held: held occupations steer the ranking (`score`) as a "
        "prior, the occupation itself fully and its ISCO unit group at half weight; `fit` ignores them",
    )
    shortage: float
    shortage_sources: list[ShortageLinkOut]
    explanation: ExplanationOut


class MatchIn(Schema):
    skills: dict[Uri, Level] = Field(..., min_length=1, max_length=500, description="Skill URI → proficiency")
    lang: Lang = "nl"
    top: int = Field(10, ge=1, le=100)


class StepOut(ConceptOut):
    gap: float
    shortage: float
    shortage_sources: list[ShortageLinkOut]
    similarity: float | None
    essential_total: int
    to_learn: list[ConceptOut]


class PathOut(Schema):
    start: ConceptOut | None
    cost: float
    steps: list[StepOut]


class DetailOut(Schema):
    detail: str


class ExportAccountOut(Schema):
    username: str
    email: str
    date_joined: str


class ExportPassportOut(Schema):
    id: int
    findable: bool
    region: str
    hours_per_week: int | None
    created: str
    updated: str


class ExportSkillOut(Schema):
    uri: str
    label: str
    label_lang: str = ""
    label_derived: bool = Field(
        False, description="the label is machine-translated, not an official ESCO label"
    )
    label_original: str = Field("", description="the official label a derived one stands for")
    proficiency: str
    source: str
    evidence: str
    added: str


class ExportOccupationOut(Schema):
    uri: str
    label: str
    label_lang: str = ""
    label_derived: bool = Field(
        False, description="the label is machine-translated, not an official ESCO label"
    )
    label_original: str = Field("", description="the official label a derived one stands for")
    years: float


class ExportEducationOut(Schema):
    level: str
    programme: str


class ExportShareOut(Schema):
    id: int
    with_user: str | None
    link: bool
    expires: str | None
    created: str


class PassportExportOut(Schema):
    """Everything stored about a passport and its owner (docs/passport.md)."""

    schema_: str = Field(alias="schema")
    exported: str
    account: ExportAccountOut
    passport: ExportPassportOut
    skills: list[ExportSkillOut]
    occupations: list[ExportOccupationOut]
    education: list[ExportEducationOut]
    shares: list[ExportShareOut]
