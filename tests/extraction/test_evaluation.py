"""Metric maths, gold-file validation and the shipped dev sets (pure pytest: no Django needed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from techtalent.extraction.evaluation import (
    GoldDoc,
    GoldFormatError,
    GoldTitle,
    evaluate,
    evaluate_titles,
    format_report,
    format_title_scores,
    load_gold,
    load_gold_titles,
    load_predictions,
    predict,
    predict_titles,
    uri_kind,
)

ROOT = Path(__file__).resolve().parents[2]
DEVSETS = ROOT / "bench" / "devsets"
ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"

S = "http://data.europa.eu/esco/skill/"
OCC = "http://data.europa.eu/esco/occupation/"


@pytest.fixture(autouse=True)
def _private_cache() -> None:
    """Shadows the package's Django cache fixture: these tests use no cache and must run without Django."""


def doc(doc_id: str, lang: str, *uris: str) -> GoldDoc:
    return GoldDoc(doc_id, lang, "text", tuple(uris))


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_micro_scores_count_document_uri_pairs():
    gold = [doc("a", "nl", S + "1", S + "2", S + "3"), doc("b", "nl", S + "4")]
    predictions = {"a": [S + "1", S + "9", S + "2"], "b": [S + "8"]}
    scores = evaluate(gold, predictions).overall
    # 2 hits of 4 predictions, 2 hits of 4 gold pairs
    assert (scores.true_positives, scores.predicted, scores.gold) == (2, 4, 4)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(0.5)


def test_f1_is_the_harmonic_mean_of_precision_and_recall():
    gold = [doc("a", "en", S + "1", S + "2", S + "3", S + "4")]
    scores = evaluate(gold, {"a": [S + "1"]}).overall
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(0.25)
    assert scores.f1 == pytest.approx(2 * 1.0 * 0.25 / 1.25)


def test_r_precision_cuts_at_the_smaller_of_five_and_the_gold_size():
    gold = [
        doc("two", "en", S + "1", S + "2"),  # k = 2: top-2 holds one hit -> 0.5
        doc("seven", "en", *(S + str(i) for i in range(7))),  # k = 5: top-5 holds three hits -> 0.6
    ]
    predictions = {
        "two": [S + "1", S + "x", S + "2"],
        "seven": [S + "0", S + "x", S + "1", S + "y", S + "2", S + "3"],
    }
    scores = evaluate(gold, predictions).overall
    assert scores.r_precision == pytest.approx((0.5 + 0.6) / 2)


def test_documents_with_empty_gold_lower_precision_only_and_skip_r_precision():
    gold = [doc("a", "nl", S + "1"), doc("empty", "nl")]
    scores = evaluate(gold, {"a": [S + "1"], "empty": [S + "2", S + "3"]}).overall
    assert scores.recall == 1.0
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.docs == 2 and scores.docs_with_gold == 1
    assert scores.r_precision == 1.0


def test_a_missing_prediction_counts_as_predicting_nothing():
    scores = evaluate([doc("a", "en", S + "1")], {}).overall
    assert (scores.precision, scores.recall, scores.f1, scores.r_precision) == (0.0, 0.0, 0.0, 0.0)


def test_duplicate_predictions_count_once_at_their_best_rank():
    scores = evaluate([doc("a", "en", S + "1")], {"a": [S + "1", S + "1"]}).overall
    assert (scores.predicted, scores.precision) == (1, 1.0)


def test_scores_are_reported_per_language_and_overall():
    gold = [doc("n", "nl", S + "1"), doc("e", "en", S + "2")]
    report = evaluate(gold, {"n": [S + "1"], "e": [S + "3"]})
    assert report.by_lang["nl"].f1 == 1.0
    assert report.by_lang["en"].f1 == 0.0
    assert report.overall.f1 == pytest.approx(0.5)


def test_kinds_restrict_gold_and_predictions_alike():
    gold = [doc("a", "en", S + "1", OCC + "1")]
    predictions = {"a": [OCC + "1", S + "2"]}
    skills = evaluate(gold, predictions, kinds={"skill"}).overall
    occupations = evaluate(gold, predictions, kinds={"occupation"}).overall
    assert (skills.gold, skills.predicted, skills.true_positives) == (1, 1, 0)
    assert (occupations.gold, occupations.predicted, occupations.true_positives) == (1, 1, 1)
    assert uri_kind(OCC + "abc") == "occupation" and uri_kind("urn:other") == ""


def test_title_accuracy_at_one_and_mean_reciprocal_rank():
    gold = [GoldTitle("t1", "Lasser", (OCC + "a",)), GoldTitle("t2", "CNC-frezer", (OCC + "b", OCC + "c"))]
    predictions = {"t1": [OCC + "x", OCC + "a"], "t2": [OCC + "c"]}
    scores = evaluate_titles(gold, predictions)
    assert scores.accuracy_at_1 == pytest.approx(0.5)
    assert scores.mrr == pytest.approx((1 / 2 + 1) / 2)


def test_a_title_without_an_acceptable_answer_scores_zero_reciprocal_rank():
    scores = evaluate_titles([GoldTitle("t", "Monteur", (OCC + "a",))], {"t": [OCC + "b"]})
    assert (scores.accuracy_at_1, scores.mrr) == (0.0, 0.0)


def test_format_report_prints_a_row_per_language_and_overall():
    table = format_report(evaluate([doc("n", "nl", S + "1"), doc("e", "en", S + "2")], {"n": [S + "1"]}))
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["slice", "docs"]
    assert [line.split()[0] for line in lines[2:]] == ["nl", "en", "all"]
    titles = [GoldTitle("t1", "x", (OCC + "a",)), GoldTitle("t2", "y", (OCC + "b",))]
    assert "acc@1 0.500" in format_title_scores(evaluate_titles(titles, {"t1": [OCC + "a"]}))


def test_load_gold_reads_a_valid_file(tmp_path):
    path = write_lines(
        tmp_path / "gold.jsonl",
        json.dumps({"id": "1", "lang": "nl", "text": "Je last.", "uris": [S + "1"], "source": "written"}),
        "",
        json.dumps({"id": "2", "lang": "en", "text": "Nothing here.", "uris": []}),
    )
    assert load_gold(path) == [
        GoldDoc("1", "nl", "Je last.", (S + "1",), "written"),
        GoldDoc("2", "en", "Nothing here.", ()),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('{"lang": "nl", "text": "x", "uris": []}', "missing field 'id'"),
        ('{"id": "2", "lang": "de", "text": "x", "uris": []}', "lang 'de'"),
        ('{"id": "2", "lang": "nl", "text": "", "uris": []}', "'text' must be a non-empty str"),
        ('{"id": "2", "lang": "nl", "text": "x", "uris": "http://x"}', "'uris' must be a non-empty list"),
        ('{"id": "2", "lang": "nl", "text": "x", "uris": ["skill-1"]}', "is not a concept URI"),
        ('{"id": "1", "lang": "nl", "text": "x", "uris": []}', "id '1' is used twice"),
    ],
)
def test_gold_file_errors_name_the_line(tmp_path, line, message):
    good = json.dumps({"id": "1", "lang": "nl", "text": "x", "uris": []})
    path = write_lines(tmp_path / "gold.jsonl", good, line)
    with pytest.raises(GoldFormatError, match=rf"gold\.jsonl:2: .*{message}"):
        load_gold(path)


def test_title_gold_needs_an_acceptable_uri(tmp_path):
    path = write_lines(tmp_path / "titles.jsonl", json.dumps({"id": "t", "title": "Lasser", "uris": []}))
    with pytest.raises(GoldFormatError, match=r"titles\.jsonl:1: .*at least one"):
        load_gold_titles(path)


def test_predictions_load_from_uri_lists_and_from_extraction_results(tmp_path):
    path = write_lines(
        tmp_path / "pred.jsonl",
        json.dumps({"id": "a", "uris": [S + "1"]}),
        json.dumps({"id": "b", "lang": "nl", "concepts": [{"uri": S + "2", "score": 0.9}]}),
    )
    assert load_predictions(path) == {"a": [S + "1"], "b": [S + "2"]}


class _FakeResult:
    def __init__(self, uris: list[str]):
        self.uris = uris

    def to_dict(self) -> dict[str, object]:
        return {"id": None, "lang": "nl", "concepts": [{"uri": uri} for uri in self.uris]}


class _FakeExtractor:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    def extract(self, text: str, *, lang: str = "auto", doc_id: str | None = None) -> _FakeResult:
        self.calls.append((text, lang, doc_id))
        return _FakeResult([S + "1"] if "last" in text else [])


class _FakeMatch:
    def __init__(self, uri: str):
        self.uri = uri


class _FakeNormaliser:
    def normalise(self, title: str, *, lang: str = "nl", top: int = 10) -> list[_FakeMatch]:
        return [_FakeMatch(OCC + title.lower())][:top]


def test_predict_runs_the_extractor_in_each_documents_language():
    extractor = _FakeExtractor()
    gold = [GoldDoc("1", "nl", "Je last.", ()), GoldDoc("2", "en", "Nothing.", ())]
    assert predict(extractor, gold) == {"1": [S + "1"], "2": []}
    assert extractor.calls == [("Je last.", "nl", "1"), ("Nothing.", "en", "2")]
    assert predict_titles(_FakeNormaliser(), [GoldTitle("t", "Lasser", (OCC + "lasser",))]) == {
        "t": [OCC + "lasser"]
    }


@pytest.mark.parametrize("name", ["extraction_nl.jsonl", "extraction_en.jsonl"])
def test_shipped_extraction_dev_sets_are_valid_and_large_enough(name):
    docs = load_gold(DEVSETS / name)
    lang = name.split("_")[1].split(".")[0]
    assert len(docs) >= 150
    assert {d.lang for d in docs} == {lang}
    assert any(not d.uris for d in docs), "the dev set should contain texts without skills"
    written = sum(d.source == "written" for d in docs)
    assert written < len(docs) / 2, "written sentences must stay a minority"


def test_shipped_title_dev_set_is_valid_and_large_enough():
    titles = load_gold_titles(DEVSETS / "titles_nl.jsonl")
    assert len(titles) >= 100
    assert all(uri_kind(uri) == "occupation" for t in titles for uri in t.uris)


def _esco_uris(kind_file: str) -> set[str]:
    with (ESCO / "en" / kind_file).open(encoding="utf-8", newline="") as handle:
        return {row["conceptUri"] for row in csv.DictReader(handle)}


@pytest.mark.realdata
@pytest.mark.skipif(not ESCO.is_dir(), reason="the real ESCO CSVs in ../shared/data/esco are absent")
def test_every_dev_set_uri_exists_in_the_real_esco_classification():
    known = _esco_uris("skills_en.csv") | _esco_uris("occupations_en.csv")
    used = {
        uri
        for name in ("extraction_nl.jsonl", "extraction_en.jsonl")
        for d in load_gold(DEVSETS / name)
        for uri in d.uris
    }
    used |= {uri for t in load_gold_titles(DEVSETS / "titles_nl.jsonl") for uri in t.uris}
    assert sorted(used - known) == []
