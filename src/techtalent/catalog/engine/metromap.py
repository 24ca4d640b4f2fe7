"""A metro map of lines and stations as SVG, drawn from data (readable on screen and on paper)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["MapLine", "MapStation", "metro_svg"]

ROW, STEP, LEFT, TOP = 110, 150, 210, 60


@dataclass(frozen=True)
class MapStation:
    """A station to draw: its offer, label and link; ``on_route`` marks it as part of a learning route."""

    offer_id: int
    label: str
    href: str = ""
    on_route: bool = False


@dataclass(frozen=True)
class MapLine:
    """A line to draw with its stations in order; an announced line has none."""

    name: str
    colour: str
    stations: tuple[MapStation, ...]
    href: str = ""
    status_text: str = ""


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(x: int, y: int, text: str) -> str:
    return (
        f'<text x="{x}" y="{y - 18}" transform="rotate(-20 {x} {y - 18})" class="st-label">'
        f"{escape(_short(text))}<title>{escape(text)}</title></text>"
    )


def metro_svg(lines: Sequence[MapLine], *, title: str, empty_text: str) -> str:
    """The SVG of ``lines``: one row per line, stations left to right, transfers joined vertically."""
    width = LEFT + STEP * max([len(line.stations) for line in lines] + [3]) + 40
    height = TOP + ROW * max(len(lines), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="metro-title" class="metro-map">',
        f'<title id="metro-title">{escape(title)}</title>',
        "<style>.line-name{font:600 15px sans-serif;fill:#111}.st-label{font:13px sans-serif;fill:#222}"
        ".empty{font:italic 13px sans-serif;fill:#555}"
        ".transfer{stroke:#888;stroke-width:3;stroke-dasharray:4 3}"
        "a:focus .st,a:hover .st{stroke-width:6}</style>",
    ]
    places: dict[int, list[tuple[int, int]]] = {}
    for row, line in enumerate(lines):
        y = TOP + ROW * row + 30
        name = f'<text x="10" y="{y + 5}" class="line-name">{escape(_short(line.name, 24))}</text>'
        parts.append(f'<a href="{escape(line.href)}">{name}</a>' if line.href else name)
        if not line.stations:
            parts.append(
                f'<line x1="{LEFT - 20}" y1="{y}" x2="{LEFT + 2 * STEP}" y2="{y}" '
                f'stroke="{escape(line.colour)}" stroke-width="8" stroke-linecap="round" '
                f'stroke-dasharray="2 14"/>'
            )
            parts.append(
                f'<text x="{LEFT + 2 * STEP + 20}" y="{y + 5}" class="empty">'
                f"{escape(line.status_text or empty_text)}</text>"
            )
            continue
        end = LEFT + STEP * (len(line.stations) - 1)
        colour = escape(line.colour)
        parts.append(
            f'<line x1="{LEFT - 20}" y1="{y}" x2="{end + 20}" y2="{y}" stroke="{colour}" '
            f'stroke-width="10" stroke-linecap="round"/>'
        )
        for index, station in enumerate(line.stations):
            x = LEFT + STEP * index
            places.setdefault(station.offer_id, []).append((x, y))
            ring, size, stroke = ("#111", 11, 5) if station.on_route else (colour, 8, 4)
            css = "st on-route" if station.on_route else "st"
            circle = (
                f'<circle cx="{x}" cy="{y}" r="{size}" fill="#fff" stroke="{ring}" '
                f'stroke-width="{stroke}" class="{css}"/>'
            )
            body = circle + _label(x, y, station.label)
            parts.append(f'<a href="{escape(station.href)}">{body}</a>' if station.href else body)
    for spots in places.values():
        for (x1, y1), (x2, y2) in zip(spots, spots[1:], strict=False):
            parts.append(f'<line x1="{x1}" y1="{y1 + 9}" x2="{x2}" y2="{y2 - 9}" class="transfer"/>')
    parts.append("</svg>")
    return "\n".join(parts)
