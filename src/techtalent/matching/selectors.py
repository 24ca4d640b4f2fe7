"""Reads: the matching model of the current taxonomy (cached per taxonomy stamp), passports as the
engine sees them, who may see which passport, and the passport export (names by the taxonomy's one rule)."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from techtalent.core.cache import StampedCache
from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    OccupationSkill,
    Proficiency,
    ShortageLink,
    build_model,
    occupation_graph,
    shortage_links,
    shortage_weights,
)
from techtalent.matching.models import Passport, PassportShare
from techtalent.matching.shortage_file import bundled_shortage_list
from techtalent.taxonomy import selectors as taxonomy

log = logging.getLogger(__name__)


def _build() -> MatchModel:
    r = taxonomy.matching_records()
    relations = (
        OccupationSkill(o, s, "essential" if rel == "essential" else "optional")
        for o, s, rel in r.occupation_skills
    )
    return build_model(
        r.occupations,
        r.skills,
        relations,
        broader=r.broader,
        related=r.related,
        labels=r.labels,
        isco=r.isco,
        transversal=r.transversal,
    )


# The cache names carry a version: a pickle of an older engine's model (without ISCO codes, say) must not be
# read back after an upgrade of the same taxonomy.
_model_cache: StampedCache[MatchModel] = StampedCache("match-v2", _build)
_graph_cache: StampedCache[OccupationGraph] = StampedCache(
    "occupation-graph-v1", lambda: occupation_graph(match_model())
)


def match_model() -> MatchModel:
    """The matching model of the current taxonomy: from memory, else the disk cache, else built and cached."""
    return _model_cache.get(taxonomy.taxonomy_stamp())


def occupation_similarity() -> OccupationGraph:
    """The occupation-to-occupation similarity of the current taxonomy (cached like the model)."""
    return _graph_cache.get(taxonomy.taxonomy_stamp())


def forget_cache() -> None:
    """Drop the in-memory model and graph (tests import several toy taxonomies in one process)."""
    _model_cache.forget()
    _graph_cache.forget()


def tension_figures() -> dict[str, float]:
    """Monitor observation id → value of the tension figures the shortage list refers to (read via the
    monitor's selectors; empty when the monitor holds none)."""
    from techtalent.monitor.selectors import ObservationFilter, observation_list

    wanted = {t for entry in bundled_shortage_list() for t in entry.tension}
    if not wanted:
        return {}
    found = observation_list(ObservationFilter(indicators=("tension-indicator",), measure=None))
    figures = {}
    for obs in found:
        ref = obs.ref.rsplit("#", 1)[-1]  # starter data refer to "<document>#<id>"
        if ref in wanted:
            figures[ref] = float(obs.value)
    return figures


def shortage() -> tuple[dict[str, float], dict[str, list[ShortageLink]]]:
    """Shortage weight per ESCO occupation and the provenance of every link (bundled list + monitor)."""
    entries = bundled_shortage_list()
    return shortage_weights(entries, tension_figures()), shortage_links(entries)


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


def occupations_held(passport: Passport) -> list[str]:
    """The ESCO occupations the passport's owner has held (URIs, sorted)."""
    return sorted(passport.occupations.values_list("uri", flat=True))


def findable_passports(*, ids: Collection[int]) -> dict[str, dict[str, Proficiency]]:
    """The passports ``ids`` (id → skills), for ranking candidates for a vacancy."""
    found: dict[str, dict[str, Proficiency]] = {}
    for pid, uri, level in Passport.objects.filter(id__in=list(ids)).values_list(
        "id", "skills__uri", "skills__proficiency"
    ):
        found.setdefault(str(pid), {})
        if uri:
            found[str(pid)][uri] = level
    return found


def skill_sets_of_owners(
    *, passport_ids: Collection[int], owner_ids: Collection[int]
) -> dict[str, frozenset[str]]:
    """The skill URIs of the passports ``passport_ids`` owned by ``owner_ids``, by owner display name."""
    sets: dict[str, frozenset[str]] = {}
    chosen = Passport.objects.filter(id__in=list(passport_ids), owner_id__in=list(owner_ids))
    for passport in chosen.select_related("owner").prefetch_related("skills"):
        name = passport.owner.get_full_name() or passport.owner.get_username()
        sets[name] = frozenset(s.uri for s in passport.skills.all())
    return sets


def concept_kind(uri: str) -> str | None:
    """The kind of the concept with ``uri`` (occupation, skill, ...), None when unknown."""
    return taxonomy.concept_kind(uri)


EXPORT_SCHEMA = "techtalent-passport/1"


def passport_export(passport: Passport, *, lang: str = "nl") -> dict[str, Any]:
    """Everything stored about the passport and its owner, in the JSON schema of docs/passport.md."""
    from techtalent.orgs.selectors import account_export

    owner = passport.owner

    def named(uri: str) -> dict[str, Any]:
        name = taxonomy.shown_name(uri, lang)
        return {
            "label": name.label,
            "label_lang": name.lang,
            "label_derived": name.derived,
            "label_original": name.original,
        }

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
                **named(s.uri),
                "proficiency": s.proficiency,
                "source": s.source,
                "evidence": s.evidence,
                "added": s.added.isoformat(),
            }
            for s in passport.skills.all()
        ],
        "occupations": [
            {"uri": o.uri, **named(o.uri), "years": float(o.years)} for o in passport.occupations.all()
        ],
        "education": [{"level": e.level, "programme": e.programme} for e in passport.education.all()],
        "shares": [
            {
                "id": s.id,
                "with_user": s.username or None,
                "link": bool(s.token),
                "expires": s.expires.isoformat() if s.expires else None,
                "created": s.created.isoformat(),
            }
            for s in passport.shares.select_related("user")
        ],
        **account_export(user=owner, passport=passport),
    }
