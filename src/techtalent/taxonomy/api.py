"""Taxonomy API: search, concepts, status and sector frameworks (mounted at /api/esco)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from techtalent.taxonomy import selectors
from techtalent.taxonomy.models import Framework
from techtalent.taxonomy.schemas import (
    ConceptDetailOut,
    ConceptRefOut,
    DerivedLabelOut,
    DetailOut,
    FrameworkDetailOut,
    FrameworkItemOut,
    FrameworkLinkOut,
    FrameworkOut,
    SearchHitOut,
    StatusOut,
)

router = Router(tags=["taxonomy"])

Lang = Literal["nl", "en"]
Kind = Literal["skill", "occupation", "skill_group", "isco_group"]


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=300, description="Words of a label, in Dutch or English")
    lang: Lang = "nl"
    kind: Kind | None = None
    skill_type: Literal["skill/competence", "knowledge"] | None = None
    collection: str | None = Field(None, max_length=40)


@router.get("/search", response=list[SearchHitOut], summary="Search skills and occupations by label")
@paginate(LimitOffsetPagination)
def search(request: HttpRequest, params: Query[SearchParams]) -> list[dict[str, object]]:
    return selectors.concept_search(
        params.q,
        lang=params.lang,
        limit=200,
        kind=params.kind,
        skill_type=params.skill_type,
        collection=params.collection,
    )


def _refs(refs: list[selectors.ConceptRef]) -> list[ConceptRefOut]:
    return [
        ConceptRefOut(uri=r.uri, kind=r.kind, label=r.label, label_lang=r.label_lang, label_derived=r.derived)
        for r in refs
    ]


@router.get(
    "/concept",
    response={200: ConceptDetailOut, 404: DetailOut},
    summary="One concept with its labels and relations",
)
def concept(request: HttpRequest, uri: str, lang: Lang = "nl") -> ConceptDetailOut:
    detail = selectors.concept_detail(uri, lang)
    if detail is None:
        raise HttpError(404, f"no concept with URI {uri!r}")
    c = detail.concept
    return ConceptDetailOut(
        uri=c.uri,
        kind=c.kind,
        skill_type=c.skill_type,
        reuse_level=c.reuse_level,
        code=c.code,
        label=detail.title,
        label_lang=detail.title_lang,
        label_derived=detail.title_derived,
        labels=detail.labels,
        derived_labels=[
            DerivedLabelOut(text=d.text, lang=d.lang, confidence=d.confidence, method=d.method, rank=d.rank)
            for d in detail.derived
        ],
        description={lg: t.description for lg, t in detail.texts.items() if t.description},
        scope_note={lg: t.scope_note for lg, t in detail.texts.items() if t.scope_note},
        breadcrumbs=_refs(detail.breadcrumbs),
        broader=_refs(detail.broader),
        narrower=_refs(detail.children),
        essential_skills=_refs(detail.essential),
        optional_skills=_refs(detail.optional),
        occupations_essential=_refs(detail.occupations_essential),
        occupations_optional=_refs(detail.occupations_optional),
        related_skills=_refs(detail.related),
        collections=[col.code for col in detail.collections],
    )


@router.get("/status", response=StatusOut, summary="Which ESCO version and languages are imported")
def status(request: HttpRequest) -> StatusOut:
    info = selectors.taxonomy_status()
    release = info["release"]
    return StatusOut(
        version=getattr(release, "version", None),
        languages=[lg for lg in str(info["languages"]).split(", ") if lg],
        imported_at=release.imported_at.isoformat() if release else None,
        counts={
            "occupations": int(info["occupations"]),
            "skills": int(info["skills"]),
            "frameworks": int(info["frameworks"]),
        },
    )


_FRAMEWORK_FIELDS = (
    "code",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "source_document",
    "source_section",
)


def _framework_fields(framework: Framework) -> dict[str, str]:
    return {name: getattr(framework, name) for name in _FRAMEWORK_FIELDS}


@router.get(
    "/frameworks", response=list[FrameworkOut], summary="The sector frameworks from the source documents"
)
@paginate(LimitOffsetPagination)
def frameworks(request: HttpRequest) -> list[FrameworkOut]:
    return [FrameworkOut(**_framework_fields(f), n_items=f.n_items) for f in selectors.framework_list()]


@router.get("/frameworks/{code}", response={200: FrameworkDetailOut, 404: DetailOut}, summary="One framework")
def framework(request: HttpRequest, code: str) -> FrameworkDetailOut:
    found = selectors.framework_detail(code)
    if found is None:
        raise HttpError(404, f"no framework {code!r}")
    f, items = found
    return FrameworkDetailOut(
        **_framework_fields(f),
        n_items=len(items),
        items=[
            FrameworkItemOut(
                code=i.code,
                parent=i.parent.code if i.parent else None,
                name_nl=i.name_nl,
                name_en=i.name_en,
                description_nl=i.description_nl,
                description_en=i.description_en,
                source_document=i.source_document,
                source_section=i.source_section,
                source_quote=i.source_quote,
                esco=[
                    FrameworkLinkOut(
                        uri=lk.concept_uri,
                        label=lk.label,
                        relation=lk.relation,
                        confidence=lk.confidence,
                        method=lk.method,
                    )
                    for lk in i.links.all()
                ],
            )
            for i in items
        ],
    )
