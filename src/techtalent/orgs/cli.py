"""`techtalent orgs|users|tokens …`: organisations, members and verification; user accounts; API tokens."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from techtalent.core.console import console, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

orgs_app = typer.Typer(help="Organisations, members and verification.", no_args_is_help=True)
users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens (shown once, stored hashed).", no_args_is_help=True)


def _ready() -> None:
    """Migrate if needed; the console speaks English, like the rest of the `techtalent` command."""
    ensure_database()
    from django.utils import translation

    translation.activate("en")


def _organisation(key: str) -> Any:
    from techtalent.orgs.selectors import organisation_get

    found = organisation_get(key=key)
    if found is None:
        raise UserError(f"no organisation with id or slug {key!r}; `techtalent orgs list` shows them")
    return found


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=name).first()
    if found is None:
        raise UserError(f"no user named {name!r}; `techtalent users create NAME` makes one")
    return found


@users_app.command("create")
@user_errors
def users_create(
    name: Annotated[str, typer.Argument(help="User name")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin")
    ] = False,
    email: Annotated[str, typer.Option(help="E-mail address")] = "",
    staff: Annotated[
        bool, typer.Option("--staff", help="A platform admin (may verify organisations)")
    ] = False,
) -> None:
    """Create a user account (without --password-stdin it cannot sign in with a password)."""
    _ready()
    from techtalent.orgs.accounts import user_create

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    if password_stdin and not password:
        raise UserError("--password-stdin read an empty password")
    user = user_create(username=name, password=password, email=email, staff=staff)
    console.print(f"[green]user created[/]: {user.username}" + (" (staff)" if staff else ""))


@orgs_app.command("create")
@user_errors
def orgs_create(
    name: Annotated[str, typer.Argument(help="Name of the organisation")],
    kind: Annotated[str, typer.Option(help="employer, school, provider, network or technohub")],
    owner: Annotated[str, typer.Option(help="User name of the first owner")] = "",
    region: Annotated[str, typer.Option(help="Region (optional)")] = "",
) -> None:
    """Create an organisation (unverified until `techtalent orgs verify`)."""
    _ready()
    from techtalent.orgs.services import organisation_create

    organisation = organisation_create(
        name=name, kind=kind, owner=_user(owner) if owner else None, region=region
    )
    typer.echo(organisation.slug)
    console.print(f"[green]organisation created[/]: {organisation.name} ({organisation.kind}), unverified")


@orgs_app.command("add-member")
@user_errors
def orgs_add_member(
    org: Annotated[str, typer.Argument(help="Id or slug of the organisation")],
    user: Annotated[str, typer.Argument(help="User name")],
    role: Annotated[str, typer.Option(help="owner, admin, hr or member")] = "member",
) -> None:
    """Add a member with a role (or change their role)."""
    _ready()
    from techtalent.orgs.services import membership_add

    membership = membership_add(organisation=_organisation(org), user=_user(user), role=role)
    console.print(f"[green]member[/]: {user} is {membership.role} of {membership.organisation.name}")


@orgs_app.command("verify")
@user_errors
def orgs_verify(org: Annotated[str, typer.Argument(help="Id or slug of the organisation")]) -> None:
    """Verify an organisation as a platform admin: from now on it may see candidates."""
    _ready()
    from techtalent.orgs.services import organisation_verify

    organisation = organisation_verify(organisation=_organisation(org))
    console.print(f"[green]verified[/]: {organisation.name} ({organisation.verified_at:%Y-%m-%d %H:%M})")


@orgs_app.command("list")
@user_errors
def orgs_list() -> None:
    """Every organisation: slug, kind, verified, members."""
    _ready()
    from techtalent.orgs.models import Organisation

    for o in Organisation.objects.order_by("slug"):
        state = "verified" if o.verified else "unverified"
        typer.echo(f"{o.slug}\t{o.kind}\t{state}\t{o.memberships.count()} members\t{o.name}")


@tokens_app.command("create")
@user_errors
def tokens_create(
    user: Annotated[str, typer.Option(help="User name of the token's owner")],
    scope: Annotated[list[str] | None, typer.Option(help="A scope (repeat the option for more)")] = None,
    org: Annotated[str, typer.Option(help="Id or slug: an organisation token")] = "",
    name: Annotated[str, typer.Option(help="What the token is for")] = "cli",
    days: Annotated[int | None, typer.Option(help="Days the token lasts (default: until revoked)")] = None,
) -> None:
    """Create an API token and print it once (only its hash is stored)."""
    _ready()
    from techtalent.orgs.services import SCOPES, token_create

    scopes = scope or ["taxonomy:read", "monitor:read"]
    token, secret = token_create(
        user=_user(user),
        name=name,
        scopes=scopes,
        organisation=_organisation(org) if org else None,
        days=days,
    )
    typer.echo(secret)
    console.print(
        f"[green]token {token.prefix}…[/] ({token.scopes}"
        + (f", until {token.expires:%Y-%m-%d %H:%M} UTC" if token.expires else ", until revoked")
        + "); copy it now, it is not shown again. "
        f"Scopes: {', '.join(SCOPES)}"
    )


@tokens_app.command("revoke")
@user_errors
def tokens_revoke(prefix: Annotated[str, typer.Argument(help="The token, or its prefix as listed")]) -> None:
    """Revoke a token: requests with it get 401 from now on."""
    _ready()
    from techtalent.orgs.models import ApiToken
    from techtalent.orgs.selectors import token_lookup
    from techtalent.orgs.services import token_revoke

    found = token_lookup(secret=prefix)
    matches = [found] if found else list(ApiToken.objects.filter(prefix=prefix[:10], revoked_at__isnull=True))
    if len(matches) != 1:
        raise UserError(
            f"{len(matches)} live tokens match {prefix!r}; give the whole token or a unique prefix"
        )
    token_revoke(token=matches[0])
    console.print(f"[green]revoked[/]: {matches[0].prefix}… ({matches[0].name})")


@tokens_app.command("list")
@user_errors
def tokens_list(user: Annotated[str, typer.Option(help="User name")]) -> None:
    """A user's tokens: prefix, name, scopes, organisation, state, expiry and last use (UTC)."""
    _ready()
    from techtalent.orgs.selectors import tokens_of

    for t in tokens_of(user=_user(user)):
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "expired" if t.expired else "live"
        org = t.organisation.slug if t.organisation else "-"
        until = f"until {t.expires:%Y-%m-%d %H:%M}" if t.expires else "until revoked"
        used = f"used {t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never used"
        typer.echo(f"{t.prefix}…\t{t.name}\t{t.scopes}\t{org}\t{state}\t{until}\t{used}")
