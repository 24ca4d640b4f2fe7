"""`techtalent scan` sub-commands."""

import typer

scan_app = typer.Typer(help="SME scans.", no_args_is_help=True)
