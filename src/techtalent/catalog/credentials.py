"""Micro-credentials: issue signed Open Badges 3.0 for a station or line, verify, add to a passport."""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techtalent.catalog.engine import Award, elm_credential, open_badge, sign, verify
from techtalent.catalog.keys import platform_did, signing_key
from techtalent.catalog.models import IssuedCredential, Line, Offer
from techtalent.catalog.permissions import check_manage
from techtalent.catalog.skills import skill_labels
from techtalent.core.errors import UserError

__all__ = ["public_url", "credential_issue", "credential_verify", "credential_elm", "credential_to_passport"]


def public_url() -> str:
    """The platform's public base URL (TECHTALENT_PUBLIC_URL), used in issuer and verify links."""
    return os.environ.get("TECHTALENT_PUBLIC_URL", "http://localhost:8000").rstrip("/")


def _award(*, uid: uuid.UUID, recipient: Any, offer: Offer | None, line: Line | None) -> Award:
    if offer is not None:
        uris = list(offer.skills.filter(status="accepted").values_list("uri", flat=True))
        name, description, provider = offer.title, offer.description, offer.provider.name
        achievement, hours, kind = f"{public_url()}/catalog/offers/{offer.pk}/", offer.hours, "station"
        criteria = _("Completed the module %(title)s of %(provider)s.") % {
            "title": offer.title,
            "provider": provider,
        }
        language = offer.language or "nl"
    else:
        assert line is not None
        uris = sorted(
            {
                u
                for s in line.stations.all()
                for u in s.offer.skills.filter(status="accepted").values_list("uri", flat=True)
            }
        )
        name, description, provider = line.name, line.theme, line.owner.name
        achievement, kind, language = f"{public_url()}/catalog/lines/{line.pk}/", "line", "nl"
        hours = float(sum(s.offer.hours or 0 for s in line.stations.all())) or None
        criteria = _("Completed every station of the line %(name)s.") % {"name": line.name}
    labels = skill_labels(uris, language if language in ("nl", "en") else "en")
    return Award(
        credential_id=f"urn:uuid:{uid}",
        achievement_id=achievement,
        achievement_name=name,
        achievement_description=description[:2000],
        criteria=criteria,
        skills=tuple((u, labels.get(u, u)) for u in uris),
        recipient_id=f"{public_url()}/users/{recipient.pk}",
        recipient_name=recipient.get_full_name() or recipient.get_username(),
        issuer_id=platform_did(),
        issuer_name="techtalent",
        issuer_url=public_url(),
        provider_name=provider,
        valid_from=timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        kind=kind,
        hours=float(hours) if hours else None,
        language=language,
    )


@transaction.atomic
def credential_issue(
    *, recipient: Any, offer: Offer | None = None, line: Line | None = None, by: Any = None
) -> IssuedCredential:
    """Issue and store a signed credential for a completed station (offer) or a whole line."""
    if (offer is None) == (line is None):
        raise UserError(_("issue a credential for one offer or one line"))
    if by is not None:
        check_manage(by, offer if offer is not None else line)  # type: ignore[arg-type]
    if offer is not None and not offer.skills.filter(status="accepted").exists():
        raise UserError(
            _("accept at least one skill of %(title)s before issuing a credential") % {"title": offer.title}
        )
    if not isinstance(recipient, get_user_model()):
        raise UserError(_("unknown recipient"))
    uid = uuid.uuid4()
    award = _award(uid=uid, recipient=recipient, offer=offer, line=line)
    document = sign(open_badge(award), signing_key(), created=award.valid_from)
    return IssuedCredential.objects.create(
        uid=uid, offer=offer, line=line, recipient=recipient, issued_by=by, document=document
    )


def credential_verify(document: Any) -> dict[str, Any]:
    """Check the proof: {"valid", "reason", "issuer", "trusted" (we signed it), "name", "skills"}."""
    if not isinstance(document, dict):
        return {"valid": False, "reason": _("not a credential (a JSON object is expected)"), "trusted": False}
    result = verify(document)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = document.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {} if isinstance(subject, dict) else {}
    skills = [a.get("targetUrl") for a in achievement.get("alignment", []) if isinstance(a, dict)]
    return {
        "valid": result.ok,
        "reason": result.reason,
        "issuer": issuer_id,
        "trusted": result.ok and issuer_id == platform_did(),
        "name": achievement.get("name", ""),
        "skills": skills,
    }


def credential_elm(credential: IssuedCredential) -> dict[str, Any]:
    """The credential in the European Learning Model shape (EDC), signed with the same key."""
    return sign(
        elm_credential(_award_from(credential)), signing_key(), created=credential.document["validFrom"]
    )


def _award_from(credential: IssuedCredential) -> Award:
    doc = credential.document
    subject, achievement = doc["credentialSubject"], doc["credentialSubject"]["achievement"]
    return Award(
        credential_id=doc["id"],
        achievement_id=achievement["id"],
        achievement_name=achievement["name"],
        achievement_description=achievement["description"],
        criteria=achievement["criteria"]["narrative"],
        skills=tuple((a["targetUrl"], a["targetName"]) for a in achievement.get("alignment", [])),
        recipient_id=subject["id"],
        recipient_name=subject.get("name", ""),
        issuer_id=doc["issuer"]["id"],
        issuer_name=doc["issuer"]["name"],
        issuer_url=doc["issuer"]["url"],
        provider_name=achievement["creator"]["name"],
        valid_from=doc["validFrom"],
        kind="line" if achievement["achievementType"] == "LearningProgram" else "station",
        hours=credential.offer.hours if credential.offer else None,
        language=achievement.get("inLanguage", "nl"),
    )


@transaction.atomic
def credential_to_passport(*, credential: IssuedCredential, user: Any) -> int:
    """Add the credential's skills to the holder's passport as evidenced; returns how many skills."""
    if credential.recipient_id != user.pk:
        raise UserError(_("only the holder can add this credential to a passport"))
    if not credential_verify(credential.document)["trusted"]:
        raise UserError(_("this credential does not verify"))
    from techtalent.matching.services import passport_get_or_create, skill_add

    passport = passport_get_or_create(user=user)
    achievement = credential.document["credentialSubject"]["achievement"]
    evidence = f"{achievement['name']} — {public_url()}/catalog/credentials/{credential.uid}/"
    held = {s.uri: s for s in passport.skills.all()}
    count = 0
    for alignment in achievement.get("alignment", []):
        uri = alignment["targetUrl"]
        proficiency = held[uri].proficiency if uri in held else "intermediate"
        skill_add(passport=passport, uri=uri, proficiency=proficiency, source="credential", evidence=evidence)
        count += 1
    IssuedCredential.objects.filter(pk=credential.pk).update(in_passport=True)
    return count
