"""Derive Dutch skill labels and an en↔nl lexicon from ESCO's own parallel text (pure: no Django, no I/O)."""

from __future__ import annotations

from collections.abc import Sequence

from techtalent.taxonomy.engine.derive.calibrate import Calibration, best_f1, token_f1
from techtalent.taxonomy.engine.derive.lexicon import TranslationLexicon, learn_lexicon
from techtalent.taxonomy.engine.derive.model import DutchLabelModel, learn_label_model
from techtalent.taxonomy.engine.derive.types import (
    DerivedLabel,
    LabelPair,
    ParallelCorpus,
    SentencePair,
    SkillToLabel,
)

__all__ = [
    "DERIVATION_VERSION",
    "Calibration",
    "DerivedLabel",
    "DutchLabelModel",
    "LabelPair",
    "ParallelCorpus",
    "SentencePair",
    "SkillToLabel",
    "TranslationLexicon",
    "best_f1",
    "derive_dutch_labels",
    "learn_label_model",
    "learn_lexicon",
    "token_f1",
]

# Bumped whenever the derived labels for the same input change, so caches of derived labels are not reused.
DERIVATION_VERSION = 10


def derive_dutch_labels(corpus: ParallelCorpus, targets: Sequence[SkillToLabel]) -> list[DerivedLabel]:
    """Learn from ``corpus`` and return 1–3 ranked Dutch label candidates for every target skill."""
    return learn_label_model(corpus).derive(targets)
