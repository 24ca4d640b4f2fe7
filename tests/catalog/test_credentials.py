"""Micro-credentials: issued as Open Badges 3.0 that pass the published schema, verified, tamper-evident."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from techtalent.catalog.credentials import (
    credential_elm,
    credential_issue,
    credential_to_passport,
    credential_verify,
)
from techtalent.catalog.engine import verify
from techtalent.catalog.models import Offer
from techtalent.core.errors import UserError
from tests.catalog.conftest import SKILL
from tests.conftest import SHARED

OB = SHARED / "data" / "standards" / "openbadges-3.0"
VC_TERMS = {  # the W3C VC 2.0 context's own terms, which the OB context builds on
    "@context",
    "id",
    "type",
    "name",
    "description",
    "issuer",
    "validFrom",
    "validUntil",
    "credentialSubject",
    "proof",
    "cryptosuite",
    "created",
    "verificationMethod",
    "proofPurpose",
    "proofValue",
    "url",
}


@pytest.fixture
def issued(catalog: list[Any], alice: Any) -> Any:
    offer = Offer.objects.get(title="Python en SQL voor data")
    return credential_issue(recipient=alice, offer=offer)


def test_an_issued_credential_names_the_offer_skills_as_esco_alignments_and_verifies(issued: Any) -> None:
    doc = issued.document
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    alignment = doc["credentialSubject"]["achievement"]["alignment"]
    assert {a["targetUrl"] for a in alignment} == {SKILL["python"], SKILL["sql"]}
    assert {a["targetName"] for a in alignment} == {
        "Python (computer programming)",
        "SQL",
    }  # offer in English
    assert doc["proof"][0]["cryptosuite"] == "eddsa-jcs-2022" and doc["issuer"]["id"].startswith(
        "did:key:z6Mk"
    )
    result = credential_verify(doc)
    assert result["valid"] and result["trusted"] and result["name"] == "Python en SQL voor data"


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"]["achievement"]["alignment"].pop(),
        lambda d: d["credentialSubject"].update(name="mallory"),
        lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
        lambda d: d["proof"][0].update(created="2020-01-01T00:00:00Z"),
        lambda d: d["proof"][0].update(proofValue="z" + "1" * 86),
    ],
)
def test_any_change_to_a_credential_breaks_its_signature(issued: Any, change: Any) -> None:
    tampered = copy.deepcopy(issued.document)
    change(tampered)
    assert not verify(tampered) and not credential_verify(tampered)["valid"]


def test_a_credential_signed_by_another_key_verifies_but_is_not_trusted(issued: Any) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from techtalent.catalog.engine import did_key, sign

    other = Ed25519PrivateKey.generate()
    forged = {k: v for k, v in issued.document.items() if k != "proof"}
    forged["issuer"] = {**forged["issuer"], "id": did_key(other.public_key())}
    result = credential_verify(sign(forged, other, created=forged["validFrom"]))
    assert result["valid"] and not result["trusted"]
    forged_claiming_us = sign(
        {**forged, "issuer": issued.document["issuer"]}, other, created="2026-01-01T00:00:00Z"
    )
    assert not credential_verify(forged_claiming_us)["valid"]  # the issuer is not the key that signed


@pytest.mark.realdata
def test_issued_credentials_pass_the_published_open_badges_3_schema_and_use_only_context_terms(
    issued: Any,
) -> None:
    import jsonschema

    if not (OB / "ob_v3p0_achievementcredential_schema.json").exists():
        pytest.skip("Open Badges 3.0 standards not found")
    schema = json.loads((OB / "ob_v3p0_achievementcredential_schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft201909Validator(schema).validate(issued.document)
    context = (OB / "context-3.0.3.json").read_text(encoding="utf-8")
    defined = set(json.loads(context)["@context"]) | VC_TERMS

    def keys(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node) | set().union(*(keys(v) for v in node.values()))
        return set().union(*(keys(v) for v in node)) if isinstance(node, list) else set()

    nested = {k for k in keys(issued.document) if f'"{k}"' in context}
    assert keys(issued.document) - defined - nested == set()


def test_the_elm_export_carries_the_learning_outcomes_as_esco_skills_and_is_signed(issued: Any) -> None:
    elm = credential_elm(issued)
    claim = elm["credentialSubject"]["hasClaim"][0]
    assert elm["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert claim["type"] == "LearningAchievement" and claim["specifiedBy"]["volumeOfLearning"] == "PT60H"
    assert {o["relatedESCOSkill"][0] for o in claim["specifiedBy"]["learningOutcome"]} == {
        SKILL["python"],
        SKILL["sql"],
    }
    assert verify(elm)


def test_the_holder_adds_the_credential_to_the_passport_where_its_skills_count_as_evidenced(
    issued: Any, alice: Any, bob: Any
) -> None:
    from techtalent.matching.selectors import passport_of

    with pytest.raises(UserError):
        credential_to_passport(credential=issued, user=bob)
    assert credential_to_passport(credential=issued, user=alice) == 2
    skills = {s.uri: s for s in passport_of(alice).skills.all()}
    assert {skills[SKILL["python"]].source, skills[SKILL["sql"]].source} == {"credential"}
    assert str(issued.uid) in skills[SKILL["sql"]].evidence


def test_no_credential_for_an_offer_without_accepted_skills(catalog: list[Any], alice: Any) -> None:
    offer = Offer.objects.get(title="Technisch tekenen")  # only suggestions from extraction
    with pytest.raises(UserError, match="accept at least one skill"):
        credential_issue(recipient=alice, offer=offer)


def test_the_cli_verifies_a_file_and_exits_non_zero_on_a_tampered_copy(issued: Any, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(issued.document), encoding="utf-8")
    tampered = copy.deepcopy(issued.document)
    tampered["credentialSubject"]["achievement"]["name"] = "Master of everything"
    bad.write_text(json.dumps(tampered), encoding="utf-8")
    cli = [sys.executable, "-m", "techtalent", "credentials", "verify"]
    ok = subprocess.run([*cli, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0 and "valid: signed by did:key:z6Mk" in ok.stdout
    broken = subprocess.run([*cli, str(bad)], capture_output=True, text=True)
    assert broken.returncode == 1 and "signature does not match" in broken.stderr
