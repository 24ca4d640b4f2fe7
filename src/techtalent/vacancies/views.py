"""Pages of saved vacancies: my organisations' vacancies, saving one from the extraction review, one vacancy
(its skills by Dutch name, add by search-as-you-type, remove, edit, delete) and its candidates. A vacancy of
an organisation I am not a member of is a 404; candidates only for owners, admins and HR of a verified one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from techtalent.core.errors import UserError
from techtalent.extraction.review import review_export, review_state
from techtalent.orgs import candidates as ranking
from techtalent.taxonomy.selectors import concept_search, shown_name, taxonomy_status
from techtalent.taxonomy.twins import hits_with_twins
from techtalent.vacancies import selectors, services
from techtalent.vacancies.forms import EditForm, SaveForm, SkillForm
from techtalent.vacancies.models import Vacancy


def _lang() -> str:
    return get_language() or "nl"


def _vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get(user=request.user, vacancy_id=vacancy_id)
    if vacancy is None:
        raise Http404(_("No vacancy with this number in an organisation of yours."))
    return vacancy


@login_required
@require_GET
def vacancy_list(request: HttpRequest) -> HttpResponse:
    """The vacancies of every employer organisation I am a member of."""
    groups = [
        (o, list(selectors.vacancy_list(user=request.user, organisation=o)))
        for o in selectors.employer_organisations(user=request.user)
    ]
    return render(request, "vacancies/list.html", {"groups": groups})


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the text of the extraction review with exactly the concepts accepted there."""
    state = review_state(request.session)
    organisations = selectors.employer_organisations(user=request.user)
    form = SaveForm(request.POST, organisations=organisations)
    if state is None:
        messages.error(request, _("Nothing to save yet: paste a vacancy text first."))
        return redirect("extraction:page")
    if not form.is_valid():
        messages.error(request, _("Choose one of your employer organisations and give the vacancy a title."))
        return redirect("extraction:page")
    accepted = review_export(state)["concepts"]
    occupation = next((c["uri"] for c in accepted if c.get("kind") == "occupation"), "")
    try:
        vacancy = services.vacancy_create(
            organisation=form.cleaned_data["organisation"],
            user=request.user,
            title=form.cleaned_data["title"],
            text=state["text"],
            occupation=occupation,
            skills=services.skills_from_review(accepted),
        )
    except (UserError, PermissionError) as error:
        messages.error(request, str(error))
        return redirect("extraction:page")
    n = vacancy.skills.count()
    messages.success(
        request, ngettext("Vacancy saved with %(n)d skill.", "Vacancy saved with %(n)d skills.", n) % {"n": n}
    )
    return redirect("vacancies:detail", vacancy_id=vacancy.id)


def _skills_block(request: HttpRequest, vacancy: Vacancy, status: int = 200) -> HttpResponse:
    context = {"vacancy": vacancy, "skills": selectors.vacancy_skills(vacancy=vacancy, lang=_lang())}
    return render(request, "vacancies/_skills.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """One vacancy: its skills, the forms to change it, and the way to its candidates."""
    vacancy = _vacancy(request, vacancy_id)
    occupation = shown_name(vacancy.occupation, _lang()) if vacancy.occupation else None
    context = {
        "vacancy": vacancy,
        "skills": selectors.vacancy_skills(vacancy=vacancy, lang=_lang()),
        "occupation": occupation,
        "form": EditForm(initial={"title": vacancy.title, "occupation": vacancy.occupation}),
        "relations": SkillForm.base_fields["relation"].choices,  # type: ignore[attr-defined]
        "recruits": selectors.may_see_candidates(user=request.user, vacancy=vacancy),
    }
    return render(request, "vacancies/detail.html", context)


@login_required
@require_POST
def edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Change the title and the occupation."""
    vacancy = _vacancy(request, vacancy_id)
    form = EditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A vacancy needs a title."))
        return redirect("vacancies:detail", vacancy_id=vacancy.id)
    try:
        services.vacancy_update(
            vacancy=vacancy,
            user=request.user,
            title=form.cleaned_data["title"],
            occupation=form.cleaned_data["occupation"],
        )
        messages.success(request, _("Vacancy changed."))
    except UserError as error:
        messages.error(request, str(error))
    return redirect("vacancies:detail", vacancy_id=vacancy.id)


@login_required
@require_GET
def skill_search(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Search-as-you-type for a skill to add (the passport's hits partial, posting to this vacancy)."""
    vacancy = _vacancy(request, vacancy_id)
    q = request.GET.get("q", "").strip()[:200]
    hits = (
        concept_search(q, lang=_lang(), limit=10, kind="skill") if q and taxonomy_status()["release"] else []
    )
    context = {
        "hits": hits_with_twins(hits), "q": q, "kind": "skill", "lang": _lang(),
        "add_url": reverse("vacancies:skill_add", args=[vacancy.id]), "include": "#skill-relation",
        "held": set(vacancy.skills.values_list("uri", flat=True)),
    }  # fmt: skip
    return render(request, "matching/_hits.html", context)


@login_required
@require_POST
def skill_add(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Add a skill by hand (essential unless the form says optional)."""
    vacancy = _vacancy(request, vacancy_id)
    form = SkillForm(request.POST)
    try:
        if not form.is_valid():
            raise UserError(_("Choose a skill and whether it is essential or optional."))
        skill = services.WantedSkill(
            uri=form.cleaned_data["uri"], relation=form.cleaned_data["relation"] or "essential"
        )
        services.vacancy_skill_add(vacancy=vacancy, user=request.user, skill=skill)
    except UserError as error:
        messages.error(request, str(error))
    return _skills_block(request, vacancy) if request.htmx else redirect("vacancies:detail", vacancy.id)


@login_required
@require_POST
def skill_remove(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Remove a skill from the vacancy."""
    vacancy = _vacancy(request, vacancy_id)
    services.vacancy_skill_remove(vacancy=vacancy, user=request.user, uri=request.POST.get("uri", ""))
    return _skills_block(request, vacancy) if request.htmx else redirect("vacancies:detail", vacancy.id)


@login_required
@require_POST
def delete(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Delete the vacancy."""
    vacancy = _vacancy(request, vacancy_id)
    title = vacancy.title
    services.vacancy_delete(vacancy=vacancy, user=request.user)
    messages.success(request, _("Vacancy “%(title)s” deleted.") % {"title": title})
    return redirect("vacancies:list")


@login_required
@require_GET
def candidates(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The opted-in passports ranked against the vacancy's saved skills, each explained skill by skill."""
    vacancy = _vacancy(request, vacancy_id)
    context: dict[str, object] = {"vacancy": vacancy, "error": ""}
    try:
        context["candidates"] = selectors.vacancy_candidates(user=request.user, vacancy=vacancy, lang=_lang())
        context["visible"] = ranking.visible_count(organisation=vacancy.organisation)
    except PermissionError as refused:
        context["refusal"] = str(refused)
        return render(request, "vacancies/candidates.html", context, status=403)
    except UserError as error:
        context["error"] = str(error)
    return render(request, "vacancies/candidates.html", context)
