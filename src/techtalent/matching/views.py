"""Pages of the skills passport: sign-up, the passport (search-as-you-type, CV upload), sharing, export
and deletion. Only the owner (and those they share with) ever sees a passport; others get a 404."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.core.errors import UserError
from techtalent.matching import selectors, services
from techtalent.matching.engine.titles import TitlePrior
from techtalent.matching.forms import PASSPORT_FORMS
from techtalent.matching.models import Passport, PassportSkill
from techtalent.orgs.forms import SignupForm
from techtalent.taxonomy.selectors import (
    ShownName,
    attested_names,
    concept_search,
    shown_name,
    taxonomy_status,
)
from techtalent.taxonomy.twins import hits_with_twins, rows_with_twins
from techtalent.web.request_limits import max_upload_bytes


def shared_message(name: str) -> str:
    """The same answer whether or not the user exists, so that user names cannot be probed."""
    return _("If an account named %(name)s exists, it can now read your passport.") % {"name": repr(name)}


def cv_added_message(skills: int, jobs: int) -> str:
    """What accepting a CV's review added to the passport, in words."""
    skills_text = ngettext("%(n)d skill", "%(n)d skills", skills) % {"n": skills}
    if not jobs:
        return _("Added from your CV: %(skills)s.") % {"skills": skills_text}
    jobs_text = ngettext("%(n)d occupation held", "%(n)d occupations held", jobs) % {"n": jobs}
    return _("Added from your CV: %(skills)s and %(jobs)s.") % {"skills": skills_text, "jobs": jobs_text}


def _lang() -> str:
    return get_language() or "nl"


def signup(request: HttpRequest) -> HttpResponse:
    """Create an account (username + password) and sign in; then back to ``next`` (if on this site)."""
    form = SignupForm(
        request.POST or None,
        initial={"next": request.GET.get("next", "")},
        host=request.get_host(),
        secure=request.is_secure(),
    )
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        services.passport_get_or_create(user=user)
        target = form.cleaned_data["next"]
        return HttpResponseRedirect(target) if target else redirect("matching:passport")
    return render(request, "matching/signup.html", {"form": form})


def passport_context(passport: Passport, lang: str) -> dict[str, Any]:
    """What the passport page and the shared (read-only) view show."""
    skills = rows_with_twins([{"row": s, "shown": shown_name(s.uri, lang)} for s in passport.skills.all()])
    occupations = [{"row": o, "shown": shown_name(o.uri, lang)} for o in passport.occupations.all()]
    return {
        "passport": passport,
        "skills": skills,
        "occupations": occupations,
        "lang": lang,
        "education": list(passport.education.all()),
    }


def _passport(request: HttpRequest) -> Passport:
    return services.passport_get_or_create(user=request.user)


def _page_context(request: HttpRequest) -> dict[str, Any]:
    context = passport_context(_passport(request), _lang())
    context.update(
        shares=list(context["passport"].shares.select_related("user")),
        proficiencies=PassportSkill.Proficiency.choices,
        sources=PassportSkill.Source.choices,
        status=taxonomy_status(),
        max_upload_bytes=max_upload_bytes(),
    )
    return context


@login_required
def passport(request: HttpRequest) -> HttpResponse:
    """My passport: skills, occupations, education, preferences, sharing, export and delete."""
    return render(request, "matching/passport.html", _page_context(request))


def _skills_block(request: HttpRequest, passport: Passport) -> HttpResponse:
    context = passport_context(passport, _lang())
    context["proficiencies"] = PassportSkill.Proficiency.choices
    return render(request, "matching/_skills.html", context)


@login_required
def concept_hits(request: HttpRequest, kind: str) -> HttpResponse:
    """Search-as-you-type for skills or occupations to add (an htmx partial)."""
    q = request.GET.get("q", "").strip()[:200]
    hits = concept_search(q, lang=_lang(), limit=10, kind=kind) if q and taxonomy_status()["release"] else []
    held = set(PassportSkill.objects.filter(passport__owner=request.user).values_list("uri", flat=True))
    context = {"hits": hits_with_twins(hits), "q": q, "kind": kind, "lang": _lang(), "held": held}
    return render(request, "matching/_hits.html", context)


def _done(request: HttpRequest, passport: Passport) -> HttpResponse:
    if request.htmx:
        return _skills_block(request, passport)
    return redirect("matching:passport")


@login_required
@require_POST
def skill_add(request: HttpRequest) -> HttpResponse:
    """Add a skill (self-declared unless the form says otherwise)."""
    passport = _passport(request)
    try:
        services.skill_add(
            passport=passport,
            uri=request.POST.get("uri", ""),
            proficiency=request.POST.get("proficiency", "intermediate"),
            source=request.POST.get("source", "self"),
            evidence=request.POST.get("evidence", ""),
        )
    except UserError as error:
        messages.error(request, str(error))
    return _done(request, passport)


@login_required
@require_POST
def skill_remove(request: HttpRequest) -> HttpResponse:
    """Remove a skill from my passport."""
    passport = _passport(request)
    services.skill_remove(passport=passport, uri=request.POST.get("uri", ""))
    return _done(request, passport)


def _apply(request: HttpRequest, passport: Passport, what: str, data: dict[str, Any]) -> None:
    """Call the service behind one of the passport's forms with its cleaned data."""
    if what == "occupation-add":
        services.occupation_add(passport=passport, uri=data["uri"], years=float(data["years"] or 0))
    elif what == "occupation-remove":
        services.occupation_remove(passport=passport, uri=data["uri"])
    elif what == "education-add":
        services.education_add(passport=passport, level=data["level"], programme=data["programme"])
    elif what == "education-remove":
        services.education_remove(passport=passport, education_id=data["id"])
    elif what == "preferences":
        services.passport_update(
            passport=passport,
            findable=data["findable"],
            region=data["region"],
            hours_per_week=data["hours_per_week"],
        )
        if data["findable"]:
            messages.success(
                request, _("Preferences saved: all verified employers can now find your passport.")
            )
        else:
            messages.success(
                request,
                _("Preferences saved: only organisations you chose yourself can find your passport."),
            )
    elif what == "share-user":
        name = data["username"].strip()
        services.share_with_user(passport=passport, username=name)
        messages.info(request, shared_message(name))
    elif what == "share-link":
        services.share_link_create(passport=passport, days=data["days"] or 30)
    elif what == "share-revoke":
        services.share_revoke(passport=passport, share_id=data["id"])


@login_required
@require_POST
def edit(request: HttpRequest, what: str) -> HttpResponse:
    """The passport's other forms: occupations, education, preferences, shares (each a service call);
    an invalid form comes back on the page with its errors (400), a valid one redirects."""
    if what not in PASSPORT_FORMS:
        raise Http404("unknown form")
    passport, form = _passport(request), PASSPORT_FORMS[what](request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            _apply(request, passport, what, form.cleaned_data)
        except UserError as error:
            errors = [str(error)]
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    if not errors:
        return redirect("matching:passport")
    context = _page_context(request)
    context.update(invalid=what, form_errors=errors)
    return render(request, "matching/passport.html", context, status=400)


@login_required
def cv(request: HttpRequest) -> HttpResponse:
    """Upload a CV (pdf, docx, txt); review the skills and jobs found; accept some or all into the passport
    (jobs as occupations held, which steer the occupation matches)."""
    passport = _passport(request)
    lang = _lang()
    if request.method == "POST" and "file" in request.FILES:
        upload = request.FILES["file"]
        try:
            found = services.cv_found(data=upload.read(), name=upload.name or "cv.txt")
        except UserError as error:
            messages.error(request, str(error))
            return redirect("matching:passport")
        request.session["cv_found"] = found
    elif request.method == "POST":
        found = request.session.pop("cv_found", [])
        chosen = set(request.POST.getlist("uri"))
        level = request.POST.get("proficiency", "intermediate")
        added = {"skill": 0, "occupation": 0}
        for item in found:
            if item["uri"] not in chosen:
                continue
            if item.get("kind", "skill") == "occupation":
                # a job read from a CV steers the matches; its skills are not assumed
                services.occupation_add(passport=passport, uri=item["uri"], years=0, derive_skills=False)
                added["occupation"] += 1
            else:
                services.skill_add(
                    passport=passport,
                    uri=item["uri"],
                    proficiency=level,
                    source="cv",
                    evidence=item["evidence"],
                )
                added["skill"] += 1
        messages.success(request, cv_added_message(added["skill"], added["occupation"]))
        return redirect("matching:passport")
    found = request.session.get("cv_found", [])
    held = set(passport.skills.values_list("uri", flat=True)) | set(selectors.occupations_held(passport))
    names = _cv_names(found, lang)
    rows = [{**item, "shown": names[item["uri"]], "held": item["uri"] in held} for item in found]
    skills = rows_with_twins([r for r in rows if r.get("kind", "skill") == "skill"])
    # A job title read with little confidence (a surname, a word used otherwise) is offered unticked.
    jobs = [
        {**r, "ticked": r["score"] >= TitlePrior().min_confidence}
        for r in rows
        if r.get("kind") == "occupation"
    ]
    return render(
        request,
        "matching/cv.html",
        {"rows": skills, "jobs": jobs, "proficiencies": PassportSkill.Proficiency.choices},
    )


def _cv_names(found: list[dict[str, Any]], lang: str) -> dict[str, ShownName]:
    """The concepts read from a CV, each named with the derived label its sentence uses, if it is named by
    one (one query for all)."""
    return attested_names({item["uri"]: (str(item.get("evidence", "")),) for item in found}, lang)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Everything stored about me, as a JSON download."""
    data = selectors.passport_export(_passport(request), lang=_lang())
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="techtalent-passport.json"'
    return response


@login_required
def delete(request: HttpRequest) -> HttpResponse:
    """Confirm, then delete the account and everything of it."""
    if request.method == "POST":
        try:
            services.account_delete(user=request.user)
        except UserError as error:
            return render(request, "matching/delete.html", {"error": str(error)}, status=400)
        logout(request)
        messages.success(request, _("Your account and passport are deleted; nothing of them is kept."))
        return redirect("web:home")
    return render(request, "matching/delete.html")


@login_required
def shared(request: HttpRequest, passport_id: int) -> HttpResponse:
    """A passport shared with me by name (read-only); a 404 for anyone else."""
    found = selectors.passports_visible_to(request.user).filter(id=passport_id).first()
    if found is None:
        raise Http404("no such passport")
    return render(request, "matching/shared.html", passport_context(found, _lang()))


def shared_link(request: HttpRequest, token: str) -> HttpResponse:
    """A passport behind a live share link (read-only); a 404 once revoked or expired."""
    found = selectors.passport_by_token(token)
    if found is None:
        raise Http404("no such passport")
    return render(request, "matching/shared.html", passport_context(found, _lang()))
