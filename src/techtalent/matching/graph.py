"""Transition paths as a small inline SVG graph: the start on the left, one column per step (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

__all__ = ["paths_svg"]

COL, ROW, BOX_W, BOX_H = 250, 56, 200, 40


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def paths_svg(paths: Sequence[dict[str, Any]], *, start_label: str, title: str) -> str:
    """An SVG of paths (as from ``transitions.paths``); shortage occupations drawn with a thicker border."""
    columns: list[list[str]] = [["start"]]
    nodes: dict[tuple[int, str], dict[str, Any]] = {(0, "start"): {"label": start_label, "shortage": 0}}
    edges: set[tuple[tuple[int, str], tuple[int, str], float]] = set()
    for path in paths:
        previous = (0, "start")
        for depth, step in enumerate(path["steps"], start=1):
            key = (depth, step["uri"])
            while len(columns) <= depth:
                columns.append([])
            if key not in nodes:
                columns[depth].append(step["uri"])
                nodes[key] = {"label": step["label"], "shortage": step["shortage"], "uri": step["uri"]}
            edges.add((previous, key, step["gap"]))
            previous = key
    rows = max(len(c) for c in columns)
    width, height = COL * len(columns) + 10, ROW * rows + 20

    def at(key: tuple[int, str]) -> tuple[int, int]:
        depth, uri = key
        return 10 + depth * COL, 10 + columns[depth].index(uri) * ROW

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="paths" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{escape(title)}</title>'
    ]
    for a, b, gap in sorted(edges):
        (x1, y1), (x2, y2) = at(a), at(b)
        parts.append(
            f'<line x1="{x1 + BOX_W}" y1="{y1 + BOX_H // 2}" x2="{x2}" y2="{y2 + BOX_H // 2}" class="edge"/>'
            f'<text x="{x2 - 26}" y="{y2 + BOX_H // 2 - 4}" class="gap">{gap:.0%}</text>'
        )
    for key, node in nodes.items():
        x, y = at(key)
        css = "node shortage" if node["shortage"] > 0 else "node"
        parts.append(
            f'<g class="{css}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + 8}" y="{y + 25}">{escape(_short(str(node["label"])))}</text>'
            f"<title>{escape(str(node['label']))}</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
