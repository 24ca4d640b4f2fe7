"""One English skill label into Dutch candidates: known phrases, word translations, verb last, compounds."""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass, replace

from techtalent.core.text import STOPWORDS
from techtalent.taxonomy.engine.derive.compounds import compound_heads, join_compounds
from techtalent.taxonomy.engine.derive.lexicon import TranslationLexicon
from techtalent.taxonomy.engine.derive.patterns import DUTCH_PREPOSITIONS, ENGLISH_PREPOSITIONS, LabelPatterns
from techtalent.taxonomy.engine.derive.together import DutchTexts
from techtalent.taxonomy.engine.derive.tokens import cased_words
from techtalent.taxonomy.engine.derive.vocabulary import WordEvidence

__all__ = ["Candidate", "translate_label"]

_MAX_PHRASE = 4
_COPY_QUALITY = 0.3
_DROP_BELOW = 0.05
_FLUENCY = 1.0  # weight of the Dutch text's word-pair evidence against the translation probabilities
_MAX_FIT = 4.0  # one well-attested word pair lifts a slot by at most e^4
_FLOOR = 0.01  # below this, translation probabilities (mostly dictionary back-off) are equally unsure
_BEAM = 8
_SENSES = 4  # reverse senses per word slot
_LEAK = 0.1  # a Dutch sense adding a word the English label lacks (tile → tegelzetters) is scaled by this
_MIN_GOVERNED = 3  # "verb preposition" pairs in the Dutch text before a verb's own preposition is trusted
_FOREIGN = 0.1  # a sense that is an English word Dutch text does not use (office, driller) is scaled by this
_MIN_PART, _KNOWN_PART = 4, 10  # compound parts long and frequent enough to have a meaning of their own
_MIN_STEM = 5  # letters two words share at their start to count as the same word (protective, protection)
# A Dutch sense seen fewer times than this in ESCO's text, that the dictionary does not give for the English
# word and that does not share its start, is weakly attested: IBM Model 1 may have given it the word only
# because they share a pair or two (lift → liftmonteurs, gear → aandrijvingen, deterioration → boek).
_WEAK_BELOW = 10
_FORM_LETTERS = 3
# A Dutch sense is supported when the English word is among its first few English translations (nl→en); an
# unsupported one (export → import, which translates back as import only) is scaled by this.
_BACK = 5
_FUNCTION_NL, _FUNCTION_EN = STOPWORDS["nl"] | DUTCH_PREPOSITIONS, STOPWORDS["en"] | ENGLISH_PREPOSITIONS
_UNSUPPORTED = 0.3


@dataclass(frozen=True)
class Candidate:
    """A Dutch rendering before calibration: text, raw quality in [0, 1], the methods that made it."""

    text: str
    quality: float
    methods: tuple[str, ...]
    weak: int = 0  # words only weakly attested as translations (:func:`_weak`), calibrated apart
    # Doubts about the candidate the raw quality does not show, each with a factor on its confidence learned
    # from held-out examples (``DutchLabelModel.doubts``): "apart" (:func:`_apart`), "unsupported"
    # (:func:`_supported`), "no-verb" (a skill label rendered without a Dutch verb).
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Slot:
    options: tuple[tuple[str, float], ...]
    method: str
    source: str = ""  # the English word a word slot translates


def _weak(english: str, dutch: str, lexicon: TranslationLexicon) -> bool:
    """Whether ``dutch`` rests on a few aligned pairs only as the translation of ``english``: one word, seen
    fewer than :data:`_WEAK_BELOW` times in ESCO's Dutch text, not given by the dictionary, not the same word
    (a shared start of :data:`_MIN_STEM` letters, or all of a shorter English word, and a length within
    :data:`_FORM_LETTERS`: camping, campings; not lift, liftmonteurs)."""
    dutch = dutch.casefold()
    if " " in dutch or not english or lexicon.counts_nl.get(dutch, 0) >= _WEAK_BELOW:
        return False
    return not _same_word(english, dutch) and not lexicon.attests(english, dutch)


def _same_word(english: str, dutch: str) -> bool:
    """Whether ``dutch`` is a form of ``english`` (standaard, campings), not a compound that says more
    (liftmonteurs): a shared start of :data:`_MIN_STEM` letters, or all of a shorter English word, and a
    length within :data:`_FORM_LETTERS`."""
    shared = len(os.path.commonprefix((english, dutch)))
    return shared >= min(_MIN_STEM, len(english)) and abs(len(dutch) - len(english)) <= _FORM_LETTERS


def _word_slot(token: str, cased: str, lexicon: TranslationLexicon, *, opening: bool) -> _Slot | None:
    options = lexicon.dutch_candidates(token)
    if cased != token and not (opening and cased[1:].islower()):
        options = tuple((cased if w == token else w, p) for w, p in options)
    if not options or not lexicon.counts_en.get(token):
        # Words ESCO's text never shows (names, loanwords: SQL, Haskell, software) are kept, keeping case
        # unless the capital only opens the label; a dictionary sense is the runner-up.
        keep = cased != token and not (opening and cased[1:].islower())
        copied = (cased if keep else token, _COPY_QUALITY)
        return _Slot((copied, *options[:2]), "copy" if not options else "copy+dictionary")
    if options[0][1] < _DROP_BELOW and lexicon.counts_en.get(token, 0) > 500:
        return None  # a function word Dutch leaves out
    # The reverse view adds senses the forward one buries (current → stroom behind huidige). A rare Dutch
    # word gives its few English words high probability, so these senses sit at the floor: only the Dutch
    # text around them can choose one (see _best_renderings).
    known = {w for w, _ in options[:3]}
    senses = tuple((w, _FLOOR) for w, _ in lexicon.dutch_senses(token, limit=8) if w not in known)
    return _Slot((*options[:3], *senses[:_SENSES]), "word")


def _meanings(dutch: str, lexicon: TranslationLexicon) -> set[str]:
    return {w for e, _ in lexicon.english_candidates(dutch)[:3] for w in e.split()}


def _adds_a_word(
    dutch: str, token: str, own: frozenset[str], label: frozenset[str], lexicon: TranslationLexicon
) -> bool:
    """Whether a Dutch sense of ``token`` is a compound of one of its own senses (or the English word
    itself) and a known word the label does not say: IBM Model 1 lets a rare compound soak up the word
    of its first part (granulator → granulatorbediener, tile → tegelzetters, ceiling → plafondmonteur), so
    the skill label would name a worker or a thing the English label has not."""
    for head in own:
        if len(head) < 3 or not dutch.startswith(head) or len(dutch) - len(head) < 4:
            continue
        rest = dutch[len(head) :]
        for tail in (
            rest,
            rest[1:] if rest[0] in "se" else rest,
            rest[2:] if rest.startswith("en") else rest,
        ):
            if len(tail) >= 4 and lexicon.counts_nl.get(tail, 0) >= 2:
                meanings = _meanings(tail, lexicon)
                return bool(meanings) and token not in meanings and not meanings & label
    return _names_another_thing(dutch, token, label, lexicon)


def _related(first: str, second: str) -> bool:
    """The same English word or one of its forms (protective, protection; boring, bore)."""
    if first == second:
        return True
    shared = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
    shared = min(len(first), len(second)) if shared is None else shared
    return shared >= _MIN_STEM or (shared >= _MIN_STEM - 1 and shared >= min(len(first), len(second)) - 1)


def _names_another_thing(dutch: str, token: str, label: frozenset[str], lexicon: TranslationLexicon) -> bool:
    """Whether a rare Dutch compound sense has a part no word of the English label says: IBM Model 1 gives
    a rare compound to the words of its neighbours too (boring → houtboormachine, weights →
    metrologiewet, sander → houtschuurder), so "hout" or "wet" names something the label does not."""
    if lexicon.counts_nl.get(dutch, 0) >= _KNOWN_PART or _same_word(token, dutch):
        # seen often enough to trust whole (compound_parts would not split it either), or the English word
        # itself in Dutch spelling (standard → standaard is no stand + aard)
        return False
    parts = lexicon.compound_parts(dutch)
    if len(parts) < 2:
        return False
    said = label | {token}
    for part in parts:
        if len(part) < _MIN_PART or lexicon.counts_nl.get(part, 0) < _KNOWN_PART:
            continue  # short or rare parts (aan-, be-; bestedingen) have no meaning of their own to check
        meanings = {w for e, _ in lexicon.english_candidates(part)[:3] for w in e.split()}
        if meanings and not any(_related(m, w) for m in meanings for w in said):
            return True
    return False


def _without_additions(slot: _Slot, token: str, label: frozenset[str], lexicon: TranslationLexicon) -> _Slot:
    """The slot with senses that add a word the label does not have (:func:`_adds_a_word`) scaled down."""
    own = frozenset(
        head for w, _ in lexicon.dutch_candidates(token)[:5] for head in compound_heads(w) if " " not in w
    ) | {token}
    options = tuple(
        (w, p * _LEAK) if _adds_a_word(w.casefold(), token, own - {w.casefold()}, label, lexicon) else (w, p)
        for w, p in slot.options
    )
    if options == slot.options:
        return slot
    return _Slot(tuple(sorted(options, key=lambda item: -item[1])), slot.method)


def _supported(dutch: str, english: str, lexicon: TranslationLexicon) -> bool:
    """Whether the Dutch sense translates back into the English word (or a form of it) among its first
    :data:`_BACK` English translations; a word the Dutch text never shows has only the dictionary's, and
    a phrase or a capitalised name is not checked."""
    dutch = dutch.casefold()
    if " " in dutch or not lexicon.counts_nl.get(dutch) or dutch in _FUNCTION_NL or english in _FUNCTION_EN:
        return True  # function words translate back into a spread of words
    back = {w for e, _ in lexicon.english_candidates(dutch)[:_BACK] for w in e.split()}
    return not back or any(_related(english, w) for w in back)


def _unsupported_down(slot: _Slot, token: str, lexicon: TranslationLexicon) -> _Slot:
    """The slot with senses that do not translate back into the English word scaled down (not those at the
    floor: the reverse senses translate back by construction)."""
    options = tuple(
        (w, p) if p <= _FLOOR or _supported(w, token, lexicon) else (w, p * _UNSUPPORTED)
        for w, p in slot.options
    )
    if options == slot.options:
        return slot
    return _Slot(tuple(sorted(options, key=lambda item: -item[1])), slot.method)


def _foreign_down(slot: _Slot, source: str, evidence: WordEvidence) -> _Slot:
    """The slot with senses that keep an English word Dutch does not use scaled down, so a Dutch sense wins
    where the lexicon has one, and a label that keeps it anyway gets a lower confidence."""
    options = tuple((w, p * _FOREIGN) if evidence.leftover(w, source) else (w, p) for w, p in slot.options)
    if options == slot.options:
        return slot
    spelled = evidence.dutch_spelling(source.casefold())
    if spelled and spelled not in {w for w, _ in options}:  # psychotherapy → psychotherapie
        options = ((spelled, _COPY_QUALITY), *options)
    return _Slot(tuple(sorted(options, key=lambda item: -item[1])), slot.method)


def _object_slots(
    tokens: tuple[str, ...],
    cased: tuple[str, ...],
    patterns: LabelPatterns,
    lexicon: TranslationLexicon,
    *,
    opening: bool,
    evidence: WordEvidence | None = None,
) -> list[_Slot]:
    """Translate a phrase left to right, taking the longest known phrase at each position."""
    slots: list[_Slot] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            known = patterns.phrases.get(tokens[i : i + size])
            if known and (size > 1 or known[0][1] >= 0.5):
                slots.append(_Slot(known[:3], "phrase-table"))
                i += size
                break
        else:
            slot = _word_slot(tokens[i], cased[i], lexicon, opening=opening and i == 0)
            if slot is not None:
                slot = _without_additions(slot, tokens[i], frozenset(tokens), lexicon)
                slot = _unsupported_down(slot, tokens[i], lexicon)
                slot = _foreign_down(slot, cased[i], evidence) if evidence else slot
                slots.append(replace(slot, source=tokens[i]))
            i += 1
    return slots


def _verb(
    tokens: tuple[str, ...], patterns: LabelPatterns, lexicon: TranslationLexicon, *, action: bool | None
) -> tuple[int, _Slot] | None:
    """The English verb opening the label (one or two words) and its Dutch infinitives, if it has one."""
    if action is False or len(tokens) < 2 or tokens[1] == "of":  # knowledge, or "types of pumps"
        return None
    for size in (2, 1):
        if len(tokens) > size and (options := patterns.verbs.get(tokens[:size])):
            return size, _Slot(options[:3], "reorder-verb-final")
    if action:  # a skill/competence label opens with a verb; take a Dutch infinitive the lexicon has
        found = [(w, p) for w, p in lexicon.dutch_candidates(tokens[0])[:5] if w in patterns.infinitives]
        if found:
            return 1, _Slot(tuple((w, p * 0.7) for w, p in found[:3]), "reorder-verb-final", tokens[0])
    return None


def _frame(
    tokens: tuple[str, ...], patterns: LabelPatterns, *, action: bool | None
) -> tuple[int, _Slot] | None:
    """A learned verb-first Dutch frame for the opening verb ("supervise" → "toezien op"), if any."""
    if action is False or len(tokens) < 2 or tokens[1] == "of":
        return None
    options = patterns.frames.get(tokens[:1])
    return (1, _Slot(options[:3], "verb-first-frame")) if options else None


def _with_particle(verb: _Slot, following: str, lexicon: TranslationLexicon) -> _Slot | None:
    """The verb slot joined with the word after the verb when that word is its particle: one the lexicon
    translates as the Dutch verb itself ("carry out": out → uitvoeren), so the label says the English verb
    once, not "verrichten … uitvoeren" (out → verrichten), and that also translates as a Dutch preposition
    (out → uit), as a particle does and an object word the verb's labels taught it does not (welding →
    lassen). The verb keeps the senses the particle shares; None when the word is no particle of it."""
    said = {w for w, _ in lexicon.dutch_candidates(following)[:_SENSES]}
    if not said & DUTCH_PREPOSITIONS:
        return None
    shared = tuple((w, p) for w, p in verb.options if w in said)
    return replace(verb, options=shared) if shared else None


def _governed_preposition(english: str, verb_nl: str, lexicon: TranslationLexicon) -> _Slot | None:
    """The Dutch preposition for an English one after a verb: the Dutch verb's own, as ESCO's Dutch text
    writes it after the verb ("deelnemen aan", "voldoen aan"), weighed with the English word's
    translations, so "participate in" gives "aan … deelnemen" and "work in" keeps "in"."""
    counts = {p: lexicon.bigram_nl(verb_nl, p) for p in DUTCH_PREPOSITIONS}
    total = sum(counts.values())
    if total < _MIN_GOVERNED:
        return None
    translated = dict(lexicon.dutch_candidates(english)[:5])
    scores = {p: n / total + translated.get(p, 0.0) for p, n in counts.items()}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    if score <= 0 or counts[best] < _MIN_GOVERNED:
        return None
    return _Slot(((best, min(1.0, score)),), "verb-preposition")


def _capitalise(word: str, lexicon: TranslationLexicon) -> str:
    """Dutch words the corpus writes with a capital inside sentences (Fins, Koreaans) get one."""
    return word[:1].upper() + word[1:] if word in lexicon.capitalised else word


@functools.lru_cache(maxsize=65536)
def _first_last(text: str) -> tuple[str, str]:
    parts = text.split()
    return (parts[0], parts[-1]) if parts else ("", "")


def _fit(previous: str, following: str, lexicon: TranslationLexicon) -> float:
    """How well ``previous following`` reads as Dutch (see :meth:`TranslationLexicon.dutch_fit`)."""
    if not previous or not following:
        return 0.0
    return min(_MAX_FIT, lexicon.dutch_fit(_first_last(previous)[1], _first_last(following)[0]))


def _best_renderings(slots: list[_Slot], lexicon: TranslationLexicon, limit: int) -> list[list[int]]:
    """The best option sequences: translation log-probabilities plus the Dutch fit of adjacent pairs."""
    beam: list[tuple[float, list[int]]] = [
        (math.log(max(prob, _FLOOR)), [index]) for index, (_text, prob) in enumerate(slots[0].options)
    ]
    for position in range(1, len(slots)):
        before, slot = slots[position - 1].options, slots[position].options
        gains = [
            [math.log(max(prob, _FLOOR)) + _FLUENCY * _fit(previous, text, lexicon) for text, prob in slot]
            for previous, _ in before
        ]
        grown = [
            (score + gain, [*picks, index])
            for score, picks in sorted(beam, key=lambda item: -item[0])[: max(_BEAM, limit)]
            for index, gain in enumerate(gains[picks[-1]])
        ]
        beam = grown
    beam.sort(key=lambda item: -item[0])
    return [picks for _, picks in beam[: max(_BEAM, limit)]]


def _without_repeated_tails(parts: list[str]) -> list[str]:
    """Words another word of the label already ends with are said twice: "boormachine machine", "voeren …
    uitvoeren" (carry → uitvoeren, out → voeren); the compound keeps them."""
    folded = [w.casefold() for w in parts]
    return [
        w
        for i, w in enumerate(parts)
        if len(folded[i]) < 4
        or not any(j != i and len(o) > len(folded[i]) and o.endswith(folded[i]) for j, o in enumerate(folded))
    ]


def _render(
    slots: list[_Slot], choice: list[int], lexicon: TranslationLexicon, texts: DutchTexts | None = None
) -> Candidate:
    parts, qualities, methods = [], [], []
    fits = 0.0
    weak = 0
    previous = ""
    sources: list[tuple[str, str]] = []
    for slot, pick in zip(slots, choice, strict=True):
        text, quality = slot.options[min(pick, len(slot.options) - 1)]
        if text:
            fit = _fit(previous, text, lexicon)
            if fit > 0:
                fits += fit
                methods.append("dutch-context")
            parts.append(text)
            previous = text
            weak += _weak(slot.source, text, lexicon)
            sources.append((slot.source, text))
        qualities.append(max(quality, _FLOOR))
        methods.append(slot.method)
    flat: list[str] = []
    for word in " ".join(parts).split():
        if not flat or flat[-1].casefold() != word.casefold():  # tidal stream → one Dutch word
            flat.append(_capitalise(word, lexicon))
    flat = _without_repeated_tails(flat)
    joined = join_compounds(flat, lexicon.counts_nl, min_count=2, apart=DUTCH_PREPOSITIONS)
    if len(joined) < len(flat):
        methods.append("compound")
    # The per-slot geometric mean of probabilities lifted by the Dutch fit, squashed into (0, 1).
    lifted = math.exp((sum(math.log(q) for q in qualities) + _FLUENCY * fits) / max(1, len(qualities)))
    quality = lifted / (1.0 + lifted)
    doubts = []
    if texts and _apart(joined, sources, lexicon, texts):
        doubts.append("apart")
    if any(english and not _supported(dutch, english, lexicon) for english, dutch in sources):
        doubts.append("unsupported")
    return Candidate(" ".join(joined), quality, tuple(dict.fromkeys(methods)), weak, tuple(doubts))


def _apart(
    joined: list[str], sources: list[tuple[str, str]], lexicon: TranslationLexicon, texts: DutchTexts
) -> int:
    """How many words of a candidate are rare in ESCO's Dutch text, share no Dutch text with any other word
    of the label, and are no form of their English word, without being weakly attested already
    (:func:`_weak`): a dictionary sense nothing Dutch puts beside its neighbours (inert → bewegingloos in
    "metalen bewegingloos gas lassen"). A doubt ("apart"): the weak words have their own calibration."""
    alone = texts.apart_words(joined)
    if not alone:
        return 0
    return sum(
        1
        for english, dutch in sources
        if (word := dutch.casefold()) in alone
        and lexicon.counts_nl.get(word, 0) < _WEAK_BELOW
        and english
        and not _same_word(english, word)
        and not _weak(english, dutch, lexicon)
    )


def translate_label(
    label: str,
    patterns: LabelPatterns,
    lexicon: TranslationLexicon,
    *,
    limit: int = 3,
    action: bool | None = None,
    evidence: WordEvidence | None = None,
    texts: DutchTexts | None = None,
) -> list[Candidate]:
    """Up to ``limit`` distinct Dutch candidates for an English label, best first.

    ``action`` says the label names a skill/competence (an English imperative, True) or knowledge (False,
    never verb-final); None when unknown. ``evidence`` tells English words Dutch does not use, which are
    then kept only where the lexicon has nothing else. ``texts`` tells which Dutch words ESCO's Dutch text
    writes together: a candidate with a rare word that meets none of the others there carries a doubt.
    """
    cased = cased_words(label)
    tokens = tuple(t.casefold() for t in cased)
    if not tokens:
        return []
    whole = patterns.phrases.get(tokens)
    if whole and whole[0][1] >= 0.5:
        memory = [Candidate(text, 0.95 * share, ("phrase-table",)) for text, share in whole[:limit]]
        return memory
    frame = _frame(tokens, patterns, action=action)
    verb = None if frame else _verb(tokens, patterns, lexicon, action=action)
    start = frame[0] if frame else verb[0] if verb else 0
    if (
        verb
        and len(tokens) > start + 1
        and tokens[start] not in ENGLISH_PREPOSITIONS  # those take the Dutch verb's own (below)
        and (joined := _with_particle(verb[1], tokens[start], lexicon))
    ):
        verb, start = (verb[0] + 1, joined), start + 1
    preposition = None
    if verb and len(tokens) > start + 1 and tokens[start] in ENGLISH_PREPOSITIONS:
        preposition = _governed_preposition(tokens[start], verb[1].options[0][0], lexicon)
        start += preposition is not None
    slots = _object_slots(
        tokens[start:],
        cased[start:],
        patterns,
        lexicon,
        opening=start == 0 and len(tokens) > 1,
        evidence=evidence,
    )
    if preposition:
        slots.insert(0, preposition)
    if frame:
        slots.insert(0, frame[1])
    if verb:
        slots.append(verb[1])
    if not slots:
        return []
    verbless = bool(action) and len(tokens) > 1 and tokens[1] != "of" and not frame and not verb
    seen: dict[str, Candidate] = {}
    for choice in _best_renderings(slots, lexicon, limit):  # best first: stop at ``limit`` distinct texts
        candidate = _render(slots, choice, lexicon, texts)
        if verbless:
            candidate = replace(candidate, doubts=(*candidate.doubts, "no-verb"))
        if candidate.text and candidate.text not in seen:
            seen[candidate.text] = candidate
            if len(seen) == limit:
                break
    return sorted(seen.values(), key=lambda c: -c.quality)[:limit]
