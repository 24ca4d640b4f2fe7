"""Pages of matching: my matches (explained), one occupation side by side with my skills, transition
paths toward a target I choose (a vacancy's candidates are in techtalent.orgs.views_candidates).
GET pages only read: a person without a passport sees an empty page, none is created."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.matching import results, selectors, transitions
from techtalent.matching.forms import PathForm
from techtalent.matching.graph import paths_svg
from techtalent.taxonomy.selectors import taxonomy_status


def _lang() -> str:
    return get_language() or "nl"


def _mine(request: HttpRequest) -> tuple[dict[str, str], list[str]]:
    """My skills and the occupations I have held (both empty without a passport)."""
    passport = selectors.passport_of(request.user)
    if passport is None:
        return {}, []
    return dict(selectors.passport_skills(passport)), selectors.occupations_held(passport)


def _graph(found: list[dict[str, Any]]) -> str:
    return mark_safe(paths_svg(found, start_label=_("My passport"), title=_("Transition paths")))  # noqa: S308


@login_required
def matches(request: HttpRequest) -> HttpResponse:
    """The occupations that fit my passport best, each with matched, partial and missing skills."""
    (skills, held), found, error = _mine(request), [], ""
    if (skills or held) and taxonomy_status()["release"]:
        try:
            found = results.occupation_matches(skills, lang=_lang(), top=10, held=held)  # type: ignore[arg-type]
        except UserError as exc:
            error = str(exc)
    return render(request, "matching/matches.html", {"matches": found, "skills": skills, "error": error})


@login_required
def detail(request: HttpRequest) -> HttpResponse:
    """One occupation: my skills that match beside the ones it still needs, the gap, and paths to it."""
    skills, held = _mine(request)
    uri = request.GET.get("uri", "")
    try:
        d = results.occupation_detail(skills, uri, lang=_lang())  # type: ignore[arg-type]
        found = transitions.paths(skills, lang=_lang(), to=uri, held=held, top=3)  # type: ignore[arg-type]
    except UserError as exc:
        return render(request, "matching/detail.html", {"error": str(exc)}, status=404)
    return render(
        request, "matching/detail.html", {"d": d, "paths": found, "svg": _graph(found) if found else ""}
    )


@login_required
def paths(request: HttpRequest) -> HttpResponse:
    """Paths of at most three steps from my passport toward where I want to go (or anywhere)."""
    skills, held = _mine(request)
    form = PathForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "skills": skills, "paths": [], "svg": "", "target": None}
    if (skills or held) and taxonomy_status()["release"] and (not request.GET or form.is_valid()):
        data = form.cleaned_data if request.GET else {}
        try:
            target = transitions.path_target(data["to"], lang=_lang()) if data.get("to") else None
            found = transitions.paths(
                skills,  # type: ignore[arg-type]
                lang=_lang(),
                to=target,
                held=held,
                max_steps=data.get("steps") or 3,
                top=6,
            )
            context.update(paths=found, svg=_graph(found) if found else "", target=target)
        except UserError as exc:
            form.add_error("to", str(exc))
    return render(request, "matching/paths.html", context)
