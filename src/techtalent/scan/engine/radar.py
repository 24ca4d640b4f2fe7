"""Geometry of a radar chart (axes, rings, one polygon per series) for an SVG drawn by a template."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["RadarAxis", "RadarChart", "RadarSeries", "radar_chart"]


@dataclass(frozen=True)
class RadarAxis:
    """One spoke: its label, end point and where its label goes."""

    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class RadarSeries:
    """One polygon (e.g. current or target levels), as an SVG points string."""

    name: str
    points: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class RadarChart:
    """Everything a template needs to draw the chart at the given size."""

    size: int
    center: float
    rings: tuple[str, ...]
    axes: tuple[RadarAxis, ...]
    series: tuple[RadarSeries, ...]


def _point(center: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return center + radius * math.cos(angle), center + radius * math.sin(angle)


def radar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    max_value: float = 5,
    size: int = 360,
    margin: int = 70,
) -> RadarChart:
    """Axes for the labels and a polygon per series; a missing value is drawn at the centre."""
    count = len(labels)
    if count < 3:
        raise ValueError("a radar chart needs at least three axes")
    center = size / 2
    radius = center - margin
    rings = []
    for step in range(1, int(max_value) + 1):
        r = radius * step / max_value
        rings.append(
            " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(center, r, i, count) for i in range(count)))
        )
    axes = []
    for i, label in enumerate(labels):
        x, y = _point(center, radius, i, count)
        lx, ly = _point(center, radius + 14, i, count)
        anchor = "middle" if abs(lx - center) < 5 else ("start" if lx > center else "end")
        axes.append(RadarAxis(label, round(x, 1), round(y, 1), round(lx, 1), round(ly + 4, 1), anchor))
    drawn = []
    for name, values in series.items():
        if len(values) != count:
            raise ValueError(f"series {name!r} has {len(values)} values for {count} axes")
        pts = (_point(center, radius * (v or 0) / max_value, i, count) for i, v in enumerate(values))
        drawn.append(RadarSeries(name, " ".join(f"{x:.1f},{y:.1f}" for x, y in pts), tuple(values)))
    return RadarChart(size, center, tuple(rings), tuple(axes), tuple(drawn))
