"""Engine results as plain data with labels in the reader's language (fallback to the other, marked):
the one shape the pages, the API and the CLI all show."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from techtalent.core.errors import UserError
from techtalent.matching import selectors
from techtalent.matching.engine import (
    Calibration,
    Explanation,
    MatchModel,
    Proficiency,
    ShortageLink,
    Vacancy,
    gap,
    match_occupations,
    match_vacancy,
    rank_passports,
)
from techtalent.matching.shortage_file import bundled_document_titles
from techtalent.taxonomy import selectors as taxonomy

__all__ = [
    "candidates",
    "concept",
    "explanation",
    "fit_percentage",
    "known_skills",
    "reason",
    "shortage_out",
    "occupation_detail",
    "occupation_matches",
]


def concept(uri: str, lang: str) -> dict[str, Any]:
    """``{"uri", "label", "label_lang", "fallback"}`` for one concept."""
    s = taxonomy.shown_name(uri, lang)
    return {
        "uri": uri,
        "label": s.label,
        "label_lang": s.lang,
        "fallback": s.fallback,
        "derived": s.derived,
        "original": s.original,
    }


def reason(e: Explanation) -> dict[str, int]:
    """The counts behind a score, for "covers 9 of 14 essential skills; uses 12 of your 19 skills"."""
    return {
        "essential_matched": sum(1 for m in e.matched if m.relation == "essential"),
        "essential_partial": sum(1 for p in e.partial if p.relation == "essential"),
        "essential_total": sum(1 for m in e.matched if m.relation == "essential")
        + sum(1 for p in e.partial if p.relation == "essential")
        + len(e.missing_essential),
        "skills_used": len(e.matched),
        "skills_own": len(e.matched) + len(e.unused),
    }


def fit_percentage(model: MatchModel, score: float) -> int:
    """A ranking score as the calibrated chance (0–100) that the occupation fits (engine/calibration.py)."""
    s = model.settings
    return Calibration(s.calibration_intercept, s.calibration_slope).percentage(score) if score > 0 else 0


def explanation(e: Explanation, lang: str) -> dict[str, Any]:
    """Matched, partial and missing skills with their weights (shares of the target's total weight)."""
    return {
        "coverage": round(e.coverage, 4),
        "relevance": round(e.relevance, 4),
        "reason": reason(e),
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


def shortage_out(links: Sequence[ShortageLink], lang: str) -> list[dict[str, Any]]:
    """The shortage links of one occupation with their sources (document, its title, section, quote)."""
    titles = bundled_document_titles()
    return [
        {
            "group": link.group,
            "name": link.name_nl if lang == "nl" else link.name_en,
            "confidence": link.confidence,
            "mapping": link.mapping,
            "sources": [
                {
                    "document": s.document,
                    "title": titles.get(s.document, ""),
                    "section": s.section,
                    "quote": s.quote,
                }
                for s in link.sources
            ],
            "tension": list(link.tension),
        }
        for link in links
    ]


def known_skills(model: MatchModel, skills: Mapping[str, Proficiency]) -> dict[str, Proficiency]:
    """The skills the model knows (a clear error when it knows none of them)."""
    known = {uri: level for uri, level in skills.items() if uri in model.skill_index}
    if skills and not known:
        raise UserError("none of the given skills is an ESCO skill of the imported taxonomy")
    return known


def occupation_matches(
    skills: Mapping[str, Proficiency], *, lang: str, top: int = 10, held: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The ``top`` occupations for a set of skills, best first, each explained. Occupations the person
    has held (``held``, e.g. confirmed from the job titles of a CV) steer the ranking as a prior
    (engine/titles.py: the occupation itself and, at half weight scaled by the skill evidence for each, its
    ISCO unit group, so a sibling using none of the skills stays below real skill matches); the fit percentage
    stays that of the skills alone, so it keeps its calibrated meaning."""
    model = selectors.match_model()
    known = known_skills(model, skills)
    titles = {uri: 1.0 for uri in held if uri in model.occupation_index}
    if not known and not titles:
        return []  # a CV with jobs but no skills still gets the held jobs and their neighbours
    weights, links = selectors.shortage()
    return [
        {
            **concept(m.uri, lang),
            "score": round(m.score, 4),
            "fit": fit_percentage(model, m.score if m.skills_score is None else m.skills_score),
            "held": m.uri in titles,
            "shortage": round(weights.get(m.uri, 0.0), 4),
            "shortage_sources": shortage_out(links.get(m.uri, []), lang),
            "explanation": explanation(m.explanation, lang),
        }
        for m in match_occupations(model, known, top=top, titles=titles)
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
        "fit": fit_percentage(model, found.score),
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


def candidates(
    *,
    occupation: str | None,
    skills: Mapping[str, str],
    lang: str,
    passport_ids: Collection[int],
    top: int = 20,
) -> list[dict[str, Any]]:
    """The passports ``passport_ids`` (those that consented) ranked for a vacancy, each explained."""
    model = selectors.match_model()
    if occupation and occupation not in model.occupation_index:
        raise UserError(f"unknown occupation: {occupation}")
    wanted = {u: r for u, r in skills.items() if u in model.skill_index and r in ("essential", "optional")}
    if not occupation and not wanted:
        raise UserError("a vacancy needs an occupation or at least one ESCO skill")
    vacancy = Vacancy("vacancy", occupation or None, wanted)  # type: ignore[arg-type]
    pool = selectors.findable_passports(ids=passport_ids)
    return [
        {
            "passport": int(m.passport),
            "score": round(m.score, 4),
            "explanation": explanation(m.explanation, lang),
        }
        for m in rank_passports(model, vacancy, pool, top=top)
    ]
