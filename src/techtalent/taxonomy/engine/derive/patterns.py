"""What the skill label pairs teach: English verbs and their Dutch infinitives, and object phrase pairs.

ESCO writes a skill as an English imperative with its object ("maintain machinery") and as a Dutch
infinitive phrase with the verb last ("machines onderhouden"). From the pairs we read which English first
words are verbs, their Dutch infinitives, and the object phrase pairs (machinery ↔ machines).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from techtalent.taxonomy.engine.derive.lexicon import TranslationLexicon
from techtalent.taxonomy.engine.derive.tokens import words
from techtalent.taxonomy.engine.derive.types import LabelPair, SentencePair

__all__ = ["DUTCH_PREPOSITIONS", "ENGLISH_PREPOSITIONS", "LabelPatterns", "learn_patterns"]

Options = tuple[tuple[str, float], ...]

# Closed word classes: a verb-first Dutch frame is an infinitive and one of these ("toezien op", "zorgen
# voor"); an English verb followed by one of the English ones takes the Dutch verb's own preposition.
DUTCH_PREPOSITIONS = frozenset("aan bij door in met na naar om onder op over tegen tot uit van voor".split())
ENGLISH_PREPOSITIONS = frozenset(
    "about at by for from in into of on onto over to towards under upon with within".split()
)
_MIN_FRAME = 2  # examples a verb-first frame needs (and at least as many as its verb-last readings)


@dataclass(frozen=True)
class LabelPatterns:
    """English verb (one or two words) → Dutch infinitives; English phrase → Dutch phrases; with shares."""

    verbs: dict[tuple[str, ...], Options]
    phrases: dict[tuple[str, ...], Options]
    infinitives: frozenset[str] = frozenset()
    # English verb → Dutch verb-first frames ("supervise" → "toezien op"), used instead of verb-last.
    frames: dict[tuple[str, ...], Options] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, list[list[object]]]]:
        """A JSON-ready form: keys joined by spaces, options as [text, share] lists."""
        tables: dict[str, dict[str, list[list[object]]]] = {
            name: {" ".join(k): [list(o) for o in v] for k, v in table.items()}
            for name, table in (("verbs", self.verbs), ("phrases", self.phrases), ("frames", self.frames))
        }
        tables["infinitives"] = {word: [] for word in sorted(self.infinitives)}
        return tables

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, Sequence[Sequence[object]]]]) -> LabelPatterns:
        """Rebuild patterns from :meth:`as_dict` output."""

        def table(name: str) -> dict[tuple[str, ...], Options]:
            return {
                tuple(k.split(" ")): tuple((str(t), float(str(p))) for t, p in v)
                for k, v in data.get(name, {}).items()
            }

        return cls(table("verbs"), table("phrases"), frozenset(data.get("infinitives", {})), table("frames"))


def _is_infinitive(word: str) -> bool:
    return len(word) > 2 and word.endswith("n")


def _shares(counter: Counter[tuple[str, ...]] | Counter[str]) -> Options:
    total = sum(counter.values())
    ranked = sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
    return tuple((k if isinstance(k, str) else " ".join(k), round(n / total, 4)) for k, n in ranked[:5])


def _verb_evidence(
    examples: Sequence[LabelPair], lexicon: TranslationLexicon
) -> dict[tuple[str, ...], Counter[str]]:
    """English first word(s) → counts of the Dutch last word, when that word is an infinitive."""
    found: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for example in examples:
        en, nl = words(example.en), words(example.nl)
        if len(en) < 2 or len(nl) < 2 or not _is_infinitive(nl[-1]):
            continue
        # A verb comes first in English and last in Dutch, and no other Dutch word translates it (in
        # "communiceren over inzichten" the verb is first, and "inzichten" is no infinitive of it).
        senses = {w for w, _ in lexicon.dutch_candidates(en[0])[:3]}
        if nl[-1] not in senses and senses.intersection(nl[:-1]):
            continue
        found[(en[0],)][nl[-1]] += 1
        if len(en) > 2:
            found[(en[0], en[1])][nl[-1]] += 1
    return found


def _frame_evidence(
    examples: Sequence[LabelPair], infinitives: frozenset[str] | set[str], lexicon: TranslationLexicon
) -> dict[tuple[str, ...], Counter[str]]:
    """English first word → counts of Dutch verb-first frames: an infinitive and a preposition that open
    the Dutch label ("supervise staff" ↔ "toezien op personeel" gives supervise → "toezien op")."""
    found: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for example in examples:
        en, nl = words(example.en), words(example.nl)
        if len(en) < 2 or len(nl) < 3 or nl[1] not in DUTCH_PREPOSITIONS or not _is_infinitive(nl[0]):
            continue
        senses = {w for w, _ in lexicon.dutch_candidates(en[0])[:3]}
        if nl[0] in infinitives or nl[0] in senses:
            found[(en[0],)][f"{nl[0]} {nl[1]}"] += 1
    return found


def _separable_infinitives(pairs: Iterable[SentencePair], known: Mapping[str, int]) -> set[str]:
    """Separable verbs as one infinitive: "deel te nemen" → deelnemen, when the corpus writes that word."""
    found = set()
    for pair in pairs:
        for a, b, c in zip(pair.nl, pair.nl[1:], pair.nl[2:], strict=False):
            if b == "te" and known.get(a + c):
                found.add(a + c)
    return found


def learn_patterns(
    examples: Sequence[LabelPair],
    lexicon: TranslationLexicon,
    english_labels: Iterable[str],
    label_pairs: Iterable[SentencePair] = (),
) -> LabelPatterns:
    """Learn verbs and phrase pairs from skill label examples, checked against all English skill labels."""
    evidence = _verb_evidence(examples, lexicon)
    first: Counter[str] = Counter()
    later: Counter[str] = Counter()
    for label in english_labels:
        tokens = words(label)
        if len(tokens) >= 2:
            first[tokens[0]] += 1
            later.update(tokens[1:])
    verbs: dict[tuple[str, ...], Options] = {}
    for key, counts in evidence.items():
        if len(key) == 1 and sum(counts.values()) >= 1:
            verbs[key] = _shares(counts)
        elif len(key) == 2 and sum(counts.values()) >= 2:
            share = _shares(counts)
            single = verbs.get(key[:1]) or _shares(evidence[key[:1]])
            if share[0][0] != single[0][0] and share[0][1] >= 0.6:
                verbs[key] = share
    # English words that mostly start labels and translate to a Dutch infinitive are verbs too; a Dutch
    # word is known as an infinitive when it follows "te" in the texts or ends examples as a verb.
    pairs = list(label_pairs)
    infinitives = {w for counts in evidence.values() for w in counts}
    for pair in pairs:
        infinitives.update(b for a, b in zip(pair.nl, pair.nl[1:], strict=False) if a == "te")
    infinitives.update(_separable_infinitives(pairs, lexicon.counts_nl))
    frames: dict[tuple[str, ...], Options] = {}
    for key, counts in _frame_evidence(examples, infinitives, lexicon).items():
        n = counts.most_common(1)[0][1]
        verb_last = sum(evidence[key].values()) if key in evidence else 0
        if n >= _MIN_FRAME and n >= verb_last:
            frames[key] = _shares(counts)
    for word, n in first.items():
        if (word,) in verbs or n < 2 or n < later[word]:
            continue
        options = [(w, p) for w, p in lexicon.dutch_candidates(word)[:4] if w in infinitives]
        if options:
            total = sum(p for _, p in options)
            verbs[(word,)] = tuple((w, round(p / total * 0.8, 4)) for w, p in options[:3])
    phrases: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)
    for pair in pairs:
        if pair.kind == "label" and 1 <= len(pair.en) <= 4:
            phrases[pair.en][pair.nl] += 1
    for example in examples:
        if not example.preferred:
            continue
        en, nl = words(example.en), words(example.nl)
        phrases[en][nl] += 2
        frame = frames.get(en[:1])
        if frame and len(en) > 1 and len(nl) > 2 and f"{nl[0]} {nl[1]}" in {t for t, _ in frame}:
            phrases[en[1:]][nl[2:]] += 1
            continue
        for size in (2, 1):
            if len(en) > size and tuple(en[:size]) in verbs and len(nl) >= 2:
                verb_nl = {w for w, _ in verbs[tuple(en[:size])]}
                if nl[-1] in verb_nl:
                    phrases[en[size:]][nl[:-1]] += 1
                break
    # One-word phrases seen once are as often noise as translations; the lexicon covers those words.
    kept = {k: v for k, v in phrases.items() if len(k) > 1 or sum(v.values()) >= 3}
    return LabelPatterns(verbs, {k: _shares(v) for k, v in kept.items()}, frozenset(infinitives), frames)
