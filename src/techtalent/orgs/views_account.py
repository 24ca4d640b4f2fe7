"""My consents (who may find my passport, each a record I can revoke) and my API tokens (created and
shown once, listed by prefix, revoked)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.core.errors import UserError
from techtalent.matching.selectors import passport_of
from techtalent.matching.services import passport_get_or_create
from techtalent.orgs import selectors, services
from techtalent.orgs.forms import ALL_VERIFIED, ConsentForm, TokenForm
from techtalent.orgs.models import MANAGERS, Organisation


def _verified() -> object:
    return Organisation.objects.filter(verified_at__isnull=False).order_by("name")


@login_required
def consents(request: HttpRequest, form: ConsentForm | None = None) -> HttpResponse:
    """Who may find my passport: every consent I gave (what, to whom, when, revoked when)."""
    passport = passport_of(request.user)  # a GET creates nothing
    context = {
        "consents": list(selectors.consents_of(passport=passport)) if passport else [],
        "form": form or ConsentForm(organisations=_verified()),  # type: ignore[arg-type]
    }
    return render(request, "orgs/consents.html", context, status=400 if form else 200)


@login_required
@require_POST
def consent_grant(request: HttpRequest) -> HttpResponse:
    """Let one verified organisation, or every verified employer, find my passport."""
    form = ConsentForm(request.POST, organisations=_verified())  # type: ignore[arg-type]
    if not form.is_valid():
        return consents(request, form)
    audience = form.cleaned_data["audience"]
    organisation = None if audience == ALL_VERIFIED else Organisation.objects.get(id=int(audience))
    services.consent_grant(passport=passport_get_or_create(user=request.user), organisation=organisation)
    messages.success(request, _("Your consent is recorded."))
    return redirect("orgs:consents")


@login_required
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Revoke one of my consents (someone else's is a 404)."""
    passport = passport_of(request.user)
    consent = selectors.consents_of(passport=passport).filter(id=consent_id).first() if passport else None
    if consent is None:
        raise Http404("no such consent")
    services.consent_revoke(consent=consent)
    messages.success(request, _("Consent revoked."))
    return redirect("orgs:consents")


def _managed(request: HttpRequest) -> object:
    return selectors.organisations_for_user(user=request.user).filter(
        memberships__user=request.user, memberships__role__in=[str(r) for r in MANAGERS]
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """My API tokens (prefix, scopes, organisation, created, revoked) and a form for a new one."""
    form = TokenForm(request.POST or None, organisations=_managed(request))  # type: ignore[arg-type]
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(user=request.user, **form.cleaned_data)
        except UserError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm(organisations=_managed(request))  # type: ignore[arg-type]
    status = 400 if request.method == "POST" and not secret else 200
    context = {"tokens": list(selectors.tokens_of(user=request.user)), "form": form, "secret": secret}
    return render(request, "orgs/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of my tokens (someone else's is a 404)."""
    token = selectors.tokens_of(user=request.user).filter(id=token_id).first()
    if token is None:
        raise Http404("no such token")
    services.token_revoke(token=token)
    messages.success(request, _("Token revoked: requests with it now get 401."))
    return redirect("orgs:tokens")
