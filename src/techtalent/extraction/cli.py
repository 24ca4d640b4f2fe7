"""`techtalent extract …`: skills and occupations in files and batches, job titles, evaluation, Dask runs."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from techtalent.core.console import console, out, progress_bar, user_errors
from techtalent.core.django_setup import ensure_database
from techtalent.core.errors import UserError

extract_app = typer.Typer(
    help="Find ESCO skills and occupations in texts and job titles.", no_args_is_help=True
)

_LANGS = ("auto", "nl", "en")
_CLI_MAX_BYTES = 200 * 1024 * 1024  # files on disk may be big PDFs; the text limit still applies
LangOpt = Annotated[str, typer.Option(help="Language of the texts: auto, nl or en")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object per document")]
BatchOpt = Annotated[Path | None, typer.Option(help="JSON lines to read instead of arguments")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Where to write the JSON lines of a batch")]
ResumeOpt = Annotated[bool, typer.Option(help="Continue an interrupted batch: keep what --out already holds")]
TopOpt = Annotated[int, typer.Option(min=0, max=100, help="Concepts in each result's `ranking`")]
LabelsOpt = Annotated[
    str | None,
    typer.Option(help="Language of the names shown (display_label): nl or en (default: the text's)"),
]


def _check(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise UserError(f"unsupported {what} {value!r}; choose one of: {', '.join(choices)}")
    return value


def _shown(result: dict[str, Any], labels: str | None) -> dict[str, Any]:
    """A result with the display fields of its concepts, in ``labels`` or else the text's language."""
    from techtalent.extraction.display import with_display

    return with_display(result, labels or result["lang"])


def _batch(
    source: Path,
    target: Path | None,
    field: str,
    resume: bool,
    convert: Callable[[str, str], dict[str, Any]],
    what: str,
    convert_many: Callable[[list[tuple[str, str]]], list[dict[str, Any]]] | None = None,
) -> None:
    from techtalent.extraction.batch import count_records, iter_records, open_output, run_local

    if target is None:
        raise UserError("--batch needs --out FILE for the results")
    total = count_records(source)
    with open_output(target, source, resume) as (handle, done), progress_bar(what) as progress:
        records = itertools.islice(iter_records(source, text_column=field), done, None)
        written = run_local(
            records, convert, handle, progress=progress, total=total, start=done, convert_many=convert_many
        )
    console.print(
        f"[green]wrote[/] {written} results to {target}" + (f" (after {done} kept)" if done else "")
    )


def _table(name: str, result: dict[str, Any], text: str, labels_lang: str) -> Table:
    from techtalent.extraction.services import display_labels

    labels = display_labels([c["uri"] for c in result["concepts"]], labels_lang)
    table = Table(
        title=Text(f"{name} — {result['lang']} — {len(result['concepts'])} concepts"), title_justify="left"
    )
    for column in ("score", "kind", "label", "found as", "uri"):
        table.add_column(column, justify="right" if column == "score" else "left")
    for c in result["concepts"]:
        label, lang = labels[c["uri"]]
        start, end = c["spans"][0]
        shown = label + (f" [{lang}]" if lang != labels_lang else "")
        found_as = " ".join(text[start:end].split())
        table.add_row(f"{c['score']:.2f}", c["kind"], Text(shown), Text(found_as), c["uri"])
    return table


@extract_app.command("text")
@user_errors
def text_(
    files: Annotated[list[Path] | None, typer.Argument(help=".txt, .pdf, .docx or .html files")] = None,
    lang: LangOpt = "auto",
    as_json: JsonOpt = False,
    labels: LabelsOpt = None,
    batch: BatchOpt = None,
    out_path: OutOpt = None,
    resume: ResumeOpt = False,
    top: TopOpt = 10,
) -> None:
    """Find skills and occupations in documents, or in a JSON-lines batch of {"id", "text"}."""
    from techtalent.extraction.readers import read_path

    _check(lang, _LANGS, "language")
    if labels is not None:
        _check(labels, ("nl", "en"), "label language")
    if not files and batch is None:
        raise UserError("give one or more files, or --batch FILE.jsonl --out FILE.jsonl")
    ensure_database()
    from techtalent.extraction import services

    engine = services.extractor()
    if batch is not None:
        from techtalent.extraction.engine import extract_many

        _batch(
            batch,
            out_path,
            "text",
            resume,
            lambda doc_id, text: _shown(
                engine.extract(text, lang=lang, doc_id=doc_id, top=top).to_dict(), labels
            ),
            "extracting",
            lambda chunk: [
                _shown(r.to_dict(), labels) for r in extract_many(engine, list(chunk), lang=lang, top=top)
            ],
        )
        return
    max_chars = services.limits().max_chars
    texts = [
        (str(path), read_path(path, max_bytes=_CLI_MAX_BYTES, max_chars=max_chars)) for path in files or []
    ]
    for name, text in texts:
        result = services.extract_text(text, lang=lang, doc_id=name, name=name, max_chars=max_chars, top=top)
        if as_json:
            from techtalent.extraction.batch import to_line

            typer.echo(to_line(_shown(result, labels)))
        else:
            out.print(_table(name, result, text, labels or result["lang"]))


@extract_app.command()
@user_errors
def titles(
    title: Annotated[list[str] | None, typer.Argument(help="Job titles, e.g. lasser 'CNC-operator'")] = None,
    lang: Annotated[str, typer.Option(help="Language of the titles: nl or en")] = "nl",
    top: Annotated[int, typer.Option(min=1, max=100, help="Occupations per title")] = 10,
    as_json: JsonOpt = False,
    batch: BatchOpt = None,
    out_path: OutOpt = None,
    resume: ResumeOpt = False,
) -> None:
    """Normalise job titles to ESCO occupations; a batch reads JSON lines of {"id", "title"}."""
    from techtalent.extraction.batch import title_result, to_line

    _check(lang, ("nl", "en"), "language")
    if not title and batch is None:
        raise UserError("give one or more titles, or --batch FILE.jsonl --out FILE.jsonl")
    ensure_database()
    from techtalent.extraction import services

    engine = services.normaliser()
    if batch is not None:
        _batch(
            batch,
            out_path,
            "title",
            resume,
            lambda title_id, text: title_result(title_id, engine.normalise(text, lang=lang, top=top)),
            "titles",
        )
        return
    for result in services.normalise_titles([(t, t) for t in title or []], lang=lang, top=top):
        if as_json:
            typer.echo(to_line(result))
            continue
        table = Table(title=Text(result["id"]), title_justify="left")
        for column in ("score", "occupation", "uri"):
            table.add_column(column)
        for c in result["concepts"]:
            table.add_row(f"{c['score']:.2f}", Text(c["label"]), c["uri"])
        out.print(table if result["concepts"] else Text(f"{result['id']}: no occupation found"))


@extract_app.command()
@user_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Dev set: JSON lines of {id, lang, text, uris} (or titles)")],
    pred: Annotated[
        Path | None, typer.Option(help="Predictions (JSON lines) instead of running the engine")
    ] = None,
    kinds: Annotated[
        str | None, typer.Option(help="Only these kinds, e.g. skill or skill,occupation")
    ] = None,
    titles_set: Annotated[
        bool, typer.Option("--titles", help="GOLD is a title set: {id, title, uris}")
    ] = False,
    top: TopOpt = 10,
    lang: Annotated[
        str | None, typer.Option(help="Language of gold lines without a 'lang' field: nl or en")
    ] = None,
) -> None:
    """Score extraction (P/R/F1 on concepts; RP@5, RP@10, MRR on ranking) or titles against a dev set."""
    from techtalent.extraction import evaluation

    try:
        if titles_set:
            gold_titles = evaluation.load_gold_titles(gold)
            if pred is not None:
                predicted = evaluation.load_predictions(pred)
            else:
                ensure_database()
                from techtalent.extraction.services import normaliser

                predicted = evaluation.predict_titles(normaliser(), gold_titles)
            out.print(evaluation.format_title_scores(evaluation.evaluate_titles(gold_titles, predicted)))
            return
        if lang is not None:
            _check(lang, ("nl", "en"), "language")
        docs = evaluation.load_gold(gold, lang=lang)
        if pred is not None:
            predicted, ranking = evaluation.load_predictions(pred), evaluation.load_rankings(pred)
        else:
            ensure_database()
            from techtalent.extraction.services import extractor

            with progress_bar("evaluating") as progress:
                progress("extracting", 0, len(docs))
                predicted, ranking = evaluation.predict_ranked(extractor(), docs, top=top)
        wanted = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
        report = evaluation.evaluate(docs, predicted, kinds=wanted, ranking=ranking)
        out.print(evaluation.format_report(report), highlight=False)
    except (OSError, ValueError) as exc:  # GoldFormatError is a ValueError naming file and line
        raise UserError(str(exc)) from None


@extract_app.command("dask")
@user_errors
def dask_(
    source: Annotated[Path, typer.Argument(help="A .jsonl, .csv or .parquet collection of texts")],
    out_path: Annotated[Path, typer.Option("--out", help="JSON lines, in input order")],
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a Dask scheduler (default: a local cluster)")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes of the local cluster")] = min(
        4, os.cpu_count() or 1
    ),
    text_column: Annotated[str, typer.Option(help="Column or field holding the text")] = "text",
    id_column: Annotated[
        str, typer.Option(help="Column or field holding the id (default: the row number)")
    ] = "id",
    lang: LangOpt = "auto",
    chunk_size: Annotated[int, typer.Option(min=1, help="Texts per task")] = 200,
    resume: ResumeOpt = False,
    top: TopOpt = 10,
    labels: LabelsOpt = None,
) -> None:
    """Extract from a large collection on a Dask cluster; the same engine and results as `extract text`."""
    from techtalent.extraction.batch import count_records, dask_client, iter_records, open_output, run_dask

    _check(lang, _LANGS, "language")
    if labels is not None:
        _check(labels, ("nl", "en"), "label language")
    records = iter_records(source, id_column=id_column, text_column=text_column)
    first = next(records, None)  # a missing column or a bad first line fails before a cluster starts
    records = itertools.chain([first] if first is not None else [], records)
    ensure_database()
    from techtalent.extraction import services
    from techtalent.extraction.lexicon_cache import save_lexicon

    path = services.lexicon_path()
    engine = services.extractor()  # builds the dense index once, before the workers need it
    if not path.exists():  # built here once, or written again if the cache file was removed meanwhile
        save_lexicon(services.lexicon(), path)
    total = count_records(source)
    with dask_client(scheduler, workers) as client, open_output(out_path, source, resume) as (handle, done):
        with progress_bar(f"dask ({len(client.scheduler_info().get('workers', {}))} workers)") as progress:
            try:
                written = run_dask(
                    itertools.islice(records, done, None),
                    client=client,
                    lexicon_path=path,
                    out=handle,
                    lang=lang,
                    semantic=engine.semantic,
                    top=top,
                    chunk_size=chunk_size,
                    progress=progress,
                    total=total,
                    start=done,
                    display=lambda result: _shown(result, labels),
                )
            except Exception as exc:  # a worker's error arrives here; report it as one line
                raise UserError(f"a Dask worker failed: {type(exc).__name__}: {exc}") from None
    console.print(
        f"[green]wrote[/] {written} results to {out_path}" + (f" (after {done} kept)" if done else "")
    )


@extract_app.command("index")
@user_errors
def index_() -> None:
    """Build the dense (semantic) index of the imported taxonomy now; it is cached in the data folder."""
    ensure_database()
    from techtalent.extraction import services

    if not services.semantic_enabled():
        raise UserError("the semantic path is off (TECHTALENT_EXTRACT_SEMANTIC=0)")
    with progress_bar("dense index") as progress:
        index = services.dense_index(services.lexicon(), progress=progress)
    count = len(index) if index is not None else 0
    console.print(f"[green]dense index ready[/]: {count} concepts")
