"""`techtalent catalog` sub-commands."""

import typer

catalog_app = typer.Typer(help="Learning offers.", no_args_is_help=True)
