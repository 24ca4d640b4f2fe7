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
    lines: tuple[tuple[str, float], ...]
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


def _lines(label: str) -> tuple[str, ...]:
    """The label on one line, or on two balanced lines when it has several words."""
    words = label.split()
    if len(words) < 2:
        return (label,)
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return (" ".join(words[:cut]), " ".join(words[cut:]))


def _point(center: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return center + radius * math.cos(angle), center + radius * math.sin(angle)


def radar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    max_value: float = 5,
    size: int = 400,
    margin: int = 95,
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
        lines = _lines(label)
        shift = 4.0  # centre a single line on its point
        if len(lines) == 2:  # keep two lines clear of the chart: above the top half, centred at the sides
            shift += -13 if ly < center - radius * 0.3 else (-6 if ly <= center + radius * 0.3 else 0)
        placed = tuple((line, round(ly + shift + 13 * i, 1)) for i, line in enumerate(lines))
        axes.append(
            RadarAxis(label, placed, round(x, 1), round(y, 1), round(lx, 1), round(ly + shift, 1), anchor)
        )
    drawn = []
    for name, values in series.items():
        if len(values) != count:
            raise ValueError(f"series {name!r} has {len(values)} values for {count} axes")
        pts = (_point(center, radius * (v or 0) / max_value, i, count) for i, v in enumerate(values))
        drawn.append(RadarSeries(name, " ".join(f"{x:.1f},{y:.1f}" for x, y in pts), tuple(values)))
    return RadarChart(size, center, tuple(rings), tuple(axes), tuple(drawn))
