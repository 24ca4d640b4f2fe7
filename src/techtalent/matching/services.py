"""Writes to skills passports, each in one transaction: skills, occupations, education, preferences,
shares, and deleting everything; plus reading a CV into skills to accept or reject."""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from techtalent.core.errors import UserError
from techtalent.matching import selectors
from techtalent.matching.models import (
    PROFICIENCIES,
    Education,
    OccupationHeld,
    Passport,
    PassportShare,
    PassportSkill,
)

SOURCES = tuple(PassportSkill.Source.values)


def _check_concept(uri: str, kind: str) -> None:
    if selectors.concept_kind(uri) != kind:
        raise UserError(f"not an ESCO {kind}: {uri}")


@transaction.atomic
def passport_get_or_create(*, user: Any) -> Passport:
    """The user's passport, created empty on first use."""
    passport, _ = Passport.objects.get_or_create(owner=user)
    return passport


@transaction.atomic
def passport_update(
    *,
    passport: Passport,
    findable: bool | None = None,
    region: str | None = None,
    hours_per_week: int | None = None,
) -> Passport:
    """Change the preferences (region, hours) and whether employers may find the passport."""
    if hours_per_week is not None and not 0 < hours_per_week <= 80:
        raise UserError("hours per week must lie between 1 and 80")
    if findable is not None:  # findable: every verified employer may find it, kept as a consent record
        from techtalent.orgs.services import consent_set_all_verified

        consent_set_all_verified(passport=passport, on=findable)
        passport.refresh_from_db(fields=["findable"])
    if region is not None:
        passport.region = region.strip()[:120]
    if hours_per_week is not None:
        passport.hours_per_week = hours_per_week
    passport.save()
    return passport


@transaction.atomic
def skill_add(
    *,
    passport: Passport,
    uri: str,
    proficiency: str = "intermediate",
    source: str = "self",
    evidence: str = "",
) -> PassportSkill:
    """Add a skill or change its proficiency, source and evidence."""
    if proficiency not in PROFICIENCIES:
        raise UserError(f"proficiency must be one of: {', '.join(PROFICIENCIES)}")
    if source not in SOURCES:
        raise UserError(f"source must be one of: {', '.join(SOURCES)}")
    _check_concept(uri, "skill")
    skill, _ = PassportSkill.objects.update_or_create(
        passport=passport,
        uri=uri,
        defaults={"proficiency": proficiency, "source": source, "evidence": evidence[:2000]},
    )
    return skill


@transaction.atomic
def skill_remove(*, passport: Passport, uri: str) -> bool:
    """Remove a skill; False when the passport did not hold it."""
    deleted, _ = passport.skills.filter(uri=uri).delete()
    return bool(deleted)


@transaction.atomic
def occupation_add(
    *, passport: Passport, uri: str, years: float = 0, derive_skills: bool = True
) -> OccupationHeld:
    """Record an occupation held; optionally add its essential skills (source: occupation held)."""
    if not 0 <= years <= 60:
        raise UserError("years must lie between 0 and 60")
    _check_concept(uri, "occupation")
    held, _ = OccupationHeld.objects.update_or_create(
        passport=passport, uri=uri, defaults={"years": Decimal(str(round(years, 1)))}
    )
    if derive_skills:
        model = selectors.match_model()
        if uri in model.occupation_index:
            have = set(passport.skills.values_list("uri", flat=True))
            level = "advanced" if years >= 5 else "intermediate"
            PassportSkill.objects.bulk_create(
                PassportSkill(
                    passport=passport,
                    uri=model.skills[s],
                    proficiency=level,
                    source="occupation",
                    evidence=uri,
                )
                for s, rel, _ in model.occupation_skills(uri)
                if rel == "essential" and model.skills[s] not in have
            )
    return held


@transaction.atomic
def occupation_remove(*, passport: Passport, uri: str) -> bool:
    """Remove an occupation held (skills derived from it stay until removed)."""
    deleted, _ = passport.occupations.filter(uri=uri).delete()
    return bool(deleted)


@transaction.atomic
def education_add(*, passport: Passport, level: str, programme: str) -> Education:
    """Record an education (level such as mbo-4, and the programme)."""
    level, programme = level.strip(), programme.strip()
    if not level or not programme:
        raise UserError("an education needs a level and a programme")
    return Education.objects.create(passport=passport, level=level[:40], programme=programme[:200])


@transaction.atomic
def education_remove(*, passport: Passport, education_id: int) -> bool:
    """Remove an education; False when it is not in this passport."""
    deleted, _ = passport.education.filter(id=education_id).delete()
    return bool(deleted)


@transaction.atomic
def share_with_user(*, passport: Passport, username: str) -> PassportShare | None:
    """Let the account named ``username`` read the passport, now or once it exists; None for no name or
    the owner's own.

    The share is stored by name either way and shown alike, so sharing cannot tell which names exist.
    """
    name = username.strip()[:150]
    if not name or name == passport.owner.username:
        return None
    share, _ = PassportShare.objects.get_or_create(passport=passport, username=name, token=None)
    user = get_user_model().objects.filter(username=name).first()
    if user is not None and share.user_id is None and share.bound_at is None:
        share.user, share.bound_at = user, timezone.now()
        share.save(update_fields=["user", "bound_at"])
    return share


def shares_bind(*, user: Any) -> int:
    """Give a (new) account the shares waiting for its name; shares once bound never move again."""
    return PassportShare.objects.filter(
        username=user.username, user__isnull=True, bound_at__isnull=True, token__isnull=True
    ).update(user=user, bound_at=timezone.now())


@transaction.atomic
def share_link_create(*, passport: Passport, days: int | None = 30) -> PassportShare:
    """A secret read-only link to the passport, expiring after ``days`` (None: until revoked)."""
    if days is not None and not 1 <= days <= 365:
        raise UserError("a link lasts between 1 and 365 days")
    expires = timezone.now() + timedelta(days=days) if days else None
    return PassportShare.objects.create(passport=passport, token=secrets.token_urlsafe(24), expires=expires)


@transaction.atomic
def share_revoke(*, passport: Passport, share_id: int) -> bool:
    """Revoke a share (named user or link); False when it is not one of this passport's."""
    deleted, _ = passport.shares.filter(id=share_id).delete()
    return bool(deleted)


@transaction.atomic
def passport_delete(*, passport: Passport) -> None:
    """Delete the passport with its skills, occupations, education and shares."""
    passport.delete()


@transaction.atomic
def account_delete(*, user: Any) -> None:
    """Delete the user account and everything of it (passport, shares given; shares received stay in
    their owners' lists, as they were, but reach no account any more, also not a later one of that name)."""
    from techtalent.orgs.services import account_delete_check

    account_delete_check(user=user)  # an organisation's only owner hands it over first
    Passport.objects.filter(owner=user).delete()
    user.delete()


def cv_found(*, data: bytes, name: str) -> list[dict[str, Any]]:
    """Skills and occupations found in an uploaded CV (pdf, docx, txt): uri, kind, evidence (the text
    matched) and score; negated mentions left out. Occupations come from the extractor and from the job
    titles of the work-experience lines (extraction/engine/cv_titles.py: the title normaliser's best
    occupation, with a calibrated confidence); occupations named only in the schooling or in the employer
    part of a job line are left out, and a weak rival reading of a line or a job before the current one is
    offered unticked (matching/cv_offers.py, engine/cvjobs.py). Skills the extractor ranks just under its
    threshold (from ``cv_offers.CV_SKILL_FLOOR``) are offered too: a CV's task lines are short."""
    from techtalent.extraction.services import extract_upload, normaliser
    from techtalent.matching.cv_offers import CV_RANKED, cv_offers

    text, result = extract_upload(data, name=name, top=CV_RANKED)
    lang = result.get("lang") if result.get("lang") in ("nl", "en") else "nl"
    return cv_offers(
        result["concepts"], text, normaliser(), lang=str(lang), ranking=result.get("ranking") or ()
    )


def text_skills(text: str) -> list[str]:
    """ESCO skill URIs found in a text (e.g. a pasted vacancy)."""
    from techtalent.extraction.services import extract_text

    result = extract_text(text)
    return [
        c["uri"]
        for c in result["concepts"]
        if c.get("kind") == "skill" and not (c.get("evidence") or {}).get("negated")
    ]
