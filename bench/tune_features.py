"""Features for bench/extraction_tune.py: every document's candidates and their best cosine per text group.

A candidate concept's features are its best cosine, over the document's whole sentences and over its
fragments, to each group of its index texts (preferred label, 1st/2nd/3rd/later alternative labels, first
sentence of the description), read from the vector store; plus the lexical pass's score of each concept.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from tune_vectors import CandidateTexts, candidate_texts, first_sentence

from techtalent.extraction.evaluation import GoldDoc
from techtalent.extraction.vector_cache import VectorCache

__all__ = ["GROUPS", "DocFeatures", "features", "model", "queries_of", "setup"]

GROUPS = ("pref", "alt1", "alt2", "alt3", "alt4+", "desc")  # feature columns of a candidate


def model() -> str:
    """The vector store's model name: the encoder's (``TECHTALENT_MODEL_DIR`` or the shipped model)."""
    from techtalent.extraction.encoder import model_dir, model_name

    return model_name(model_dir())


def queries_of(text: str) -> list[tuple[str, bool]]:
    """The engine's queries for a text: (sentence or fragment, is-whole-sentence), in its order."""
    from techtalent.extraction.engine.context import sentences
    from techtalent.extraction.engine.normalise import fold_text
    from techtalent.extraction.engine.semantic import fragments

    ft = fold_text(text)
    out: list[tuple[str, bool]] = []
    for part in sentences(ft.text):
        shown = " ".join(text[slice(*ft.original(part.start, part.end))].split())
        out += [(piece, i == 0) for i, piece in enumerate(fragments(shown))]
    return out


def descriptions(esco: Path) -> dict[str, str]:
    """First sentence of each English skill and occupation description, by URI."""
    out: dict[str, str] = {}
    for name in ("skills_en.csv", "occupations_en.csv"):
        with (esco / "en" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("description", "").strip():
                    out[row["conceptUri"]] = first_sentence(row["description"])
    return out


def setup(esco: Path, cache: Path) -> tuple[object, CandidateTexts]:
    """The lexicon (cached) and every candidate index text over its concepts."""
    from techtalent.extraction.offline import esco_lexicon, esco_records

    lexicon = esco_lexicon(esco, cache)
    _, labels = esco_records(esco)
    return lexicon, candidate_texts(lexicon.concepts, labels, descriptions(esco))


@dataclass
class DocFeatures:
    """Per document: candidate concepts, their best cosine per (group × sentence/fragment), lexical scores."""

    doc: GoldDoc
    concepts: NDArray[np.int64]
    sims: NDArray[np.float32]  # (candidates, len(GROUPS), 2): [..., 0] whole sentence, [..., 1] fragment
    lexical: dict[int, float]


def features(esco: Path, cache: Path, docs: Sequence[GoldDoc], *, pool: int = 400) -> list[DocFeatures]:
    """Every document's candidate features (the union of each group's best ``pool`` concepts)."""
    from techtalent.extraction.offline import esco_extractor

    lexicon, candidates = setup(esco, cache)
    store = VectorCache(cache / "tune-vectors", model())
    have = np.array([t in store.rows for t in candidates.texts])
    if not have.all():
        print(f"note: {int((~have).sum())} index texts not embedded yet are left out", file=sys.stderr)
    owners, groups = candidates.owners[have], candidates.groups[have]
    matrix = store.vectors([t for t, h in zip(candidates.texts, have, strict=True) if h])
    column = np.where(groups < 0, 5, np.minimum(groups, 4)).astype(np.int64)
    n_concepts = len(lexicon.concepts)  # type: ignore[attr-defined]
    skill_like = np.array([c.kind in ("skill", "occupation") for c in lexicon.concepts])  # type: ignore[attr-defined]
    lexical_engine = esco_extractor(esco, cache, semantic=False)
    uri_position = {c.uri: i for i, c in enumerate(lexicon.concepts)}  # type: ignore[attr-defined]
    segments = []  # per group: its rows, the first row of each owner among them, those owners
    for g in range(len(GROUPS)):
        rows = np.flatnonzero(column == g)
        if not len(rows):
            segments.append((rows, rows, rows))
            continue
        starts = np.flatnonzero(np.r_[True, np.diff(owners[rows]) != 0])
        segments.append((rows, starts, owners[rows][starts]))
    out = []
    for doc in docs:
        queries = queries_of(doc.text)
        q = store.vectors([t for t, _ in queries])
        whole = np.array([w for _, w in queries])
        sims = q @ matrix.T  # (queries, rows)
        grid = np.full((n_concepts, len(GROUPS), 2), -1.0, dtype=np.float32)
        for kind, mask in ((0, whole), (1, ~whole)):
            if not mask.any():
                continue
            best_row = sims[mask].max(axis=0)
            for g, (rows, starts, owned) in enumerate(segments):
                if len(rows):
                    grid[owned, g, kind] = np.maximum.reduceat(best_row[rows], starts)
        overall = grid.max(axis=(1, 2))
        overall[~skill_like] = -1.0
        chosen = set(np.argpartition(-overall, pool)[:pool].tolist())
        for g in range(len(GROUPS)):
            top_g = grid[:, g, :].max(axis=1)
            chosen |= set(np.argpartition(-top_g, pool)[:pool].tolist())
        result = lexical_engine.extract(doc.text, lang="en", top=10_000)
        lexical = {uri_position[c.uri]: c.score for c in result.ranking}
        concepts = np.array(sorted(chosen), dtype=np.int64)
        out.append(DocFeatures(doc, concepts, grid[concepts], lexical))
    return out
