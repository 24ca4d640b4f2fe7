"""Schemathesis over EVERY operation of /api/openapi.json, in-process through the WSGI app on the toy
taxonomy, authenticated with a personal API token holding every personal scope: no 5xx, and every
response conforms to the schema its operation documents. Examples per operation are bounded."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

pytest_plugins = ["tests.matching.django_fixtures", "tests.monitor.django_fixtures"]
EXAMPLES = 12
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


# The live OpenAPI document, read through the WSGI app (pytest-django has set Django up by now).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection() -> Any:
    """The WSGI app closes the database connection after each request (request_finished), which would
    end the test's transaction on PostgreSQL; Django's own test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(alice_passport: Any, store: Any, settings: Any, keep_connection: None) -> dict[str, str]:
    """A live token of alice (who has a passport) on the toy ESCO, the monitor's starter data and the
    sector frameworks, as `techtalent init` leaves them; no rate limits."""
    from techtalent.orgs.services import token_create
    from techtalent.taxonomy.frameworks import frameworks_load

    frameworks_load()
    settings.THROTTLE_RATES = dict.fromkeys(settings.THROTTLE_RATES, "")
    _, secret = token_create(
        user=alice_passport.owner,
        name="fuzz",
        scopes=["taxonomy:read", "monitor:read", "passport:read", "passport:write", "org:vacancies"],
    )
    return {"Authorization": f"Bearer {secret}"}


def test_the_fuzzer_sees_every_operation_of_the_api() -> None:
    from techtalent.site.api import api

    documented = {
        (method.upper(), path) for path, item in api.get_openapi_schema()["paths"].items() for method in item
    }
    fuzzed = {(op.method.upper(), op.path) for op in (r.ok() for r in schema.get_all_operations())}
    assert len(documented) >= 30 and fuzzed == documented


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx_or_breaks_its_schema(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(headers=bearer, checks=CHECKS)
