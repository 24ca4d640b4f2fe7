"""Pydantic schemas of the catalog API."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Schema
from pydantic import Field


class DetailOut(Schema):
    detail: Any


class SkillOut(Schema):
    uri: str
    label: str
    label_lang: str = ""
    label_derived: bool = Field(
        False, description="the label is machine-translated, not an official ESCO label"
    )
    level: str
    status: str
    method: str
    score: float | None = None


class OfferOut(Schema):
    id: int
    title: str
    provider: str
    kind: str
    level: str
    nlqf: int | None
    eqf: int | None
    form: str
    hours: int | None
    cost_eur: float | None
    language: str
    region: str
    locations: str
    code: str
    code_scheme: str
    sector: str
    enrolment: int | None
    enrolment_year: int | None
    source: str


class OfferDetailOut(OfferOut):
    description: str
    learning_outcomes: str
    start_date: date | None
    end_date: date | None
    skills: list[SkillOut]
    funding: list[dict[str, str]]
    lines: list[int]


class OfferPageOut(Schema):
    total: int
    page: int
    per_page: int
    items: list[OfferOut]


class OfferIn(Schema):
    provider: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    learning_outcomes: str = Field("", max_length=20000)
    kind: str = "module"
    level: str = ""
    form: str = ""
    hours: int | None = Field(None, ge=0, le=20000)
    cost_eur: float | None = Field(None, ge=0, le=1_000_000)
    language: str = Field("nl", pattern=r"^(nl|en|de|fr)$")
    region: str = Field("", max_length=12)
    skills: list[str] = Field(default_factory=list, max_length=100)


class SkillDecisionIn(Schema):
    uri: str = Field(min_length=1, max_length=255)
    accept: bool
    level: str | None = None


class StationOut(Schema):
    id: int
    position: int
    offer_id: int
    title: str
    provider: str
    credential: bool
    prerequisites: list[int]
    transfer_lines: list[int]


class LineOut(Schema):
    id: int
    name: str
    theme: str
    owner: str
    region: str
    status: str
    colour: str
    sequential: bool
    target_group: str
    end_terms: str
    source: dict[str, str]
    stations: list[StationOut]


class LineIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    owner: str = Field(min_length=1, max_length=200)
    theme: str = Field("", max_length=200)
    region: str = Field("", max_length=12)
    target_group: str = Field("", max_length=5000)
    end_terms: str = Field("", max_length=5000)
    sequential: bool = False


class StationIn(Schema):
    offer_id: int
    prerequisites: list[int] = Field(default_factory=list, description="station ids on this line")
    credential: bool = True


class TaughtOut(Schema):
    uri: str
    label: str
    label_lang: str
    label_derived: bool = Field(
        False, description="the label is machine-translated, not an official ESCO label"
    )


class RouteStationOut(Schema):
    id: int
    title: str
    provider: str
    skills: list[str]
    teaches: list[TaughtOut]
    required_by: list[int]
    hours: float | None
    cost_eur: float | None
    lines: list[int]


class RouteOut(Schema):
    stations: list[RouteStationOut]
    covered: list[str]
    missing: list[str]
    missing_labels: dict[str, str]
    missing_derived: list[str] = Field(
        default_factory=list, description="missing skills whose label is derived"
    )
    hours: float
    cost_eur: float


class CredentialIn(Schema):
    recipient: str = Field(
        min_length=1, max_length=150, description="username of the person who completed it"
    )
    offer_id: int | None = None
    line_id: int | None = None


class VerifyOut(Schema):
    valid: bool
    trusted: bool
    reason: str = ""
    issuer: str | None = None
    name: str = ""
    skills: list[str] = Field(default_factory=list)
