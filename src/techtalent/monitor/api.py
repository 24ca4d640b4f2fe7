"""Monitor API: indicators, regions, observations (paginated, or CSV) and contradictions (at /api/monitor)."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from techtalent.monitor import selectors
from techtalent.monitor.engine.parsing import StarterDataError
from techtalent.monitor.models import Region
from techtalent.monitor.schemas import ContradictionOut, IndicatorOut, ObservationPage, RegionOut

router = Router(tags=["monitor"])


class DetailOut(Schema):
    detail: str


class ObservationParams(Schema):
    indicator: list[str] = Field(default_factory=list, description="Indicator code (repeatable)")
    region: list[str] = Field(default_factory=list, description="CBS region code (repeatable)")
    period: list[str] = Field(default_factory=list, description="2019, 2019Q3, 2022M05 or 2018/2019")
    breakdowns: str | None = Field(None, max_length=300, description="k=v;k=v, empty for totals only")
    format: Literal["json", "csv"] = "json"
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


@router.get("/indicators", response=list[IndicatorOut], summary="Indicators of the monitor")
@paginate(LimitOffsetPagination)
def indicators(request: HttpRequest) -> Any:
    return selectors.indicator_list()


@router.get("/regions", response=list[RegionOut], summary="Regions by CBS code")
@paginate(LimitOffsetPagination)
def regions(request: HttpRequest, kind: str | None = None) -> Any:
    has_shape = ExpressionWrapper(Q(shape__isnull=False), output_field=BooleanField())
    qs = Region.objects.filter(kind=kind) if kind else Region.objects.all()
    return qs.annotate(has_shape=has_shape).values("code", "name", "kind", "has_shape")


@router.get(
    "/observations",
    response=ObservationPage,
    summary="Observations with their source, paginated (format=csv: all matching rows as CSV)",
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def observations(request: HttpRequest, params: Query[ObservationParams]) -> Any:
    flt = selectors.ObservationFilter(
        tuple(params.indicator), tuple(params.region), tuple(params.period), params.breakdowns, measure=None
    )
    qs = selectors.observation_list(flt)
    if params.format == "csv":
        response = StreamingHttpResponse(
            selectors.csv_lines(qs.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="observations.csv"'
        return response
    page = qs[params.offset : params.offset + params.limit]
    return {"items": [selectors.observation_row(o) for o in page], "count": qs.count()}


@router.get(
    "/check",
    response={200: list[ContradictionOut], 503: DetailOut},
    summary="Contradictions among the stored figures",
)
@paginate(LimitOffsetPagination)
def check(request: HttpRequest) -> list[dict[str, object]]:
    try:
        found = selectors.contradictions()
    except StarterDataError as exc:  # the rules name indicators and regions that are not stored yet
        raise HttpError(503, f"the monitor's starter data is not loaded (`techtalent init`): {exc}") from None
    return [
        {
            "rule": c.rule,
            "kind": c.kind,
            "summary": c.summary,
            "stated": c.stated,
            "computed": c.computed,
            "unit": c.unit,
            "beyond_rounding": c.beyond_rounding,
            "observations": [o.key for o in c.observations],
        }
        for c in found
    ]
