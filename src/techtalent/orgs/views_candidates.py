"""The candidates page: a vacancy (an occupation and/or pasted text) → the passports that consented to
the chosen verified organisation (or to all verified employers), ranked and explained. Only owners,
admins and HR of a verified organisation get here; everyone else is told why, with a 403."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from techtalent.core.errors import UserError
from techtalent.matching.services import text_skills
from techtalent.orgs import candidates as ranking
from techtalent.orgs import selectors
from techtalent.orgs.forms import CandidatesForm
from techtalent.taxonomy import selectors as taxonomy


@login_required
def candidates(request: HttpRequest) -> HttpResponse:
    """Rank the consenting passports for a vacancy, for an organisation I recruit for."""
    organisations = selectors.recruiting_organisations(user=request.user).order_by("name")
    if not organisations.exists():
        mine = selectors.organisations_for_user(user=request.user).first()
        refused = {"refusal": ranking.refusal(mine), "form": None}
        return render(request, "orgs/candidates.html", refused, status=403)
    lang = get_language() or "nl"
    form = CandidatesForm(request.POST or None, organisations=organisations)
    context: dict[str, object] = {"form": form, "error": ""}
    if request.method == "POST" and form.is_valid():
        occupation, text = form.cleaned_data["occupation"], form.cleaned_data["text"].strip()
        try:
            wanted = text_skills(text) if text else []
            context["wanted"] = [taxonomy.shown_name(u, lang) for u in wanted]
            if occupation:
                context["occupation_shown"] = taxonomy.shown_name(occupation, lang)
            found = ranking.ranked(
                organisation=form.cleaned_data["organisation"],
                occupation=occupation or None,
                skills=dict.fromkeys(wanted, "essential"),
                lang=lang,
            )
            if form.cleaned_data["export"] == "csv":
                response = HttpResponse(ranking.as_csv(found), content_type="text/csv; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="candidates.csv"'
                return response
            context["candidates"] = found
            context["visible"] = ranking.visible_count(organisation=form.cleaned_data["organisation"])
        except UserError as exc:
            context["error"] = str(exc)
    elif request.method == "POST":
        return render(request, "orgs/candidates.html", context, status=400)
    return render(request, "orgs/candidates.html", context)
