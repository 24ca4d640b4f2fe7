"""`techtalent scan …`: list instruments, print an answers template, score a filled-in scan, export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.table import Table

from techtalent.core.console import console, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

scan_app = typer.Typer(
    help="SME scans: Smart Industry maturity scan, competencies and offers; culture scan.",
    no_args_is_help=True,
)


def _instrument(code: str) -> object:
    from techtalent.scan.selectors import instrument_versions

    for version in instrument_versions():
        if version.code == code:
            return version
    known = ", ".join(v.code for v in instrument_versions())
    raise UserError(f"no instrument called {code!r}; known: {known}")


@scan_app.command()
@user_errors
def instruments() -> None:
    """List the scan instruments with version, kind and number of questions."""
    ensure_database()
    from techtalent.scan.instruments import engine_instrument
    from techtalent.scan.selectors import instrument_versions

    for v in instrument_versions():
        inst = engine_instrument(v.definition)
        typer.echo(
            f"{inst.code}\tv{inst.version}\t{inst.kind}\t{len(inst.questions)} questions\t{inst.title['nl']}"
        )


@scan_app.command()
@user_errors
def template(
    instrument: Annotated[str, typer.Argument(help="Instrument code, e.g. sih-maturity")],
    lang: Annotated[str, typer.Option(help="Language of the comments: nl or en")] = "nl",
) -> None:
    """Print an answers file (YAML) to fill in: one line per question, the scale in comments."""
    ensure_database()
    from techtalent.scan.instruments import engine_instrument

    inst = engine_instrument(_instrument(instrument).definition)  # type: ignore[attr-defined]
    lines = [f"# {inst.title[lang]} ({inst.code} v{inst.version})", "# " + inst.authorship[lang], "#"]
    lines += [f"#   {o.value} = {o.text[lang]}" for o in inst.scale]
    lines += [f"instrument: {inst.code}", f"version: {inst.version}", "answers:"]
    for section in inst.sections:
        lines.append(f"  # --- {section.name[lang]}")
        for q in inst.questions_of(section.code):
            lines.append(f"  # {q.text[lang]}")
            lines.append(f"  {q.code}: ")
    if inst.kind == "maturity":
        lines.append("targets:  # optional: target level 1–5 per transformation (default: one level up)")
        lines += [f"  # {s.code}: 3" for s in inst.sections]
    typer.echo("\n".join(lines))


def _read_answers(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read the answers file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise UserError(f"{path}: an answers file has a mapping 'answers:' (see `techtalent scan template`)")
    return data


@scan_app.command()
@user_errors
def take(
    instrument: Annotated[str, typer.Argument(help="Instrument code, e.g. sih-maturity")],
    org: Annotated[str, typer.Option("--org", help="Organisation (slug or id)")],
    answers: Annotated[Path, typer.Option("--answers", help="Filled-in answers file (YAML or JSON)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
    lang: Annotated[str, typer.Option(help="Language of names: nl or en")] = "nl",
) -> None:
    """Score a filled-in maturity scan for an organisation: levels, competencies for the target, offers."""
    ensure_database()
    from django.utils import translation

    from techtalent.orgs.selectors import organisation_get
    from techtalent.scan import selectors, services
    from techtalent.scan.offers import offers_for_gap
    from techtalent.scan.results import report_json

    organisation = organisation_get(key=org)
    if organisation is None:
        raise UserError(f"no organisation {org!r}")
    version = _instrument(instrument)
    data = _read_answers(answers)
    if data.get("version") not in (None, version.version):  # type: ignore[attr-defined]
        raise UserError(
            f"{answers}: answers are for version {data.get('version')} but the current version of "
            f"{instrument} is {version.version}; print a new template"  # type: ignore[attr-defined]
        )
    given = {k: v for k, v in data["answers"].items() if v is not None}  # type: ignore[union-attr]
    with translation.override(lang):
        scan = services.scan_start(organisation=organisation, user=None, instrument_code=instrument)
        services.scan_save(scan=scan, user=None, answers=given, targets=data.get("targets") or {})  # type: ignore[arg-type]
        services.scan_submit(scan=scan, user=None)
        report = selectors.scan_report(scan, lang=lang)
        route, _labs = offers_for_gap(skills=report.gap_skills, region=organisation.region, lang=lang)
        result = report_json(report, route)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table("transformation", "level", "target", "competencies for the target")
    for t in result["transformations"]:
        table.add_row(
            t["name"],
            str(t["level"] or "—"),
            str(t["target"]),
            ", ".join(c["name"] for c in t["competencies"]),
        )
    console.print(table)


@scan_app.command()
@user_errors
def export(
    org: Annotated[str, typer.Option("--org", help="Organisation (slug or id)")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write JSON here instead of standard output")
    ] = None,
) -> None:
    """Export an organisation's scans (levels, targets, answers) and its culture aggregate as JSON."""
    ensure_database()
    from techtalent.orgs.selectors import organisation_get
    from techtalent.scan import selectors

    organisation = organisation_get(key=org)
    if organisation is None:
        raise UserError(f"no organisation {org!r}")
    scans = [
        {
            "id": s.id,
            "instrument": s.instrument.code,
            "version": s.instrument.version,
            "status": s.status,
            "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
            "sector": s.sector,
            "levels": s.levels,
            "targets": s.targets,
            "answers": s.answers,
        }
        for s in selectors.scans_of(organisation=organisation)
    ]
    culture = selectors.culture_report(organisation=organisation, lang="nl")
    payload = {
        "organisation": organisation.slug,
        "scans": scans,
        "culture": None
        if culture is None
        else {
            "answers": culture.answers,
            "themes": {code: (agg.mean if agg else None) for code, _n, agg, _t in culture.themes},
        },
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"[green]written[/] {out}")
    else:
        typer.echo(text)
