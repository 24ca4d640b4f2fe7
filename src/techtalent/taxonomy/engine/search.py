"""Label search over a taxonomy: tolerant of inflection, word order, case, diacritics, hyphens and one typo.

Each label is a bag of Snowball stems (in its own language). A query token matches a stem exactly, through
an inflection (a shared stem prefix), as a prefix while typing, or within one edit (OSA distance). A label
scores by the IDF-weighted share of query tokens it matches and the share of its own tokens covered; the
label type (preferred above alternative above hidden above derived, i.e. machine-made and scaled by its
confidence) and language scale that, and an exact full match gets a bonus. A concept takes its best label.
With a learned lexicon, a Dutch query word also matches the English words it translates to (at a lower
quality than a Dutch match), so skills with English labels only are found in Dutch.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from scipy import sparse

from techtalent.core.text import STOPWORDS, own_participle, stem, stem_tokens, tokenize
from techtalent.taxonomy.engine.crosslingual import (
    TRANSLATED,
    Lexicon,
    Phrase,
    acronym_phrases,
    context_senses,
    translated_phrases,
)
from techtalent.taxonomy.engine.paraphrase import learn_paraphrases, paraphrase_quality

__all__ = ["ConceptRecord", "LabelRecord", "SearchHit", "SearchIndex", "ShownLabel"]

KINDS = ("occupation", "skill", "skill_group", "isco_group")
LANGS = ("nl", "en")
LABEL_TYPES = ("preferred", "female", "male", "alternative", "hidden", "derived")
_TYPE_WEIGHT = np.array([1.0, 0.97, 0.97, 0.9, 0.8, 0.93], dtype=np.float32)
_EXACT, _INFLECTED, _PREFIX, _TYPO = 1.0, 0.9, 0.8, 0.75
# What may follow a stem for a token to count as its inflection (lasser → lass + er); anything else, such as
# the transposed "ein" of "elektricein", is left to the one-typo match.
_INFLECTION_ENDINGS = frozenset(
    {
        "s",
        "e",
        "n",
        "en",
        "er",
        "ers",
        "es",
        "ed",
        "ing",
        "ings",
        "d",
        "t",
        "de",
        "te",
        "den",
        "ten",
        "je",
        "jes",
    }
)
_MAX_EXPANSIONS = 150
_DERIVED_FLOOR = 0.85  # a derived label's weight scales with its confidence from this share upwards
# A derived label below this confidence still finds its concept but is never shown as its name (nor as the
# label a result was found by): the lowest band of labels with a weakly attested word (held-out token F1
# ≈ 0.27 on ESCO v1.1.1: most of their words are wrong, "liftmonteurs veiligheid wetgeving").
DERIVED_SHOWN_FROM = 0.3
_PRIOR = 0.06  # at most +6 % for the most general skill (many occupations need it, many narrower skills)
_RARE_ACRONYM = 3  # labels writing an acronym, at most, for it to stand for its expansion as well
_COMPOUND_HEAD = 0.8  # a compound a Dutch verb's stem opens (slijpen → slijpmachine), as a prefix match
_COMPOUND_LINKS = ("", "s", "e", "-")
_MIN_COMPOUND_TAIL = 4
_SHORT_PRIOR = 0.45  # a one-word query ("onderhoud", "lassen") asks for the broad, commonly used skills
# A word other official labels of the same skills write instead (plaatsen → installeren), × n / (n + 1).
_PARAPHRASE = 0.85
_PARAPHRASE_EN = 0.5  # a translation's English paraphrase (place → install), × n / (n + 1) of the translation
# A weaker sense of a query word matches at this share of a translation in a label another query word matches.
_CONTEXT = 0.8
_INFORMATION = 0.5  # the weight of a label's information share (by IDF) in its cover, beside its word share
_LABEL_COVER = 0.3  # the weight of how much of a label the query covers, beside how much of the query it has
# A Dutch word's term in an English label of another word (leggen ↔ legs): below a translation (0.72).
_FALSE_FRIEND = 0.6
_OFFICIAL = frozenset({"preferred", "female", "male", "alternative"})


@dataclass(frozen=True)
class ConceptRecord:
    """A concept as the search engine sees it."""

    uri: str
    kind: str
    skill_type: str = ""
    collections: tuple[str, ...] = ()
    occupations: int = 0  # how many occupations need it: between equal matches, the more common skill first
    essential: int = 0  # how many of those need it as essential
    narrower: int = 0  # how many narrower skills it has in the ESCO hierarchy


@dataclass(frozen=True)
class LabelRecord:
    """One label of a concept; a derived (machine-made) label carries its confidence."""

    uri: str
    lang: str
    type: str
    text: str
    confidence: float = 1.0


@dataclass(frozen=True)
class ShownLabel:
    """The name to show for a concept: its text and language, and whether it is machine-made (derived)."""

    text: str
    lang: str
    derived: bool = False
    original: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class SearchHit:
    """A found concept, with the label that matched it and a score in [0, 1]."""

    uri: str
    kind: str
    skill_type: str
    matched_label: str
    matched_lang: str
    matched_type: str
    score: float
    shown: bool = True  # whether the matched label may be shown (a derived one below DERIVED_SHOWN_FROM not)


def _inflects(token: str, rest: str) -> bool:
    """Whether ``token`` + ``rest`` is an inflected form of ``token``: an inflection ending, after a doubled
    last consonant too (stof → stoffen, plan → planned), or "ren" after a final e (analyse → analyseren)."""
    if rest in _INFLECTION_ENDINGS:
        return True
    doubled = len(rest) >= 2 and rest[0] == token[-1] and token[-1] not in "aeiou"
    if doubled and rest[1:] in _INFLECTION_ENDINGS:
        return True
    return token.endswith("e") and rest == "ren"


def _main_weight(options: Sequence[tuple[int, float]], idf: np.ndarray) -> float:
    """The information of one translated word: the IDF of its best option (the rarest of equally good ones),
    not of a weak option that happens to be rarer."""
    if not options:
        return 0.0
    best = max(value for _, value in options)
    return max(float(idf[term]) for term, value in options if value == best)


def generality(concepts: Sequence[ConceptRecord]) -> np.ndarray:
    """How broad and commonly used each skill is, in [0, 1]: occupations that need it (essential ones
    twice) and its narrower skills in the hierarchy, on a log scale relative to the broadest skill.
    Occupations get 0: a one-word job title ("lasser") is not lifted to a broad occupation."""
    raw = np.log1p(
        np.array(
            [c.occupations + c.essential + 2 * c.narrower if c.kind != "occupation" else 0 for c in concepts],
            dtype=np.float32,
        )
    )
    return (raw / max(1.0, float(raw.max(initial=0.0)))).astype(np.float32)


class SearchIndex:
    """An in-memory index of all labels; build once per taxonomy version, query many times."""

    def __init__(
        self,
        concepts: Sequence[ConceptRecord],
        labels: Iterable[LabelRecord],
        *,
        lexicon: Lexicon | None = None,
    ):
        self.lexicon = lexicon
        self.concepts = list(concepts)
        position = {c.uri: i for i, c in enumerate(self.concepts)}
        self.concept_kind = np.array([KINDS.index(c.kind) for c in self.concepts], dtype=np.int8)
        self.skill_types = sorted({c.skill_type for c in self.concepts})
        self.concept_skill_type = np.array(
            [self.skill_types.index(c.skill_type) for c in self.concepts], dtype=np.int16
        )
        members: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self.concepts):
            for code in c.collections:
                members[code].append(i)
        self.collections = {code: np.array(ids, dtype=np.int32) for code, ids in members.items()}
        self.generality = generality(self.concepts)

        self.label_text: list[str] = []
        variants: list[tuple[str, list[str]]] = []
        variants_en: list[tuple[str, list[str]]] = []
        label_concept, label_lang, label_type, label_len, label_weight = [], [], [], [], []
        terms: dict[str, int] = {}
        rows, cols = [], []
        surface_terms: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.preferred: dict[str, dict[int, str]] = {lang: {} for lang in LANGS}
        self.derived: dict[str, dict[int, tuple[str, float]]] = {lang: {} for lang in LANGS}
        self.unshown: set[int] = set()  # derived labels below DERIVED_SHOWN_FROM, by label index
        for label in labels:
            if label.uri not in position or label.type not in LABEL_TYPES:
                continue
            tokens = tokenize(label.text)
            if not tokens:
                continue
            index = len(self.label_text)
            if label.type == "preferred" and label.lang in self.preferred:
                self.preferred[label.lang].setdefault(position[label.uri], label.text)
            if label.type == "derived" and label.confidence < DERIVED_SHOWN_FROM:
                self.unshown.add(len(self.label_text))
            elif label.type == "derived" and label.lang in self.derived:
                best = self.derived[label.lang].get(position[label.uri])
                if best is None or best[1] < label.confidence:
                    self.derived[label.lang][position[label.uri]] = (label.text, label.confidence)
            self.label_text.append(label.text)
            label_concept.append(position[label.uri])
            label_lang.append(LANGS.index(label.lang) if label.lang in LANGS else 1)
            label_type.append(LABEL_TYPES.index(label.type))
            label_len.append(len(tokens))
            weight = _TYPE_WEIGHT[LABEL_TYPES.index(label.type)]
            if label.type == "derived":
                weight *= _DERIVED_FLOOR + (1 - _DERIVED_FLOOR) * min(1.0, max(0.0, label.confidence))
            label_weight.append(weight)
            self.exact[" ".join(tokens)].append(index)
            stems = stem_tokens(tokens, label.lang)
            if label.type in _OFFICIAL and self.concepts[position[label.uri]].kind == "skill":
                # Official skill labels teach paraphrases: Dutch by word, English by index term.
                if label.lang == "nl":
                    variants.append((label.uri, tokens))
                elif label.lang == "en":
                    variants_en.append((label.uri, stems))
            for token, stemmed in zip(tokens, stems, strict=True):
                term = terms.setdefault(stemmed, len(terms))
                surface_terms[token].add(term)
                rows.append(index)
                cols.append(term)
        self.terms = terms
        self.label_concept = np.array(label_concept, dtype=np.int32)
        self.label_lang = np.array(label_lang, dtype=np.int8)
        self.label_type = np.array(label_type, dtype=np.int8)
        self.label_len = np.array(label_len, dtype=np.float32)
        self.label_weight = np.array(label_weight, dtype=np.float32)
        matrix = sparse.csc_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.label_text), len(terms))
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        self.matrix = matrix
        df = np.diff(matrix.indptr).astype(np.float32)
        self.idf = np.log1p(len(self.label_text) / np.maximum(df, 1.0)).astype(np.float32)
        # Each label's information (the IDF of its words), for how much of it the query's words make up:
        # a left-over "airport" the query lacks costs more than a left-over "use".
        self.label_information = np.asarray(matrix @ self.idf, dtype=np.float32).ravel()
        self.surface = {token: np.array(sorted(ids), dtype=np.int32) for token, ids in surface_terms.items()}
        self.surface_sorted = sorted(self.surface)
        by_length: dict[int, list[str]] = defaultdict(list)
        for token in self.surface_sorted:
            by_length[len(token)].append(token)
        self.by_length = dict(by_length)

        self.position = position
        # Words the official Dutch labels of one skill write for each other (plaatsen ↔ installeren).
        self.paraphrases = learn_paraphrases(variants)
        # The same for the English labels, by index term (place ↔ install in nine skills), for translations.
        self.term_paraphrases = {
            terms[word]: tuple((terms[other], n) for other, n in options)
            for word, options in learn_paraphrases(variants_en).items()
        }

    def __len__(self) -> int:
        return len(self.concepts)

    def display_label(self, uri: str, lang: str) -> tuple[str, str]:
        """The preferred label of ``uri`` in ``lang``, else in the other language; with the language used."""
        index = self.position.get(uri)
        if index is None:
            return uri, lang
        for candidate in (lang, *[other for other in LANGS if other != lang]):
            if (text := self.preferred.get(candidate, {}).get(index)) is not None:
                return text, candidate
        return uri, lang

    def shown(self, uri: str, lang: str) -> ShownLabel:
        """The name to show: the official preferred label in ``lang``, else its best derived label of at least
        :data:`DERIVED_SHOWN_FROM` confidence (marked, with the official label of the other language as
        ``original``), else the other language."""
        index = self.position.get(uri)
        if index is None:
            return ShownLabel(uri, lang)
        if (text := self.preferred.get(lang, {}).get(index)) is not None:
            return ShownLabel(text, lang)
        official, official_lang = self.display_label(uri, lang)
        if (derived := self.derived.get(lang, {}).get(index)) is not None:
            return ShownLabel(derived[0], lang, True, official, derived[1])
        return ShownLabel(official, official_lang)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        lexicon = state.get("lexicon")
        if lexicon is not None and hasattr(lexicon, "as_dict"):
            state["lexicon"] = (type(lexicon), lexicon.as_dict())
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        lexicon = state.get("lexicon")
        if isinstance(lexicon, tuple):
            kind, data = lexicon
            state["lexicon"] = kind.from_dict(data)
        self.__dict__.update(state)

    # -- query side -------------------------------------------------------------------------------
    def _expansions(self, token: str, *, last: bool, dutch: bool = False) -> dict[int, float]:
        """Terms a query token may stand for, each with the quality of that match."""
        found: dict[int, float] = {}

        def add(term_ids: Iterable[int], quality: float) -> None:
            for term in term_ids:
                if found.get(int(term), 0.0) < quality:
                    found[int(term)] = quality

        for lang in LANGS:
            if (term := self.terms.get(self._stem(token, lang))) is not None:
                add([term], _EXACT)
        if token in self.surface:
            add(self.surface[token], _EXACT)
        # Inflection: a stem that is a prefix of the token (lasser → lass) or a token that extends it.
        for cut in range(len(token) - 1, max(3, len(token) - 4), -1):
            if token[cut:] in _INFLECTION_ENDINGS and (term := self.terms.get(token[:cut])) is not None:
                add([term], _INFLECTED)
        if len(token) >= 3:
            start = bisect.bisect_left(self.surface_sorted, token)
            end = bisect.bisect_left(self.surface_sorted, token + "\U0010ffff", start)
            extensions = []
            for candidate in self.surface_sorted[start:end]:
                if len(candidate) - len(token) <= 3 or last:
                    extensions.append(candidate)
            if len(extensions) > _MAX_EXPANSIONS:
                extensions.sort(key=lambda c: -self._df_of(c))
                extensions = extensions[:_MAX_EXPANSIONS]
            for candidate in extensions:
                # A longer word is an inflection only when what follows is an inflection ending (kant +
                # en), else (kant + oor) it is just a longer word, a match only while typing the last one.
                if _inflects(token, candidate[len(token) :]):
                    add(self.surface[candidate], _INFLECTED)
                elif last:
                    add(self.surface[candidate], _PREFIX)
        if dutch:
            add(self._compounds_headed_by(token), _COMPOUND_HEAD)
        # A word ESCO's text writes as it is (the lexicon's counts) is no misspelling: "lassen" (to weld) is
        # no typo of "lessen" (lessons), whose stem is that of LESS, the style-sheet language. Label words
        # alone do not count: derived labels write machine-made forms.
        if len(token) >= 4 and not self._known_word(token):
            for length in (len(token) - 1, len(token), len(token) + 1):
                bucket = self.by_length.get(length)
                if not bucket:
                    continue
                for candidate, _dist, _ in process.extract(
                    token, bucket, scorer=OSA.distance, score_cutoff=1, limit=None
                ):
                    add(self.surface[candidate], _TYPO)
        return found

    def _stem(self, token: str, lang: str) -> str:
        """The Snowball stem, except for a Dutch ge- word Snowball reads as another verb
        (:func:`techtalent.core.text.own_participle`): "geboren" stays whole instead of "boor", the stem of
        boren (to drill) and of the job title "boorder"."""
        stemmed = stem(token, lang)
        if lang == "nl" and token.startswith("ge") and not own_participle(token, stemmed):
            return token
        return stemmed

    def _false_friends(
        self, token: str, expansions: dict[int, float], phrases: list[tuple[Phrase, float]]
    ) -> set[int]:
        """Terms a Dutch word reaches by its Dutch form that English labels write as another word: "leggen"
        (Dutch stem leg) and the English "legs". An English label's term counts as the Dutch word's only
        when it is the English reading of the same letters (cad, software) or a translation the lexicon
        gives (systemen → systems); else it matches at :data:`_FALSE_FRIEND` of its quality."""
        if self.lexicon is None:
            return set()
        translated = {term for words, _ in phrases for options in words for term, _ in options}
        english = self.terms.get(stem(token, "en"))
        return {
            term
            for term, quality in expansions.items()
            if quality >= _INFLECTED and term != english and term not in translated
        }

    def _known_word(self, token: str) -> bool:
        """Whether ESCO's Dutch or English text (the lexicon's word counts) writes ``token`` as it is."""
        return any(
            bool(getattr(self.lexicon, counts, {}).get(token)) for counts in ("counts_nl", "counts_en")
        )

    def _phrase_hits(self, phrases: list[tuple[Phrase, float]], hit: np.ndarray, cover: np.ndarray) -> None:
        """Raise ``hit`` for labels matching translated phrases, by the share of the phrase's words they have,
        and ``cover`` by the label words the phrase matched."""
        indptr, indices = self.matrix.indptr, self.matrix.indices
        for words, quality in phrases:
            if len(words) == 1:
                for term, value in words[0]:
                    rows = indices[indptr[term] : indptr[term + 1]]
                    hit[rows] = np.maximum(hit[rows], quality * value)
                continue
            # A label with only some of the phrase's words gets the share of its information they carry:
            # "install refrigeration equipment" has the telling word of "refrigeration engineering".
            have: dict[int, float] = defaultdict(float)
            have_weight: dict[int, float] = defaultdict(float)
            # A word weighs as its main rendering: werk by "work", not by a rarer weak one ("occupational").
            weights = [_main_weight(options, self.idf) for options in words]
            total = sum(weights) or 1.0
            for options, word_weight in zip(words, weights, strict=True):
                best: dict[int, float] = {}
                for term, value in options:
                    for row in indices[indptr[term] : indptr[term + 1]].tolist():
                        best[row] = max(best.get(row, 0.0), value)
                for row, value in best.items():
                    have[row] += value
                    have_weight[row] += value * word_weight
            if have:
                rows = np.fromiter(have.keys(), dtype=np.int64, count=len(have))
                words_had = np.fromiter(have.values(), dtype=np.float32, count=len(have))
                share = np.fromiter(have_weight.values(), dtype=np.float32, count=len(have)) / total
                hit[rows] = np.maximum(hit[rows], quality * share)
                cover[rows] = np.maximum(cover[rows], quality * words_had)

    def _paraphrase_hits(
        self, token: str, hit: np.ndarray, reached: dict[int, float] | None = None
    ) -> list[tuple[Phrase, float]]:
        """Raise ``hit`` for labels with a paraphrase of the Dutch ``token`` (plaatsen → "installeren");
        return the paraphrases' translated phrases ("install"), at the paraphrase's lower quality."""
        indptr, indices = self.matrix.indptr, self.matrix.indices
        phrases: list[tuple[Phrase, float]] = []
        for word, concepts in self.paraphrases.get(token, ()):
            quality = paraphrase_quality(concepts, scale=_PARAPHRASE)
            for term in {t for lang in LANGS if (t := self.terms.get(stem(word, lang))) is not None}:
                rows = indices[indptr[term] : indptr[term + 1]]
                hit[rows] = np.maximum(hit[rows], quality)
                if reached is not None:
                    reached[term] = max(reached.get(term, 0.0), quality)
            translated = translated_phrases(self.lexicon, word, self.terms)
            phrases += [(words, q * quality) for words, q in translated]
        return phrases

    def _english_paraphrases(self, phrases: list[tuple[Phrase, float]]) -> list[tuple[Phrase, float]]:
        """One-word translations as the words other English labels of the same skills write instead
        (plaatsen → place → install), each a one-word phrase at the paraphrase's lower quality."""
        found: dict[int, float] = {}
        for words, quality in phrases:
            if len(words) != 1:
                continue
            for term, value in words[0]:
                for other, concepts in self.term_paraphrases.get(term, ()):
                    q = quality * value * paraphrase_quality(concepts, scale=_PARAPHRASE_EN)
                    found[other] = max(found.get(other, 0.0), q)
        return [((((term, 1.0),),), q) for term, q in found.items()]

    def _label_cover(
        self, candidates: np.ndarray, matched: np.ndarray, reached: dict[int, float]
    ) -> np.ndarray:
        """How much of each candidate label the query covers: the share of its words matched, and the share
        of its information (IDF) the reached words carry, averaged (a left-over rare word costs more)."""
        by_words: np.ndarray = np.minimum(1.0, matched[candidates] / self.label_len[candidates])
        if not reached:
            return by_words
        terms = np.fromiter(reached.keys(), dtype=np.int64, count=len(reached))
        values = np.fromiter(reached.values(), dtype=np.float32, count=len(reached)) * self.idf[terms]
        have = np.asarray(self.matrix[:, terms] @ values, dtype=np.float32).ravel()[candidates]
        by_information: np.ndarray = np.minimum(
            1.0, have / np.maximum(self.label_information[candidates], 1e-6)
        )
        return (1 - _INFORMATION) * by_words + _INFORMATION * by_information

    def _choose_senses(
        self, per_token: list[tuple[float, np.ndarray, np.ndarray]], weak: list[dict[int, float]]
    ) -> None:
        """Let the other query words choose a word's sense: its weaker senses (``weak``, by index term) match,
        at :data:`_CONTEXT` of a translation, in labels that another query word already matches."""
        indptr, indices = self.matrix.indptr, self.matrix.indices
        found = [hit > 0 for _weight, hit, _cover in per_token]  # before any sense is chosen
        for i, senses in enumerate(weak):
            if not senses:
                continue
            others = np.zeros_like(found[i])
            for j, mask in enumerate(found):
                if j != i:
                    others |= mask
            _weight, hit, cover = per_token[i]
            for term in senses:
                rows = indices[indptr[term] : indptr[term + 1]]
                rows = rows[others[rows]]
                quality = TRANSLATED * _CONTEXT
                hit[rows] = np.maximum(hit[rows], quality)
                cover[rows] = np.maximum(cover[rows], quality)

    def _compounds_headed_by(self, token: str) -> set[int]:
        """Terms of Dutch compounds that a verb's stem opens (slijpen → slijpmachine, boren → boormachine,
        lassen → lasapparaat): the stem, an optional linking letter, then a word the index knows."""
        if len(token) < 5 or not token.endswith("en"):
            return set()
        head = self._stem(token, "nl")
        if len(head) < 3 or head == token:
            return set()
        found: set[int] = set()
        start = bisect.bisect_left(self.surface_sorted, head)
        end = bisect.bisect_left(self.surface_sorted, head + "\U0010ffff", start)
        for candidate in self.surface_sorted[start:end]:
            rest = candidate[len(head) :]
            for link in _COMPOUND_LINKS:
                tail = rest[len(link) :]
                if rest.startswith(link) and len(tail) >= _MIN_COMPOUND_TAIL and tail in self.surface:
                    found.update(int(t) for t in self.surface[candidate])
                    break
        return found

    def _split_compound(self, token: str) -> list[str]:
        """Split an unknown Dutch compound in two known words: softwareontwikkelaar.. (not when the lexicon
        translates the whole word: stopcontacten is no stop + contacten)."""
        if len(token) < 8 or token in self.surface:
            return [token]
        knows = getattr(self.lexicon, "knows", None)
        if knows is not None and knows(token):
            return [token]
        best: tuple[int, list[str]] | None = None
        for cut in range(3, len(token) - 2):
            head, tail = token[:cut], token[cut:]
            heads = [head] + ([head[:-1]] if head.endswith("s") and len(head) > 4 else [])
            for candidate in heads:
                if candidate in self.surface and tail in self.surface:
                    score = min(len(candidate), len(tail))
                    if best is None or score > best[0]:
                        best = (score, [candidate, tail])
        return best[1] if best else [token]

    def _df_of(self, surface_token: str) -> int:
        term_ids = self.surface[surface_token]
        return int(max(self.matrix.indptr[t + 1] - self.matrix.indptr[t] for t in term_ids))

    def _concept_mask(
        self, kind: str | None, skill_type: str | None, collection: str | None
    ) -> np.ndarray | None:
        mask = None
        if kind:
            mask = self.concept_kind == KINDS.index(kind) if kind in KINDS else np.zeros(len(self), bool)
        if skill_type:
            wanted = (
                self.concept_skill_type == self.skill_types.index(skill_type)
                if skill_type in self.skill_types
                else np.zeros(len(self), bool)
            )
            mask = wanted if mask is None else mask & wanted
        if collection:
            wanted = np.zeros(len(self), bool)
            if collection in self.collections:
                wanted[self.collections[collection]] = True
            mask = wanted if mask is None else mask & wanted
        return mask

    def search(
        self,
        query: str,
        *,
        lang: str = "nl",
        limit: int = 10,
        kind: str | None = None,
        skill_type: str | None = None,
        collection: str | None = None,
        complete: bool = False,
    ) -> list[SearchHit]:
        """Rank concepts for ``query``; filters by kind, skill type and collection.

        Unless ``complete``, the last word may be unfinished (search as you type) and matches longer words.
        """
        tokens = tokenize(query)
        stop = STOPWORDS["nl"] | STOPWORDS["en"]
        content = [t for t in tokens if t not in stop]
        # The one-word prior asks for broad skills; occupation searches (job titles) keep the small one.
        prior = _SHORT_PRIOR if len(content or tokens) == 1 and kind != "occupation" else _PRIOR
        split = [self._split_compound(t) for t in (content or tokens)]
        tokens = [part for parts in split for part in parts]
        if not tokens or not len(self.label_text):
            return []
        n_words = len(tokens)
        # The parts of a split compound are whole words: the last one is no unfinished word (kantpers is
        # no kant + pers… → persoonlijke).
        typing = not complete and bool(split) and len(split[-1]) == 1
        n_labels = len(self.label_text)
        indptr, indices = self.matrix.indptr, self.matrix.indices
        weighted = np.zeros(n_labels, dtype=np.float32)
        matched = np.zeros(n_labels, dtype=np.float32)
        total_weight = 0.0
        per_token: list[tuple[float, np.ndarray, np.ndarray]] = []
        reached: dict[int, float] = {}  # every index term the query reaches, with its best match quality
        weak: list[dict[int, float]] = []
        for i, token in enumerate(tokens):
            expansions = self._expansions(token, last=typing and i == n_words - 1, dutch=lang == "nl")
            hit = np.zeros(n_labels, dtype=np.float32)
            cover = np.zeros(n_labels, dtype=np.float32)
            # The lexicon translates Dutch words; an English query needs none.
            phrases = translated_phrases(self.lexicon, token, self.terms) if lang == "nl" else []
            friends = self._false_friends(token, expansions, phrases) if lang == "nl" else set()
            for term, quality in expansions.items():
                rows = indices[indptr[term] : indptr[term + 1]]
                if term in friends:
                    english = self.label_lang[rows] == LANGS.index("en")
                    hit[rows[~english]] = np.maximum(hit[rows[~english]], quality)
                    rows, quality = rows[english], quality * _FALSE_FRIEND
                hit[rows] = np.maximum(hit[rows], quality)
            phrases += self._english_paraphrases(phrases)
            if token not in self.surface or self._df_of(token) <= _RARE_ACRONYM:
                # An acronym few labels write ("TIG-lasser"): also the words it stands for.
                phrases += acronym_phrases(self.lexicon, token, self.terms)
            if lang == "nl":
                phrases += self._paraphrase_hits(token, hit, reached)
            self._phrase_hits(phrases, hit, cover)
            for term, quality in expansions.items():
                reached[term] = max(reached.get(term, 0.0), quality)
            for words, quality in phrases:
                for options in words:
                    for term, value in options:
                        reached[term] = max(reached.get(term, 0.0), quality * value)
            # The token weighs as much as the rarest of its best matches: a matched term, or a translated
            # phrase by its rarest word ("electric socket" by "socket").
            found = [(q, float(self.idf[t])) for t, q in expansions.items()]
            found += [
                (quality, max(float(self.idf[t]) for options in words for t, _ in options))
                for words, quality in phrases
                if any(words)
            ]
            if found:
                best = max(q for q, _ in found)
                weight = min(w for q, w in found if q == best)
            else:
                weight = float(self.idf.max()) if len(self.idf) else 1.0
            total_weight += weight
            per_token.append((weight, hit, cover))
            weak.append(
                context_senses(self.lexicon, token, self.terms) if lang == "nl" and n_words > 1 else {}
            )
            for term in weak[-1]:
                reached[term] = max(reached.get(term, 0.0), TRANSLATED * _CONTEXT)
        if n_words > 1:
            self._choose_senses(per_token, weak)
        for weight, hit, cover in per_token:
            weighted += weight * hit
            matched += np.maximum(hit, cover)  # a weak match (typo, translation) covers less of the label
        candidates = np.nonzero(weighted)[0]
        if not len(candidates):
            return []
        concept_of = self.label_concept[candidates]
        mask = self._concept_mask(kind, skill_type, collection)
        if mask is not None:
            keep = mask[concept_of]
            candidates, concept_of = candidates[keep], concept_of[keep]
            if not len(candidates):
                return []
        query_cover = weighted[candidates] / total_weight
        label_cover = self._label_cover(candidates, matched, reached)
        scores = (1 - _LABEL_COVER) * query_cover + _LABEL_COVER * label_cover
        scores *= self.label_weight[candidates]
        scores *= 1.0 + prior * self.generality[concept_of]
        scores *= np.where(
            self.label_lang[candidates] == LANGS.index(lang) if lang in LANGS else True, 1.0, 0.97
        )
        exact = self.exact.get(" ".join(tokenize(query)))
        if exact:  # an exact full match stays above anything the generality prior lifts
            bonus = np.isin(candidates, exact)
            scores = scores + (0.1 + prior) * bonus
        order = np.argsort(-scores, kind="stable")
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for pos in order:
            concept_index = int(concept_of[pos])
            if concept_index in seen:
                continue
            seen.add(concept_index)
            label_index = int(candidates[pos])
            concept = self.concepts[concept_index]
            hits.append(
                SearchHit(
                    uri=concept.uri,
                    kind=concept.kind,
                    skill_type=concept.skill_type,
                    matched_label=self.label_text[label_index],
                    matched_lang=LANGS[self.label_lang[label_index]],
                    matched_type=LABEL_TYPES[self.label_type[label_index]],
                    score=round(min(1.0, float(scores[pos]) / 1.1), 4),
                    shown=label_index not in self.unshown,
                )
            )
            if len(hits) >= limit:
                break
        return hits
