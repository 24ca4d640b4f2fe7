"""Credential pages: the public verify page of an issued credential, verify any file, add to my passport."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techtalent.catalog.credentials import credential_elm, credential_to_passport, credential_verify
from techtalent.catalog.forms import VerifyForm
from techtalent.catalog.models import IssuedCredential
from techtalent.core.errors import UserError


def credential(request: HttpRequest, uid: str) -> HttpResponse:
    """Anyone with the link sees the credential checked: signature, issuer, achievement and skills."""
    issued = get_object_or_404(IssuedCredential.objects.select_related("recipient"), uid=uid)
    doc = issued.document
    achievement = doc["credentialSubject"]["achievement"]
    context = {
        "issued": issued,
        "result": credential_verify(doc),
        "achievement": achievement,
        "subject": doc["credentialSubject"],
        "holder": request.user.is_authenticated and request.user.pk == issued.recipient_id,
        "pretty": json.dumps(doc, indent=2, ensure_ascii=False),
    }
    return render(request, "catalog/credential.html", context)


def credential_json(request: HttpRequest, uid: str, shape: str) -> JsonResponse:
    """The credential as a file: the Open Badge (``ob``) or the European Learning Model shape (``elm``)."""
    if shape not in ("ob", "elm"):
        raise Http404
    issued = get_object_or_404(IssuedCredential, uid=uid)
    body = issued.document if shape == "ob" else credential_elm(issued)
    response = JsonResponse(body, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="credential-{uid}-{shape}.json"'
    return response


def verify(request: HttpRequest) -> HttpResponse:
    """Paste or upload a credential and see whether it verifies."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        raw = upload.read(2_000_000) if upload else (form.cleaned_data.get("document") or "").encode()
        try:
            result = credential_verify(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            result = {"valid": False, "trusted": False, "reason": _("This is not JSON.")}
    return render(request, "catalog/verify.html", {"form": form, "result": result})


@login_required
@require_POST
def to_passport(request: HttpRequest, uid: str) -> HttpResponse:
    """The holder adds the credential's skills to the passport as evidenced skills."""
    issued = get_object_or_404(IssuedCredential, uid=uid, recipient=request.user)
    try:
        count = credential_to_passport(credential=issued, user=request.user)
    except UserError as exc:
        messages.error(request, str(exc))
        return redirect("catalog:credential", uid=uid)
    messages.success(request, _("%(n)s skills added to your passport as evidenced.") % {"n": count})
    return redirect("matching:passport")
