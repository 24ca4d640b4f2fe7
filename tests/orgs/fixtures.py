"""People and organisations of the trust tests, on the toy ESCO:

- alice owns a passport (welding skills) and lets the verified employer "Acme Metaal" find it;
- hana is HR of Acme Metaal (verified), olga its owner;
- otto is HR of "Other Techniek" (verified), which alice did not choose;
- uma is HR of "Pending BV", which is not verified; bob is a plain user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

pytest_plugins = ["tests.matching.django_fixtures"]

PASSWORD = "Geheim-wachtwoord-42"


@dataclass
class World:
    users: dict[str, Any]
    acme: Any
    other: Any
    pending: Any
    passport: Any
    consent: Any

    def client(self, name: str | None) -> Client:
        """A signed-in test client for ``name`` (anonymous for None)."""
        client = Client()
        if name:
            client.force_login(self.users[name])
        return client


def _user(name: str, **extra: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, password=PASSWORD, email=f"{name}@example.nl", **extra)


def _world(passport: Any, bob: Any) -> World:
    from techtalent.orgs import services

    users = {"alice": passport.owner, "bob": bob}
    for name in ("hana", "olga", "otto", "uma"):
        users[name] = _user(name)
    users["staff"] = _user("staff", is_staff=True)
    acme = services.organisation_create(name="Acme Metaal", kind="employer", owner=users["olga"])
    other = services.organisation_create(name="Other Techniek", kind="employer")
    pending = services.organisation_create(name="Pending BV", kind="employer", owner=users["uma"])
    services.membership_add(organisation=acme, user=users["hana"], role="hr")
    services.membership_add(organisation=other, user=users["otto"], role="hr")
    for organisation in (acme, other):
        services.organisation_verify(organisation=organisation)
    consent = services.consent_grant(passport=passport, organisation=acme)
    return World(users, acme, other, pending, passport, consent)


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """A quick hasher: these tests are about who sees what, not about password storage."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(fast_passwords: None, alice_passport: Any, bob: Any, toy_db: Path) -> World:
    """The people and organisations above on the toy ESCO, with alice's consent for Acme Metaal."""
    return _world(alice_passport, bob)


@pytest.fixture
def people(fast_passwords: None, db: None) -> World:
    """The same people and organisations without a taxonomy (alice's passport is empty)."""
    from techtalent.matching.services import passport_get_or_create

    alice = _user("alice")
    return _world(passport_get_or_create(user=alice), _user("bob"))
