"""`techtalent users|orgs|tokens …`: accounts, organisations, members, verification and tokens from the
console, each bad input one clear line with a non-zero exit code."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from typer.testing import CliRunner

from techtalent.cli import app
from techtalent.orgs import selectors
from techtalent.orgs.models import ApiToken, Organisation

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture
def quick(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_an_administrator_sets_up_a_verified_employer_with_hr_and_a_token(quick: None) -> None:
    code, _, err = run("users", "create", "hana", "--password-stdin", "--email", "hana@acme.nl",
                       stdin="Lange-zin-als-wachtwoord-7\n")  # fmt: skip
    assert code == 0, err
    assert get_user_model().objects.get(username="hana").check_password("Lange-zin-als-wachtwoord-7")
    code, out, err = run("orgs", "create", "Acme Metaal", "--kind", "employer")
    assert code == 0 and out.strip() == "acme-metaal", err
    assert run("orgs", "add-member", "acme-metaal", "hana", "--role", "hr")[0] == 0
    acme = Organisation.objects.get(slug="acme-metaal")
    assert (
        not acme.verified and selectors.role_of(user=acme.memberships.get().user, organisation=acme) == "hr"
    )
    assert run("orgs", "verify", "acme-metaal")[0] == 0
    acme.refresh_from_db()
    assert acme.verified
    code, out, _ = run("orgs", "list")
    assert "acme-metaal\temployer\tverified\t1 members" in out

    code, secret, err = run("tokens", "create", "--user", "hana", "--scope", "monitor:read", "--scope",
                            "org:candidates")  # fmt: skip
    secret = secret.strip()
    assert code == 0 and secret.startswith("tt_") and "not shown again" in err
    assert ApiToken.objects.get().scopes == "monitor:read org:candidates"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert Client().get("/api/monitor/indicators", **auth).status_code == 200
    assert run("tokens", "list", "--user", "hana")[1].count("live") == 1
    assert run("tokens", "revoke", secret[:10])[0] == 0
    assert Client().get("/api/monitor/indicators", **auth).status_code == 401


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("orgs", "create", "X", "--kind", "bakery"), "unknown kind 'bakery'"),
        (
            ("orgs", "add-member", "nowhere", "hana", "--role", "hr"),
            "no organisation with id or slug 'nowhere'",
        ),
        (("orgs", "verify", "nowhere"), "no organisation with id or slug 'nowhere'"),
        (("tokens", "create", "--user", "ghost"), "no user named 'ghost'"),
        (("tokens", "create", "--user", "hana", "--scope", "all"), "choose scopes from"),
        (("tokens", "revoke", "tt_nothing"), "0 live tokens match"),
        (("users", "create", "hana"), "the user name 'hana' is taken"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(
    quick: None, args: tuple[str, ...], says: str
) -> None:
    get_user_model().objects.create_user("hana")
    code, _, err = run(*args)
    assert code != 0 and says in err and "Traceback" not in err


def test_a_weak_password_from_stdin_is_refused(quick: None) -> None:
    code, _, err = run("users", "create", "piet", "--password-stdin", stdin="1234\n")
    assert code == 2 and "too short" in err and not get_user_model().objects.filter(username="piet").exists()


def test_adding_a_member_with_an_unknown_role_names_the_roles(quick: None) -> None:
    get_user_model().objects.create_user("hana")
    run("orgs", "create", "Acme", "--kind", "employer")
    code, _, err = run("orgs", "add-member", "acme", "hana", "--role", "boss")
    assert code == 2 and "owner, admin, hr, member" in err
