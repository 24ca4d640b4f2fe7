"""Dutch sentences as English word bags, for the dense path: the same index and fusion as English texts.

The English sentence model is not asked to read Dutch. Each Dutch word becomes the English words the
learned lexicon gives it (compounds split by the lexicon: onderhoudsmonteur → maintenance + mechanic),
in the order of the Dutch words; the curated glossary (``glossary.NL_EN``) comes first where it has the
word. ``Bridged`` adds data for the words the lexicon saw too rarely to trust: a bilingual dictionary
(FreeDict, read by an adapter), its translations ranked by how often they occur in ESCO's English text.
Function words are dropped, the joints "en"/"of" and punctuation are kept (so the text splits into the
same fragments as an English one), and words the lexicon does not know are kept as written: names
and loanwords (SAP, PLC, MIG, CNC, software). Word order stays Dutch; a mean-pooled sentence encoder
barely cares, and "je verhelpt storingen" → "repair malfunctions" reads as an English skill phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Protocol

import simplemma

from techtalent.core.text import STOPWORDS
from techtalent.extraction.engine.normalise import dutch_lemma
from techtalent.extraction.engine.semantic import Calibration
from techtalent.extraction.engine.senses import Cooccurrence, choose_senses
from techtalent.taxonomy.engine.derive.compounds import split_compound

__all__ = [
    "Translator",
    "english_words",
    "english_sentence",
    "TRANSLATE_TOP",
    "TRANSLATE_SHARE",
    "TRANSLATED_CALIBRATION",
    "Bridged",
    "WEAK_COUNT",
    "SENSE_MARGIN",
    "SENSE_OTHER",
    "english_lemma",
]

TRANSLATE_TOP = 2  # English words kept per Dutch word
TRANSLATE_SHARE = 0.5  # a runner-up word is kept when its weight is at least this share of the best
# With co-occurrence statistics (``Bridged.cooccurrence``) the neighbours choose the sense; the runner-up
# of the plain choice stays beside the winner when its context score is at most this much lower.
SENSE_MARGIN = 0.1
SENSE_OTHER = 0.5  # prior factor of a candidate the plain choice does not weigh (a weak word's learned one)
# A translated word bag carries stray words that make wrong labels look similar, so its similarities get a
# flatter ramp onto the same score scale (0 at 0.5, the cap at 1.0 instead of 0.9): a score, and the
# acceptance threshold, then mean about the same precision in both languages. Chosen by a grid over
# low 0.4–0.6 × high 0.8–1.0 on the dev halves of vacancies_nl and extraction_nl (docs/extraction.md).
TRANSLATED_CALIBRATION = Calibration(low=0.5, high=1.0, cap=0.6)
_TOKEN = re.compile(r"[\w][\w'+#]*|[,;:()•·]", re.UNICODE)  # hyphens and slashes split: VCA-diploma
_JOINTS = {"en": "and", "of": "or", "zowel": "", "als": ""}
# Pronouns and auxiliary verbs of vacancy prose carry no skill ("je bent", "je hebt", "wij zoeken").
_FILLER = frozenset(
    "je jij jou jouw u uw wij we ons onze zij ze hij zij ik mijn bent ben is zijn hebt heb heeft hebben "
    "wordt worden word kunt kan kunnen wilt wil willen gaat ga gaan zal zult zullen moet moeten mag "
    "daarnaast verder ook graag bij ons wie wat waar".split()
)


class Translator(Protocol):
    """A learned Dutch→English word lexicon (the derivation engine's ``TranslationLexicon``)."""

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]: ...


# A compound whose parts the lexicon knows well (each seen WEAK_COUNT times or more) and whose learned
# candidates name every part is read as all its parts in order ("warmtepompen": pumps, heat → "heat pumps"),
# not as its best candidate alone (``Bridged.compound``). Reading weak compounds by their parts even when the
# candidates do not name them lost vacancies_nl dev RP@5 (docs/extraction.md, session 7b).
COMPOUND_PARTS = True
WEAK_COUNT = 10  # a Dutch word seen fewer times in ESCO's Dutch text has a learned translation not trusted
BridgeMode = Literal["unknown", "add", "replace"]


@lru_cache(maxsize=50_000)
def english_lemma(word: str) -> str:
    """The English dictionary form of a word (valves → valve), else the word."""
    return (simplemma.lemmatize(word, lang="en") or word).casefold()


@dataclass(frozen=True)
class Bridged:
    """The learned lexicon plus a dictionary for Dutch words it knows weakly or not at all; translations
    that occur in ESCO's English text are preferred (``counts_en`` of the lexicon is that vocabulary)."""

    lexicon: Any  # a TranslationLexicon: to_english, counts_nl, counts_en
    dictionary: Mapping[str, tuple[str, ...]]
    weak_count: int = WEAK_COUNT
    mode: BridgeMode = "replace"
    # English word co-occurrence in ESCO's text: when set, a sentence's words choose their senses jointly
    cooccurrence: Cooccurrence | None = None

    @property
    def counts_nl(self) -> Mapping[str, int]:
        """How often each Dutch word occurs in the text the lexicon learned from."""
        return self.lexicon.counts_nl  # type: ignore[no-any-return]

    def _ranked(self, entries: Iterable[str]) -> dict[str, float]:
        """Dictionary translations that ESCO's English uses, weighted by their rarest word's frequency."""
        vocabulary: Mapping[str, int] = self.lexicon.counts_en
        found = {e: min(vocabulary.get(w, 0) for w in e.split()) for e in entries if e.split()}
        best = max(found.values(), default=0)
        return {e: n / best for e, n in found.items() if n > 0}

    def compound(self, token: str) -> str | None:
        """A compound read as its parts in order ("warmte" + "pompen" → "heat pumps") when each part is a
        word the lexicon knows well (seen ``weak_count`` times or more) and the whole's learned candidates
        name every part's best translation (warmtepompen → pumps, heat); else None."""
        if not COMPOUND_PARTS:
            return None
        counts: Mapping[str, int] = self.lexicon.counts_nl
        parts = split_compound(token, counts, keep_known=False)
        if len(parts) < 2 or any(counts.get(p, 0) < self.weak_count for p in parts):
            return None
        vocabulary: Mapping[str, int] = self.lexicon.counts_en
        words = []
        for part in parts:
            bag = {w: p for w, p in self.lexicon.to_english([part]).items() if vocabulary.get(w)}
            if not bag:
                return None
            words.append(max(bag, key=lambda w: (bag[w], w)))
        learned = {english_lemma(w) for w in self.lexicon.to_english([token])}
        if not all(english_lemma(w) in learned for w in words):
            return None
        return " ".join(words)

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]:
        """English candidates for one Dutch word (several tokens go to the lexicon unchanged)."""
        tokens = list(tokens)
        if len(tokens) == 1 and (parts := self.compound(tokens[0])) is not None:
            return {parts: 1.0}
        learned: dict[str, float] = dict(self.lexicon.to_english(tokens))
        if len(tokens) != 1:
            return learned
        vocabulary: Mapping[str, int] = self.lexicon.counts_en
        learned = {w: p for w, p in learned.items() if vocabulary.get(w)} or learned
        trusted = self.lexicon.counts_nl.get(tokens[0], 0) >= self.weak_count
        entries = self.dictionary.get(tokens[0], ())
        if not entries or (learned and (trusted or self.mode == "unknown")):
            return learned
        ranked = self._ranked(entries)
        stems = {english_lemma(w) for e in ranked for w in e.split()}
        agreed = {w: p for w, p in learned.items() if english_lemma(w) in stems}
        if agreed or not ranked:
            return agreed or learned
        if self.mode == "add" and learned:
            best = max(learned, key=lambda w: (learned[w], w))
            return {best: 1.0, max(ranked, key=lambda e: (ranked[e], e)): 1.0}
        return ranked

    def candidates(self, token: str) -> dict[str, float]:
        """All English candidates of one Dutch word with priors in (0, 1]: the learned lexicon's (also
        for a weak word) and the dictionary's ranked by ESCO frequency, for a choice in context; a compound
        read as its parts (``compound``) has that reading only."""
        if (parts := self.compound(token)) is not None:
            return {parts: 1.0}
        learned: dict[str, float] = dict(self.lexicon.to_english([token]))
        vocabulary: Mapping[str, int] = self.lexicon.counts_en
        learned = {w: p for w, p in learned.items() if vocabulary.get(w)} or learned
        top = max(learned.values(), default=0.0)
        found = {w: p / top for w, p in learned.items() if top > 0}
        for entry, weight in self._ranked(self.dictionary.get(token, ())).items():
            found[entry] = max(found.get(entry, 0.0), weight)
        return found

    def whole(self, token: str) -> bool:
        """Whether the word is translated as itself, not as the parts of a split compound (whose English
        words are all meant, not alternatives: veiligheidsvoorschriften → safety regulations)."""
        knows = getattr(self.lexicon, "knows", None)
        return token in self.dictionary or knows is None or bool(knows(token))


def _form_bag(translator: Translator, token: str) -> tuple[str, dict[str, float]]:
    """The form of a Dutch word the translator knows best (the word or its lemma) and its English bag."""
    lemma = dutch_lemma(token)
    forms = (token, lemma) if lemma != token else (token,)
    counts: Mapping[str, int] = getattr(translator, "counts_nl", None) or {}
    # the form the lexicon saw most often first (laden, not its lemma lade "drawer"); the lemma on a tie
    for form in sorted(reversed(forms), key=lambda f: -counts.get(f, 0)):
        bag = translator.to_english([form])
        if bag:
            return form, bag
    return token, {}


def english_words(
    translator: Translator,
    token: str,
    glossary: Mapping[str, str] | None = None,
    *,
    top: int | None = None,
    share: float | None = None,
) -> list[str]:
    """The English words for one Dutch word (or its lemma): the glossary's, else the lexicon's best and a
    close runner-up; the word itself when neither knows it."""
    lemma = dutch_lemma(token)
    for form in (token, lemma) if lemma != token else (token,):
        if glossary and form in glossary:
            return [glossary[form]]
    _, bag = _form_bag(translator, token)
    if not bag:
        return [token]
    ranked = sorted(bag.items(), key=lambda item: (-item[1], item[0]))
    best, top, share = ranked[0][1], top or TRANSLATE_TOP, TRANSLATE_SHARE if share is None else share
    return [word for word, weight in ranked[:top] if weight >= share * best]


# The separable particles of Dutch verbs (a closed word class: "je past X toe", "je werkt samen"); which
# particle + verb pairs exist is learned: the joined infinitive must be a word of ESCO's Dutch text or of
# the dictionary (``_joined``).
_PARTICLES = (
    "uit", "aan", "op", "af", "mee", "door", "over", "bij", "in", "na", "om", "terug", "voor",
    "toe", "samen", "weg", "vast", "klaar", "tegen", "neer", "rond", "achter", "binnen", "weer",
)  # fmt: skip


def _joined(translator: Translator, glossary: Mapping[str, str], verb: str) -> str | None:
    """The English of a joined separable verb (uitvoeren): the glossary's, else the translator's best when
    ESCO's Dutch text or the translator's dictionary has that infinitive (ingrijpen → intervene)."""
    if verb in glossary:
        return glossary[verb]
    attested = getattr(translator, "counts_nl", {}).get(verb) or verb in getattr(translator, "dictionary", {})
    bag = translator.to_english([verb]) if attested else {}
    return max(bag, key=lambda w: (bag[w], w)) if bag else None


# Words after which a particle still stands at the end of its clause ("je werkt samen met ...", "je voert
# onderhoud uit aan de machines"): other particles and prepositions that open a trailing phrase.
_AFTER_PARTICLE = frozenset(_PARTICLES) | {"met", "naar", "van", "tot", "tijdens", "zonder", "volgens"}


def _particle_place(raws: list[str], at: int) -> bool:
    """Whether the word at ``at`` stands where a separable particle does: last in its clause or before a
    trailing phrase, not before its own object as a preposition ("in een ploegendienst", "bij ons")."""
    if at + 1 == len(raws):
        return True
    following = raws[at + 1].casefold()
    return not following[0].isalnum() or following in _JOINTS or following in _AFTER_PARTICLE


def _separable(
    translator: Translator, raws: list[str], glossary: Mapping[str, str]
) -> tuple[dict[int, str], set[int]]:
    """Separable verbs split over the clause ("je voert onderhoud uit" → uitvoeren → "perform"): the
    position of the verb → its English, when the glossary or the lexicon knows particle + infinitive,
    and the positions of the particles so joined (they carry no word of their own)."""
    found: dict[int, str] = {}
    used: set[int] = set()
    clause_start = 0
    for at, raw in enumerate(raws):
        token = raw.casefold()
        if not token[0].isalnum() or token in _JOINTS:
            clause_start = at + 1
            continue
        if token not in _PARTICLES or at == clause_start or not _particle_place(raws, at):
            continue
        for verb_at in range(clause_start, at):
            word = raws[verb_at].casefold()
            english = _joined(translator, glossary, token + dutch_lemma(word)) if word[0].isalnum() else None
            if english and verb_at not in found:
                found[verb_at] = english
                used.add(at)
                break
    return found, used


def _in_context(
    cooccurrence: Cooccurrence,
    slots: list[list[tuple[str, float]] | None],
    choices: dict[int, list[str]],
) -> dict[int, list[str]]:
    """The English of each open slot chosen with its neighbours: the best in context and the plain
    choice's words whose context score is within ``SENSE_MARGIN`` of it (one word per English lemma)."""
    lemmas = {w: tuple(english_lemma(part) for part in w.split()) for slot in slots for w, _ in slot or ()}
    scored = choose_senses(slots, cooccurrence, lemmas)
    chosen: dict[int, list[str]] = {}
    for at, plain in choices.items():
        ranked = scored[at]
        best, score = ranked[0]
        keep = [best] + [w for w, other in ranked[1:] if w in plain and other >= score - SENSE_MARGIN]
        words: list[str] = []
        seen: set[str] = set()
        for word in keep:
            if not seen & set(lemmas.get(word, (word,))):
                words.append(word)
                seen.update(lemmas.get(word, (word,)))
        chosen[at] = words
    return chosen


def english_sentence(
    translator: Translator,
    text: str,
    glossary: Mapping[str, str] | None = None,
    *,
    top: int | None = None,
    share: float | None = None,
) -> str:
    """A Dutch sentence as an English word bag in Dutch word order ('' when nothing is left); with the
    translator's co-occurrence statistics, each word's sense is chosen among all its candidates in context."""
    stop = STOPWORDS["nl"] | _FILLER
    glossary = glossary or {}
    cooccurrence: Cooccurrence | None = getattr(translator, "cooccurrence", None)
    candidates = getattr(translator, "candidates", None) if cooccurrence is not None else None
    whole = getattr(translator, "whole", None)  # a split compound's words are all kept, not chosen among
    parts: list[list[str]] = []  # the English of each Dutch token kept, in order
    slots: list[list[tuple[str, float]] | None] = []  # content words (their candidates) and clause breaks
    slot_part: list[int] = []  # the part of each slot
    choices: dict[int, list[str]] = {}  # slot → the plain choice, where the context may choose another
    raws = _TOKEN.findall(text)
    verbs, particles = _separable(translator, raws, glossary)
    for at, raw in enumerate(raws):
        token = raw.casefold()
        if at in particles:
            continue
        if token in _JOINTS and at not in verbs:
            if _JOINTS[token]:
                parts.append([_JOINTS[token]])
            continue
        if not token[0].isalnum():
            parts.append([token])
            slots.append(None)
            slot_part.append(len(parts) - 1)
            continue
        if at not in verbs and (token in stop or token.isdigit()):
            continue
        words: list[str]
        options: dict[str, float] = {}
        if at in verbs:
            words = [verbs[at]]
        elif raw.isupper() and len(raw) <= 5:  # acronyms: PLC, MIG, SAP; a glossed one also says what it is
            words = [raw, *glossary[token].split()] if token in glossary else [raw]
        else:
            words = [w for w in english_words(translator, token, glossary, top=top, share=share) if w]
            known = token in glossary or dutch_lemma(token) in glossary
            if candidates is not None and whole is not None and not known and words != [token]:
                form, bag = _form_bag(translator, token)
                best = max(bag.values(), default=1.0) or 1.0
                if whole(form):
                    options = {w: p / best for w, p in bag.items()}
                    for word, weight in candidates(form).items():
                        options[word] = max(options.get(word, 0.0), weight * SENSE_OTHER)
                for word in words if options else ():
                    options.setdefault(word, 1.0)
        if len(options) > 1:
            choices[len(slots)] = words
        slots.append(sorted(options.items(), key=lambda item: -item[1]) or [(w, 1.0) for w in words])
        parts.append(words)
        slot_part.append(len(parts) - 1)
    if cooccurrence is not None and choices:
        for at, words in _in_context(cooccurrence, slots, choices).items():
            parts[slot_part[at]] = words
    sentence = " ".join(w for part in parts for w in part)
    sentence = re.sub(r"\s+([,;:)])", r"\1", sentence).strip(" ,;:")
    return sentence if any(ch.isalnum() for ch in sentence) else ""
