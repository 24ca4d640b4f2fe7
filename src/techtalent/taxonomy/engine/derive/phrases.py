"""Trade words from compounds: a Dutch compound in one label of a concept, aligned with an English label of
the same concept, teaches what its first part means (kantpersoperator ↔ press brake operator: the tail
"operator" translates "operator", so "kantpers" ↔ "press brake" and the whole word ↔ "press brake operator").

Word alignment (IBM Model 1) cannot learn this: it pairs words, and a compound's modifier is spread over
several English words that also occur elsewhere. Each learned pair keeps how often it was seen, its share
among the word's phrases and its method, "compound-alignment".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from techtalent.core.text import STOPWORDS

__all__ = ["LearnedPhrase", "learn_compound_phrases", "METHOD"]

METHOD = "compound-alignment"
LearnedPhrase = tuple[str, float, str]  # English phrase, confidence in (0, 1), method
Candidates = tuple[tuple[str, float], ...]
_MIN_WORD, _MIN_PART, _MIN_TAIL_COUNT = 7, 3, 2
_MAX_RUN, _MAX_EN, _MAX_NL = 3, 6, 4
_ALIGNED = 0.05  # a word pair counts as translating each other from this lexicon score on


class _Aligner:
    """Word scores from the learned tables and compound splits, cached (words recur in many labels)."""

    def __init__(
        self,
        en_to_nl: Mapping[str, Candidates],
        nl_to_en: Mapping[str, Candidates],
        counts_nl: Mapping[str, int],
    ):
        self.en_to_nl, self.nl_to_en, self.counts_nl = en_to_nl, nl_to_en, counts_nl
        self._forward: dict[str, dict[str, float]] = {}
        self._backward: dict[str, dict[str, float]] = {}
        self._tails: dict[str, list[tuple[str, str]]] = {}

    def score(self, en: str, nl: str) -> float:
        """How strongly the lexicon pairs ``en`` and ``nl`` (1.0 for loanwords written alike: operator)."""
        if en == nl:
            return 1.0
        forward = self._forward.get(en)
        if forward is None:
            forward = self._forward[en] = dict(self.en_to_nl.get(en, ()))
        backward = self._backward.get(nl)
        if backward is None:
            backward = self._backward[nl] = dict(self.nl_to_en.get(nl, ()))
        return max(forward.get(nl, 0.0), backward.get(en, 0.0))

    def tails(self, word: str) -> list[tuple[str, str]]:
        """(head, tail) splits of ``word`` whose tail is a known Dutch word; a linking s/e dropped."""
        if (found := self._tails.get(word)) is not None:
            return found
        out = []
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if self.counts_nl.get(tail, 0) < _MIN_TAIL_COUNT:
                continue
            if head[-1:] in ("s", "e") and self.counts_nl.get(head[:-1], 0) and len(head) > _MIN_PART + 1:
                head = head[:-1]
            out.append((head.rstrip("-"), tail))
        self._tails[word] = out
        return out

    def align_pair(self, en: Sequence[str], nl: Sequence[str]) -> list[tuple[str, str]]:
        """(Dutch word, English phrase) pairs one label pair teaches through its compounds."""
        stop = STOPWORDS["en"]
        found: list[tuple[str, str]] = []
        for n in nl:
            if len(n) < _MIN_WORD:
                continue
            others = [o for o in nl if o != n]
            for head, tail in self.tails(n):
                scores = [self.score(e, tail) for e in en]
                k = max(range(len(en)), key=scores.__getitem__)
                if scores[k] < _ALIGNED or sum(score > scores[k] / 2 for score in scores) > 1:
                    continue  # the tail must translate one English word clearly
                start = k
                while (
                    start > 0
                    and k - start < _MAX_RUN
                    and en[start - 1] not in stop
                    and all(self.score(en[start - 1], o) < _ALIGNED for o in others)
                ):
                    start -= 1
                if start == k:
                    continue
                # A head the lexicon knows must be confirmed by the run (heftruck ↔ forklift): else the run
                # is some other modifier of the same English head word (order picker driver).
                if self.nl_to_en.get(head) and not any(self.score(e, head) >= _ALIGNED for e in en[start:k]):
                    continue
                run = " ".join(en[start:k])
                found.append((head, run))
                found.append((n, f"{run} {en[k]}"))
                break  # the longest known tail explained the word
        return found


def learn_compound_phrases(
    groups: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]],
    en_to_nl: Mapping[str, Candidates],
    nl_to_en: Mapping[str, Candidates],
    counts_nl: Mapping[str, int],
) -> dict[str, tuple[LearnedPhrase, ...]]:
    """Dutch word → English phrases learned from the labels of each concept (English labels, Dutch labels)."""
    aligner = _Aligner(en_to_nl, nl_to_en, counts_nl)
    seen: dict[tuple[str, str], float] = defaultdict(float)
    for english_labels, dutch_labels in groups:
        # One concept gives each Dutch word one vote, shared among the phrases its labels suggest.
        votes: dict[str, set[str]] = defaultdict(set)
        for nl in dutch_labels:
            if len(nl) > _MAX_NL or all(len(n) < _MIN_WORD for n in nl):
                continue
            for en in english_labels:
                if 0 < len(en) <= _MAX_EN:
                    for word, phrase in aligner.align_pair(en, nl):
                        votes[word].add(phrase)
        for word, suggested in votes.items():
            for phrase in suggested:
                seen[(word, phrase)] += 1.0 / len(suggested)
    by_word: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (word, phrase), count in seen.items():
        by_word[word].append((phrase, count))
    out: dict[str, tuple[LearnedPhrase, ...]] = {}
    for word, options in by_word.items():
        total = sum(count for _, count in options)
        ranked = sorted(options, key=lambda item: (-item[1], item[0]))[:3]
        out[word] = tuple(
            (phrase, round(count / total * count / (count + 1), 4), METHOD) for phrase, count in ranked
        )
    return out
