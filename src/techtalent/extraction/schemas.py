"""API schemas of extraction: texts and titles in, ranked ESCO concepts out."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

TextLang = Literal["auto", "nl", "en"]
TitleLang = Literal["nl", "en"]


class ExtractIn(Schema):
    text: str = Field(..., description="The text to read: a vacancy, a course description, a CV")
    lang: TextLang = Field("auto", description="Language of the text; auto detects Dutch or English")
    id: str | None = Field(None, max_length=200, description="Your identifier, returned as given")
    top: int = Field(10, ge=0, le=100, description="How many concepts `ranking` lists, whatever their score")
    labels: TitleLang | None = Field(
        None,
        description="Language of the names shown (`display_label`): nl or en; by default the interface"
        " language (`?lang=` or the language cookie, else Dutch)",
    )


class FoundConceptOut(Schema):
    uri: str
    kind: Literal["skill", "occupation", "skill_group"]
    label: str = Field(..., description="The taxonomy label that matched the text (the evidence)")
    spans: list[tuple[int, int]] = Field(..., description="Character offsets [start, end) of each mention")
    score: float = Field(..., ge=0, le=1)
    evidence: dict[str, Any] = Field(
        ..., description="Why: matched variant, rule, sentence, section, negation"
    )
    display_label: str = Field(
        ...,
        description="The name the interface shows in the display language: the official ESCO label, else"
        " the best derived (machine-translated) label, else the official label of the other language",
    )
    display_lang: Literal["nl", "en"] = Field(..., description="The language of `display_label`")
    display_derived: bool = Field(
        ..., description="`display_label` is derived (machine-translated), not an official ESCO label"
    )
    display_original: str = Field(
        "", description="The official label a derived `display_label` was translated from; else empty"
    )


class ExtractOut(Schema):
    id: str | None
    lang: Literal["nl", "en"]
    concepts: list[FoundConceptOut] = Field(
        ..., description="Accepted concepts: score at or above the calibrated threshold"
    )
    ranking: list[FoundConceptOut] = Field(
        default_factory=list, description="The best `top` concepts by score, accepted or not (suggestions)"
    )


class TitlesIn(Schema):
    titles: list[Annotated[str, Field(max_length=300)]] = Field(
        ..., min_length=1, description="Job titles, e.g. 'lasser', 'CNC-operator'"
    )
    lang: TitleLang = "nl"
    top: int = Field(10, ge=1, le=50, description="Occupations per title")


class TitleConceptOut(Schema):
    uri: str
    label: str
    score: float


class TitleOut(Schema):
    id: str = Field(..., description="The title's position in the request, from 0")
    title: str
    concepts: list[TitleConceptOut]


class TitlesOut(Schema):
    results: list[TitleOut]


class ErrorOut(Schema):
    detail: Any
