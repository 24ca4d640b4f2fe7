"""`techtalent monitor …`: load, check, list and import indicators and observations; factsheets."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from techtalent.core.console import console, out, progress_bar, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

monitor_app = typer.Typer(
    help="The monitor: indicators, regions and sourced observations.", no_args_is_help=True
)


@monitor_app.command()
@user_errors
def load() -> None:
    """(Re)load the bundled starter data: indicators, regions and the figures from the source documents."""
    ensure_database()
    from techtalent.monitor.services import starter_load

    counts = starter_load()
    console.print("[green]starter data loaded[/]: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@monitor_app.command()
@user_errors
def check(as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False) -> None:
    """List every contradiction among the stored figures, with both sources side by side."""
    ensure_database()
    from techtalent.monitor.engine import describe
    from techtalent.monitor.selectors import contradictions

    found = contradictions()
    for item in found:
        if as_json:
            row = {
                "rule": item.rule,
                "kind": item.kind,
                "summary": item.summary,
                "stated": item.stated,
                "computed": item.computed,
                "unit": item.unit,
                "beyond_rounding": item.beyond_rounding,
                "observations": [
                    {
                        "key": o.key,
                        "value": o.value,
                        "unit": o.unit,
                        "document": o.source.document,
                        "section": o.source.section,
                        "quote": o.source.quote,
                    }
                    for o in item.observations
                ],
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            print("\n".join(describe(item)) + "\n")
    console.print(f"{len(found)} contradictions")


@monitor_app.command()
@user_errors
def indicators(as_json: Annotated[bool, typer.Option("--json", help="JSON lines")] = False) -> None:
    """List the indicators: code, Dutch name, unit and the direction of better."""
    ensure_database()
    from techtalent.monitor.selectors import indicator_list

    table = Table("code", "name", "unit", "better")
    for ind in indicator_list():
        if as_json:
            print(
                json.dumps(
                    {
                        "code": ind.code,
                        "name_nl": ind.name_nl,
                        "name_en": ind.name_en,
                        "unit": ind.unit,
                        "better": ind.better,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            table.add_row(ind.code, ind.name_nl, ind.unit, ind.better)
    if not as_json:
        out.print(table)


@monitor_app.command()
@user_errors
def observations(
    indicator: Annotated[list[str] | None, typer.Option(help="Indicator code (repeatable)")] = None,
    region: Annotated[list[str] | None, typer.Option(help="CBS region code (repeatable)")] = None,
    period: Annotated[list[str] | None, typer.Option(help="Period: 2019, 2019Q3, 2022M05, 2018/2019")] = None,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="CSV: indicator, region, period, breakdowns, value, unit, source")
    ] = False,
) -> None:
    """List observations with their source."""
    ensure_database()
    from techtalent.monitor.selectors import ObservationFilter, csv_lines, observation_list, observation_row

    flt = ObservationFilter(tuple(indicator or ()), tuple(region or ()), tuple(period or ()), measure=None)
    rows = observation_list(flt)
    if as_csv:
        for line in csv_lines(rows.iterator(chunk_size=2000)):
            sys.stdout.write(line)
        return
    table = Table("indicator", "region", "period", "breakdowns", "value", "unit", "source")
    for obs in rows[:500]:
        row = observation_row(obs)
        table.add_row(
            *(str(row[c]) for c in ("indicator", "region", "period", "breakdowns", "value", "unit", "source"))
        )
    out.print(table)


@monitor_app.command("import-regions")
@user_errors
def import_regions(
    path: Annotated[Path, typer.Argument(help="Folder with the region GeoJSON and CSV files")],
) -> None:
    """Import provinces, arbeidsmarktregio's and municipalities with their shapes."""
    ensure_database()
    from techtalent.monitor.imports import regions_import

    counts = regions_import(path)
    console.print("[green]regions imported[/]: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@monitor_app.command("import-cbs")
@user_errors
def import_cbs(
    table: Annotated[str, typer.Argument(help="CBS StatLine table id, e.g. 85276NED")],
    mapping: Annotated[Path, typer.Option(help="YAML: region/period dimensions, breakdowns, measures")],
    url: Annotated[str | None, typer.Option(help="OData base URL (default: CBS opendata)")] = None,
) -> None:
    """Import a CBS StatLine table through its OData API (transactional)."""
    ensure_database()
    from techtalent.monitor.importers.cbs import CBS_BASE
    from techtalent.monitor.imports import cbs_import

    with progress_bar(f"CBS {table}") as progress:
        count = cbs_import(table, mapping, base=url or CBS_BASE, progress=progress)
    console.print(f"[green]{count} observations[/] imported from CBS {table}")


@monitor_app.command("import-table")
@user_errors
def import_table(
    path: Annotated[Path, typer.Argument(help="CSV or Excel file")],
    mapping: Annotated[Path | None, typer.Option(help="YAML mapping for a wide table")] = None,
) -> None:
    """Import a tidy CSV/Excel file, or a wide one with a column mapping (transactional)."""
    ensure_database()
    from techtalent.monitor.imports import table_import

    if not path.exists():
        raise UserError(f"{path} does not exist")
    with progress_bar(path.name) as progress:
        count = table_import(path, mapping, progress=progress)
    console.print(f"[green]{count} observations[/] imported from {path.name}")


@monitor_app.command("import-open-data")
@user_errors
def import_open_data(
    path: Annotated[Path, typer.Argument(help="Folder with CBS and DUO files, e.g. ../shared/data/nl")],
) -> None:
    """Import every CBS/DUO file in PATH that a shipped mapping names (one transaction per file)."""
    ensure_database()
    from techtalent.monitor.imports import open_data_import

    with progress_bar(path.name) as progress:
        results = open_data_import(path, progress=progress)
    for name, found in results.items():
        skipped = ", ".join(f"{count} {why}" for why, count in found.skipped.items())
        console.print(
            f"[green]{len(found.observations)} observations[/] from {name}"
            + (f" (skipped: {skipped})" if skipped else "")
        )
    if not results:
        raise UserError(f"no mapped CBS or DUO file found in {path}")


@monitor_app.command()
@user_errors
def factsheet(
    region: Annotated[str, typer.Argument(help="CBS region code, e.g. PV20")],
    pdf: Annotated[Path | None, typer.Option(help="Write the PDF here")] = None,
    html: Annotated[Path | None, typer.Option(help="Write the HTML here")] = None,
    lang: Annotated[str, typer.Option(help="nl or en")] = "nl",
) -> None:
    """Write the factsheet of a region as PDF and/or HTML."""
    ensure_database()
    from techtalent.monitor.factsheet import factsheet_html, factsheet_pdf

    if pdf is None and html is None:
        raise UserError("give --pdf PATH and/or --html PATH")
    if html is not None:
        html.write_text(factsheet_html(region, lang=lang, embed=False), encoding="utf-8")
        console.print(f"[green]factsheet[/] {html}")
    if pdf is not None:
        pdf.write_bytes(factsheet_pdf(region, lang=lang))
        console.print(f"[green]factsheet[/] {pdf}")
