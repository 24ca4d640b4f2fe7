"""`techtalent match …`: occupations for skills, transition paths, batch top-k (local or Dask)."""

from __future__ import annotations

import json
import os
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


def _skills(text: str) -> dict[str, Any]:
    """Parse "URI[=proficiency],…" into a passport."""
    held: dict[str, Any] = {}
    for item in filter(None, (s.strip() for s in text.split(","))):
        uri, _, level = item.partition("=")
        if level and level not in ("basic", "intermediate", "advanced", "expert"):
            raise UserError(f"unknown proficiency {level!r} for {uri}")
        held[uri] = level or "intermediate"
    if not held:
        raise UserError("--skills needs at least one skill URI")
    return held


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
    held = _skills(skills)
    _ready()
    from techtalent.matching.results import occupation_matches

    found = occupation_matches(held, lang=lang, top=top)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    table = Table("#", "occupation", "fit", "why", "matched", "missing (essential)")
    for rank, m in enumerate(found, start=1):
        e = m["explanation"]
        missing = [_label(s) for s in e["missing"] if s["relation"] == "essential"]
        table.add_row(
            str(rank),
            _label(m),
            f"{m['fit']}%",
            "{essential_matched}/{essential_total} ess., {skills_used}/{skills_own} own".format(
                **e["reason"]
            ),
            ", ".join(_label(s) for s in e["matched"]),
            ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""),
        )
    out.print(table)


@match_app.command()
@user_errors
def paths(
    start: Annotated[
        str | None, typer.Option("--from", help="ESCO occupation URI to start from (or use --skills)")
    ] = None,
    skills: Annotated[
        str | None, typer.Option(help="Comma-separated skill URIs (optionally URI=proficiency) to start from")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            help="Where to go: an ESCO occupation URI, an ISCO group (7233) or a search (onderhoud)"
        ),
    ] = None,
    max_steps: Annotated[int, typer.Option(min=1, max=5, help="At most this many steps")] = 3,
    top: Annotated[int, typer.Option(min=1, max=20, help="How many paths")] = 5,
    lang: LangOpt = "nl",
    as_json: JsonOpt = False,
) -> None:
    """Transition paths toward a target, with the essential skills to learn per step."""
    _lang(lang)
    if bool(start) == bool(skills):
        raise UserError("give either --from OCCUPATION or --skills SKILLS")
    held = _skills(skills) if skills else {}
    _ready()
    from techtalent.matching.transitions import paths as find_paths

    found = find_paths(start or held, lang=lang, to=to, max_steps=max_steps, top=top)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        console.print("no path found" if lang == "en" else "geen route gevonden")
    for p in found:
        steps = " → ".join(
            f"{_label(s)} ({s['gap']:.0%}{', shortage' if s['shortage'] else ''})" for s in p["steps"]
        )
        out.print(f"{p['cost']:.2f}  {steps}", highlight=False, soft_wrap=True)
        for s in p["steps"]:
            learn = ", ".join(_label(k) for k in s["to_learn"][:6]) + (" …" if len(s["to_learn"]) > 6 else "")
            out.print(
                f"      {_label(s)}: {len(s['to_learn'])}/{s['essential_total']}  {learn}", highlight=False
            )


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
            found = batch_top_k(model, skills, top, threads=min(os.cpu_count() or 1, 4))
    with target.open("w", encoding="utf-8") as handle:
        for line in matches_to_jsonl(records, found):
            handle.write(line + "\n")
    console.print(f"[green]wrote[/] {len(records)} results to {target}")
