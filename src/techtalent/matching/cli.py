"""`techtalent match …`: occupations for skills, transition paths, batch top-k (local or Dask)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from techtalent.core.console import console, out, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

match_app = typer.Typer(
    help="Match skills to ESCO occupations, explained; transition paths.", no_args_is_help=True
)

LangOpt = Annotated[str, typer.Option(help="Language of the labels: nl or en")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]


def _lang(lang: str) -> str:
    if lang not in ("nl", "en"):
        raise UserError(f"unsupported language {lang!r}; choose one of: nl, en")
    return lang


def _ready() -> None:
    ensure_database()
    from techtalent.taxonomy.selectors import taxonomy_status

    if not taxonomy_status()["release"]:
        raise UserError("no ESCO taxonomy imported yet; run `techtalent esco import PATH` first")


def _label(c: dict[str, Any]) -> str:
    return c["label"] + (f" [{c['label_lang']}]" if c["fallback"] else "")


@match_app.command()
@user_errors
def occupations(
    skills: Annotated[str, typer.Option(help="Comma-separated ESCO skill URIs (optionally URI=proficiency)")],
    lang: LangOpt = "nl",
    top: Annotated[int, typer.Option(min=1, max=100, help="How many occupations")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """The occupations that fit a set of skills best, with matched and missing skills."""
    _lang(lang)
    held: dict[str, Any] = {}
    for item in filter(None, (s.strip() for s in skills.split(","))):
        uri, _, level = item.partition("=")
        if level and level not in ("basic", "intermediate", "advanced", "expert"):
            raise UserError(f"unknown proficiency {level!r} for {uri}")
        held[uri] = level or "intermediate"
    if not held:
        raise UserError("--skills needs at least one skill URI")
    _ready()
    from techtalent.matching.results import occupation_matches

    found = occupation_matches(held, lang=lang, top=top)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    table = Table("#", "occupation", "score", "matched", "missing (essential)")
    for rank, m in enumerate(found, start=1):
        e = m["explanation"]
        missing = [_label(s) for s in e["missing"] if s["relation"] == "essential"]
        table.add_row(
            str(rank),
            _label(m),
            f"{m['score']:.2f}",
            ", ".join(_label(s) for s in e["matched"]),
            ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
        )
    out.print(table)


@match_app.command()
@user_errors
def paths(
    start: Annotated[str, typer.Option("--from", help="ESCO occupation URI to start from")],
    to: Annotated[str | None, typer.Option(help="ESCO occupation URI to reach (default: any)")] = None,
    max_steps: Annotated[int, typer.Option(min=1, max=5, help="At most this many steps")] = 3,
    lang: LangOpt = "nl",
    as_json: JsonOpt = False,
) -> None:
    """Transition paths from an occupation, favouring shortage occupations."""
    _lang(lang)
    _ready()
    from techtalent.matching.results import paths as find_paths

    found = find_paths(start, lang=lang, to=to, max_steps=max_steps)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        console.print("no path found")
    for p in found:
        steps = " → ".join(
            f"{_label(s)} ({s['gap']:.0%}{', shortage' if s['shortage'] else ''})" for s in p["steps"]
        )
        out.print(f"{p['cost']:.2f}  {steps}", highlight=False, soft_wrap=True)


@match_app.command()
@user_errors
def batch(
    source: Annotated[Path, typer.Argument(help='JSON lines: {"id": …, "skills": {URI: proficiency}}')],
    target: Annotated[Path, typer.Option("--out", help="Where to write the JSON lines of matches")],
    top: Annotated[int, typer.Option(min=1, max=100, help="Occupations per passport")] = 10,
    dask: Annotated[bool, typer.Option("--dask", help="Compute on a Dask cluster")] = False,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a local cluster)")
    ] = None,
) -> None:
    """Top occupations for many passports, in-process or on Dask (identical results)."""
    if not source.exists():
        raise UserError(f"{source}: no such file")
    from techtalent.matching.engine import batch_top_k, dask_top_k, matches_to_jsonl, passports_from_jsonl

    try:
        with source.open(encoding="utf-8") as handle:
            records = passports_from_jsonl(handle)
    except ValueError as error:
        raise UserError(f"{source}: {error}") from None
    _ready()
    from techtalent.matching.selectors import match_model

    model = match_model()
    skills = [r.skills for r in records]
    with console.status(f"matching {len(records)} passports"):
        if dask or scheduler:
            from dask.distributed import Client, LocalCluster

            cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
            with Client(scheduler or cluster) as client:
                found = dask_top_k(model, skills, top, client=client)
            if cluster is not None:
                cluster.close()
        else:
            found = batch_top_k(model, skills, top)
    with target.open("w", encoding="utf-8") as handle:
        for line in matches_to_jsonl(records, found):
            handle.write(line + "\n")
    console.print(f"[green]wrote[/] {len(records)} results to {target}")
