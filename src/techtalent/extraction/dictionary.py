"""The FreeDict Dutch→English word dictionary as a mapping for the Dutch dense path (an adapter: it reads
the files the taxonomy's derivation reads, /usr/share/dictd, and hands the engine a plain mapping)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from techtalent.extraction.engine.senses import Cooccurrence
from techtalent.extraction.engine.translate import WEAK_COUNT, Bridged, BridgeMode

__all__ = ["dutch_english", "bridged"]


@lru_cache(maxsize=1)
def dutch_english() -> dict[str, tuple[str, ...]]:
    """Single Dutch word → its English translations (both FreeDict directions); {} when not installed."""
    from techtalent.taxonomy.freedict import dictionary_pairs

    found: dict[str, set[str]] = defaultdict(set)
    for pair in dictionary_pairs():
        if len(pair.nl) == 1:
            found[pair.nl[0]].add(" ".join(pair.en))
    return {word: tuple(sorted(english)) for word, english in found.items()}


def bridged(
    lexicon: Any,
    *,
    weak_count: int = WEAK_COUNT,
    mode: BridgeMode = "replace",
    cooccurrence: Cooccurrence | None = None,
) -> Any:
    """The learned lexicon with the dictionary for its weak words (the lexicon itself when None); with
    ``cooccurrence`` (ESCO's English word pairs) a sentence's words choose their senses in context."""
    if lexicon is None:
        return None
    return Bridged(lexicon, dutch_english(), weak_count=weak_count, mode=mode, cooccurrence=cooccurrence)
