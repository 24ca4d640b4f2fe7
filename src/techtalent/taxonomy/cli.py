"""`techtalent esco …` and `techtalent frameworks …`: import, status, search; the sector frameworks."""

from __future__ import annotations

import json
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from techtalent.core.console import console, out, progress_bar, user_errors
from techtalent.core.django_setup import ensure_database

esco_app = typer.Typer(help="The ESCO taxonomy: import, status and search.", no_args_is_help=True)
frameworks_app = typer.Typer(help="The sector frameworks from the source documents.", no_args_is_help=True)


class Lang(str, Enum):
    nl = "nl"
    en = "en"


class Kind(str, Enum):
    skill = "skill"
    occupation = "occupation"
    skill_group = "skill_group"
    isco_group = "isco_group"


def _line_ranges(lines: list[int]) -> str:
    """Line numbers as short ranges: 2-5, 9."""
    parts: list[str] = []
    for line in lines:
        if parts and parts[-1].split("-")[-1] == str(line - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{line}"
        else:
            parts.append(str(line))
    return ", ".join(parts)


@esco_app.command("import")
@user_errors
def import_(
    path: Annotated[Path, typer.Argument(help="ESCO CSV export: a folder or the .zip from the ESCO portal")],
    lang: Annotated[str | None, typer.Option(help="Language of files without a _<lang> suffix")] = None,
    version: Annotated[str | None, typer.Option(help="ESCO version, when the path does not name it")] = None,
    replace: Annotated[bool, typer.Option(help="Replace a taxonomy of another version")] = False,
    strict: Annotated[
        bool, typer.Option(help="Fail on relation rows that refer to concepts absent from the export")
    ] = False,
    skip_unknown: Annotated[
        bool, typer.Option(hidden=True, help="Deprecated: skipping such rows is the default now")
    ] = False,
) -> None:
    """Import an ESCO export; several languages merge onto the same concepts; re-imports change nothing."""
    ensure_database()
    from techtalent.taxonomy.selectors import search_index
    from techtalent.taxonomy.services import esco_import

    started = time.perf_counter()
    with progress_bar("ESCO import") as progress:
        report = esco_import(
            path, lang=lang, version=version, replace=replace, strict=strict, progress=progress
        )
    if report.changed:
        with progress_bar("search index") as progress:
            progress("building", 0, 1)
            search_index()
            progress("ready", 1, 1)
    elapsed = time.perf_counter() - started
    table = Table(title=f"ESCO {report.version} ({', '.join(report.languages)}) from {path}")
    table.add_column("table")
    for column in ("added", "updated", "removed"):
        table.add_column(column, justify="right")
    for name, counter in sorted(report.changes.items()):
        table.add_row(name, *(str(counter.get(c, 0)) for c in ("added", "updated", "removed")))
    console.print(table)
    if skip_unknown:
        console.print("[yellow]note:[/] --skip-unknown is deprecated; skipping is the default (see --strict)")
    for name, rows in report.skipped.items():
        console.print(
            f"[yellow]warning:[/] skipped {rows} relation rows in {name} that refer to concepts absent from "
            f"the export (lines {_line_ranges(report.skipped_lines.get(name, []))}); --strict refuses them"
        )
    state = "imported" if report.changed else "already up to date: nothing changed"
    console.print(
        f"[green]{state}[/] in {elapsed:.1f} s — "
        f"{report.counts.get('concepts.occupation', 0)} occupations, "
        f"{report.counts.get('concepts.skill', 0)} skills"
    )


@esco_app.command()
@user_errors
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """Show the imported ESCO version, languages and counts."""
    ensure_database()
    from techtalent.taxonomy.models import Release
    from techtalent.taxonomy.services import taxonomy_counts

    release = Release.objects.first()
    data = {
        "version": release.version if release else None,
        "languages": release.languages if release else [],
        "imported_at": release.imported_at.isoformat() if release else None,
        "counts": taxonomy_counts(),
    }
    if as_json:
        out.print_json(json.dumps(data))
        return
    if release is None:
        console.print(
            "No ESCO taxonomy imported yet: get the CSV export from the ESCO portal and run "
            "`techtalent esco import PATH`."
        )
        return
    console.print(f"ESCO {data['version']} — imported {data['imported_at']}")
    for key, value in sorted(data["counts"].items()):
        out.print(f"{key:40} {value:>8}")


@esco_app.command()
@user_errors
def search(
    query: Annotated[str, typer.Argument(help="Words of a skill or occupation label")],
    lang: Annotated[Lang, typer.Option(help="Language of the labels shown")] = Lang.nl,
    kind: Annotated[Kind | None, typer.Option(help="Only this kind of concept")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="Number of results")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Search skills and occupations by label, in Dutch or English."""
    ensure_database()
    from techtalent.taxonomy.selectors import concept_search, taxonomy_status

    if not taxonomy_status()["release"]:
        raise typer.BadParameter("no ESCO taxonomy imported yet; run `techtalent esco import PATH` first")
    results = concept_search(query, lang=lang.value, limit=limit, kind=kind.value if kind else None)
    if as_json:
        out.print_json(json.dumps(results, ensure_ascii=False))
        return
    table = Table()
    for column in ("score", "kind", "label", "found via", "uri"):
        table.add_column(column)
    for r in results:
        label = f"{r['label']} [{r['label_lang']}]" if r["label_lang"] != lang.value else str(r["label"])
        via = "" if r["matched_label"] == r["label"] else f"{r['matched_label']} ({r['matched_lang']})"
        table.add_row(f"{r['score']:.2f}", str(r["kind"]), label, via, str(r["uri"]))
    out.print(table)


@frameworks_app.command("list")
@user_errors
def frameworks_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False) -> None:
    """List the sector frameworks with their item counts and sources."""
    ensure_database()
    from techtalent.taxonomy.selectors import framework_list

    rows = [
        {
            "code": f.code,
            "name_nl": f.name_nl,
            "name_en": f.name_en,
            "items": f.n_items,
            "source": f"{f.source_document} — {f.source_section}",
        }
        for f in framework_list()
    ]
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table()
    for column in ("code", "name_nl", "items", "source"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["code"], r["name_nl"], str(r["items"]), r["source"])
    out.print(table)


@frameworks_app.command("load")
@user_errors
def frameworks_load_cmd(
    directory: Annotated[Path | None, typer.Argument(help="Folder of framework YAML files")] = None,
) -> None:
    """(Re)load the sector frameworks from the bundled YAML files or another folder."""
    ensure_database()
    from techtalent.taxonomy.frameworks import FRAMEWORK_DIR, frameworks_load

    loaded = frameworks_load(directory or FRAMEWORK_DIR)
    console.print(f"[green]loaded[/] {len(loaded)} frameworks, {sum(loaded.values())} items")
