"""Engine results as plain data with labels in the reader's language (fallback to the other, marked):
the one shape the pages, the API and the CLI all show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from techtalent.core.errors import UserError
from techtalent.matching import selectors
from techtalent.matching.engine import (
    Explanation,
    MatchModel,
    Path,
    Proficiency,
    Vacancy,
    gap,
    match_occupations,
    match_vacancy,
    occupation_passport,
    rank_passports,
    shortage_weights,
    transition_paths,
)

__all__ = ["concept", "explanation", "occupation_matches", "occupation_detail", "paths", "candidates"]


def concept(uri: str, lang: str) -> dict[str, Any]:
    """``{"uri", "label", "label_lang", "fallback"}`` for one concept."""
    s = selectors.shown(uri, lang)
    return {
        "uri": uri,
        "label": s.label,
        "label_lang": s.lang,
        "fallback": s.fallback,
        "derived": s.derived,
        "original": s.original,
    }


def explanation(e: Explanation, lang: str) -> dict[str, Any]:
    """Matched, partial and missing skills with their weights (shares of the target's total weight)."""
    return {
        "coverage": round(e.coverage, 4),
        "relevance": round(e.relevance, 4),
        "matched": [
            {
                **concept(m.skill, lang),
                "relation": m.relation,
                "weight": round(m.weight, 4),
                "proficiency": m.proficiency,
                "credit": round(m.credit, 4),
            }
            for m in e.matched
        ],
        "partial": [
            {
                **concept(p.skill, lang),
                "relation": p.relation,
                "weight": round(p.weight, 4),
                "credit": round(p.credit, 4),
                "via": p.via,
                "source": concept(p.source, lang),
            }
            for p in e.partial
        ],
        "missing": [
            {**concept(m.skill, lang), "relation": m.relation, "weight": round(m.weight, 4)}
            for m in (*e.missing_essential, *e.missing_optional)
        ],
    }


def _known(model: MatchModel, skills: Mapping[str, Proficiency]) -> dict[str, Proficiency]:
    known = {uri: level for uri, level in skills.items() if uri in model.skill_index}
    if skills and not known:
        raise UserError("none of the given skills is an ESCO skill of the imported taxonomy")
    return known


def occupation_matches(
    skills: Mapping[str, Proficiency], *, lang: str, top: int = 10
) -> list[dict[str, Any]]:
    """The ``top`` occupations for a set of skills, best first, each explained."""
    model = selectors.match_model()
    known = _known(model, skills)
    if not known:
        return []
    return [
        {**concept(m.uri, lang), "score": round(m.score, 4), "explanation": explanation(m.explanation, lang)}
        for m in match_occupations(model, known, top=top)
    ]


def occupation_detail(skills: Mapping[str, Proficiency], occupation: str, *, lang: str) -> dict[str, Any]:
    """One occupation against a set of skills: score, explanation and the gap by skill group."""
    model = selectors.match_model()
    if occupation not in model.occupation_index:
        raise UserError(f"unknown occupation: {occupation}")
    found = match_vacancy(model, dict(skills), Vacancy("detail", occupation))
    g = gap(model, dict(skills), occupation)
    return {
        **concept(occupation, lang),
        "score": round(found.score, 4),
        "explanation": explanation(found.explanation, lang),
        "gap": {
            "size": round(g.size, 4),
            "missing_essential": g.missing_essential,
            "groups": [
                {
                    "group": concept(grp.group, lang),
                    "remaining": round(grp.remaining, 4),
                    "skills": [concept(s.skill, lang) for s in grp.skills],
                }
                for grp in g.groups
            ],
        },
    }


def _path(path: Path, lang: str) -> dict[str, Any]:
    return {
        "start": concept(path.start, lang) if path.start else None,
        "cost": round(path.cost, 4),
        "steps": [
            {**concept(s.occupation, lang), "gap": round(s.gap, 4), "shortage": round(s.shortage, 4)}
            for s in path.steps
        ],
    }


def with_occupations(skills: Mapping[str, Proficiency], held: Sequence[str]) -> dict[str, Proficiency]:
    """A passport's skills plus the skills of the occupations it has held (a held skill keeps its level)."""
    model = selectors.match_model()
    merged: dict[str, Proficiency] = {}
    for uri in held:
        if uri in model.occupation_index:
            merged.update(occupation_passport(model, uri))
    merged.update(skills)
    return merged


def paths(
    start: str | Mapping[str, Proficiency],
    *,
    lang: str,
    to: str | None = None,
    max_steps: int = 3,
    top: int = 5,
    max_gap: float = 0.35,
) -> list[dict[str, Any]]:
    """Transition paths from an occupation or a set of skills, cheapest first (shortages favoured)."""
    model = selectors.match_model()
    if isinstance(start, str) and start not in model.occupation_index:
        raise UserError(f"unknown occupation: {start}")
    if to is not None and to not in model.occupation_index:
        raise UserError(f"unknown occupation: {to}")
    if not 1 <= max_steps <= 5:
        raise UserError("max_steps must lie between 1 and 5")
    if not isinstance(start, str):
        start = _known(model, start)
        if not start:
            return []
    shortage = {u: w for u, w in shortage_weights().items() if u in model.occupation_index}
    found = transition_paths(
        model, start, to=to, max_steps=max_steps, shortage=shortage, top=top, max_gap=max_gap
    )
    return [_path(p, lang) for p in found]


def candidates(
    *, occupation: str | None, skills: Mapping[str, str], lang: str, top: int = 20
) -> list[dict[str, Any]]:
    """Opted-in passports ranked for a vacancy (an occupation plus skills), each explained."""
    model = selectors.match_model()
    if occupation and occupation not in model.occupation_index:
        raise UserError(f"unknown occupation: {occupation}")
    wanted = {u: r for u, r in skills.items() if u in model.skill_index and r in ("essential", "optional")}
    if not occupation and not wanted:
        raise UserError("a vacancy needs an occupation or at least one ESCO skill")
    vacancy = Vacancy("vacancy", occupation or None, wanted)  # type: ignore[arg-type]
    pool = selectors.findable_passports()
    return [
        {
            "passport": int(m.passport),
            "score": round(m.score, 4),
            "explanation": explanation(m.explanation, lang),
        }
        for m in rank_passports(model, vacancy, pool, top=top)
    ]
