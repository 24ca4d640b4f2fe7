"""Open Badges 3.0 credentials and their European Learning Model shape, built from plain values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["VC_CONTEXT", "OB_CONTEXT", "ESCO_FRAMEWORK", "Award", "open_badge", "elm_credential"]

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ESCO_FRAMEWORK = "ESCO v1.1.1"
_ELM_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"


@dataclass(frozen=True)
class Award:
    """What a credential says: who earned which achievement, with which ESCO skills, from whom."""

    credential_id: str
    achievement_id: str
    achievement_name: str
    achievement_description: str
    criteria: str
    skills: tuple[tuple[str, str], ...]  # (ESCO URI, label)
    recipient_id: str
    recipient_name: str
    issuer_id: str
    issuer_name: str
    issuer_url: str
    provider_name: str
    valid_from: str
    kind: str = "station"  # or "line"
    hours: float | None = None
    language: str = "nl"


def _alignments(skills: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "type": ["Alignment"],
            "targetName": label,
            "targetUrl": uri,
            "targetCode": uri.rsplit("/", 1)[-1],
            "targetFramework": ESCO_FRAMEWORK,
            "targetType": "ext:ESCOSkill",
        }
        for uri, label in skills
    ]


def open_badge(award: Award) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential (W3C VC 2.0) of ``award``, ESCO skills as alignments."""
    achievement: dict[str, Any] = {
        "id": award.achievement_id,
        "type": ["Achievement"],
        "achievementType": "LearningProgram" if award.kind == "line" else "Course",
        "name": award.achievement_name,
        "description": award.achievement_description or award.achievement_name,
        "criteria": {"narrative": award.criteria},
        "alignment": _alignments(award.skills),
        "creator": {"id": f"{award.issuer_url}#provider", "type": ["Profile"], "name": award.provider_name},
        "inLanguage": award.language,
    }
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": award.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": award.achievement_name,
        "issuer": {
            "id": award.issuer_id,
            "type": ["Profile"],
            "name": award.issuer_name,
            "url": award.issuer_url,
        },
        "validFrom": award.valid_from,
        "credentialSubject": {
            "id": award.recipient_id,
            "type": ["AchievementSubject"],
            "name": award.recipient_name,
            "achievement": achievement,
        },
    }


def elm_credential(award: Award) -> dict[str, Any]:
    """The same award in the European Learning Model shape of European Digital Credentials (unsigned)."""
    outcomes = [
        {
            "id": f"{award.achievement_id}#lo-{i}",
            "type": "LearningOutcome",
            "title": {award.language: label},
            "relatedESCOSkill": [uri],
        }
        for i, (uri, label) in enumerate(award.skills, start=1)
    ]
    specification: dict[str, Any] = {
        "id": award.achievement_id,
        "type": "LearningAchievementSpecification",
        "title": {award.language: award.achievement_name},
        "description": {award.language: award.achievement_description or award.achievement_name},
        "learningOutcome": outcomes,
    }
    if award.hours is not None:
        specification["volumeOfLearning"] = f"PT{int(award.hours)}H"
    return {
        "@context": [VC_CONTEXT, _ELM_CONTEXT],
        "id": award.credential_id + "#elm",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": {
            "id": award.issuer_id,
            "type": "Organisation",
            "legalName": {award.language: award.issuer_name},
        },
        "validFrom": award.valid_from,
        "issued": award.valid_from,
        "credentialSubject": {
            "id": award.recipient_id,
            "type": "Person",
            "fullName": {award.language: award.recipient_name},
            "hasClaim": [
                {
                    "id": award.credential_id + "#claim",
                    "type": "LearningAchievement",
                    "title": {award.language: award.achievement_name},
                    "awardedBy": {"type": "AwardingProcess", "awardingBody": [award.provider_name]},
                    "specifiedBy": specification,
                }
            ],
        },
    }
