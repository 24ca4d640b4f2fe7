"""Pages: search (as you type, with htmx), concept pages and the sector frameworks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from techtalent.taxonomy import selectors
from techtalent.taxonomy.importers.esco import COLLECTIONS

KINDS = ("skill", "occupation", "skill_group", "isco_group")
SKILL_TYPES = ("skill/competence", "knowledge")


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def search(request: HttpRequest) -> HttpResponse:
    """Search skills and occupations; an htmx request gets only the result list."""
    lang = get_language() or "nl"
    q = request.GET.get("q", "").strip()[:300]
    collections = tuple(code for code, _, _ in COLLECTIONS.values())
    params = {
        "kind": _choice(request.GET.get("kind"), KINDS),
        "skill_type": _choice(request.GET.get("skill_type"), SKILL_TYPES),
        "collection": _choice(request.GET.get("collection"), collections),
    }
    status = selectors.taxonomy_status()
    results = selectors.concept_search(q, lang=lang, limit=25, **params) if q and status["release"] else []
    context = {
        "q": q,
        "results": results,
        "params": params,
        "lang": lang,
        "status": status,
        "kinds": KINDS,
        "skill_types": SKILL_TYPES,
        "collections": [(code, nl if lang == "nl" else en) for code, nl, en in COLLECTIONS.values()],
    }
    template = "taxonomy/_results.html" if request.htmx else "taxonomy/search.html"
    return render(request, template, context)


def concept(request: HttpRequest) -> HttpResponse:
    """One concept: labels in both languages, description, hierarchy, skills/occupations, collections."""
    lang = get_language() or "nl"
    detail = selectors.concept_detail(request.GET.get("uri", ""), lang)
    if detail is None:
        raise Http404("unknown concept")
    return render(request, "taxonomy/concept.html", {"d": detail, "lang": lang})


def frameworks(request: HttpRequest) -> HttpResponse:
    """All sector frameworks from the source documents."""
    return render(
        request,
        "taxonomy/frameworks.html",
        {"frameworks": selectors.framework_list(), "lang": get_language() or "nl"},
    )


def framework(request: HttpRequest, code: str) -> HttpResponse:
    """One framework: its items in document order, their sources and ESCO links."""
    found = selectors.framework_detail(code)
    if found is None:
        raise Http404("unknown framework")
    fw, items = found
    index = selectors.search_index() if selectors.taxonomy_status()["release"] else None
    lang = get_language() or "nl"
    rows = []
    for item in items:
        links = []
        for link in item.links.all():
            known = index is not None and link.concept_uri in index.position
            name = index.shown(link.concept_uri, lang) if index is not None and known else None
            links.append(
                {
                    "link": link,
                    "label": name.text if name else link.label,
                    "label_lang": name.lang if name else "en",
                    "derived": bool(name and name.derived),
                    "original": name.original if name else "",
                    "known": known,
                }
            )
        rows.append({"item": item, "links": links})
    return render(request, "taxonomy/framework.html", {"fw": fw, "rows": rows, "lang": lang})
