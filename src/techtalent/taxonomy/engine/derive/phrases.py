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


def _score(en: str, nl: str, en_to_nl: Mapping[str, Candidates], nl_to_en: Mapping[str, Candidates]) -> float:
    if en == nl:  # loanwords written alike (operator, manager)
        return 1.0
    forward = next((p for w, p in en_to_nl.get(en, ()) if w == nl), 0.0)
    backward = next((p for w, p in nl_to_en.get(nl, ()) if w == en), 0.0)
    return max(forward, backward)


def _tails(word: str, counts_nl: Mapping[str, int]) -> list[tuple[str, str]]:
    """(head, tail) splits of ``word`` whose tail is a known Dutch word; linking s/e dropped from the head."""
    out = []
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if counts_nl.get(tail, 0) < _MIN_TAIL_COUNT:
            continue
        if head[-1:] in ("s", "e") and counts_nl.get(head[:-1], 0) and len(head) > _MIN_PART + 1:
            head = head[:-1]
        out.append((head.rstrip("-"), tail))
    return out


def _align_pair(
    en: Sequence[str],
    nl: Sequence[str],
    en_to_nl: Mapping[str, Candidates],
    nl_to_en: Mapping[str, Candidates],
    counts_nl: Mapping[str, int],
) -> list[tuple[str, str]]:
    """(Dutch word, English phrase) pairs one label pair teaches through its compounds."""
    stop = STOPWORDS["en"]
    found: list[tuple[str, str]] = []
    for n in nl:
        if len(n) < _MIN_WORD:
            continue
        others = [o for o in nl if o != n]
        for head, tail in _tails(n, counts_nl):
            scores = [_score(e, tail, en_to_nl, nl_to_en) for e in en]
            k = max(range(len(en)), key=scores.__getitem__)
            if scores[k] < _ALIGNED or sum(score > scores[k] / 2 for score in scores) > 1:
                continue  # the tail must translate one English word clearly
            start = k
            while (
                start > 0
                and k - start < _MAX_RUN
                and en[start - 1] not in stop
                and all(_score(en[start - 1], o, en_to_nl, nl_to_en) < _ALIGNED for o in others)
            ):
                start -= 1
            if start == k:
                continue
            # A head the lexicon knows must be confirmed by the run (heftruck ↔ forklift): else the run is
            # some other modifier of the same English head word (order picker driver).
            if nl_to_en.get(head) and not any(
                _score(e, head, en_to_nl, nl_to_en) >= _ALIGNED for e in en[start:k]
            ):
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
    seen: dict[tuple[str, str], float] = defaultdict(float)
    for english_labels, dutch_labels in groups:
        # One concept gives each Dutch word one vote, shared among the phrases its labels suggest.
        votes: dict[str, set[str]] = defaultdict(set)
        for nl in dutch_labels:
            if len(nl) > _MAX_NL:
                continue
            for en in english_labels:
                if len(en) <= _MAX_EN:
                    for word, phrase in _align_pair(en, nl, en_to_nl, nl_to_en, counts_nl):
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
