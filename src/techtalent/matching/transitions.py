"""Transition paths for a person or an occupation: what the target means (an occupation, an ISCO group or a
search), the path search on the occupation graph, and the result as plain data with labels and provenance."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.matching import selectors
from techtalent.matching.engine import Path, Proficiency, ShortageLink, transition_paths
from techtalent.matching.results import concept, known_skills, shortage_out
from techtalent.taxonomy.selectors import concept_search

__all__ = ["Target", "path_target", "paths"]

OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
ISCO_CODE = re.compile(r"^(?:isco[:\s]*)?(\d{1,4})$", re.IGNORECASE)
SEARCH_HITS = 25


@dataclass(frozen=True)
class Target:
    """Where a person wants to go: the occupations that count as arriving, and what the person typed."""

    kind: str  # occupation | isco | search
    query: str
    occupations: tuple[str, ...]


def path_target(query: str, *, lang: str) -> Target:
    """Read a target: an ESCO occupation URI, an ISCO group code ("7233", "isco:72") or a search text."""
    text = query.strip()
    if not text:
        raise UserError(_("A target needs an occupation, an ISCO group or a search text."))
    model = selectors.match_model()
    if text.startswith(OCCUPATION_URI):
        if text not in model.occupation_index:
            raise UserError(_("Unknown occupation: %(uri)s") % {"uri": text})
        return Target("occupation", text, (text,))
    code = ISCO_CODE.match(text)
    if code:
        digits = code.group(1)
        found = tuple(sorted(u for u, c in model.isco.items() if c.startswith(digits)))
        if not found:
            raise UserError(_("No occupation in ISCO group %(code)s.") % {"code": digits})
        return Target("isco", digits, found)
    hits = [
        h
        for h in concept_search(text[:200], lang=lang, limit=SEARCH_HITS, kind="occupation")
        if h["uri"] in model.occupation_index
    ]
    # Prefer occupations whose matching label contains the words typed ("onderhoud" in
    # "onderhoudsmonteur"); fuzzy hits only when there are none.
    words = text.casefold().split()
    literal = [h for h in hits if all(w in str(h["matched_label"]).casefold() for w in words)]
    found = tuple(str(h["uri"]) for h in (literal or hits))
    if not found:
        raise UserError(_("No occupation found for “%(q)s”.") % {"q": text})
    return Target("search", text, found)


def _path(path: Path, lang: str, links: Mapping[str, list[ShortageLink]]) -> dict[str, Any]:
    return {
        "start": concept(path.start, lang) if path.start else None,
        "cost": round(path.cost, 4),
        "steps": [
            {
                **concept(s.occupation, lang),
                "gap": round(s.gap, 4),
                "shortage": round(s.shortage, 4),
                "shortage_sources": shortage_out(links.get(s.occupation, []), lang),
                "similarity": None if s.similarity is None else round(s.similarity, 4),
                "essential_total": s.essential_total,
                "to_learn": [concept(uri, lang) for uri in s.to_learn],
            }
            for s in path.steps
        ],
    }


def paths(
    start: str | Mapping[str, Proficiency],
    *,
    lang: str,
    to: str | Target | None = None,
    held: Sequence[str] = (),
    max_steps: int = 3,
    top: int = 5,
) -> list[dict[str, Any]]:
    """Cheapest paths of at most ``max_steps`` steps from an occupation or a set of skills to the target
    (default: anywhere), favouring shortage occupations; each step lists the essential skills to learn."""
    model = selectors.match_model()
    if isinstance(start, str) and start not in model.occupation_index:
        raise UserError(f"unknown occupation: {start}")
    if not 1 <= max_steps <= 5:
        raise UserError("max_steps must lie between 1 and 5")
    target = path_target(to, lang=lang) if isinstance(to, str) else to
    if not isinstance(start, str):
        start = known_skills(model, start)
        if not start and not held:
            return []
    weights, links = selectors.shortage()
    found = transition_paths(
        model,
        selectors.occupation_similarity(),
        start,
        targets=target.occupations if target else None,
        held=[u for u in held if u in model.occupation_index],
        max_steps=max_steps,
        shortage=weights,
        top=top,
    )
    return [_path(p, lang, links) for p in found]
