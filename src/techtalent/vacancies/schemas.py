"""API schemas of saved vacancies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field


class VacancySkillIn(Schema):
    uri: str = Field(..., max_length=255, description="ESCO skill URI")
    relation: Literal["essential", "optional"] = "essential"


class VacancyIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    text: str = Field("", max_length=200_000, description="The text of the vacancy")
    occupation: str = Field("", max_length=255, description="ESCO occupation URI, empty for none")
    skills: list[VacancySkillIn] = Field(default_factory=list, max_length=200)


class VacancyPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    occupation: str | None = Field(None, max_length=255, description="ESCO occupation URI; empty clears it")
    skills: list[VacancySkillIn] | None = Field(
        None, max_length=200, description="When given, replaces the skills (sources of kept ones stay)"
    )


class VacancySkillOut(Schema):
    uri: str
    label: str
    label_lang: str
    derived: bool
    relation: str
    source: str


class VacancyOut(Schema):
    id: int
    organisation: str = Field(..., description="Slug of the organisation")
    title: str
    occupation: str | None
    created_by: str | None
    created: datetime
    updated: datetime
    skills: list[VacancySkillOut]


class VacancyDetailOut(VacancyOut):
    text: str
