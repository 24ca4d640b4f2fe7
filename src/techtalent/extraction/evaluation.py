"""Evaluation of concept extraction and title normalisation against hand-labelled dev sets.

Extraction is scored over (document, URI) pairs, micro-averaged: every gold URI of every document is one
positive, every predicted URI one prediction. A document with empty gold (boilerplate, negation, no skill
stated) therefore adds no positives: each URI predicted for it counts as a false positive, so it lowers
precision only; it is left out of R-Precision@5, which is undefined without gold. A document without an
entry in the predictions counts as predicting nothing.

Precision, recall and F1 score the accepted ``concepts``; the ranking metrics score ``ranking`` (the best
K whatever the threshold; the concepts themselves when a prediction has no ranking). R-Precision@K per
document with gold G and ranked predictions P is |P[:k] ∩ G| / k with k = min(K, |G|), for K = 5 and 10;
MRR is 1 / the rank of the first gold URI (0 when none is ranked); all averaged over documents with gold.
Titles are scored by accuracy@1 (the first prediction is one of the acceptable URIs) and mean reciprocal
rank (1 / rank of the first acceptable URI, 0 when none is found).

Pure Python: no Django, no engine import; `predict` takes any object with an ``extract`` method.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "GoldDoc",
    "GoldTitle",
    "GoldFormatError",
    "Scores",
    "Report",
    "TitleScores",
    "load_gold",
    "load_gold_titles",
    "load_predictions",
    "load_rankings",
    "predict_ranked",
    "evaluate",
    "uri_kind",
    "evaluate_titles",
    "format_report",
    "format_title_scores",
    "predict",
    "predict_titles",
    "R_PRECISION_CUTOFF",
]

R_PRECISION_CUTOFF = 5
LANGS = ("nl", "en")


class GoldFormatError(ValueError):
    """A gold or prediction file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class GoldDoc:
    """One labelled text: the ESCO URIs a careful annotator assigns to it."""

    id: str
    lang: str
    text: str
    uris: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class GoldTitle:
    """One job title and the ESCO occupation URIs that are acceptable answers."""

    id: str
    title: str
    uris: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    """Micro precision/recall/F1 over (document, URI) pairs and mean R-Precision@5 for one slice."""

    docs: int
    docs_with_gold: int
    gold: int
    predicted: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    r_precision: float
    r_precision_10: float = 0.0
    mrr: float = 0.0


@dataclass(frozen=True)
class Report:
    """Scores overall and per language."""

    overall: Scores
    by_lang: dict[str, Scores] = field(default_factory=dict)
    kinds: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TitleScores:
    """Accuracy@1 and mean reciprocal rank of title normalisation."""

    titles: int
    accuracy_at_1: float
    mrr: float


class _Extractor(Protocol):
    def extract(self, text: str, *, lang: str = ..., doc_id: str | None = ..., top: int = ...) -> Any: ...


class _Normaliser(Protocol):
    def normalise(self, title: str, *, lang: str = ..., top: int = ...) -> Sequence[Any]: ...


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{path}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise GoldFormatError(f"{path}:{number}: expected a JSON object")
            yield number, record


def _field(path: Path, number: int, record: dict[str, Any], name: str, kind: type) -> Any:
    if name not in record:
        raise GoldFormatError(f"{path}:{number}: missing field {name!r}")
    value: Any = record[name]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise GoldFormatError(f"{path}:{number}: field {name!r} must be a non-empty {kind.__name__}")
    return value


def _uris(path: Path, number: int, record: dict[str, Any]) -> tuple[str, ...]:
    uris = _field(path, number, record, "uris", list)
    for uri in uris:
        if not isinstance(uri, str) or not uri.startswith("http"):
            raise GoldFormatError(f"{path}:{number}: {uri!r} in 'uris' is not a concept URI")
    if len(set(uris)) != len(uris):
        raise GoldFormatError(f"{path}:{number}: 'uris' lists a URI twice")
    return tuple(uris)


def _unique(path: Path, number: int, seen: set[str], doc_id: str) -> None:
    if doc_id in seen:
        raise GoldFormatError(f"{path}:{number}: id {doc_id!r} is used twice")
    seen.add(doc_id)


def load_gold(path: Path | str, *, lang: str | None = None) -> list[GoldDoc]:
    """Read and validate an extraction dev set (JSON lines with id, lang, text, uris, source).

    ``lang`` is the language of lines that have no "lang" field (the English benchmark files have none).
    """
    path = Path(path)
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    default = lang
    for number, record in _read_jsonl(path):
        doc_id = _field(path, number, record, "id", str)
        _unique(path, number, seen, doc_id)
        if default is not None and "lang" not in record:
            record = {**record, "lang": default}
        lang = _field(path, number, record, "lang", str)
        if lang not in LANGS:
            raise GoldFormatError(f"{path}:{number}: lang {lang!r} is not one of {', '.join(LANGS)}")
        text = _field(path, number, record, "text", str)
        source = record.get("source", "")
        if not isinstance(source, str):
            raise GoldFormatError(f"{path}:{number}: field 'source' must be a string")
        docs.append(GoldDoc(doc_id, lang, text, _uris(path, number, record), source))
    return docs


def load_gold_titles(path: Path | str) -> list[GoldTitle]:
    """Read and validate a title dev set (JSON lines with id, title and one or more acceptable uris)."""
    path = Path(path)
    titles: list[GoldTitle] = []
    seen: set[str] = set()
    for number, record in _read_jsonl(path):
        title_id = _field(path, number, record, "id", str)
        _unique(path, number, seen, title_id)
        uris = _uris(path, number, record)
        if not uris:
            raise GoldFormatError(f"{path}:{number}: a title needs at least one acceptable URI")
        titles.append(GoldTitle(title_id, _field(path, number, record, "title", str), uris))
    return titles


def load_predictions(path: Path | str, *, key: str = "concepts") -> dict[str, list[str]]:
    """Read predictions as JSON lines: `{"id", "uris": [...]}` or an extraction result with `concepts`."""
    path = Path(path)
    predictions: dict[str, list[str]] = {}
    for number, record in _read_jsonl(path):
        doc_id = _field(path, number, record, "id", str)
        if key in record or "concepts" in record:
            concepts = _field(path, number, record, key if key in record else "concepts", list)
            uris = [c["uri"] for c in concepts if isinstance(c, dict) and isinstance(c.get("uri"), str)]
        else:
            uris = list(_uris(path, number, record))
        predictions[doc_id] = uris
    return predictions


def load_rankings(path: Path | str) -> dict[str, list[str]]:
    """Read the ``ranking`` of each extraction result (its ``concepts`` when it has none)."""
    return load_predictions(path, key="ranking")


def _dedupe(ranked: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ranked))


def _ranked_scores(expected: set[str], ranked: list[str]) -> tuple[float, float, float]:
    """R-Precision@5, R-Precision@10 and reciprocal rank of one document."""
    out = []
    for k in (R_PRECISION_CUTOFF, 10):
        cutoff = min(k, len(expected))
        out.append(len(expected.intersection(ranked[:cutoff])) / cutoff)
    rank = next((i for i, uri in enumerate(ranked, start=1) if uri in expected), None)
    return out[0], out[1], 1.0 / rank if rank else 0.0


def _scores(
    gold: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[str]],
    keep: Callable[[str], bool],
    ranking: Mapping[str, Sequence[str]] | None = None,
) -> Scores:
    n_gold = n_predicted = hits = 0
    ranked_scores: list[tuple[float, float, float]] = []
    for doc in gold:
        expected = {uri for uri in doc.uris if keep(uri)}
        accepted = [uri for uri in _dedupe(predictions.get(doc.id, ())) if keep(uri)]
        n_gold += len(expected)
        n_predicted += len(accepted)
        hits += len(expected.intersection(accepted))
        if expected:
            source = ranking.get(doc.id, ()) if ranking is not None else accepted
            ranked = [uri for uri in _dedupe(source) if keep(uri)]
            ranked_scores.append(_ranked_scores(expected, ranked))
    precision = hits / n_predicted if n_predicted else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(ranked_scores)
    rp5, rp10, mrr = (sum(column) / n for column in zip(*ranked_scores, strict=True)) if n else (0.0,) * 3
    return Scores(len(gold), n, n_gold, n_predicted, hits, precision, recall, f1, rp5, rp10, mrr)


def uri_kind(uri: str) -> str:
    """The kind of an ESCO concept read from its URI path (skill, occupation, isco); "" if not ESCO."""
    rest = uri.partition("/esco/")[2]
    return rest.split("/", 1)[0] if rest and "/" in rest else ""


def evaluate(
    gold: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[str]],
    *,
    kinds: Iterable[str] | None = None,
    kind_of: Callable[[str], str] = uri_kind,
    ranking: Mapping[str, Sequence[str]] | None = None,
) -> Report:
    """Score accepted predictions {doc id: [uri, ...]} (and a ``ranking`` of the same shape) against gold.

    With ``kinds`` (e.g. ``{"skill"}``) gold and predictions are both restricted to concepts of those kinds;
    ``kind_of`` tells a URI's kind (by default from the ESCO URI path).
    """
    kept = frozenset(kinds) if kinds is not None else None

    def keep(uri: str) -> bool:
        return kept is None or kind_of(uri) in kept

    by_lang = {
        lang: _scores([d for d in gold if d.lang == lang], predictions, keep, ranking)
        for lang in LANGS
        if any(d.lang == lang for d in gold)
    }
    return Report(
        _scores(gold, predictions, keep, ranking), by_lang, tuple(sorted(kept)) if kept is not None else None
    )


def evaluate_titles(gold: Sequence[GoldTitle], predictions: Mapping[str, Sequence[str]]) -> TitleScores:
    """Accuracy@1 and MRR of ranked occupation predictions {title id: [uri, ...]}."""
    if not gold:
        return TitleScores(0, 0.0, 0.0)
    correct = 0
    reciprocal = 0.0
    for title in gold:
        ranked = _dedupe(predictions.get(title.id, ()))
        acceptable = set(title.uris)
        if ranked and ranked[0] in acceptable:
            correct += 1
        rank = next((i for i, uri in enumerate(ranked, start=1) if uri in acceptable), None)
        reciprocal += 1.0 / rank if rank else 0.0
    return TitleScores(len(gold), correct / len(gold), reciprocal / len(gold))


def predict(extractor: _Extractor, gold: Iterable[GoldDoc]) -> dict[str, list[str]]:
    """Run an extractor over every gold text in its own language and return ranked URIs per id."""
    predictions: dict[str, list[str]] = {}
    for doc in gold:
        result = extractor.extract(doc.text, lang=doc.lang, doc_id=doc.id)
        concepts = result.to_dict()["concepts"] if hasattr(result, "to_dict") else result["concepts"]
        predictions[doc.id] = [concept["uri"] for concept in concepts]
    return predictions


def predict_ranked(
    extractor: _Extractor, gold: Iterable[GoldDoc], *, top: int = 10
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Accepted concepts and the top-``top`` ranking of an extractor for every gold text, by id."""
    concepts: dict[str, list[str]] = {}
    ranking: dict[str, list[str]] = {}
    for doc in gold:
        result = extractor.extract(doc.text, lang=doc.lang, doc_id=doc.id, top=top)
        data = result.to_dict() if hasattr(result, "to_dict") else result
        concepts[doc.id] = [concept["uri"] for concept in data["concepts"]]
        ranking[doc.id] = [concept["uri"] for concept in data.get("ranking", data["concepts"])]
    return concepts, ranking


def predict_titles(
    normaliser: _Normaliser, gold: Iterable[GoldTitle], *, top: int = 10
) -> dict[str, list[str]]:
    """Run a title normaliser over every gold title (Dutch) and return ranked occupation URIs per id."""
    return {t.id: [match.uri for match in normaliser.normalise(t.title, lang="nl", top=top)] for t in gold}


def _row(name: str, scores: Scores) -> str:
    return (
        f"{name:<6}{scores.docs:>5}{scores.docs_with_gold:>7}{scores.gold:>6}{scores.predicted:>6}"
        f"{scores.true_positives:>5}{scores.precision:>7.3f}{scores.recall:>7.3f}{scores.f1:>7.3f}"
        f"{scores.r_precision:>7.3f}{scores.r_precision_10:>7.3f}{scores.mrr:>7.3f}"
    )


def format_report(report: Report) -> str:
    """A plain-text table of the report: one row per language and one overall."""
    header = (
        f"{'slice':<6}{'docs':>5}{'w/gold':>7}{'gold':>6}{'pred':>6}{'tp':>5}"
        f"{'P':>7}{'R':>7}{'F1':>7}{'RP@5':>7}{'RP@10':>7}{'MRR':>7}"
    )
    lines = [header, "-" * len(header)]
    lines += [_row(lang, scores) for lang, scores in report.by_lang.items()]
    lines.append(_row("all", report.overall))
    if report.kinds is not None:
        lines.append(f"(kinds: {', '.join(report.kinds)})")
    return "\n".join(lines)


def format_title_scores(scores: TitleScores) -> str:
    """One line with the title figures."""
    return f"titles {scores.titles}  acc@1 {scores.accuracy_at_1:.3f}  MRR {scores.mrr:.3f}"
