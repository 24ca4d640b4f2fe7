"""Writes to vacancies, each in one transaction: save one (from the extraction review or by hand), change its
title and occupation, add and remove skills, delete it. Only members of the employer organisation may."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.core.text import fold
from techtalent.extraction.engine.context import Sentence, optional
from techtalent.orgs import selectors as orgs
from techtalent.orgs.models import Organisation, OrganisationKind
from techtalent.taxonomy import selectors as taxonomy
from techtalent.vacancies.models import Vacancy, VacancySkill

__all__ = [
    "WantedSkill",
    "relation_of",
    "skills_from_review",
    "vacancy_create",
    "vacancy_delete",
    "vacancy_skill_add",
    "vacancy_skill_remove",
    "vacancy_skills_set",
    "vacancy_update",
]

RELATIONS = tuple(VacancySkill.Relation.values)
SOURCES = tuple(VacancySkill.Source.values)
MAX_SKILLS = 200


@dataclass(frozen=True)
class WantedSkill:
    """A skill to save with a vacancy: its URI, essential or optional, and where it came from."""

    uri: str
    relation: str = "essential"
    source: str = "manual"
    found_as: str = ""
    evidence: str = ""


def _check_member(user: Any, organisation: Organisation) -> None:
    if orgs.role_of(user=user, organisation=organisation) is None:
        raise PermissionError(
            _("only members of %(org)s may change its vacancies") % {"org": organisation.name}
        )


def _check_occupation(uri: str) -> str:
    uri = uri.strip()
    if uri and taxonomy.concept_kind(uri) != "occupation":
        raise UserError(_("not an ESCO occupation: %(uri)s") % {"uri": uri})
    return uri


def _check_skill(skill: WantedSkill) -> None:
    if taxonomy.concept_kind(skill.uri) != "skill":
        raise UserError(_("not an ESCO skill: %(uri)s") % {"uri": skill.uri})
    if skill.relation not in RELATIONS:
        raise UserError(_("a skill is essential or optional, not %(r)s") % {"r": repr(skill.relation)})
    if skill.source not in SOURCES:
        raise UserError(_("a skill's source is extracted or manual, not %(s)s") % {"s": repr(skill.source)})


def relation_of(evidence: Mapping[str, Any]) -> str:
    """ "optional" when the extractor found the skill in a sentence that marks it as a plus ("is een pré"),
    else "essential". Uses the evidence's ``optional`` flag, else the engine's cue on its sentence."""
    if "optional" in evidence:
        return "optional" if evidence["optional"] else "essential"
    folded = fold(str(evidence.get("sentence", "")))
    return "optional" if folded and optional(folded, Sentence(0, len(folded), "other")) else "essential"


def skills_from_review(concepts: Iterable[Mapping[str, Any]]) -> list[WantedSkill]:
    """The skills among accepted extraction concepts, as skills to save (occupations are left out)."""
    out: dict[str, WantedSkill] = {}
    for c in concepts:
        if c.get("kind") != "skill" or c["uri"] in out:
            continue
        evidence = c.get("evidence") or {}
        out[c["uri"]] = WantedSkill(
            uri=c["uri"],
            relation=relation_of(evidence),
            source="extracted",
            found_as=str(c.get("label", ""))[:200],
            evidence=str(evidence.get("sentence", ""))[:300],
        )
    return list(out.values())


@transaction.atomic
def vacancy_create(
    *,
    organisation: Organisation,
    user: Any,
    title: str,
    text: str = "",
    occupation: str = "",
    skills: Iterable[WantedSkill] = (),
) -> Vacancy:
    """Save a vacancy of an employer organisation ``user`` is a member of, with its skills."""
    _check_member(user, organisation)
    if organisation.kind != OrganisationKind.EMPLOYER:
        raise UserError(_("only employers save vacancies; %(org)s is not one") % {"org": organisation.name})
    title = " ".join(title.split())[:200]
    if not title:
        raise UserError(_("a vacancy needs a title"))
    wanted = list({s.uri: s for s in skills}.values())
    if len(wanted) > MAX_SKILLS:
        raise UserError(_("at most %(n)d skills per vacancy") % {"n": MAX_SKILLS})
    for skill in wanted:
        _check_skill(skill)
    vacancy = Vacancy.objects.create(
        organisation=organisation, title=title, text=text, occupation=_check_occupation(occupation),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )  # fmt: skip
    VacancySkill.objects.bulk_create(
        VacancySkill(
            vacancy=vacancy,
            uri=s.uri,
            relation=s.relation,
            source=s.source,
            found_as=s.found_as,
            evidence=s.evidence,
        )  # fmt: skip
        for s in wanted
    )
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, user: Any, title: str | None = None, occupation: str | None = None
) -> Vacancy:
    """Change the title and/or the occupation ("" clears it)."""
    _check_member(user, vacancy.organisation)
    if title is not None:
        title = " ".join(title.split())[:200]
        if not title:
            raise UserError(_("a vacancy needs a title"))
        vacancy.title = title
    if occupation is not None:
        vacancy.occupation = _check_occupation(occupation)
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_skill_add(*, vacancy: Vacancy, user: Any, skill: WantedSkill) -> VacancySkill:
    """Add a skill to the vacancy, or change whether it is essential."""
    _check_member(user, vacancy.organisation)
    _check_skill(skill)
    if not vacancy.skills.filter(uri=skill.uri).exists() and vacancy.skills.count() >= MAX_SKILLS:
        raise UserError(_("at most %(n)d skills per vacancy") % {"n": MAX_SKILLS})
    row, created = VacancySkill.objects.get_or_create(
        vacancy=vacancy, uri=skill.uri, defaults={"relation": skill.relation, "source": skill.source}
    )
    if not created and row.relation != skill.relation:
        row.relation = skill.relation
        row.save(update_fields=["relation"])
    vacancy.save(update_fields=["updated"])
    return row


@transaction.atomic
def vacancy_skill_remove(*, vacancy: Vacancy, user: Any, uri: str) -> bool:
    """Remove a skill from the vacancy; False when it had no such skill."""
    _check_member(user, vacancy.organisation)
    deleted, _rows = vacancy.skills.filter(uri=uri).delete()
    if deleted:
        vacancy.save(update_fields=["updated"])
    return bool(deleted)


@transaction.atomic
def vacancy_skills_set(*, vacancy: Vacancy, user: Any, skills: Iterable[WantedSkill]) -> None:
    """Replace the vacancy's skills; a skill it keeps keeps its source and evidence."""
    _check_member(user, vacancy.organisation)
    wanted = {s.uri: s for s in skills}
    if len(wanted) > MAX_SKILLS:
        raise UserError(_("at most %(n)d skills per vacancy") % {"n": MAX_SKILLS})
    for skill in wanted.values():
        _check_skill(skill)
    vacancy.skills.exclude(uri__in=list(wanted)).delete()
    held = {row.uri: row for row in vacancy.skills.all()}
    for uri, skill in wanted.items():
        row = held.get(uri)
        if row is None:
            VacancySkill.objects.create(
                vacancy=vacancy, uri=uri, relation=skill.relation, source=skill.source
            )
        elif row.relation != skill.relation:
            row.relation = skill.relation
            row.save(update_fields=["relation"])
    vacancy.save(update_fields=["updated"])


@transaction.atomic
def vacancy_delete(*, vacancy: Vacancy, user: Any) -> None:
    """Delete the vacancy and its skills."""
    _check_member(user, vacancy.organisation)
    vacancy.delete()
