"""Pages of matching: my matches (explained), one occupation side by side with my skills, transition
paths as a graph (a vacancy's candidates are in techtalent.orgs.views_candidates)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.matching import results, selectors, services
from techtalent.matching.graph import paths_svg
from techtalent.taxonomy.selectors import taxonomy_status

# A passport is thinner than an occupation's full skill set, and ESCO occupations lie far apart: when no
# path keeps every step within the first gap, the page tries the wider ones and says which it used.
PAGE_GAP = 0.5
WIDER_GAPS = (0.5, 0.7, 0.9)


def _lang() -> str:
    return get_language() or "nl"


def _skills(request: HttpRequest) -> dict[str, str]:
    passport = services.passport_get_or_create(user=request.user)
    return dict(selectors.passport_skills(passport))


def _start(request: HttpRequest, skills: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Where paths start: my skills plus those of the occupations I have held (and those occupations)."""
    passport = services.passport_get_or_create(user=request.user)
    held = set(passport.occupations.values_list("uri", flat=True))
    return dict(results.with_occupations(skills, sorted(held))), held  # type: ignore[arg-type]


def _new_ground(found: list[dict[str, Any]], held: set[str], top: int) -> list[dict[str, Any]]:
    """Paths that never step into an occupation already held."""
    return [p for p in found if not any(s["uri"] in held for s in p["steps"])][:top]


@login_required
def matches(request: HttpRequest) -> HttpResponse:
    """The occupations that fit my passport best, each with matched, partial and missing skills."""
    skills, found, error = _skills(request), [], ""
    if skills and taxonomy_status()["release"]:
        try:
            found = results.occupation_matches(skills, lang=_lang(), top=10)  # type: ignore[arg-type]
        except UserError as exc:
            error = str(exc)
    return render(request, "matching/matches.html", {"matches": found, "skills": skills, "error": error})


def _graph(found: list[dict[str, object]]) -> str:
    return mark_safe(paths_svg(found, start_label=_("My passport"), title=_("Transition paths")))  # noqa: S308


@login_required
def detail(request: HttpRequest) -> HttpResponse:
    """One occupation: my skills that match beside the ones it still needs, the gap, and paths to it."""
    skills = _skills(request)
    uri = request.GET.get("uri", "")
    try:
        d = results.occupation_detail(skills, uri, lang=_lang())  # type: ignore[arg-type]
        start, held = _start(request, skills)
        found = (
            results.paths(start, lang=_lang(), to=uri, top=3, max_gap=PAGE_GAP)  # type: ignore[arg-type]
            if start
            else []
        )
        found = _new_ground(found, held, 3)
    except UserError as exc:
        return render(request, "matching/detail.html", {"error": str(exc)}, status=404)
    return render(
        request, "matching/detail.html", {"d": d, "paths": found, "svg": _graph(found) if found else ""}
    )


@login_required
def paths(request: HttpRequest) -> HttpResponse:
    """Paths of at most three steps from my passport, favouring shortage occupations."""
    skills, found, error = _skills(request), [], ""
    steps, max_gap = 3, WIDER_GAPS[0]
    if skills and taxonomy_status()["release"]:
        try:
            steps = max(1, min(3, int(request.GET.get("steps", "3") or 3)))
            start, held = _start(request, skills)
            for gap in WIDER_GAPS:
                found = results.paths(  # type: ignore[arg-type]
                    start, lang=_lang(), max_steps=steps, top=6 + len(held), max_gap=gap
                )
                found = _new_ground(found, held, 6)
                if found:
                    max_gap = gap
                    break
        except (UserError, ValueError) as exc:
            error = str(exc)
    context = {
        "paths": found,
        "svg": _graph(found) if found else "",
        "skills": skills,
        "error": error,
        "steps": steps,
        "max_gap": round(max_gap * 100),
    }
    return render(request, "matching/paths.html", context)
