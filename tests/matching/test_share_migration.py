"""matching/0002 keeps the shares made before it: each named share gets its account's name and stays bound."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("matching", "0001_initial")], [("matching", "0002_share_by_name")]


def _migrate(target: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_named_shares_made_before_the_migration_keep_their_account_and_get_its_name() -> None:
    old = _migrate(BEFORE)
    user_model = old.get_model("auth", "User")  # type: ignore[attr-defined]
    alice, bob = (user_model.objects.create(username=n) for n in ("alice", "bob"))
    passport = old.get_model("matching", "Passport").objects.create(owner=alice)  # type: ignore[attr-defined]
    share_model = old.get_model("matching", "PassportShare")  # type: ignore[attr-defined]
    named = share_model.objects.create(passport=passport, user=bob)
    link = share_model.objects.create(passport=passport, token="t" * 32)
    new = _migrate(AFTER)
    shares = new.get_model("matching", "PassportShare").objects  # type: ignore[attr-defined]
    moved = shares.get(id=named.id)
    assert (moved.username, moved.user_id) == ("bob", bob.id) and moved.bound_at == moved.created
    assert shares.get(id=link.id).username == "" and shares.get(id=link.id).bound_at is None
