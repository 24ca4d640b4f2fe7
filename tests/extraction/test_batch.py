"""Batch extraction: JSONL, CSV and Parquet inputs; a Dask cluster gives exactly the in-process results."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from techtalent.core.errors import DataFileError
from techtalent.extraction.batch import completed_lines, count_records, iter_records, run_dask, run_local
from tests.extraction.conftest import URI, VACANCY_EN, VACANCY_NL

TEXTS = [
    VACANCY_NL,
    VACANCY_EN,
    "Elektricien gezocht. Je leest elektrische schema's en installeert stopcontacten.",
    "",
    "CNC-operator: je programmeert de CNC-besturing en werkt veilig met machines.",
    "Data scientist with statistics, machine learning and cloud computing.",
    "Geen ervaring met lassen nodig; je leert TIG-lassen bij ons.",
    "Lorem ipsum dolor sit amet.",
]


def records(n: int = 40) -> list[tuple[str, str]]:
    return [(f"doc-{i}", TEXTS[i % len(TEXTS)] + ("" if i < len(TEXTS) else f" ({i})")) for i in range(n)]


@pytest.mark.django_db
def test_a_local_dask_cluster_gives_exactly_the_in_process_results(toy: Path) -> None:
    from distributed import Client, LocalCluster

    from techtalent.extraction import services

    engine = services.extractor()
    local = io.StringIO()
    run_local(
        records(), lambda doc_id, text: engine.extract(text, lang="auto", doc_id=doc_id).to_dict(), local
    )

    path = services.lexicon_path()
    assert path.exists()  # the workers get this path, never the lexicon object
    distributed = io.StringIO()
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        written = run_dask(
            records(),
            client=client,
            lexicon_path=path,
            out=distributed,
            chunk_size=3,
            semantic=engine.semantic,
        )
        workers_used = client.run(lambda: __import__("os").getpid())
    assert written == 40 and len(set(workers_used.values())) == 2

    assert distributed.getvalue() == local.getvalue()
    rows = [json.loads(line) for line in distributed.getvalue().splitlines()]
    assert [r["id"] for r in rows] == [f"doc-{i}" for i in range(40)]
    assert URI["mag_welding"] in {c["uri"] for c in rows[0]["concepts"]}
    assert sum(len(r["concepts"]) for r in rows) > 40
    # The semantic path ran on the workers too: English texts carry dense similarities.
    assert engine.semantic and any("similarity" in c["evidence"] for r in rows for c in r["ranking"])


@pytest.mark.django_db
def test_the_dask_command_reads_csv_and_writes_jsonl_in_input_order(toy: Path, tmp_path: Path) -> None:
    from techtalent.cli import app

    source = tmp_path / "vacatures.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["vacature_id", "omschrijving"])
        writer.writerows(records(12))
    target = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "extract",
            "dask",
            str(source),
            "--out",
            str(target),
            "--workers",
            "1",
            "--text-column",
            "omschrijving",
            "--id-column",
            "vacature_id",
            "--chunk-size",
            "5",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"doc-{i}" for i in range(12)]
    assert URI["mag_welding"] in {c["uri"] for c in rows[0]["concepts"]}
    assert all("display_label" in c for r in rows for c in [*r["concepts"], *r["ranking"]])
    # The same lines, shown names included, as the in-process batch of `extract text --batch`.
    source_jsonl = tmp_path / "vacatures.jsonl"
    source_jsonl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records(12)))
    in_process = tmp_path / "in-process.jsonl"
    batch = ["extract", "text", "--batch", str(source_jsonl), "--out", str(in_process)]
    assert CliRunner().invoke(app, batch).exit_code == 0
    assert in_process.read_text() == target.read_text()


@pytest.mark.django_db
def test_the_dask_command_names_a_missing_column(toy: Path, tmp_path: Path) -> None:
    from techtalent.cli import app

    source = tmp_path / "in.csv"
    source.write_text("id,body\n1,lassen\n")
    result = CliRunner().invoke(app, ["extract", "dask", str(source), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "has no column 'text' (columns: id, body)" in " ".join(result.stderr.split())


def test_jsonl_csv_and_parquet_give_the_same_records(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = records(9)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    with (tmp_path / "in.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([("id", "text"), *rows])
    pq.write_table(
        pa.table({"id": [i for i, _ in rows], "text": [t for _, t in rows]}), tmp_path / "in.parquet"
    )
    for name in ("in.jsonl", "in.csv", "in.parquet"):
        assert list(iter_records(tmp_path / name)) == rows, name
    assert count_records(tmp_path / "in.jsonl") == count_records(tmp_path / "in.parquet") == 9
    assert count_records(tmp_path / "in.csv") is None


def test_records_without_an_id_are_numbered(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert list(iter_records(tmp_path / "in.jsonl")) == [("1", "a"), ("3", "b")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("in.jsonl", '{"id": 1, "text": "a"}\n[1, 2]\n', "line 2: expected a JSON object"),
        ("in.jsonl", '{"id": 1, "body": "a"}\n', "line 1, field 'text': missing or not a string"),
        ("in.jsonl", b"\xff\xfe\x00", "is not UTF-8 text"),
        ("in.parquet", b"PAR1 not really", "is not a readable Parquet file"),
        ("in.xlsx", b"PK", "cannot read .xlsx"),
    ],
)
def test_bad_batch_files_name_file_and_line(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DataFileError, match=message):
        list(iter_records(path))


def test_completed_lines_cuts_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert completed_lines(path) == 0
    path.write_text('{"id": 1}\n{"id": 2}\n{"id"')
    assert completed_lines(path) == 2
    assert path.read_text() == '{"id": 1}\n{"id": 2}\n'
