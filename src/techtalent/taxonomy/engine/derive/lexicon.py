"""Learn a symmetrised en↔nl word lexicon from a parallel corpus, and use it to translate word bags."""

from __future__ import annotations

import bisect
import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from techtalent.core.text import STOPWORDS, fold, stem
from techtalent.taxonomy.engine.crosslingual import cognates
from techtalent.taxonomy.engine.derive.align import Vocabulary, train_ibm1
from techtalent.taxonomy.engine.derive.compounds import compound_count, split_compound, split_concatenation
from techtalent.taxonomy.engine.derive.phrases import LearnedPhrase, learn_compound_phrases
from techtalent.taxonomy.engine.derive.tokens import words
from techtalent.taxonomy.engine.derive.types import ParallelCorpus, SentencePair

__all__ = ["TranslationLexicon", "learn_lexicon"]

Candidates = tuple[tuple[str, float], ...]
_WEIGHT = {"label": 3.0, "dictionary": 1.0, "text": 1.0}
_TOP = 8
_MIN_HEAD, _MAX_HEAD_SCAN = 5, 50
_MIN_SCORE = 0.02
_DICTIONARY_WITH, _DICTIONARY_ALONE = 0.05, 0.5  # total probability given to dictionary senses
# Unknown Dutch word forms: an inflected form (stopcontacten → stopcontact) and, for a verb, the agent noun or
# gerund the corpus knows (orderpicken → orderpicker), each trusted a little less than the word itself.
_INFLECTIONS = (("en", ""), ("s", ""), ("'s", ""), ("n", ""), ("e", ""), ("en", "er"), ("en", "ing"))
_INFLECTED = 0.9
_PHRASE_ALONE = 0.5  # the probability of a learned compound phrase for a word alignment never saw
_SENSE_RANK = 5  # a Dutch word is a sense of the English words among its first five translations
_PART_SENSES = 8  # senses of each compound part tried against English word pairs
_RARE = 10  # a Dutch word seen fewer times is rare: its parts may say more than its own alignment
_MIN_BIGRAM = 2
# A Dutch word seen fewer times than this has too few pairs for IBM Model 1 to tell its translation from a
# word it merely shares a sentence with (preventief → dust-free, bankwerker → turner): a translation the
# dictionary or a regular spelling correspondence (cognate) also gives, and that its pairs show, is trusted
# at the level of its best alignment; the others are weighed by how many of its pairs show them.
_CORROBORATE_BELOW = 40
# A Dutch word seen this often is frequent: IBM Model 1 also gives it the English words of the phrases it
# helps to say ("toezicht houden" ↔ supervise: houden → supervise; "voert … uit": voeren → perform). Its
# translations are weighed by competitive linking (:func:`_link_shares`): the share of its tokens in which
# it and the English word are each other's best link, relative to its best-linked translation (at least
# :data:`_LINK_MAX`). Only the nl→en side: en→nl keeps IBM Model 1's scores for label generation.
_LINK_FROM = 40
_LINK_MAX = 0.5
# A rare Dutch sense of an English word that FreeDict knows with other meanings only (rust → barsten, which
# FreeDict gives as cracks), while another aligned sense is what FreeDict gives (roest): the attested senses
# rise to the first one's level and the contradicted rare ones are scaled by this.
_DISAGREE = 0.3
_PARTICLE_REACH = 10  # how far before a closing particle its verb may stand
_MIN_OPENER, _OPENER_SHARE = 5, 0.5  # a word opens a clause after a particle: seen so often, mostly closing
_UNCORROBORATED = 0.8


@dataclass(frozen=True)
class TranslationLexicon:
    """Word translation candidates in both directions, each list sorted by probability (summing to ≤ 1)."""

    en_to_nl: Mapping[str, Candidates]
    nl_to_en: Mapping[str, Candidates]
    counts_en: Mapping[str, int] = field(default_factory=dict)
    counts_nl: Mapping[str, int] = field(default_factory=dict)
    capitalised: frozenset[str] = frozenset()
    # Dutch word → English phrases learned from compounds, with confidence and method (provenance; they
    # are also among ``nl_to_en``'s candidates).
    phrases: Mapping[str, tuple[LearnedPhrase, ...]] = field(default_factory=dict)
    # Adjacent word pairs ("low voltage", "elektrische stroom") seen at least twice in the corpus text of
    # each language, keyed "first second": which renderings of a word fit its neighbours.
    bigrams_en: Mapping[str, int] = field(default_factory=dict)
    bigrams_nl: Mapping[str, int] = field(default_factory=dict)
    # Acronym → the English words it stands for, learned from the English text ("tig" → "tungsten inert gas").
    acronyms: Mapping[str, str] = field(default_factory=dict)
    # Single-word pairs "english dutch" the dictionary (FreeDict) gives, either direction: what attests a
    # sense IBM Model 1 found only in a few pairs (:meth:`attests`).
    dictionary_pairs: frozenset[str] = frozenset()
    _folded: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _reversed_nl: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    _senses_nl: dict[str, list[tuple[str, float]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _fits: dict[tuple[str, str], float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, table in (("en", self.en_to_nl), ("nl", self.nl_to_en)):  # by source language (picklable)
            self._folded[name] = {fold(word): word for word in table}
        self._reversed_nl.extend(sorted(word[::-1] for word in self.nl_to_en))
        # English word → the Dutch words that give it among their first translations (stroom → current),
        # senses the en→nl direction can miss when another word dominates (current → huidige).
        for dutch, options in self.nl_to_en.items():
            for english, prob in options[:_SENSE_RANK]:
                if " " not in english:
                    self._senses_nl.setdefault(english, []).append((dutch, prob))

    def _lookup(self, source: str, token: str, counts: Mapping[str, int] | None) -> Candidates:
        table = self.en_to_nl if source == "en" else self.nl_to_en
        if (found := table.get(token)) is not None:
            if counts is not None and counts.get(token, 0) < _RARE and len(token) > 2 * _MIN_HEAD:
                # A rare compound's own alignment is unreliable (besturingstechniek → aeroplanes); the
                # phrase its parts make in English text comes first when there is one.
                parts = split_compound(token, counts, keep_known=False)
                if len(parts) > 1 and (phrases := self._attested_phrases(parts, table)):
                    top = found[0][1]
                    best = max(p for _, p in phrases)
                    lifted = tuple((w, round(top * p / best, 4)) for w, p in phrases)
                    known = {w for w, _ in lifted}
                    return tuple(
                        sorted((*lifted, *(c for c in found if c[0] not in known)), key=lambda c: -c[1])
                    )
            return found
        folded = self._folded[source].get(fold(token))
        if folded is not None:
            return table[folded]
        if counts is None:
            return ()
        for ending, replacement in _INFLECTIONS:
            base = token[: -len(ending)] + replacement
            if token.endswith(ending) and len(base) >= _MIN_HEAD and (found := table.get(base)):
                return tuple((w, round(p * _INFLECTED, 4)) for w, p in found)
        parts = split_compound(token, counts)
        if len(parts) > 1:
            # Phrases the English text has come first, ahead of a part's sense at the same level.
            merged: dict[str, float] = dict(self._attested_phrases(parts, table))
            for part in parts:
                for word, prob in table.get(part, ())[:3]:
                    merged[word] = max(merged.get(word, 0.0), prob)
            return tuple(sorted(merged.items(), key=lambda item: -item[1]))
        return self._as_head(token)

    def _attested_phrases(self, parts: Sequence[str], table: Mapping[str, Candidates]) -> Candidates:
        """English phrases for the parts of a Dutch compound whose words ESCO's English text writes side by
        side (laag + spanning → "low voltage", not "layer voltage"), at the level of the best part sense."""
        if len(parts) != 2 or not self.bigrams_en:
            return ()
        heads, tails = table.get(parts[0], ())[:_PART_SENSES], table.get(parts[1], ())[:_PART_SENSES]
        if not heads or not tails:
            return ()
        top = max(heads[0][1], tails[0][1])
        found = []
        for head, _ in heads:
            for tail, _ in tails:
                seen = self.bigrams_en.get(f"{head.split()[-1]} {tail.split()[0]}", 0)
                if seen and head != tail:
                    found.append((f"{head} {tail}", seen))
        if not found:
            return ()
        most = max(n for _, n in found)
        return tuple((phrase, round(top * (n / most) ** 0.5, 4)) for phrase, n in found)

    def _as_head(self, token: str) -> Candidates:
        """For an unknown Dutch word, the translations of the most frequent known compound it ends
        (heftruck → vorkheftruck), scaled down."""
        if len(token) < _MIN_HEAD:
            return ()
        key = token[::-1]
        start = bisect.bisect_left(self._reversed_nl, key)
        best: str | None = None
        for reversed_word in self._reversed_nl[start : start + _MAX_HEAD_SCAN]:
            if not reversed_word.startswith(key):
                break
            word = reversed_word[::-1]
            if best is None or self.counts_nl.get(word, 0) > self.counts_nl.get(best, 0):
                best = word
        if best is None:
            return ()
        return tuple((w, round(p * 0.7, 4)) for w, p in self.nl_to_en[best])

    def attests(self, english: str, dutch: str) -> bool:
        """Whether the dictionary gives ``dutch`` for ``english`` (or the reverse), as single words."""
        return f"{english} {dutch}" in self.dictionary_pairs

    def knows(self, token: str) -> bool:
        """Whether the Dutch word itself (or an inflected form of it) has translations, without splitting."""
        if token in self.nl_to_en or fold(token) in self._folded["nl"]:
            return True
        return any(
            token.endswith(ending) and token[: -len(ending)] + replacement in self.nl_to_en
            for ending, replacement in _INFLECTIONS
            if len(token) - len(ending) + len(replacement) >= _MIN_HEAD
        )

    def compound_parts(self, token: str) -> list[str]:
        """The parts of a Dutch compound the corpus seldom shows whole (koeltechniek → koel + techniek),
        each a word the lexicon translates; ``[token]`` for a word seen often enough to trust as a whole."""
        if self.counts_nl.get(token, 0) >= _RARE or len(token) <= 2 * _MIN_HEAD - 2:
            return [token]
        parts = split_compound(token, self._part_words, keep_known=False)
        if len(parts) < 2 or not all(self.nl_to_en.get(part) for part in parts):
            return [token]
        return list(parts)

    @functools.cached_property
    def _part_words(self) -> Mapping[str, int]:
        """What a compound may be split into: the corpus words, and the heads learned from compounds that
        never stand alone (elektro of elektromonteur ↔ electrician, elektrotechniek)."""
        return {**{word: 1 for word in self.phrases}, **self.counts_nl}

    def expand_acronym(self, token: str) -> str | None:
        """The English words an acronym stands for (``tig`` → "tungsten inert gas"), or None."""
        return self.acronyms.get(token)

    def dutch_candidates(self, token: str) -> Candidates:
        """Dutch words for one English word, best first."""
        return self._lookup("en", token, None)

    @functools.cached_property
    def _compound_tails(self) -> frozenset[str]:
        """Every ending (≥ 3 letters) of a Dutch word seen twice: what can close a compound the corpus has."""
        return frozenset(
            word[cut:]
            for word, n in self.counts_nl.items()
            if n >= _MIN_BIGRAM
            for cut in range(1, len(word) - 2)
        )

    @functools.cached_property
    def total_nl(self) -> int:
        """The number of Dutch word tokens the counts come from."""
        return sum(self.counts_nl.values())

    def dutch_senses(self, token: str, *, limit: int = 3) -> Candidates:
        """Dutch words that translate back into the English word, by that probability (the reverse view)."""
        options = sorted(self._senses_nl.get(token, ()), key=lambda item: (-item[1], item[0]))
        return tuple(options[:limit])

    def bigram_nl(self, first: str, second: str) -> int:
        """How often the Dutch corpus text has ``first second`` side by side (0 below twice)."""
        return self.bigrams_nl.get(f"{first} {second}", 0)

    def dutch_fit(self, first: str, second: str) -> float:
        """How much likelier ESCO's Dutch text has ``first second`` side by side (or as one compound) than
        chance: the pointwise mutual information, ≥ 0; 0 when seen fewer than twice."""
        key = (first, second)
        if (known := self._fits.get(key)) is not None:
            return known
        seen = self.bigram_nl(first, second)
        if second in self._compound_tails:
            seen = max(seen, compound_count(first, second, self.counts_nl))
        fit = 0.0
        if seen >= _MIN_BIGRAM:
            expected = self.counts_nl.get(first, 1) * self.counts_nl.get(second, 1) / max(1, self.total_nl)
            fit = max(0.0, math.log(seen / max(expected, 1e-9)))
        self._fits[key] = fit
        return fit

    def english_candidates(self, token: str) -> Candidates:
        """English words for one Dutch word (compounds split into their parts), best first."""
        return self._lookup("nl", token, self.counts_nl)

    def to_english(self, tokens: Iterable[str], *, top: int = 3) -> dict[str, float]:
        """A bag of English words with weights in (0, 1] for Dutch ``tokens``."""
        return _bag(self.english_candidates, tokens, top)

    def to_dutch(self, tokens: Iterable[str], *, top: int = 3) -> dict[str, float]:
        """A bag of Dutch words with weights in (0, 1] for English ``tokens``."""
        return _bag(self.dutch_candidates, tokens, top)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (plain lists and numbers) for caching."""
        return {
            "en_to_nl": {k: [list(c) for c in v] for k, v in self.en_to_nl.items()},
            "nl_to_en": {k: [list(c) for c in v] for k, v in self.nl_to_en.items()},
            "counts_en": dict(self.counts_en),
            "counts_nl": dict(self.counts_nl),
            "capitalised": sorted(self.capitalised),
            "phrases": {k: [list(p) for p in v] for k, v in self.phrases.items()},
            "bigrams_en": dict(self.bigrams_en),
            "bigrams_nl": dict(self.bigrams_nl),
            "acronyms": dict(self.acronyms),
            "dictionary_pairs": sorted(self.dictionary_pairs),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TranslationLexicon:
        """Rebuild a lexicon from :meth:`as_dict` output."""

        def table(raw: object) -> dict[str, Candidates]:
            assert isinstance(raw, dict)
            return {str(k): tuple((str(w), float(p)) for w, p in v) for k, v in raw.items()}

        counts_en, counts_nl = data.get("counts_en", {}), data.get("counts_nl", {})
        assert isinstance(counts_en, dict) and isinstance(counts_nl, dict)
        capitalised = data.get("capitalised", [])
        assert isinstance(capitalised, list)
        raw_phrases = data.get("phrases", {})
        assert isinstance(raw_phrases, dict)
        phrases = {str(k): tuple((str(e), float(c), str(m)) for e, c, m in v) for k, v in raw_phrases.items()}
        bigrams_en, bigrams_nl = data.get("bigrams_en", {}), data.get("bigrams_nl", {})
        assert isinstance(bigrams_en, dict) and isinstance(bigrams_nl, dict)
        acronyms = data.get("acronyms", {})
        assert isinstance(acronyms, dict)
        dictionary_pairs = data.get("dictionary_pairs", [])
        assert isinstance(dictionary_pairs, list)
        return cls(
            table(data["en_to_nl"]),
            table(data["nl_to_en"]),
            dict(counts_en),
            dict(counts_nl),
            frozenset(str(w) for w in capitalised),
            phrases,
            {str(k): int(v) for k, v in bigrams_en.items()},
            {str(k): int(v) for k, v in bigrams_nl.items()},
            {str(k): str(v) for k, v in acronyms.items()},
            frozenset(str(p) for p in dictionary_pairs),
        )


def _bag(lookup: object, tokens: Iterable[str], top: int) -> dict[str, float]:
    assert callable(lookup)
    bag: dict[str, float] = {}
    for token in tokens:
        candidates: Candidates = lookup(token)
        if not candidates:
            continue
        best = candidates[0][1]
        for word, prob in candidates[:top]:
            weight = prob / best
            if weight >= 0.2 and bag.get(word, 0.0) < weight:
                bag[word] = round(weight, 4)
    return bag


def _table(
    scores: dict[tuple[int, int], float], source_words: Sequence[str], target_words: Sequence[str]
) -> dict[str, Candidates]:
    by_source: dict[int, list[tuple[int, float]]] = {}
    for (source, target), score in scores.items():
        by_source.setdefault(source, []).append((target, score))
    table: dict[str, Candidates] = {}
    for source, options in by_source.items():
        options.sort(key=lambda item: (-item[1], target_words[item[0]]))
        kept = [(target_words[t], round(s, 4)) for t, s in options[:_TOP] if s >= _MIN_SCORE]
        if kept:
            table[source_words[source]] = tuple(kept)
    return table


def _with_dictionary(
    table: dict[str, Candidates],
    entries: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    target_counts: Mapping[str, int] | None = None,
    order_counts: Mapping[str, int] | None = None,
) -> dict[str, Candidates]:
    """Add dictionary translations of single words after the learned ones (or alone for unseen words).

    With ``target_counts``, a translation the corpus never shows that is two of its words written together
    (FreeDict's "firstaid", "electricsocket") is split into them. With ``order_counts`` (the target
    language's corpus word counts), a word's dictionary senses are ordered by how often the corpus uses their
    rarest word; else they keep the dictionary's order."""
    by_word: dict[str, list[str]] = {}
    for source, target in entries:
        if len(source) == 1:
            if target_counts is not None:
                target = tuple(part for word in target for part in split_concatenation(word, target_counts))
            by_word.setdefault(source[0], []).append(" ".join(target))
    merged = dict(table)
    for word, listed in by_word.items():
        learned = merged.get(word, ())
        options = list(dict.fromkeys(listed))
        if order_counts is not None:
            # the senses the corpus's text uses most first (hold, keep before "cause to take place")
            options.sort(key=lambda o: -min(order_counts.get(w, 0) for w in o.split()))
        share = (_DICTIONARY_WITH if learned else _DICTIONARY_ALONE) / len(options)
        known = {w for w, _ in learned}
        extra = tuple((o, round(share, 4)) for o in options if o not in known)
        merged[word] = (*learned, *extra)[: _TOP + 2]
    return merged


def _corroborated(
    table: dict[str, Candidates],
    aligned: Sequence[SentencePair],
    dictionary: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    counts_nl: Mapping[str, int],
    counts_en: Mapping[str, int],
) -> dict[str, Candidates]:
    """Re-rank the translations of rare Dutch words by the evidence of their own pairs (see
    :data:`_CORROBORATE_BELOW`): a dictionary or cognate translation that co-occurs with the word rises to
    the level of its best alignment; every candidate is scaled by the share of the word's pairs that show it
    (relative to the best-shown corroborated one), an uncorroborated one by :data:`_UNCORROBORATED` more."""
    senses: dict[str, set[str]] = {}
    for en, nl in dictionary:
        if len(nl) == 1:
            senses.setdefault(nl[0], set()).add(" ".join(en))
    rare = {w for w, n in counts_nl.items() if n < _CORROBORATE_BELOW}
    supported: dict[str, set[str]] = {}
    options: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for word in rare:
        known = {e for e in (word, *cognates(word)) if counts_en.get(e, 0)} | senses.get(word, set())
        # an inflected form of a supported word is supported too (the dictionary's pump, the pairs' pumps)
        stems = {stem(e, "en") for e in known if " " not in e}
        aligned_words = {e for e, _ in table.get(word, ())}
        known |= {e for e in aligned_words if " " not in e and stem(e, "en") in stems}
        supported[word] = known
        phrases = known | aligned_words
        options[word] = [(e, tuple(e.split())) for e in phrases]
    shown: Counter[tuple[str, str]] = Counter()
    for pair in aligned:
        english = set(pair.en)
        for word in rare.intersection(pair.nl):
            for phrase, parts in options[word]:
                if all(part in english for part in parts):
                    shown[word, phrase] += 1
    out = dict(table)
    for word in rare:
        backed = {e: shown[word, e] for e in supported[word] if shown[word, e]}
        if not backed:
            continue
        existing = dict(table.get(word, ()))
        top = max(existing.values(), default=_DICTIONARY_ALONE)
        most = max(backed.values())
        scored = {}
        for phrase in {*existing, *backed}:
            evidence = min(1.0, shown[word, phrase] / most) ** 0.5
            base = top if phrase in backed else existing[phrase] * _UNCORROBORATED
            if phrase not in backed and phrase in supported[word]:
                base = existing[phrase]  # a dictionary sense its pairs never show keeps its place
                evidence = 1.0
            if (score := round(base * evidence, 4)) >= _MIN_SCORE / 2:
                scored[phrase] = score
        # on a tie, the order alignment gave
        ranked = sorted(scored.items(), key=lambda item: (-item[1], -existing.get(item[0], 0.0), item[0]))
        out[word] = tuple(ranked)[: _TOP + 2]
    return out


def _with_separable_verbs(pairs: Sequence[SentencePair]) -> list[SentencePair]:
    """The Dutch side with separable verbs joined where the corpus also writes them as one word (twice or
    more): "om bij te dragen" → "om te bijdragen", and a particle closing a clause with a verb before it,
    "zij voeren inspecties uit" → "zij uitvoeren inspecties" (particles: those seen before "te"). Split, the
    particle and the stem each take the English verb in IBM Model 1 (dragen → contribute, toe → apply).

    A particle closes a clause at the end of the text, or before a word that opens the next clause
    (:func:`_clause_openers`, learned from the corpus): "zij voeren controles uit en rapporteren …",
    "zij zien toe op de veiligheid"."""
    counts = Counter(t for pair in pairs for t in pair.nl)

    def joins(first: str, second: str) -> bool:
        return first.isalpha() and counts.get(first + second, 0) >= _MIN_BIGRAM

    particles = {
        a
        for pair in pairs
        for a, b, c in zip(pair.nl, pair.nl[1:], pair.nl[2:], strict=False)
        if b == "te" and joins(a, c)
    }

    def verb_before(nl: Sequence[str], j: int) -> int | None:
        """The nearest word before the particle at ``j`` that joins it into a corpus word, if any."""
        for i in range(j - 1, max(-1, j - 1 - _PARTICLE_REACH), -1):
            if nl[i] not in particles and nl[i] not in STOPWORDS["nl"] and joins(nl[j], nl[i]):
                return i
        return None

    texts = []
    for pair in pairs:
        nl = list(pair.nl)
        if "te" in nl[1:-1]:
            joined: list[str] = []
            i = 0
            while i < len(nl):
                if i + 2 < len(nl) and nl[i + 1] == "te" and joins(nl[i], nl[i + 2]):
                    joined.extend(("te", nl[i] + nl[i + 2]))
                    i += 3
                else:
                    joined.append(nl[i])
                    i += 1
            nl = joined
        texts.append(nl)
    openers = _clause_openers(texts, particles, verb_before)
    out = []
    for pair, nl in zip(pairs, texts, strict=True):
        for j in range(len(nl) - 1, 1, -1):
            if nl[j] in particles and (j == len(nl) - 1 or nl[j + 1] in openers):
                if (v := verb_before(nl, j)) is not None:
                    nl = [*nl[:v], nl[j] + nl[v], *nl[v + 1 : j], *nl[j + 1 :]]
        if tuple(nl) != pair.nl:
            pair = SentencePair(pair.en, tuple(nl), pair.kind)
        out.append(pair)
    return out


def _clause_openers(
    texts: Sequence[Sequence[str]],
    particles: set[str],
    verb_before: Callable[[Sequence[str], int], int | None],
) -> frozenset[str]:
    """Words that open a clause after a closing particle ("… uit en", "… toe op", "… uit om"): the words that
    follow a particle mostly where a verb it joins stands before it (seen :data:`_MIN_OPENER` times or more).
    A particle used as a preposition is followed by its object ("uit de tank", "op het werk")."""
    after: Counter[str] = Counter()
    closing: Counter[str] = Counter()
    for nl in texts:
        for j in range(1, len(nl) - 1):
            if nl[j] in particles:
                after[nl[j + 1]] += 1
                if verb_before(nl, j) is not None:
                    closing[nl[j + 1]] += 1
    return frozenset(w for w, n in after.items() if n >= _MIN_OPENER and closing[w] >= _OPENER_SHARE * n)


def _link_shares(
    en: Sequence[NDArray[np.int64]],
    nl: Sequence[NDArray[np.int64]],
    keys: NDArray[np.int64],
    score: NDArray[np.float64],
    width: int,
) -> dict[tuple[int, int], float]:
    """Competitive linking over the aligned pairs: an English and a Dutch token of a pair are linked when each
    is the other's best-scoring word there (``keys`` = English id × ``width`` + Dutch id, sorted, with their
    ``score``). Per (English id, Dutch id) word pair, the share of the Dutch word's tokens in pairs that also
    have the English word in which the two are linked: low for a word that co-occurs with a translation
    another word of the same pairs explains better (houden in "toezicht houden" ↔ supervise)."""
    sizes = [(len(e), len(n)) for e, n in zip(en, nl, strict=True) if len(e) and len(n)]
    if not sizes or not len(keys):
        return {}
    e_parts, n_parts = [], []
    for e, n in zip(en, nl, strict=True):
        if len(e) and len(n):
            e_parts.append(np.repeat(e, len(n)))
            n_parts.append(np.tile(n, len(e)))
    e_ids, n_ids = np.concatenate(e_parts), np.concatenate(n_parts)
    n_len = np.array([b for _, b in sizes], dtype=np.int64)
    e_len = np.array([a for a, _ in sizes], dtype=np.int64)
    cells = e_len * n_len
    # the entries of a pair are its English tokens × Dutch tokens, English-major
    pair_of = np.repeat(np.arange(len(sizes)), cells)
    within = np.arange(len(e_ids)) - np.repeat(np.cumsum(cells) - cells, cells)
    e_pos = np.repeat(np.cumsum(e_len) - e_len, cells) + within // n_len[pair_of]
    n_pos = np.repeat(np.cumsum(n_len) - n_len, cells) + within % n_len[pair_of]
    entry = e_ids * width + n_ids
    found = np.minimum(np.searchsorted(keys, entry), len(keys) - 1)
    s = np.where(keys[found] == entry, score[found], 0.0)
    # best per English token: entries are grouped by e_pos already
    starts = np.flatnonzero(np.r_[True, e_pos[1:] != e_pos[:-1]])
    best_e = s == np.repeat(np.maximum.reduceat(s, starts), np.diff(np.r_[starts, len(s)]))
    order = np.argsort(n_pos, kind="stable")
    sorted_s, sorted_pos = s[order], n_pos[order]
    starts = np.flatnonzero(np.r_[True, sorted_pos[1:] != sorted_pos[:-1]])
    best_sorted = sorted_s == np.repeat(np.maximum.reduceat(sorted_s, starts), np.diff(np.r_[starts, len(s)]))
    best_n = np.empty(len(s), dtype=bool)
    best_n[order] = best_sorted
    known = s > 0
    top = int(e_ids.max()) + 1
    flat_nl = _flat(nl, en)

    def per_word_pair(mask: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        # each (Dutch token, English word) once, then counted per (English word, Dutch word)
        token_word = np.unique(n_pos[mask] * top + e_ids[mask])
        return np.unique((token_word % top) * width + flat_nl[token_word // top], return_counts=True)

    linked_keys, linked_counts = per_word_pair(known & best_e & best_n)
    cooc_keys, cooc_counts = per_word_pair(known)
    linked = dict(zip(linked_keys.tolist(), linked_counts.tolist(), strict=True))
    return {
        (k // width, k % width): linked.get(k, 0) / c
        for k, c in zip(cooc_keys.tolist(), cooc_counts.tolist(), strict=True)
    }


def _flat(nl: Sequence[NDArray[np.int64]], en: Sequence[NDArray[np.int64]]) -> NDArray[np.int64]:
    """The Dutch token ids of the pairs with both sides, in order (positions as in :func:`_link_shares`)."""
    return np.concatenate([n for n, e in zip(nl, en, strict=True) if len(n) and len(e)])


def _dictionary_disagreement(
    table: dict[str, Candidates],
    dictionary: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    counts_nl: Mapping[str, int],
) -> dict[str, Candidates]:
    """When an English word's first sense is a rare Dutch word the dictionary knows with other meanings only
    (rust → barsten: cracks) and another aligned sense is one the dictionary gives (roest), the attested
    senses rise to the first one's level and the contradicted rare ones are scaled by :data:`_DISAGREE`:
    IBM Model 1 links a word seen in a few pairs to whatever shares them."""
    meanings: dict[str, set[str]] = {}
    for en, nl in dictionary:
        if len(nl) == 1:
            meanings.setdefault(nl[0], set()).update(stem(w, "en") for w in en)
        if len(en) == 1:
            meanings.setdefault(" ".join(nl), set()).add(stem(en[0], "en"))

    def meaning(dutch: str) -> set[str] | None:
        if (known := meanings.get(dutch)) is not None:
            return known
        for ending in ("en", "s", "n"):
            if dutch.endswith(ending) and (known := meanings.get(dutch[: -len(ending)])) is not None:
                return known
        return None

    out = dict(table)
    for english, options in table.items():
        own = stem(english, "en")
        top, best = options[0]
        known = meaning(top)
        if known is None or own in known or counts_nl.get(top, 0) >= _CORROBORATE_BELOW:
            continue  # the first sense is not contradicted by the dictionary
        attested = {d for d, _ in options if (m := meaning(d)) is not None and own in m}
        if not attested:
            continue
        scored = []
        for dutch, prob in options:
            m = meaning(dutch)
            if dutch in attested:
                prob = best
            elif m is not None and counts_nl.get(dutch, 0) < _CORROBORATE_BELOW:
                prob = round(prob * _DISAGREE, 4)
            scored.append((dutch, prob))
        # stable: among equals the attested, then the alignment's order
        out[english] = tuple(sorted(scored, key=lambda item: (-item[1], item[0] not in attested)))
    return out


def learn_lexicon(corpus: ParallelCorpus, *, iterations: int = 5) -> TranslationLexicon:
    """Align the corpus both ways with IBM Model 1 and keep word pairs both directions agree on.

    Dictionary pairs are not aligned: their words back off behind what the domain text taught.
    """
    dictionary = [(pair.en, pair.nl) for pair in corpus.pairs if pair.kind == "dictionary"]
    aligned = _with_separable_verbs([pair for pair in corpus.pairs if pair.kind != "dictionary"])
    vocab_en, vocab_nl = Vocabulary(), Vocabulary()
    en = [vocab_en.encode(pair.en) for pair in aligned]
    nl = [vocab_nl.encode(pair.nl) for pair in aligned]
    weights = [_WEIGHT.get(pair.kind, 1.0) for pair in aligned]
    forward = train_ibm1(en, nl, weights, iterations=iterations)  # t(nl | en)
    backward = train_ibm1(nl, en, weights, iterations=iterations)  # t(en | nl)
    width = len(vocab_nl)
    forward_keys = forward.source * width + forward.target
    backward_keys = backward.target * width + backward.source
    common, fi, bi = np.intersect1d(forward_keys, backward_keys, return_indices=True)
    score = np.sqrt(forward.prob[fi] * backward.prob[bi])
    # IBM Model 1 lets a rare word soak up a frequent one (welding → lasingenieur); translations of a
    # word occur about as often as it does, so a much rarer candidate is scaled down.
    empty = np.zeros(0, dtype=np.int64)
    count_en = np.bincount(np.concatenate([empty, *en]), minlength=len(vocab_en)).astype(np.float64)
    count_nl = np.bincount(np.concatenate([empty, *nl]), minlength=len(vocab_nl)).astype(np.float64)
    e_ids, n_ids = common // width, common % width
    ratio = np.minimum(1.0, count_nl[n_ids] / np.maximum(count_en[e_ids], 1.0))
    ratio = np.minimum(ratio, np.minimum(1.0, count_en[e_ids] / np.maximum(count_nl[n_ids], 1.0)) ** 0.25)
    score = score * np.sqrt(ratio)
    # a word written the same in both languages links first where IBM Model 1 cannot tell two apart
    # (import ↔ export in "import- en exportspecialist")
    same_en = np.full(len(vocab_nl), -1, dtype=np.int64)  # Dutch id → the English id of the same spelling
    for word, dutch_id in vocab_nl.ids.items():
        if dutch_id and (english_id := vocab_en.ids.get(word)) is not None:
            same_en[dutch_id] = english_id
    same = same_en[n_ids] == e_ids
    shares = _link_shares(en, nl, common, np.where(same, 2 * score, score), width)
    pairs = {(int(k // width), int(k % width)): float(s) for k, s in zip(common, score, strict=True)}
    pairs = {k: v for k, v in pairs.items() if k[0] and k[1]}
    linked = pairs
    if _LINK_FROM:
        most: dict[int, float] = {}
        for (_, n), share in shares.items():
            most[n] = max(most.get(n, 0.0), share)
        linked = {
            k: v * shares.get(k, 0.0) / max(most[k[1]], _LINK_MAX)
            if count_nl[k[1]] >= _LINK_FROM and most.get(k[1], 0.0) > 0
            else v
            for k, v in pairs.items()
        }
    en_to_nl = _table(pairs, vocab_en.words, vocab_nl.words)
    reverse = {(n, e): s for (e, n), s in linked.items()}
    nl_to_en = _table(reverse, vocab_nl.words, vocab_en.words)
    counts_en = Counter(t for pair in aligned for t in pair.en)
    counts_nl = Counter(t for pair in aligned for t in pair.nl)
    if dictionary:
        en_to_nl = _dictionary_disagreement(en_to_nl, dictionary, counts_nl)
        en_to_nl = _with_dictionary(en_to_nl, dictionary)
        nl_to_en = _with_dictionary(nl_to_en, [(b, a) for a, b in dictionary], counts_en, counts_en)
    nl_to_en = _corroborated(nl_to_en, aligned, dictionary, counts_nl, counts_en)
    phrases = learn_compound_phrases(corpus.label_groups, en_to_nl, nl_to_en, counts_nl)
    nl_to_en = _with_phrases(nl_to_en, phrases)
    english_labels = [words(label) for label in corpus.english_skill_labels]
    return TranslationLexicon(
        en_to_nl,
        nl_to_en,
        dict(counts_en),
        dict(counts_nl),
        frozenset(corpus.capitalised_nl),
        phrases,
        _bigrams((pair.en for pair in aligned), STOPWORDS["en"], english_labels),
        _bigrams((pair.nl for pair in aligned), frozenset()),
        dict(corpus.acronyms),
        frozenset(f"{en[0]} {nl[0]}" for en, nl in dictionary if len(en) == 1 and len(nl) == 1),
    )


def _bigrams(
    texts: Iterable[Sequence[str]], stopwords: frozenset[str], labels: Iterable[Sequence[str]] = ()
) -> dict[str, int]:
    """Adjacent word pairs, neither a stop word (keys "first second"): seen at least twice in ``texts``, or
    once in one of ``labels`` (the skill labels a search must reach: "install low voltage wiring")."""

    def pairs(text: Sequence[str]) -> Iterable[str]:
        return (
            f"{a} {b}"
            for a, b in zip(text, text[1:], strict=False)
            if a not in stopwords and b not in stopwords
        )

    counts = Counter(pair for text in texts for pair in pairs(text))
    named = Counter(pair for label in labels for pair in pairs(label))
    return {pair: n for pair, n in (counts + named).items() if counts[pair] >= _MIN_BIGRAM or pair in named}


def _with_phrases(
    table: dict[str, Candidates], phrases: Mapping[str, tuple[LearnedPhrase, ...]]
) -> dict[str, Candidates]:
    """Put learned compound phrases among a word's translations, up to level with the best one that word
    alignment found (or alone for a word it never saw), by their confidence."""
    merged = dict(table)
    for word, learned in phrases.items():
        existing = merged.get(word, ())
        top = existing[0][1] if existing else _PHRASE_ALONE
        known = {w for w, _ in existing}
        extra = []
        for phrase, confidence, _method in learned:
            if phrase in known:
                continue
            extra.append((phrase, round(top * min(1.0, 2 * confidence), 4)))
        if extra:
            merged[word] = tuple(sorted((*existing, *extra), key=lambda item: -item[1]))[: _TOP + 2]
    return merged
