"""`techtalent orgs` sub-commands."""

import typer

orgs_app = typer.Typer(help="Organisations.", no_args_is_help=True)
