"""Word paraphrases learned from a concept's own labels: two labels of one skill that differ in one word
only ("glazen frames installeren", "glazen frames plaatsen") show that the two words say the same thing.

The more skills show a pair, the surer it is (plaatsen ↔ installeren in five skills; begrijpen ↔ verstaan in
67). A query word then also matches what its paraphrases match, a little less well, so "glas plaatsen"
reaches the skills whose Dutch labels say "installeren" and whose English labels say "install".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Paraphrases", "learn_paraphrases", "paraphrase_quality"]

# word → (paraphrase, skills showing the pair), best first
Paraphrases = Mapping[str, tuple[tuple[str, int], ...]]
MIN_CONCEPTS = 2  # a pair one skill shows may be an enumeration ("gestructureerde", "ongestructureerde")
_MAX_PER_WORD = 4
_MIN_LENGTH = 3


def learn_paraphrases(labels: Iterable[tuple[str, Sequence[str]]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Paraphrases of each word from ``(concept, label tokens)``: label pairs of one concept, of the same
    length (≥ 2 words), that differ in exactly one position; a pair counts once per concept."""
    by_concept: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for concept, tokens in labels:
        if len(tokens) >= 2:
            by_concept[concept].add(tuple(tokens))
    counts: Counter[tuple[str, str]] = Counter()
    for variants in by_concept.values():
        found: set[tuple[str, str]] = set()
        by_length: dict[int, list[tuple[str, ...]]] = defaultdict(list)
        for variant in variants:
            by_length[len(variant)].append(variant)
        for group in by_length.values():
            for i, first in enumerate(group):
                for second in group[i + 1 :]:
                    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
                    if len(differ) == 1 and min(len(differ[0][0]), len(differ[0][1])) >= _MIN_LENGTH:
                        a, b = differ[0]
                        found.add((min(a, b), max(a, b)))
        counts.update(found)
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), n in counts.items():
        if n >= MIN_CONCEPTS:
            out[a].append((b, n))
            out[b].append((a, n))
    return {
        word: tuple(sorted(options, key=lambda item: (-item[1], item[0]))[:_MAX_PER_WORD])
        for word, options in out.items()
    }


def paraphrase_quality(concepts: int, *, scale: float) -> float:
    """The match quality of a paraphrase shown by ``concepts`` skills: ``scale`` × n / (n + 1)."""
    return scale * concepts / (concepts + 1)
