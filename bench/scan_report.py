"""Scan result page and PDF report: time to render for a submitted maturity scan with 12 staff passports.

Builds its own SQLite database in a temporary folder (ESCO skills the mapping links to, a verified company,
staff who share their passports, a catalog offer), then renders the result page and the PDF RUNS times and
prints p50 / p95 / max. Targets (issue 15): page ≤ 300 ms, PDF ≤ 3 s.

Usage: .venv/bin/python bench/scan_report.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(render: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def report(name: str, times: list[float]) -> None:
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    p50 = statistics.median(times)
    print(f"{name:<12} p50 {p50:7.0f} ms   p95 {p95:7.0f} ms   max {times[-1]:7.0f} ms   ({len(times)} runs)")


def main(runs: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    os.environ["TECHTALENT_DATA_DIR"] = str(data)
    os.environ["DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
    sys.path.insert(0, str(REPO))
    from techtalent.core.django_setup import ensure_database

    ensure_database()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from techtalent.catalog.services import offer_create, provider_get_or_create
    from techtalent.matching.services import passport_get_or_create, skill_add
    from techtalent.orgs.services import (
        consent_grant,
        membership_add,
        organisation_create,
        organisation_verify,
    )
    from techtalent.scan import services
    from techtalent.taxonomy.services import esco_import
    from tests.scan.conftest import answers, mapped_skills, write_export

    esco_import(write_export(data / "esco"))
    users = get_user_model().objects
    director = users.create_user(username="director", password="x-Bench-2026")
    org = organisation_create(name="Bench Metaal BV", kind="employer", owner=director, region="PV20")
    organisation_verify(organisation=org)
    skills = sorted(mapped_skills())
    for i in range(12):
        staff = users.create_user(username=f"staff{i}", password="x-Bench-2026")
        membership_add(organisation=org, user=staff, role="member")
        passport = passport_get_or_create(user=staff)
        for uri in skills[i::4]:
            skill_add(passport=passport, uri=uri)
        consent_grant(passport=passport, organisation=org)
    provider = provider_get_or_create(name="Bench Academie")
    for i, uri in enumerate(skills):
        offer_create(
            provider=provider,
            title=f"Module {i}",
            skills=[uri],
            extract=False,
            hours=8 + i,
            cost_eur=100 + 10 * i,
        )
    scan = services.scan_start(organisation=org, user=director)
    services.scan_save(scan=scan, user=director, answers=answers(2))
    services.scan_submit(scan=scan, user=director)

    client = Client()
    client.force_login(director)
    page_url, pdf_url = f"/scan/s/{scan.id}/result/", f"/scan/s/{scan.id}/report.pdf"

    def page() -> None:
        assert client.get(page_url).status_code == 200

    def pdf() -> None:
        response = client.get(pdf_url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    page()
    pdf()  # warm up imports, templates, fonts
    report("result page", timed(page, runs))
    report("PDF report", timed(pdf, max(3, runs // 4)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
