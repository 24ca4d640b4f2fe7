"""The `techtalent` console command; each domain mounts its own sub-commands here."""

from __future__ import annotations

import multiprocessing
import os
from typing import Annotated

import typer

from techtalent.core.console import console, user_errors
from techtalent.core.django_setup import ensure_database, setup

app = typer.Typer(
    help="techtalent: technology education and the labour market on one skills language.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
@user_errors
def init() -> None:
    """Create or migrate the database and load the bundled starter data."""
    setup()
    from django.conf import settings

    ensure_database(verbose=True)
    db = settings.DATABASES["default"]
    console.print(f"[green]database ready[/]: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}")


@app.command()
@user_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = min(2, multiprocessing.cpu_count()),
) -> None:
    """Run the web platform and API with gunicorn (static files served by WhiteNoise)."""
    ensure_database()
    from gunicorn.app.base import BaseApplication

    from techtalent.site.wsgi import application
    from techtalent.taxonomy.selectors import search_index, taxonomy_status

    if taxonomy_status()["release"]:
        from techtalent.extraction.services import lexicon

        search_index()  # build or load the search index and the extraction lexicon before the workers fork
        lexicon()
    else:
        console.print(
            "[yellow]No ESCO taxonomy imported yet[/]: get the CSV export from the ESCO portal and run "
            "`techtalent esco import PATH`."
        )

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", 4)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("timeout", 120)
            self.cfg.set("accesslog", os.environ.get("TECHTALENT_ACCESS_LOG") or None)

        def load(self):  # type: ignore[no-untyped-def]
            return application

    console.print(f"[green]techtalent[/] at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)")
    Server().run()


def _mount() -> None:
    from techtalent.catalog.cli import catalog_app, credentials_app
    from techtalent.extraction.cli import extract_app
    from techtalent.matching.cli import match_app
    from techtalent.monitor.cli import monitor_app
    from techtalent.orgs.cli import orgs_app, tokens_app, users_app
    from techtalent.scan.cli import scan_app
    from techtalent.taxonomy.cli import esco_app, frameworks_app

    app.add_typer(esco_app, name="esco")
    app.add_typer(frameworks_app, name="frameworks")
    app.add_typer(extract_app, name="extract")
    app.add_typer(monitor_app, name="monitor")
    app.add_typer(match_app, name="match")
    app.add_typer(orgs_app, name="orgs")
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(catalog_app, name="catalog")
    app.add_typer(credentials_app, name="credentials")
    app.add_typer(scan_app, name="scan")


_mount()


def main() -> None:
    """Entry point of the console script."""
    app()
