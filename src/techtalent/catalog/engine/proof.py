"""Data Integrity proofs with the eddsa-jcs-2022 cryptosuite: JCS (RFC 8785), SHA-256 and Ed25519."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

__all__ = ["CRYPTOSUITE", "did_key", "public_key_of", "sign", "verify", "VerifyResult"]

CRYPTOSUITE = "eddsa-jcs-2022"
_ED25519_MULTICODEC = b"\xed\x01"


def did_key(public: Ed25519PublicKey) -> str:
    """The did:key identifier of an Ed25519 public key (multibase base58btc of the multicodec key)."""
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "did:key:z" + base58.b58encode(_ED25519_MULTICODEC + raw).decode("ascii")


def public_key_of(verification_method: str) -> Ed25519PublicKey:
    """The Ed25519 key named by a did:key verification method (``did:key:z…#z…``); ValueError if not one."""
    did = verification_method.split("#", 1)[0]
    if not did.startswith("did:key:z"):
        raise ValueError(f"not a did:key: {verification_method}")
    decoded = base58.b58decode(did[len("did:key:z") :])
    if not decoded.startswith(_ED25519_MULTICODEC) or len(decoded) != 34:
        raise ValueError(f"not an Ed25519 did:key: {verification_method}")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def _hash_data(document: dict[str, Any], proof_config: dict[str, Any]) -> bytes:
    return (
        hashlib.sha256(rfc8785.dumps(proof_config)).digest()
        + hashlib.sha256(rfc8785.dumps(document)).digest()
    )


def sign(document: dict[str, Any], key: Ed25519PrivateKey, *, created: str) -> dict[str, Any]:
    """A copy of ``document`` with a DataIntegrityProof made by ``key`` (assertionMethod)."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    did = did_key(key.public_key())
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": f"{did}#{did[len('did:key:') :]}",
        "proofPurpose": "assertionMethod",
    }
    config = {"@context": unsecured.get("@context"), **proof}
    signature = key.sign(_hash_data(unsecured, config))
    value = "z" + base58.b58encode(signature).decode()
    # A proof set (a list), as the Open Badges 3.0 schema requires; each proof signs the unsecured document.
    return {**copy.deepcopy(unsecured), "proof": [{**proof, "proofValue": value}]}


class VerifyResult:
    """The outcome of a verification: ``ok`` and, when not, the reason."""

    def __init__(self, ok: bool, reason: str = "", verification_method: str = "") -> None:
        self.ok, self.reason, self.verification_method = ok, reason, verification_method

    def __bool__(self) -> bool:
        return self.ok


def verify(secured: dict[str, Any]) -> VerifyResult:
    """Check every eddsa-jcs-2022 proof of ``secured`` with the key its verification method names."""
    proofs = secured.get("proof")
    proofs = [proofs] if isinstance(proofs, dict) else proofs
    if not isinstance(proofs, list) or not proofs or not all(isinstance(p, dict) for p in proofs):
        return VerifyResult(False, "no proof")
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    result = VerifyResult(False, "no proof")
    for proof in proofs:
        result = _verify_one(unsecured, proof)
        if not result:
            return result
    return result


def _verify_one(unsecured: dict[str, Any], proof: dict[str, Any]) -> VerifyResult:
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return VerifyResult(False, f"unsupported proof: {proof.get('type')} {proof.get('cryptosuite')}")
    method = str(proof.get("verificationMethod", ""))
    value = str(proof.get("proofValue", ""))
    try:
        public = public_key_of(method)
        signature = base58.b58decode(value[1:]) if value.startswith("z") else b""
    except ValueError as exc:
        return VerifyResult(False, str(exc), method)
    config = {"@context": unsecured.get("@context"), **{k: v for k, v in proof.items() if k != "proofValue"}}
    try:
        public.verify(signature, _hash_data(unsecured, config))
    except InvalidSignature:
        return VerifyResult(False, "signature does not match the content", method)
    issuer = unsecured.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != method.split("#", 1)[0]:
        return VerifyResult(False, "the issuer is not the key that signed", method)
    return VerifyResult(True, "", method)
