"""Micro-credential speed: issue (build, sign, store) and verify one Open Badges 3.0 credential (target:
≤ 50 ms each).

Uses a fresh SQLite database with one offer of five accepted skills and one user; labels come from the
toy ESCO export in tests/fixtures. Prints p50, p95 and max in milliseconds over 200 rounds.

    .venv/bin/python bench/credentials_speed.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

TOY_ESCO = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "esco_toy" / "v1.1.1"
E = "http://data.europa.eu/esco/skill/"
SKILLS = [
    E + s
    for s in (
        "60ff3eac-7d4d-4e51-87b8-74c3b5d62498",
        "a51adea8-bf02-488a-a0d8-b0961caca5b0",
        "b07daddc-8625-4360-946e-ad2b0e56ebf6",
        "4cb58ef4-67a9-4bea-a743-2c83ebd60e79",
        "4c831013-9027-4ec6-83de-c5c19e68d083",
    )
]


def _stats(name: str, times: list[float]) -> None:
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    median = statistics.median(times)
    print(f"{name}: p50 {median:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms (target ≤ 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    os.environ["TECHTALENT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-cred-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("TECHTALENT_CREDENTIAL_KEY", None)
    from techtalent.core.django_setup import ensure_database

    ensure_database()
    from django.contrib.auth import get_user_model

    from techtalent.catalog.credentials import credential_issue, credential_verify
    from techtalent.catalog.services import offer_create, provider_get_or_create
    from techtalent.taxonomy.services import esco_import

    esco_import(TOY_ESCO)
    offer = offer_create(provider=provider_get_or_create(name="Bench Academy"), title="Lassen", skills=SKILLS)
    user = get_user_model().objects.create_user("bench")
    credential_verify(credential_issue(recipient=user, offer=offer).document)  # key, caches, labels warm
    issue, check = [], []
    for _ in range(args.rounds):
        begin = time.perf_counter()
        issued = credential_issue(recipient=user, offer=offer)
        issue.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        assert credential_verify(issued.document)["trusted"]
        check.append((time.perf_counter() - begin) * 1000)
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    _stats("issue (build + sign + store)", issue)
    _stats("verify", check)


if __name__ == "__main__":
    main()
