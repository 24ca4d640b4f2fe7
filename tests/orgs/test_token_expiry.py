"""API tokens may expire (CLI `--days`, the tokens page): an expired token answers 401 saying so; the
last use is recorded, written at most once a minute."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from typer.testing import CliRunner

from techtalent.cli import app
from techtalent.core.errors import UserError
from techtalent.orgs import services
from techtalent.orgs.models import ApiToken
from techtalent.orgs.tokens import token_touch

if TYPE_CHECKING:
    from tests.orgs.fixtures import World

pytest_plugins = ["tests.orgs.fixtures"]
pytestmark = pytest.mark.django_db
MONITOR = "/api/monitor/indicators"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _age(token: ApiToken, **delta: float) -> None:
    """Move the token's expiry and last use into the past, as time passing would."""
    ApiToken.objects.filter(id=token.id).update(
        expires=timezone.now() - timedelta(**delta) if token.expires else None,
        last_used=timezone.now() - timedelta(**delta) if token.last_used else None,
    )


def test_a_token_with_days_works_until_it_expires_then_says_so(people: World) -> None:
    token, secret = services.token_create(
        user=people.users["alice"], name="week", scopes=["monitor:read"], days=7
    )
    assert token.expires and timedelta(days=6, hours=23) < token.expires - timezone.now() <= timedelta(days=7)
    assert Client().get(MONITOR, **bearer(secret)).status_code == 200
    ApiToken.objects.filter(id=token.id).update(expires=timezone.now() - timedelta(seconds=1))
    dutch = Client().get(MONITOR, **bearer(secret))
    assert dutch.status_code == 401 and "verlopen" in dutch.json()["detail"]
    english = Client()
    english.cookies["django_language"] = "en"
    answer = english.get(f"/api/passports/{people.passport.id}", **bearer(secret))
    assert answer.status_code == 401 and re.search(r"expired on \d{4}-\d\d-\d\d", answer.json()["detail"])


def test_without_days_a_token_lasts_until_revoked_and_bad_days_are_refused(people: World) -> None:
    token, _secret = services.token_create(user=people.users["alice"], name="x", scopes=["monitor:read"])
    assert token.expires is None and not token.expired
    for days in (0, -3, 3651):
        with pytest.raises(UserError, match="3650"):
            services.token_create(user=people.users["alice"], name="x", scopes=["monitor:read"], days=days)


def test_last_use_is_recorded_at_most_once_a_minute(people: World) -> None:
    token, secret = services.token_create(user=people.users["alice"], name="x", scopes=["monitor:read"])
    assert token.last_used is None
    assert Client().get(MONITOR, **bearer(secret)).status_code == 200
    first = ApiToken.objects.get(id=token.id).last_used
    assert first is not None and timezone.now() - first < timedelta(seconds=30)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert Client().get(MONITOR, **bearer(secret)).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert ApiToken.objects.get(id=token.id).last_used == first
    _age(ApiToken.objects.get(id=token.id), seconds=61)
    assert Client().get(MONITOR, **bearer(secret)).status_code == 200
    assert ApiToken.objects.get(id=token.id).last_used > first  # type: ignore[operator]


def test_a_stale_copy_of_the_token_does_not_write_twice(people: World) -> None:
    token, _secret = services.token_create(user=people.users["alice"], name="x", scopes=["monitor:read"])
    one, two = ApiToken.objects.get(id=token.id), ApiToken.objects.get(id=token.id)
    assert token_touch(token=one) is True
    assert token_touch(token=two) is False  # another request just wrote it: the conditional UPDATE skips
    assert token_touch(token=one) is False


def test_the_tokens_page_sets_an_expiry_and_shows_it_with_the_last_use(people: World) -> None:
    alice = people.client("alice")
    made = alice.post("/orgs/tokens/", {"name": "notebook", "scopes": ["monitor:read"], "days": "30"})
    assert made.status_code == 200
    token = ApiToken.objects.get(name="notebook")
    assert token.expires and timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    secret = re.search(r'id="token-secret" value="([^"]+)"', made.content.decode())
    assert secret and Client().get(MONITOR, **bearer(secret.group(1))).status_code == 200
    page = alice.get("/orgs/tokens/").content.decode()
    assert re.search(r'class="token-expires">\d+ \w+ \d{4}', page)
    assert re.search(r'class="token-last-used">\d+ \w+ \d{4}', page)  # used just now
    wrong = alice.post("/orgs/tokens/", {"name": "x", "scopes": ["monitor:read"], "days": "0"})
    assert wrong.status_code == 400 and ApiToken.objects.filter(name="x").count() == 0
    forever = alice.post("/orgs/tokens/", {"name": "forever", "scopes": ["monitor:read"], "days": ""})
    assert forever.status_code == 200 and ApiToken.objects.get(name="forever").expires is None
    assert "tot intrekking" in alice.get("/orgs/tokens/").content.decode()


def test_the_cli_takes_days_and_lists_expiry_and_last_use(people: World) -> None:
    result = CliRunner().invoke(
        app, ["tokens", "create", "--user", "bob", "--scope", "monitor:read", "--days", "2"]
    )
    assert result.exit_code == 0, result.stderr
    secret = result.stdout.strip()
    assert "until 20" in result.stderr and ApiToken.objects.get(user__username="bob").expires
    listed = CliRunner().invoke(app, ["tokens", "list", "--user", "bob"]).stdout
    assert "\tlive\tuntil 20" in listed and "never used" in listed
    assert Client().get(MONITOR, **bearer(secret)).status_code == 200
    _age(ApiToken.objects.get(user__username="bob"), days=3)
    listed = CliRunner().invoke(app, ["tokens", "list", "--user", "bob"]).stdout
    assert "\texpired\t" in listed and "\tused 20" in listed
    bad = CliRunner().invoke(app, ["tokens", "create", "--user", "bob", "--days", "0"])
    assert bad.exit_code == 2 and "3650" in bad.stderr
