"""Candidates of a verified organisation: only passports whose owners consented to it or to every verified
employer, ranked and explained by the matching domain."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from techtalent.matching import results
from techtalent.orgs.models import Organisation
from techtalent.orgs.selectors import consenting_passport_ids


def refusal(organisation: Organisation | None) -> str:
    """Why the candidates of ``organisation`` are not shown to this user."""
    if organisation is not None and not organisation.verified:
        return _("this organisation is not verified yet; a platform admin verifies organisations")
    return _("only owners, admins and HR of a verified organisation see candidates")


def ranked(
    *, organisation: Organisation, occupation: str | None, skills: Mapping[str, str], lang: str, top: int = 20
) -> list[dict[str, Any]]:
    """Consenting passports ranked for a vacancy (an occupation and/or skills), each explained; a passport
    that has none of the vacancy's skills, not even partly, does not fit and is left out."""
    found = results.candidates(
        occupation=occupation or None,
        skills=skills,
        lang=lang,
        top=top,
        passport_ids=consenting_passport_ids(organisation=organisation),
    )
    return [c for c in found if c["explanation"]["matched"] or c["explanation"]["partial"]]


def visible_count(*, organisation: Organisation) -> int:
    """How many passports this organisation may rank (for "none of the N visible passports fits")."""
    return len(consenting_passport_ids(organisation=organisation))


CSV_COLUMNS = ("passport", "score", "coverage", "matched", "partial", "missing", "labels_derived")
_PARTS = ("matched", "partial", "missing")


def as_csv(found: Sequence[dict[str, Any]]) -> str:
    """Ranked candidates as CSV: passport number, score, coverage and the skill labels by kind; the last
    column lists which of those labels are machine-translated (derived), not official ESCO labels."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for c in found:
        e = c["explanation"]
        labels = {part: "; ".join(s["label"] for s in e[part]) for part in _PARTS}
        derived = dict.fromkeys(s["label"] for part in _PARTS for s in e[part] if s.get("derived"))
        writer.writerow([c["passport"], c["score"], e["coverage"], labels["matched"], labels["partial"],
                         labels["missing"], "; ".join(derived)])  # fmt: skip
    return buffer.getvalue()
