"""The ESCO skills an offer teaches: found by the extraction domain, decided by the provider."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from techtalent.catalog.models import Offer, OfferSkill
from techtalent.core.errors import UserError
from techtalent.taxonomy.engine import ShownLabel

__all__ = [
    "skill_labels",
    "skill_names",
    "skills_extract",
    "skills_state",
    "skill_decide",
    "search_text_refresh",
]

SKILL = "http://data.europa.eu/esco/skill/"


def skill_labels(uris: Sequence[str], lang: str) -> dict[str, str]:
    """The official preferred label of each known ESCO URI in ``lang`` (else the other language; unknown
    URIs are left out): for known-URI checks, search text and signed credentials; pages use skill_names."""
    from techtalent.extraction.services import display_labels

    return {uri: label for uri, (label, _lang) in display_labels(list(uris), lang).items() if label != uri}


def skill_names(uris: Sequence[str], lang: str) -> dict[str, ShownLabel]:
    """The name each known ESCO URI is shown with, by the taxonomy's one display rule: official in ``lang``,
    else the best derived label (marked ``derived``), else the other language. Unknown URIs are left out."""
    from techtalent.taxonomy.selectors import shown_labels

    return {uri: name for uri, name in shown_labels(list(uris), lang).items() if name.text != uri}


@transaction.atomic
def skills_extract(*, offer: Offer, max_skills: int = 15) -> list[OfferSkill]:
    """Suggest the skills the extraction engine finds in the offer's title, description and outcomes."""
    from techtalent.extraction.services import extract_text

    text = "\n".join(t for t in (offer.title, offer.description, offer.learning_outcomes) if t)
    found = extract_text(text, lang="auto", doc_id=f"offer-{offer.pk}", name=offer.title)
    made: list[OfferSkill] = []
    decided = set(offer.skills.exclude(status=OfferSkill.Status.SUGGESTED).values_list("uri", flat=True))
    for concept in found["concepts"]:
        if concept["kind"] != "skill" or concept["uri"] in decided or len(made) >= max_skills:
            continue
        skill, _created = OfferSkill.objects.update_or_create(
            offer=offer,
            uri=concept["uri"],
            defaults={"method": "extraction", "score": float(concept["score"]), "status": "suggested"},
        )
        made.append(skill)
    search_text_refresh(offer=offer)
    return made


@transaction.atomic
def skills_state(*, offer: Offer, uris: Sequence[str], level: str = "intermediate") -> list[OfferSkill]:
    """Record skills the provider states the offer teaches (accepted); unknown URIs are an error."""
    known = skill_labels(uris, "en")
    unknown = [u for u in uris if u not in known or not u.startswith(SKILL)]
    if unknown:
        raise UserError(_("not an ESCO skill: %(uri)s") % {"uri": ", ".join(unknown[:3])})
    made = [
        OfferSkill.objects.update_or_create(
            offer=offer, uri=uri, defaults={"status": "accepted", "method": "stated", "level": level}
        )[0]
        for uri in uris
    ]
    search_text_refresh(offer=offer)
    return made


@transaction.atomic
def skill_decide(*, offer: Offer, uri: str, accept: bool, level: str | None = None) -> OfferSkill:
    """Accept or reject one skill of the offer (a skill not yet listed is added when accepted)."""
    if level is not None and level not in OfferSkill.Level.values:
        raise UserError(
            _("level must be one of: %(levels)s") % {"levels": ", ".join(OfferSkill.Level.values)}
        )
    skill = offer.skills.filter(uri=uri).first()
    if skill is None:
        if not accept:
            raise UserError(_("this offer does not list the skill %(uri)s") % {"uri": uri})
        return skills_state(offer=offer, uris=[uri], level=level or "intermediate")[0]
    skill.status = OfferSkill.Status.ACCEPTED if accept else OfferSkill.Status.REJECTED
    if level:
        skill.level = level
    skill.save()
    search_text_refresh(offer=offer)
    return skill


def search_text_refresh(*, offer: Offer) -> None:
    """Rebuild the lower-case text the catalog search looks in (title, provider, code, sector, skills)."""
    uris = list(offer.skills.exclude(status="rejected").values_list("uri", flat=True))
    labels = " ".join(skill_labels(uris, "nl").values()) + " " + " ".join(skill_labels(uris, "en").values())
    parts = [offer.title, offer.provider.name, offer.code, offer.sector, offer.description[:400], labels]
    Offer.objects.filter(pk=offer.pk).update(search_text=" ".join(p for p in parts if p).lower())
