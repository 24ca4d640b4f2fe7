"""`techtalent extract …` on the toy taxonomy: files, batches, titles, evaluation; one red line if bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from techtalent.cli import app
from tests.extraction.conftest import DOCUMENTS, URI, VACANCY_EN, VACANCY_NL

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    # A wide terminal: rich would otherwise wrap tables (and long file paths in titles) at 80 columns.
    result = CliRunner().invoke(app, ["extract", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_text_prints_a_table_with_dutch_labels(toy: Path, tmp_path: Path) -> None:
    code, out, _ = run("text", str(DOCUMENTS / "vacature-lasser.pdf"))
    assert code == 0, out
    assert "vacature-lasser.pdf — nl" in out and "MAG-lassen" in out
    assert "uitvoeren" in out  # the display label "MAG-lassen uitvoeren"


def test_text_json_is_one_result_per_document_ranked_by_score(toy: Path, tmp_path: Path) -> None:
    en = tmp_path / "vacancy.txt"
    en.write_text(VACANCY_EN)
    code, out, _ = run("text", str(DOCUMENTS / "vacature-lasser.pdf"), str(en), "--json")
    assert code == 0, out
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"].endswith("vacature-lasser.pdf") and first["lang"] == "nl"
    assert URI["mag_welding"] in {c["uri"] for c in first["concepts"]}
    assert second["lang"] == "en"
    assert set(first["concepts"][0]) == {"uri", "kind", "label", "spans", "score", "evidence"} | {
        "display_label",
        "display_lang",
        "display_derived",
        "display_original",
    }
    scores = [c["score"] for c in first["concepts"]]
    assert scores == sorted(scores, reverse=True)


def test_text_labels_option_shows_english_labels(toy: Path) -> None:
    code, out, _ = run("text", str(DOCUMENTS / "vacature-lasser.pdf"), "--labels", "en")
    assert code == 0 and "perform" in out and "uitvoeren" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["text", str(DOCUMENTS / "kapot.docx")], "not a readable Word"),
        (["text", str(DOCUMENTS / "scan-zonder-tekstlaag.pdf")], "no text layer"),
        (["text", str(DOCUMENTS / "binair.txt")], "binary file"),
        (["text", "nergens.txt"], "cannot be read"),
        (["text", str(DOCUMENTS / "vacature-lasser.pdf"), "--lang", "de"], "unsupported language 'de'"),
        (["text"], "give one or more files"),
        (["text", "--batch", "in.jsonl"], "--batch needs --out"),
        (["titles"], "give one or more titles"),
        (["titles", "lasser", "--lang", "auto"], "unsupported language"),
    ],
)
def test_bad_input_is_one_red_line_and_exit_2(toy: Path, args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err + out
    assert err.startswith("error:") and err.count("error:") == 1


def test_a_20_mb_text_is_refused_with_the_limit_named(toy: Path, tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    big.write_text("Ervaring met lassen. " * 1_000_000)
    code, _, err = run("text", str(big))
    assert code == 2 and "characters of text is more than the limit of 5,000,000 per document" in err


def test_a_batch_writes_one_line_per_record_in_input_order(toy: Path, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a", "text": VACANCY_NL}, {"id": 7, "text": ""}, {"text": VACANCY_EN}]
    )
    code, _, err = run("text", "--batch", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert code == 0, err
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "7", "3"]
    assert rows[1]["concepts"] == [] and rows[2]["lang"] == "en"


def test_a_batch_resumes_after_the_lines_already_written(toy: Path, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": VACANCY_NL} for i in range(5)])
    target = tmp_path / "out.jsonl"
    assert run("text", "--batch", str(source), "--out", str(target))[0] == 0
    full = target.read_text()
    lines = full.splitlines(keepends=True)
    target.write_text("".join(lines[:2]) + lines[2][:20])  # interrupted while writing the third line
    code, _, err = run("text", "--batch", str(source), "--out", str(target), "--resume")
    assert code == 0 and "after 2 kept" in err
    assert target.read_text() == full


def test_a_malformed_batch_line_names_file_and_line(toy: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "lassen"}\n{"id": "b", "text": \n')
    code, _, err = run("text", "--batch", str(source), "--out", str(tmp_path / "out.jsonl"))
    assert code == 2 and "in.jsonl, line 2: not valid JSON" in err


def test_titles_print_occupations_and_json(toy: Path) -> None:
    code, out, _ = run("titles", "lasser", "CNC operator", "--top", "3")
    assert code == 0 and "lasser" in out and "operator CNC-machine" in out
    code, out, _ = run("titles", "lasser", "--json")
    result = json.loads(out)
    assert result["id"] == "lasser" and result["concepts"][0]["uri"] == URI["welder"]
    assert set(result["concepts"][0]) == {"uri", "label", "score"}


def test_titles_batch(toy: Path, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "titles.jsonl",
        [{"id": "t1", "title": "lasser"}, {"id": "t2", "title": "software developer"}],
    )
    code, _, err = run("titles", "--batch", str(source), "--out", str(tmp_path / "out.jsonl"), "--top", "2")
    assert code == 0, err
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["t1", "t2"]
    assert rows[0]["concepts"][0]["uri"] == URI["welder"]
    assert rows[1]["concepts"][0]["uri"] == URI["software_developer"]


def test_evaluate_scores_the_engine_or_given_predictions(toy: Path, tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"id": "g1", "lang": "nl", "text": VACANCY_NL, "uris": [URI["mag_welding"], URI["tig_welding"]]},
            {"id": "g2", "lang": "en", "text": VACANCY_EN, "uris": [URI["sql"]]},
        ],
    )
    code, out, err = run("evaluate", str(gold))
    assert code == 0, err
    assert "RP@5" in out and out.splitlines()[-1].startswith("all")
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "g1", "uris": [URI["mag_welding"]]}])
    code, out, _ = run("evaluate", str(gold), "--pred", str(pred))
    assert code == 0
    assert "1.000" in out.splitlines()[-1]  # precision of the one prediction


def test_evaluate_titles_and_a_bad_gold_file(toy: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "titles.jsonl", [{"id": "t1", "title": "lasser", "uris": [URI["welder"]]}])
    code, out, _ = run("evaluate", str(gold), "--titles")
    assert code == 0 and "acc@1 1.000" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    code, _, err = run("evaluate", str(bad))
    assert code == 2 and "bad.jsonl:1" in err
