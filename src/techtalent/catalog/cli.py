"""`techtalent catalog` and `techtalent credentials` sub-commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from techtalent.core.console import console, out, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

catalog_app = typer.Typer(help="Learning offers, metro lines and learning routes.", no_args_is_help=True)
credentials_app = typer.Typer(
    help="Micro-credentials (Open Badges 3.0): issue and verify.", no_args_is_help=True
)


@catalog_app.command("import")
@user_errors
def import_offers(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or JSON offers file")],
    extract: Annotated[bool, typer.Option(help="Find skills by extraction when a row states none")] = True,
) -> None:
    """Import offers (columns provider,title,description,level,hours,cost_eur,region,language,skills)."""
    ensure_database()
    from techtalent.catalog.importers.offers import offers_import

    made = offers_import(file, extract=extract)
    console.print(f"[green]imported[/] {len(made)} offers from {file.name}")


@catalog_app.command("import-programmes")
@user_errors
def import_programmes(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Import real programmes from a DUO (hbo/wo/mbo enrolment) or Tekkieworden programme file."""
    ensure_database()
    from techtalent.catalog.importers.duo import programmes_import

    count = programmes_import(file)
    console.print(f"[green]imported[/] {count} programmes from {file.name} (Bron: DUO)")


@catalog_app.command()
@user_errors
def search(
    q: Annotated[str, typer.Argument(help="Words to find")] = "",
    level: Annotated[str, typer.Option(help="mbo1…mbo4, ad, bachelor, master")] = "",
    region: Annotated[str, typer.Option(help="CBS region code")] = "",
    limit: Annotated[int, typer.Option(min=1, max=100)] = 20,
) -> None:
    """Search the catalog and print id, title, provider, level and region."""
    ensure_database()
    from techtalent.catalog.selectors import offer_search

    found = offer_search(q=q, level=level, region=region, per_page=limit)
    for offer in found.offers:
        out.print(
            f"{offer.pk}\t{offer.title}\t{offer.provider.name}\t{offer.level}\t{offer.region}",
            highlight=False,
        )
    console.print(f"{found.total} offers")


@catalog_app.command()
@user_errors
def route(
    skills: Annotated[str, typer.Option(help="Comma-separated ESCO skill URIs (the gap)")],
    region: Annotated[str | None, typer.Option(help="CBS region code")] = None,
    max_hours: Annotated[int | None, typer.Option(min=0)] = None,
    max_cost: Annotated[float | None, typer.Option(min=0)] = None,
    level: Annotated[str | None, typer.Option()] = None,
    form: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the route as JSON")] = False,
) -> None:
    """The learning route (stations) that covers a skill gap."""
    ensure_database()
    from techtalent.catalog.selectors import route_dict, route_for_gap

    uris = [s.strip() for s in skills.split(",") if s.strip()]
    if not uris:
        raise UserError("--skills needs at least one ESCO skill URI")
    result = route_dict(
        route_for_gap(
            skills=uris, region=region, max_hours=max_hours, max_cost=max_cost, level=level, form=form
        )
    )
    if as_json:
        out.print_json(json.dumps(result))
        return
    for number, station in enumerate(result["stations"], start=1):  # type: ignore[arg-type]
        taught = ", ".join(t["label"] for t in station["teaches"])
        out.print(f"{number}. {station['title']} ({station['provider']}): {taught}", highlight=False)
    console.print(f"covered {len(result['covered'])}, missing {len(result['missing'])}")  # type: ignore[arg-type]


@catalog_app.command("load-lines")
@user_errors
def load_lines() -> None:
    """Load the metro lines named in the source documents (announced, no stations)."""
    ensure_database()
    from techtalent.catalog.starter import starter_lines_load

    console.print(f"[green]created[/] {starter_lines_load()} lines")


def _offer(ref: str):  # type: ignore[no-untyped-def]
    from techtalent.catalog.models import Offer

    found = Offer.objects.filter(pk=int(ref)) if ref.isdigit() else Offer.objects.filter(title__iexact=ref)
    offers = list(found[:2])
    if len(offers) != 1:
        raise UserError(f"{'no' if not offers else 'more than one'} offer matches '{ref}'")
    return offers[0]


@credentials_app.command()
@user_errors
def issue(
    offer: Annotated[str, typer.Option(help="Offer id or exact title")],
    to: Annotated[str, typer.Option(help="Username of the recipient")],
    out_file: Annotated[Path | None, typer.Option("--out", help="Write the credential here")] = None,
    elm: Annotated[bool, typer.Option(help="Write the European Learning Model (EDC) shape instead")] = False,
) -> None:
    """Issue a signed Open Badges 3.0 credential for a completed offer (station)."""
    ensure_database()
    from django.contrib.auth import get_user_model

    from techtalent.catalog.credentials import credential_elm, credential_issue

    user = get_user_model().objects.filter(username=to).first()
    if user is None:
        raise UserError(f"no user called '{to}'")
    credential = credential_issue(recipient=user, offer=_offer(offer))
    text = json.dumps(
        credential_elm(credential) if elm else credential.document, indent=2, ensure_ascii=False
    )
    if out_file:
        out_file.write_text(text + "\n", encoding="utf-8")
        console.print(f"[green]issued[/] {credential.uid} → {out_file}")
    else:
        out.print(text, highlight=False, soft_wrap=True)


@credentials_app.command("verify")
@user_errors
def verify_file(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Verify a credential file offline; exit status 1 when it does not verify."""
    from techtalent.catalog.engine import verify

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{file.name}: not a JSON credential ({exc})") from None
    result = verify(document) if isinstance(document, dict) else None
    if not result:
        console.print(
            f"[bold red]NOT VALID[/]: {result.reason if result is not None else 'not a JSON object'}"
        )
        raise typer.Exit(1)
    typer.echo(f"valid: signed by {result.verification_method}")
