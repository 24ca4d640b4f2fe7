"""The sense of a translated word chosen by its neighbours: co-occurrence in ESCO's own English text.

A Dutch word has several English candidates (the learned lexicon's, a dictionary's); on its own the most
probable one wins, so "kleppen" (valves, but also the verb "to clap, to ring") became "sound". In a
sentence, the neighbours decide: among the candidates of "pompen en kleppen", "pumps" and "valves" occur
together in ESCO's English labels and descriptions far more often than chance, "pumps" and "sound" do
not. The association of two English words is their normalised pointwise mutual information (NPMI, 0 for
independent or never together, 1 for always together) over the text units (a label, a window of a
description) the adapter counted; each candidate scores its prior (log of its share of the word's best
weight) plus the strongest association with each neighbour's candidates, weighted by their priors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Cooccurrence", "choose_senses", "SENSE_WINDOW", "SENSE_PRIOR", "SENSE_MIN_PAIR"]

SENSE_WINDOW = 2  # neighbours on each side (content words of the same clause) that vote on a sense
SENSE_PRIOR = 0.3  # weight of a candidate's log prior against the neighbours' associations
SENSE_MIN_PAIR = 2  # pairs seen fewer times than this carry no association (chance co-occurrences)

Candidates = Sequence[tuple[str, float]]  # (English word or phrase, prior weight in (0, 1]), best first


@dataclass(frozen=True)
class Cooccurrence:
    """How often English words (dictionary forms) occur in ``units`` text units, and pairs of them
    together: ``pairs[a][b]`` with ``a < b``."""

    counts: Mapping[str, int]
    pairs: Mapping[str, Mapping[str, int]]
    units: int

    def association(self, a: str, b: str) -> float:
        """NPMI of two words clipped to [0, 1] (0 when unseen, rare or the same word)."""
        if a == b:
            return 0.0
        first, second = (a, b) if a < b else (b, a)
        together = self.pairs.get(first, {}).get(second, 0)
        if together < SENSE_MIN_PAIR or self.units <= 0:
            return 0.0
        p_ab = together / self.units
        p_a, p_b = self.counts.get(a, 0) / self.units, self.counts.get(b, 0) / self.units
        if p_a <= 0 or p_b <= 0 or p_ab >= 1.0:
            return 0.0
        return max(0.0, math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))

    def linked(self, first: Iterable[str], second: Iterable[str]) -> float:
        """The strongest association between any word of one phrase and any word of another."""
        others = list(second)
        return max((self.association(a, b) for a in first for b in others), default=0.0)


def choose_senses(
    slots: Sequence[Candidates | None],
    cooccurrence: Cooccurrence,
    lemmas: Mapping[str, tuple[str, ...]],
    *,
    window: int = SENSE_WINDOW,
    prior: float = SENSE_PRIOR,
) -> list[list[tuple[str, float]]]:
    """Each slot's candidates scored in context, best first (``None`` slots — clause breaks — stay empty).

    ``lemmas`` gives the dictionary forms of each candidate's words (valves → valve), as the counts
    have them. A slot's neighbours are the slots up to ``window`` away on either side, not across a
    ``None``. The score of a candidate is ``prior · ln(weight)`` plus, per neighbour, the best
    association with one of its candidates times that candidate's weight."""
    out: list[list[tuple[str, float]]] = []
    for at, slot in enumerate(slots):
        if not slot:
            out.append([])
            continue
        neighbours: list[Candidates] = []
        for step in (-1, 1):
            for distance in range(1, window + 1):
                other_at = at + step * distance
                if not 0 <= other_at < len(slots) or not slots[other_at]:
                    break
                neighbours.append(slots[other_at])  # type: ignore[arg-type]
        scored = []
        for word, weight in slot:
            own = lemmas.get(word, (word,))
            context = sum(
                max((cooccurrence.linked(own, lemmas.get(w, (w,))) * p for w, p in other), default=0.0)
                for other in neighbours
            )
            scored.append((word, prior * math.log(max(weight, 1e-6)) + context))
        scored.sort(key=lambda item: (-item[1], item[0]))
        out.append(scored)
    return out
