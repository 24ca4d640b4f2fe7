"""Shared fixtures: where the real data is, the toy ESCO export, and the CI guard for real-data tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TECHTALENT_SHARED", REPO.parent / "shared"))
ESCO_REAL = SHARED / "data" / "esco" / "v1.1.1"
# Toy imports derive Dutch labels from ESCO alone: reading and learning FreeDict costs ~6 s per import.
# The real-data derivation tests use the dictionary explicitly.
os.environ.setdefault("TECHTALENT_DERIVE_DICTIONARY", "0")

_realdata = {"passed": 0, "skipped": []}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "realdata" not in report.keywords:
        return
    if report.skipped:
        _realdata["skipped"].append(report.nodeid)
    elif report.when == "call" and report.passed:
        _realdata["passed"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true, real-data tests must have run: a skip (or none selected) fails the run."""
    if os.environ.get("CI") != "true" or getattr(session.config, "workerinput", None) is not None:
        return
    if _realdata["skipped"] or (_realdata["passed"] == 0 and session.testscollected):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (
            f"CI=true but real-data tests did not all run: {len(_realdata['skipped'])} skipped "
            f"({', '.join(_realdata['skipped'][:3])}), {_realdata['passed']} passed; "
            "is ../shared/data present?"
        )
        if reporter:
            reporter.write_line(message, red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def esco_real() -> Path:
    """The real ESCO v1.1.1 export (en + nl + relations); skips when absent (CI then fails)."""
    if not (ESCO_REAL / "en" / "skills_en.csv").exists():
        pytest.skip(f"real ESCO data not found at {ESCO_REAL}")
    return ESCO_REAL


@pytest.fixture
def toy_esco(tmp_path: Path) -> Path:
    """A small ESCO v1.1.1 export in the official layout (en, nl, language-neutral relations)."""
    from tests.taxonomy.toy_esco import write_toy_export

    return write_toy_export(tmp_path / "ESCO v1.1.1")


@pytest.fixture
def derived_toy(toy_esco: Path, db: None) -> Path:
    """The toy ESCO imported, with one derived Dutch label for Java (as the import's derivation writes it);
    Java has no official Dutch label, so every Dutch page, export and API answer must show and mark it."""
    from techtalent.taxonomy import selectors
    from techtalent.taxonomy.models import Concept, DerivedLabel
    from techtalent.taxonomy.services import esco_import
    from tests.matching.django_fixtures import _forget
    from tests.taxonomy.toy_esco import SKILLS

    esco_import(toy_esco)
    concept = Concept.objects.get(uri=SKILLS["java"][0])
    DerivedLabel.objects.filter(concept=concept).delete()
    DerivedLabel.objects.create(
        concept=concept, lang="nl", text="Java-programmering", confidence=0.7, method="phrase-table", rank=1
    )
    selectors.forget_cache()
    _forget()
    return toy_esco


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Iterator[None]:
    """Each test starts with empty rate-limit counts (they live in Django's per-process cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
