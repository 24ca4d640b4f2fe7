"""Writes of the scan domain, each atomic: instruments, scans, culture answers, skillslabs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.orgs.models import Organisation
from techtalent.orgs.selectors import user_has_role
from techtalent.scan.engine import AnswerProblem, InstrumentError, check_answers, score_maturity
from techtalent.scan.instruments import (
    definition_digest,
    engine_instrument,
    instrument_files,
    read_instrument_file,
)
from techtalent.scan.models import CultureAnswer, CultureParticipation, InstrumentVersion, Scan, Skillslab

__all__ = [
    "instruments_load",
    "scan_start",
    "scan_save",
    "scan_submit",
    "culture_submit",
    "scan_targets_set",
    "skillslab_save",
    "SCAN_ROLES",
]

# Who may take and read the company's maturity scan: the owner, admins and HR.
SCAN_ROLES = ("owner", "admin", "hr")


@transaction.atomic
def instruments_load() -> dict[str, int]:
    """Load every shipped instrument version that is new; a changed file under an old version is refused."""
    added = 0
    for path in instrument_files():
        raw, instrument = read_instrument_file(path)
        digest = definition_digest(raw)
        existing = InstrumentVersion.objects.filter(code=instrument.code, version=instrument.version).first()
        if existing is None:
            InstrumentVersion.objects.create(
                code=instrument.code,
                version=instrument.version,
                kind=instrument.kind,
                definition=raw,
                digest=digest,
            )
            added += 1
        elif existing.digest != digest:
            raise InstrumentError(
                f"{path.name}: instrument {instrument.code} version {instrument.version} has changed since "
                "it was loaded; answers refer to that version, so give the changed file a new version number"
            )
    return {"added": added, "total": InstrumentVersion.objects.count()}


def _problems_message(problems: list[AnswerProblem]) -> str:
    parts = []
    for p in problems[:8]:
        if p.problem == "missing":
            parts.append(_("question %(q)s is not answered") % {"q": p.question})
        elif p.problem == "unknown":
            parts.append(_("question %(q)s is not in this version of the scan") % {"q": p.question})
        else:
            parts.append(
                _("answer %(v)s to question %(q)s is not on the scale") % {"v": p.value, "q": p.question}
            )
    more = len(problems) - len(parts)
    if more > 0:
        parts.append(_("and %(n)s more") % {"n": more})
    return "; ".join(parts)


def _check_access(user: Any, organisation: Organisation) -> None:
    if user is None:  # the console (an administrator on this machine) acts for the organisation
        return
    if not user_has_role(user=user, organisation=organisation, roles=SCAN_ROLES):
        raise PermissionError(
            _("Only the owner, admins and HR of %(org)s can take its scan.") % {"org": organisation}
        )


def _answers(raw: Mapping[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for code, value in raw.items():
        if value in (None, ""):
            continue
        try:
            out[str(code)] = int(value)
        except (TypeError, ValueError):
            raise UserError(
                _("answer %(v)s to question %(q)s is not a number") % {"v": value, "q": code}
            ) from None
    return out


@transaction.atomic
def scan_start(*, organisation: Organisation, user: Any, instrument_code: str = "sih-maturity") -> Scan:
    """A new draft scan on the newest version of the instrument (or the open draft, resumed)."""
    _check_access(user, organisation)
    version = InstrumentVersion.objects.filter(code=instrument_code, kind="maturity", active=True).first()
    if version is None:
        raise UserError(_("There is no maturity scan called %(code)s.") % {"code": instrument_code})
    draft = Scan.objects.filter(
        organisation=organisation, instrument=version, status=Scan.Status.DRAFT
    ).first()
    return draft or Scan.objects.create(organisation=organisation, instrument=version, started_by=user)


def _targets(scan: Scan, raw: Mapping[str, Any]) -> dict[str, int]:
    instrument = engine_instrument(scan.instrument.definition)
    sections = {s.code for s in instrument.sections}
    out: dict[str, int] = {}
    for code, value in raw.items():
        if value in (None, ""):
            continue
        if code not in sections:
            raise UserError(_("%(code)s is not a transformation of this scan") % {"code": code})
        try:
            level = int(value)
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= instrument.max_value:
            raise UserError(_("the target level for %(code)s must be 1 to 5") % {"code": code})
        out[code] = level
    return out


@transaction.atomic
def scan_save(
    *, scan: Scan, user: Any, answers: Mapping[str, Any], targets: Mapping[str, Any] | None = None
) -> Scan:
    """Save (part of) the answers and target levels of a draft; nothing is saved when any answer is wrong."""
    _check_access(user, scan.organisation)
    if scan.status != Scan.Status.DRAFT:
        raise UserError(_("This scan has been submitted; start a new scan to answer again."))
    parsed = _answers(answers)
    problems = check_answers(engine_instrument(scan.instrument.definition), parsed, complete=False)
    if problems:
        raise UserError(_problems_message(problems))
    scan.answers = {**scan.answers, **parsed}
    if targets is not None:
        scan.targets = {**scan.targets, **_targets(scan, targets)}
    scan.save(update_fields=["answers", "targets", "updated"])
    return scan


@transaction.atomic
def scan_submit(*, scan: Scan, user: Any) -> Scan:
    """Score a complete scan and keep its levels; a missing answer is named, nothing changes."""
    _check_access(user, scan.organisation)
    if scan.status != Scan.Status.DRAFT:
        raise UserError(_("This scan has already been submitted."))
    instrument = engine_instrument(scan.instrument.definition)
    problems = check_answers(instrument, scan.answers, complete=True)
    if problems:
        raise UserError(_problems_message(problems))
    result = score_maturity(instrument, scan.answers)
    scan.levels = result.levels()
    # A target defaults to one level up (the document: most companies at level 2 want level 3).
    scan.targets = {
        s.section: scan.targets.get(s.section) or min((s.level or 1) + 1, instrument.max_value)
        for s in result.sections
    }
    scan.region = scan.region or scan.organisation.region
    scan.status = Scan.Status.SUBMITTED
    scan.submitted_at = timezone.now()
    scan.save()
    return scan


@transaction.atomic
def scan_targets_set(*, scan: Scan, user: Any, targets: Mapping[str, Any]) -> Scan:
    """Change the target levels of a scan (also after submission: the company may aim differently)."""
    _check_access(user, scan.organisation)
    scan.targets = {**scan.targets, **_targets(scan, targets)}
    scan.save(update_fields=["targets", "updated"])
    return scan


@transaction.atomic
def culture_submit(*, organisation: Organisation, user: Any, answers: Mapping[str, Any]) -> None:
    """Store one member's culture answers anonymously (the answers keep no link to the member)."""
    from techtalent.orgs.selectors import role_of

    if role_of(user=user, organisation=organisation) is None:
        raise PermissionError(
            _("Only members of %(org)s can answer its culture scan.") % {"org": organisation}
        )
    version = InstrumentVersion.objects.filter(kind="culture", active=True).first()
    if version is None:
        raise UserError(_("There is no culture scan loaded."))
    parsed = _answers(answers)
    problems = check_answers(engine_instrument(version.definition), parsed, complete=True)
    if problems:
        raise UserError(_problems_message(problems))
    if CultureParticipation.objects.filter(organisation=organisation, instrument=version, user=user).exists():
        raise UserError(_("You have already answered this culture scan."))
    CultureParticipation.objects.create(organisation=organisation, instrument=version, user=user)
    # Only the day is kept, and answers are stored in no particular order relative to participations.
    CultureAnswer.objects.create(
        organisation=organisation, instrument=version, answers=parsed, day=date.today()
    )


@transaction.atomic
def skillslab_save(
    *,
    organisation: Organisation | None,
    user: Any,
    name: str,
    region: str = "",
    description: str = "",
    profile: Mapping[str, str] | None = None,
    skills: list[str] | None = None,
    offers: list[int] | None = None,
    skillslab: Skillslab | None = None,
) -> Skillslab:
    """Create or update a skillslab profile; only the owner/admins of its organisation may."""
    from techtalent.scan.mapping import learning_factory_model

    if organisation is not None and not user_has_role(
        user=user, organisation=organisation, roles=("owner", "admin")
    ):
        raise PermissionError(
            _("Only the owner and admins of %(org)s can describe its skillslab.") % {"org": organisation}
        )
    if not name.strip():
        raise UserError(_("A skillslab needs a name."))
    aspects = {a["code"] for d in learning_factory_model()["dimensions"] for a in d["aspects"]}
    clean = {k: str(v).strip() for k, v in (profile or {}).items() if str(v).strip()}
    unknown = sorted(set(clean) - aspects)
    if unknown:
        raise UserError(_("unknown aspects: %(a)s") % {"a": ", ".join(unknown)})
    lab = skillslab or Skillslab(organisation=organisation)
    lab.name, lab.region, lab.description, lab.profile = name.strip(), region, description, clean
    lab.skills = sorted(set(skills or []))
    lab.offers = sorted(set(offers or []))
    lab.save()
    return lab
