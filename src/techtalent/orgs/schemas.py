"""API schemas of organisations, candidates and consents."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from techtalent.matching.schemas import ExplanationOut


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    region: str
    verified: bool
    role: str | None = Field(None, description="Your role in it (None when you are not a member)")


class MemberOut(Schema):
    username: str
    role: str


class OrganisationDetailOut(OrganisationOut):
    members: list[MemberOut]


class CandidatesIn(Schema):
    occupation: str | None = Field(None, max_length=255, description="ESCO occupation URI")
    skills: list[str] = Field(default_factory=list, max_length=200, description="ESCO skill URIs wanted")
    optional: list[str] = Field(default_factory=list, max_length=200, description="Nice-to-have skill URIs")
    lang: Literal["nl", "en"] = "nl"
    top: int = Field(20, ge=1, le=100)


class CandidateOut(Schema):
    passport: int
    score: float
    explanation: ExplanationOut


class ConsentIn(Schema):
    organisation: str | None = Field(
        None,
        max_length=80,
        description="Slug or id of a verified organisation; empty: all verified employers",
    )


class ConsentOut(Schema):
    id: int
    what: str
    organisation: str | None
    all_verified: bool
    created: datetime
    revoked_at: datetime | None


class Problem(Schema):
    detail: str
