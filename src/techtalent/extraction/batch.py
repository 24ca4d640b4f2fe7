"""Batch extraction over JSONL, CSV or Parquet collections: in this process or on a Dask cluster.

No Django here: Dask workers import this module and load the lexicon from its cache file, so a result is
the same wherever it is computed. Output is JSON lines in input order, which also makes a run restartable
(``completed_lines`` tells how many records an interrupted run already wrote).
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from techtalent.core.errors import DataFileError, UserError

__all__ = [
    "Record",
    "FORMATS",
    "iter_records",
    "count_records",
    "completed_lines",
    "open_output",
    "dask_client",
    "to_line",
    "title_result",
    "extract_chunk",
    "run_local",
    "run_dask",
]

Record = tuple[str, str]  # (id, text)
ProgressFn = Callable[[str, int, int], None]
FORMATS = (".jsonl", ".ndjson", ".csv", ".parquet")
_worker_lock = threading.Lock()
_worker_extractors: dict[tuple[str, bool], Any] = {}

csv.field_size_limit(50_000_000)


def to_line(result: dict[str, Any]) -> str:
    """One JSON line of a result, byte-identical for equal results."""
    return json.dumps(result, ensure_ascii=False)


def title_result(title_id: str, matches: Iterable[Any]) -> dict[str, Any]:
    """The JSON form of a normalised title: {"id", "concepts": [{"uri", "label", "score"}]}."""
    return {"id": title_id, "concepts": [{"uri": m.uri, "label": m.label, "score": m.score} for m in matches]}


def _iter_jsonl(path: Path, id_column: str, text_column: str) -> Iterator[Record]:
    with path.open(encoding="utf-8", errors="strict") as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataFileError(str(path), f"not valid JSON ({exc.msg})", line=number) from None
                if not isinstance(row, dict):
                    raise DataFileError(str(path), "expected a JSON object", line=number)
                text = row.get(text_column)
                if not isinstance(text, str):
                    raise DataFileError(str(path), "missing or not a string", line=number, field=text_column)
                doc_id = row.get(id_column)
                yield (str(number) if doc_id is None else str(doc_id)), text
        except UnicodeDecodeError:
            raise DataFileError(str(path), "is not UTF-8 text") from None


def _iter_csv(path: Path, id_column: str, text_column: str) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or text_column not in reader.fieldnames:
                found = ", ".join(reader.fieldnames or []) or "none"
                raise DataFileError(str(path), f"has no column {text_column!r} (columns: {found})")
            for number, row in enumerate(reader, start=1):
                doc_id = row.get(id_column)
                yield (str(number) if doc_id is None else doc_id), row[text_column] or ""
        except (UnicodeDecodeError, csv.Error) as exc:
            raise DataFileError(str(path), f"is not a readable UTF-8 CSV file ({exc})") from None


def _iter_parquet(path: Path, id_column: str, text_column: str) -> Iterator[Record]:
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for a damaged file
        raise DataFileError(str(path), f"is not a readable Parquet file ({exc})") from None
    names = source.schema_arrow.names
    if text_column not in names:
        raise DataFileError(str(path), f"has no column {text_column!r} (columns: {', '.join(names)})")
    columns = [text_column] + ([id_column] if id_column in names else [])
    number = 0
    for batch in source.iter_batches(columns=columns, batch_size=4096):
        data = batch.to_pydict()
        ids = data.get(id_column) if id_column in names else None
        for i, text in enumerate(data[text_column]):
            number += 1
            doc_id = ids[i] if ids is not None else None
            yield (str(number) if doc_id is None else str(doc_id)), text or ""


def iter_records(path: Path, *, id_column: str = "id", text_column: str = "text") -> Iterator[Record]:
    """(id, text) of every record of a .jsonl, .csv or .parquet file, in file order."""
    if not path.is_file():
        raise DataFileError(str(path), "does not exist or is not a file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _iter_jsonl(path, id_column, text_column)
    if suffix == ".csv":
        return _iter_csv(path, id_column, text_column)
    if suffix == ".parquet":
        return _iter_parquet(path, id_column, text_column)
    raise DataFileError(
        str(path), f"cannot read {suffix or 'a file without suffix'}; use {', '.join(FORMATS)}"
    )


def count_records(path: Path) -> int | None:
    """The number of records when cheap to know (JSON lines, Parquet), else None."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        if suffix in (".jsonl", ".ndjson", ".json"):
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
    except Exception:  # counting is only for the progress bar; reading reports real problems
        return None
    return None


def completed_lines(path: Path) -> int:
    """Complete lines in an output file of an interrupted run; a torn last line is cut off."""
    if not path.exists():
        return 0
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with path.open("r+b") as handle:
            handle.truncate(keep)
    return data[:keep].count(b"\n")


@contextmanager
def open_output(path: Path, source: Path, resume: bool) -> Iterator[tuple[TextIO, int]]:
    """The output file (appended to when resuming) and the number of records it already holds."""
    if path.resolve() == source.resolve():
        raise UserError(f"--out {path} would overwrite the input; choose another file")
    done = completed_lines(path) if resume else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if resume else "w", encoding="utf-8") as handle:
        yield handle, done


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client: to the scheduler at ``scheduler``, else to a local cluster of worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # the scheduler's chatter would reach Django's root log handler
    try:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.CRITICAL,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    finally:
        quiet.setLevel(level)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _worker_extractor(lexicon_path: str, semantic: bool) -> Any:
    with _worker_lock:
        found = _worker_extractors.get((lexicon_path, semantic))
        if found is None:
            from techtalent.extraction.engine import Extractor
            from techtalent.extraction.lexicon_cache import load_lexicon

            path = Path(lexicon_path)
            if not path.exists():
                raise FileNotFoundError(
                    f"{path}: lexicon cache not found on this worker; share the cache folder"
                )
            lexicon = load_lexicon(path)
            from techtalent.extraction.engine import TitleNormaliser
            from techtalent.extraction.lexicon_cache import load_requirements, requirements_file

            # as the server reads a vacancy's title: the same normaliser and occupation–skill relations
            needs = load_requirements(requirements_file(path))
            titles = TitleNormaliser(lexicon) if needs is not None else None
            if semantic:
                from techtalent.extraction.dense_cache import load_index
                from techtalent.extraction.offline import encoder

                model = encoder()
                dense = load_index(path.parent, lexicon.version, lexicon.concepts, model.name)
                from techtalent.extraction.cooccurrence import cached_cooccurrence, cooccurrence_file
                from techtalent.extraction.dictionary import bridged
                from techtalent.extraction.lexicon_cache import load_translator, translator_file

                # as the server reads Dutch: the same lexicon, dictionary and sense counts, from the cache
                senses = cooccurrence_file(path)
                translator = bridged(
                    load_translator(translator_file(path)),
                    cooccurrence=cached_cooccurrence(senses) if senses.exists() else None,
                )
                found = Extractor(
                    lexicon,
                    encoder=model,
                    dense=dense,
                    translator=translator,
                    titles=titles,
                    requirements=needs,
                )
            else:
                found = Extractor(lexicon, titles=titles, requirements=needs)
            _worker_extractors[lexicon_path, semantic] = found
        return found


def extract_chunk(
    lexicon_path: str, records: Sequence[Record], lang: str, semantic: bool = False, top: int = 10
) -> list[str]:
    """Extract from a chunk of records with the lexicon at ``lexicon_path`` (runs on a Dask worker)."""
    from techtalent.extraction.engine import extract_many

    engine = _worker_extractor(lexicon_path, semantic)
    return [to_line(r.to_dict()) for r in extract_many(engine, list(records), lang=lang, top=top)]


def run_local(
    records: Iterable[Record],
    convert: Callable[[str, str], dict[str, Any]],
    out: TextIO,
    *,
    progress: ProgressFn | None = None,
    total: int | None = None,
    start: int = 0,
    convert_many: Callable[[list[Record]], list[dict[str, Any]]] | None = None,
    chunk_size: int = 50,
) -> int:
    """Convert each record in this process and write one JSON line each; returns the number written.

    With ``convert_many`` records are converted ``chunk_size`` at a time (one encoder call per chunk).
    """
    written = 0
    for chunk in _chunks(records, chunk_size):
        results = convert_many(chunk) if convert_many is not None else [convert(*r) for r in chunk]
        out.write("".join(to_line(result) + "\n" for result in results))
        written += len(chunk)
        if progress:
            out.flush()
            progress("extracting", start + written, total or 0)
    out.flush()
    if progress:
        progress("done", start + written, total or start + written)
    return written


def run_dask(
    records: Iterable[Record],
    *,
    client: Any,
    lexicon_path: Path,
    out: TextIO,
    lang: str = "auto",
    semantic: bool = False,
    top: int = 10,
    chunk_size: int = 200,
    progress: ProgressFn | None = None,
    total: int | None = None,
    start: int = 0,
    display: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> int:
    """Extract on the cluster behind ``client`` in chunks, writing results in input order as they arrive.

    ``display`` adds what the workers cannot (they have no taxonomy database): the shown names."""
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers + 2  # chunks in flight: enough to keep every worker busy, bounded memory
    chunks = enumerate(_chunks(records, chunk_size))
    index_of: dict[Any, int] = {}
    finished: dict[int, list[str]] = {}
    next_index = written = 0

    def submit() -> Any | None:
        item = next(chunks, None)
        if item is None:
            return None
        index, chunk = item
        future = client.submit(extract_chunk, str(lexicon_path), chunk, lang, semantic, top, pure=False)
        index_of[future] = index
        return future

    queue = as_completed([f for f in (submit() for _ in range(window)) if f is not None])
    for future in queue:
        finished[index_of.pop(future)] = future.result()
        future.release()
        while next_index in finished:
            lines = finished.pop(next_index)
            if display is not None:
                lines = [to_line(display(json.loads(line))) for line in lines]
            out.write("".join(line + "\n" for line in lines))
            written += len(lines)
            next_index += 1
        out.flush()
        if progress:
            progress("extracting", start + written, total or 0)
        if (following := submit()) is not None:
            queue.add(following)
    if progress:
        progress("done", start + written, total or start + written)
    return written
