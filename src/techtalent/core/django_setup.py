"""Start Django for the console command and make sure the database is migrated."""

from __future__ import annotations

import io
import os

__all__ = ["setup", "ensure_database"]


def setup() -> None:
    """Configure Django with techtalent's settings (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techtalent.site.settings")
    import django

    django.setup()


def ensure_database(*, verbose: bool = False) -> bool:
    """Apply pending migrations and load the bundled starter data when needed; True if anything was done."""
    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        call_command("migrate", interactive=False, verbosity=1 if verbose else 0, stdout=io.StringIO())
    from techtalent.monitor.models import Indicator
    from techtalent.monitor.services import starter_load
    from techtalent.taxonomy.frameworks import frameworks_load
    from techtalent.taxonomy.models import Framework

    if pending or not Indicator.objects.exists():
        starter_load()
    from techtalent.catalog.models import Line
    from techtalent.catalog.starter import starter_lines_load

    if pending or not Line.objects.exists():
        starter_lines_load()
    if pending or not Framework.objects.exists():
        frameworks_load()
        return True
    return bool(pending)
