"""Vectors for bench/extraction_tune.py: every candidate index text and query embedded once, kept on disk.

The candidate index texts of an ESCO export are its English preferred labels, its alternative labels by
rank (shortest first, as ``index_texts`` orders them) and the first sentence of each description. Vectors
are kept by ``techtalent.extraction.vector_cache`` in ``<cache>/tune-vectors/``, so an interrupted run keeps
what it embedded and two processes (``--shard 0/2``, ``--shard 1/2``) can fill the store on two cores.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from techtalent.extraction.vector_cache import VectorCache

__all__ = ["CandidateTexts", "candidate_texts", "first_sentence", "seed_from_index", "fill"]

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")


def first_sentence(text: str, *, max_words: int = 40) -> str:
    """The description's first sentence, at most ``max_words`` words."""
    head = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0].rstrip(".")
    return " ".join(head.split()[:max_words])


def seed_from_index(cache: VectorCache, vectors_file: Path, texts: Sequence[str]) -> None:
    """Take the rows of an existing dense index whose texts are known (one row per text, in order)."""
    vectors = np.load(vectors_file, mmap_mode="r")
    if len(vectors) != len(texts):
        raise ValueError(f"{vectors_file}: {len(vectors)} rows for {len(texts)} texts")
    keep = [i for i, t in enumerate(texts) if t not in cache.rows]
    if keep:
        cache.add([texts[i] for i in keep], np.asarray(vectors[keep], np.float32))


def fill(
    cache: VectorCache, texts: Sequence[str], encoder: object, *, shard: tuple[int, int], chunk: int = 2048
) -> int:
    """Embed the missing texts of this shard in chunks (each saved as it finishes); returns how many."""
    index, count = shard
    todo = [t for t in cache.missing(texts) if int(hashlib.sha1(t.encode()).hexdigest(), 16) % count == index]
    started = time.process_time()
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        cache.add(part, encoder.encode(part))  # type: ignore[attr-defined]
        rate = (start + len(part)) / max(time.process_time() - started, 1e-9)
        print(f"embedded {start + len(part)}/{len(todo)} ({rate:.0f} texts per CPU second)", flush=True)
    return len(todo)


@dataclass(frozen=True)
class CandidateTexts:
    """Index rows of every candidate text: owner concept position, group and text."""

    texts: list[str]
    owners: NDArray[np.int64]
    groups: NDArray[np.int8]  # 0 preferred, k = k-th alternative (capped at 9), -1 description


def candidate_texts(
    concepts: Sequence[object], labels: Iterable[object], descriptions: dict[str, str]
) -> CandidateTexts:
    """Preferred labels, ranked alternative labels and description first sentences, grouped by concept."""
    position = {c.uri: i for i, c in enumerate(concepts) if c.kind in ("skill", "occupation")}  # type: ignore[attr-defined]
    found: dict[int, tuple[list[str], list[str]]] = {}
    for record in labels:
        at = position.get(record.uri)  # type: ignore[attr-defined]
        if at is None or record.lang != "en" or record.type not in ("preferred", "alternative"):  # type: ignore[attr-defined]
            continue
        preferred, alternative = found.setdefault(at, ([], []))
        (preferred if record.type == "preferred" else alternative).append(record.text.strip())  # type: ignore[attr-defined]
    texts: list[str] = []
    owners: list[int] = []
    groups: list[int] = []
    uri_of = {i: c.uri for i, c in enumerate(concepts)}  # type: ignore[attr-defined]
    for at in sorted(found):
        preferred, alternative = found[at]
        ranked = sorted(set(alternative) - set(preferred), key=lambda t: (len(t), t))
        rows = [(t, 0) for t in sorted(set(preferred))] + [(t, min(k + 1, 9)) for k, t in enumerate(ranked)]
        description = descriptions.get(uri_of[at], "")
        if description:
            rows.append((description, -1))
        for text, group in rows:
            if text:
                texts.append(text)
                owners.append(at)
                groups.append(group)
    return CandidateTexts(texts, np.asarray(owners, np.int64), np.asarray(groups, np.int8))
