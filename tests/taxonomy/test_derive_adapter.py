"""The adapter from plain ESCO records to the derivation engine, and the FreeDict reader."""

from __future__ import annotations

import gzip
from pathlib import Path

from techtalent.taxonomy.derivation import corpus_from_records, derive_from_records, targets_from_records
from techtalent.taxonomy.freedict import dictionary_pairs
from techtalent.taxonomy.importers.esco import read_esco

S = "http://data.europa.eu/esco/skill/"
OCC = "http://data.europa.eu/esco/occupation/"
LABELS = [
    (OCC + "1", "en", "preferred", "pump mechanic"),
    (OCC + "1", "nl", "preferred", "pompmonteur"),
    (OCC + "1", "nl", "hidden", "pompmontuer"),
    (S + "1", "en", "preferred", "maintain pumps"),
    (S + "1", "nl", "preferred", "pompen onderhouden"),
    (S + "1", "nl", "alternative", "onderhoud van pompen"),
    (S + "1", "en", "alternative", "service pumps"),
    (S + "2", "en", "preferred", "repair pumps"),
    (S + "2", "en", "alternative", "fix pumps"),
]
TEXTS = {
    (OCC + "1", "en"): ("Pump mechanics maintain pumps. They repair pumps.", "", ""),
    (OCC + "1", "nl"): ("Pompmonteurs onderhouden pompen. Zij repareren pompen.", "", ""),
}
KINDS = {OCC + "1": "occupation", S + "1": "skill", S + "2": "skill"}


def test_corpus_pairs_labels_and_sentences_and_leaves_out_hidden_and_excluded_ones() -> None:
    corpus = corpus_from_records(LABELS, TEXTS, KINDS)
    assert (("pump", "mechanic"), ("pompmonteur",)) in {(p.en, p.nl) for p in corpus.pairs}
    texts = [p for p in corpus.pairs if p.kind == "text"]
    assert (("they", "repair", "pumps"), ("zij", "repareren", "pompen")) in {(p.en, p.nl) for p in texts}
    assert not any("pompmontuer" in p.nl for p in corpus.pairs)
    assert [(e.en, e.nl, e.preferred) for e in corpus.skill_labels] == [
        ("maintain pumps", "pompen onderhouden", True),
        ("service pumps", "onderhoud van pompen", False),  # the only alternative on each side
    ]
    assert "repair pumps" in corpus.english_skill_labels
    excluded = corpus_from_records(LABELS, TEXTS, KINDS, exclude={S + "1"})
    assert not excluded.skill_labels and not any(
        "onderhouden" in p.nl and len(p.nl) == 2 for p in excluded.pairs
    )


def test_targets_are_the_skills_without_an_official_dutch_label() -> None:
    targets = targets_from_records(LABELS, KINDS)
    assert [(t.uri, t.preferred_en, t.alternatives_en) for t in targets] == [
        (S + "2", "repair pumps", ("fix pumps",))
    ]
    assert {t.uri for t in targets_from_records(LABELS, KINDS, exclude={S + "1"})} == {S + "1", S + "2"}


def test_derive_from_records_gives_each_target_a_ranked_dutch_label(tmp_path: Path) -> None:
    _model, derived = derive_from_records(LABELS, TEXTS, KINDS, use_dictionary=False)
    assert {d.uri for d in derived} == {S + "2"}
    top = next(d for d in derived if d.rank == 1)
    assert "pompen" in top.text.split() and 0.0 <= top.confidence <= 1.0 and top.method


def test_derive_works_on_the_toy_export_as_the_importer_reads_it(toy_esco: Path) -> None:
    bundle = read_esco(toy_esco)
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    _model, derived = derive_from_records(bundle.labels, bundle.texts, kinds, use_dictionary=False)
    targets = targets_from_records(bundle.labels, kinds)
    assert {d.uri for d in derived} == {t.uri for t in targets}
    assert all(d.text and 1 <= d.rank <= 3 for d in derived)


def _write_dictd(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def test_freedict_entries_become_word_pairs_both_ways_and_absence_gives_none(tmp_path: Path) -> None:
    assert dictionary_pairs(tmp_path) == []
    _write_dictd(
        tmp_path / "freedict-eng-nld.dict.dz",
        "00-database-info\nThis is a test.\npump /pʌmp/\n1. pomp, pompen\n2. oppompen\n"
        "welding /weldiŋ/\nlassen\n",
    )
    _write_dictd(tmp_path / "freedict-nld-eng.dict.dz", "kantpers /kɑntpɛrs/\npress brake\n")
    pairs = {(p.en, p.nl) for p in dictionary_pairs(tmp_path)}
    assert (("pump",), ("pompen",)) in pairs and (("welding",), ("lassen",)) in pairs
    assert (("press", "brake"), ("kantpers",)) in pairs
    (tmp_path / "freedict-eng-nld.dict.dz").write_bytes(b"not gzip")
    assert {(p.en, p.nl) for p in dictionary_pairs(tmp_path)} == {(("press", "brake"), ("kantpers",))}
