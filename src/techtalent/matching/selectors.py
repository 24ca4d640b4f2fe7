"""Reads: the matching model of the current taxonomy (cached per taxonomy stamp), passports as the
engine sees them, who may see which passport, and display labels in the interface language."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from techtalent.core.cache import StampedCache
from techtalent.matching.engine import MatchModel, OccupationSkill, Proficiency, build_model
from techtalent.matching.models import Passport, PassportShare
from techtalent.taxonomy import selectors as taxonomy
from techtalent.taxonomy.models import Broader, Concept, Label, SkillRelation
from techtalent.taxonomy.models import OccupationSkill as OccupationSkillRow

log = logging.getLogger(__name__)


def _build() -> MatchModel:
    rows = list(Concept.objects.filter(kind__in=("occupation", "skill")).values_list("id", "uri", "kind"))
    uri_of = {cid: uri for cid, uri, _ in rows}
    occupations = [uri for _, uri, kind in rows if kind == "occupation"]
    skills = [uri for _, uri, kind in rows if kind == "skill"]
    pillar = Concept.objects.filter(kind__in=("skill", "skill_group")).values_list("id", "uri")
    pillar_uri = dict(pillar)
    relations = (
        OccupationSkill(uri_of[o], uri_of[s], "essential" if rel == "essential" else "optional")
        for o, s, rel in OccupationSkillRow.objects.values_list("occupation_id", "skill_id", "relation")
        if o in uri_of and s in uri_of
    )
    broader = [
        (pillar_uri[c], pillar_uri[b])
        for c, b in Broader.objects.values_list("concept_id", "broader_id")
        if c in pillar_uri and b in pillar_uri
    ]
    related = [
        (uri_of[a], uri_of[b])
        for a, b in SkillRelation.objects.values_list("skill_id", "related_id")
        if a in uri_of and b in uri_of
    ]
    labels = {
        pillar_uri.get(cid) or uri_of.get(cid, ""): text
        for cid, text in Label.objects.filter(lang="en", type="preferred").values_list("concept_id", "text")
    }
    return build_model(occupations, skills, relations, broader=broader, related=related, labels=labels)


_model_cache: StampedCache[MatchModel] = StampedCache("match", _build)


def match_model() -> MatchModel:
    """The matching model of the current taxonomy: from memory, else the disk cache, else built and cached."""
    return _model_cache.get(taxonomy.taxonomy_stamp())


def forget_cache() -> None:
    """Drop the in-memory model (tests import several toy taxonomies in one process)."""
    _model_cache.forget()


@dataclass(frozen=True)
class Shown:
    """A concept as shown: its label in the interface language, else the other one (marked)."""

    uri: str
    label: str
    lang: str
    fallback: bool
    derived: bool = False
    original: str = ""


def shown(uri: str, lang: str) -> Shown:
    """The display label of ``uri`` in ``lang`` by the taxonomy's one rule (official, derived, other)."""
    s = taxonomy.shown_label(uri, lang)
    return Shown(uri, s.text or uri, s.lang, s.lang != lang, s.derived, s.original)


def passport_of(user: Any) -> Passport | None:
    """The passport owned by ``user`` (None when they have none or are anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Passport.objects.filter(owner=user).first()


def passports_visible_to(user: Any) -> QuerySet[Passport]:
    """Passports ``user`` may read: their own and those shared with them by name."""
    if not getattr(user, "is_authenticated", False):
        return Passport.objects.none()
    return Passport.objects.filter(Q(owner=user) | Q(shares__user=user)).distinct()


def passport_by_token(token: str) -> Passport | None:
    """The passport behind a live share link (None when unknown, revoked or expired)."""
    share = (
        PassportShare.objects.filter(token=token)
        .filter(Q(expires__isnull=True) | Q(expires__gt=timezone.now()))
        .select_related("passport")
        .first()
    )
    return share.passport if share and token else None


def passport_skills(passport: Passport) -> dict[str, Proficiency]:
    """The passport as the engine sees it: skill URI → proficiency."""
    return dict(passport.skills.values_list("uri", "proficiency"))  # type: ignore[arg-type]


def findable_passports() -> dict[str, dict[str, Proficiency]]:
    """Every opted-in passport (id → skills), for ranking candidates for a vacancy."""
    found: dict[str, dict[str, Proficiency]] = {}
    for pid, uri, level in Passport.objects.filter(findable=True).values_list(
        "id", "skills__uri", "skills__proficiency"
    ):
        found.setdefault(str(pid), {})
        if uri:
            found[str(pid)][uri] = level
    return found


def concept_kind(uri: str) -> str | None:
    """The kind of the concept with ``uri`` (occupation, skill, ...), None when unknown."""
    return Concept.objects.filter(uri=uri).values_list("kind", flat=True).first()


EXPORT_SCHEMA = "techtalent-passport/1"


def passport_export(passport: Passport, *, lang: str = "nl") -> dict[str, Any]:
    """Everything stored about the passport and its owner, in the JSON schema of docs/passport.md."""
    owner = passport.owner

    def label(uri: str) -> str:
        return shown(uri, lang).label

    return {
        "schema": EXPORT_SCHEMA,
        "exported": timezone.now().isoformat(),
        "account": {
            "username": owner.username,
            "email": owner.email,
            "date_joined": owner.date_joined.isoformat(),
        },
        "passport": {
            "id": passport.pk,
            "findable": passport.findable,
            "region": passport.region,
            "hours_per_week": passport.hours_per_week,
            "created": passport.created.isoformat(),
            "updated": passport.updated.isoformat(),
        },
        "skills": [
            {
                "uri": s.uri,
                "label": label(s.uri),
                "label_derived": shown(s.uri, lang).derived,
                "proficiency": s.proficiency,
                "source": s.source,
                "evidence": s.evidence,
                "added": s.added.isoformat(),
            }
            for s in passport.skills.all()
        ],
        "occupations": [
            {"uri": o.uri, "label": label(o.uri), "years": float(o.years)} for o in passport.occupations.all()
        ],
        "education": [{"level": e.level, "programme": e.programme} for e in passport.education.all()],
        "shares": [
            {
                "id": s.id,
                "with_user": s.user.username if s.user else None,
                "link": bool(s.token),
                "expires": s.expires.isoformat() if s.expires else None,
                "created": s.created.isoformat(),
            }
            for s in passport.shares.select_related("user")
        ],
    }
