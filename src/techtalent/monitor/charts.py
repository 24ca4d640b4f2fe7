"""Vega-Lite specs (built with Altair) for the comparison tool and factsheets; one spec for every medium."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt

from techtalent.monitor.formats import VEGA_LOCALES, unit_label, vega_format

__all__ = ["bar_or_trend", "choropleth", "spec_hash", "to_svg"]

Spec = dict[str, Any]


def _locale(spec: Spec, lang: str) -> Spec:
    """The number locale of ``lang`` in the spec itself, so the browser and vl-convert format alike."""
    config = dict(spec.get("config") or {})
    config["locale"] = {"number": VEGA_LOCALES.get(lang, VEGA_LOCALES["nl"])}
    return {**spec, "config": config}


def bar_or_trend(
    rows: Sequence[dict[str, Any]],
    *,
    title: str,
    unit: str,
    labels: dict[str, str],
    lang: str = "nl",
    periods: Sequence[str] | None = None,
    width: int | str = "container",
    height: int = 220,
    apart: str | None = None,
) -> Spec:
    """A line per region (and breakdown) over the periods in order, or bars when there is one period only.

    ``apart`` names a series (the Netherlands) drawn in a panel below, for counts that dwarf the regions.
    """
    if apart and any(r["series"] == apart for r in rows) and any(r["series"] != apart for r in rows):
        kwargs = {"title": title, "unit": unit, "labels": labels, "lang": lang, "periods": periods}
        size = {"width": 900 if width == "container" else width, "height": height}
        upper = bar_or_trend([r for r in rows if r["series"] != apart], **kwargs, **size)  # type: ignore[arg-type]
        lower = bar_or_trend(
            [r for r in rows if r["series"] == apart],
            **{**kwargs, "title": f"{title}: {apart}"},  # type: ignore[arg-type]
            width=size["width"],
            height=max(90, height // 2),
        )
        for part in (upper, lower):
            part.pop("$schema", None)
            part.pop("config", None)
        return _locale({"$schema": alt.SCHEMA_URL, "vconcat": [upper, lower]}, lang)
    data = alt.Data(values=[dict(row) for row in rows])
    order = list(periods) if periods else list(dict.fromkeys(row["period"] for row in rows))
    number = vega_format(unit)
    series = alt.Color(
        "series:N",
        title=labels["series"],
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=320, titleLimit=320),
    )
    tooltip = [
        alt.Tooltip("series:N", title=labels["series"]),
        alt.Tooltip("period:O", title=labels["period"]),
        alt.Tooltip("value:Q", title=labels["value"], format=number),
    ]
    y = alt.Y("value:Q", title=unit_label(unit), axis=alt.Axis(format=number))
    base = alt.Chart(data, title=alt.Title(title, limit=480)).properties(width=width, height=height)
    if len(order) > 1:
        chart = base.mark_line(point=len(order) <= 20).encode(
            x=alt.X(
                "period:O",
                title=labels["period"],
                sort=order,
                axis=alt.Axis(labelAngle=-45, labelOverlap=True),
            ),
            y=y,
            color=series,
            tooltip=tooltip,
        )
    else:
        chart = base.mark_bar().encode(
            x=alt.X("series:N", title=None, sort=None, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            y=y,
            color=series,
            tooltip=tooltip,
        )
    return _locale(chart.to_dict(), lang)


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False)) / 2


def _rewind(geometry: dict[str, Any]) -> dict[str, Any]:
    """Exterior rings clockwise and holes counter-clockwise, as d3-geo (Vega) wants them.

    GeoJSON (RFC 7946) winds the other way; d3 then draws the whole globe minus the region: a filled square.
    """

    def polygon(rings: list[Any]) -> list[Any]:
        return [ring[::-1] if (_ring_area(ring) > 0) == (i == 0) else ring for i, ring in enumerate(rings)]

    if geometry.get("type") == "Polygon":
        return {**geometry, "coordinates": polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {**geometry, "coordinates": [polygon(p) for p in geometry["coordinates"]]}
    return geometry


def choropleth(
    features: Sequence[dict[str, Any]],
    *,
    title: str,
    unit: str,
    labels: dict[str, str],
    lang: str = "nl",
    width: int = 320,
    height: int = 360,
) -> Spec:
    """A map of regions (GeoJSON features with properties name and value) coloured by value."""
    features = [{**f, "geometry": _rewind(f["geometry"])} if f.get("geometry") else f for f in features]
    data = alt.Data(values=list(features), format=alt.DataFormat(type="json"))
    number = vega_format(unit)
    chart = (
        alt.Chart(data, title=alt.Title(title, limit=420))
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .encode(
            color=alt.Color(
                "properties.value:Q",
                title=unit_label(unit),
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(format=number),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title=labels["region"]),
                alt.Tooltip("properties.value:Q", title=labels["value"], format=number),
            ],
        )
        .project(type="mercator")
        .properties(width=width, height=height)
    )
    return _locale(chart.to_dict(), lang)


_SVG_MEMO: dict[str, str] = {}
_SVG_MEMO_MAX = 256


def spec_hash(spec: Spec) -> str:
    """A stable key for a spec (and the vl-convert version that renders it)."""
    import vl_convert

    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{vl_convert.__version__}\n{text}".encode()).hexdigest()


def _svg_dir() -> Path:
    from django.conf import settings

    return Path(settings.CACHE_DIR) / "chart-svg"


def to_svg(spec: Spec) -> str:
    """The chart as an SVG document (vl-convert, no browser), cached per spec in memory and CACHE_DIR."""
    import vl_convert

    key = spec_hash(spec)
    if key in _SVG_MEMO:
        return _SVG_MEMO[key]
    path = _svg_dir() / f"{key}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        svg = str(vl_convert.vegalite_to_svg(spec))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(svg, encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache folder only costs speed
    if len(_SVG_MEMO) >= _SVG_MEMO_MAX:
        _SVG_MEMO.clear()
    _SVG_MEMO[key] = svg
    return svg
