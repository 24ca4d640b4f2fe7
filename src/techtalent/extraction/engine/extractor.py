"""The extractor: one front object over the steps fold → tokens → sections → lexical pass → scores.

A mention's weight is the product of its variant's prior (label type, specificity, ambiguity), the rule
that found it, the section it stands in and whether it is negated or only "a plus". A concept's score is
the noisy-or of its three strongest mentions, so repeated mentions raise confidence with diminishing
returns. With a dense index (English texts) every concept's score is fused with its best similarity to a
sentence or fragment (see ``ranking``). ``ranking`` keeps the best ``top`` concepts whatever their score;
``concepts`` keeps those at or above ``min_score``: boilerplate and negated mentions end under it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from techtalent.extraction.engine.building import LABEL_TYPES
from techtalent.extraction.engine.context import (
    SECTION_WEIGHT,
    Sentence,
    negated,
    negates,
    optional,
    section_of,
    sentences,
)
from techtalent.extraction.engine.cv_titles import TIED, first_tied, generic_title, title_confidence
from techtalent.extraction.engine.fuzzy import NearMisses
from techtalent.extraction.engine.glossary import NL_EN
from techtalent.extraction.engine.language import resolve_language
from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.extraction.engine.matcher import Matcher, Mention
from techtalent.extraction.engine.normalise import fold_text, tokens_of
from techtalent.extraction.engine.ranking import DenseHit, dense_hits, distinct, fuse
from techtalent.extraction.engine.semantic import Calibration, DenseIndex, Encoder
from techtalent.extraction.engine.titles import TitleNormaliser
from techtalent.extraction.engine.translate import TRANSLATED_CALIBRATION, Translator, english_sentence

# A Dutch sentence's English word bag (``english_sentence``) that holds an English label of two words or
# more word for word is a lexical mention of it, rule "translated" ("je neemt monsters" → "take samples").
# One-word labels are left to the Dutch labels and the dense path: a single translated word is too often
# another sense. Weight chosen on the dev halves of vacancies_nl and extraction_nl (docs/extraction.md).
TRANSLATED_LEXICAL = 1.0
TRANSLATED_MIN_WORDS = 2
# Occupations are left out: a Dutch job title's word-by-word English names another trade as often as its
# own (servicemonteur → "appliance service technician"); the Dutch labels and the title search know them.
TRANSLATED_KINDS = ("skill",)
# A translated bag's similarities are flat (stray words), so for Dutch a concept that is clearly the most
# similar of all to its query (lead ≥ DISTINCT_LEAD over the query's runner-up) gets DISTINCT_BONUS on its
# dense score. Chosen on the dev halves (docs/extraction.md).
DISTINCT_LEAD = 0.08
DISTINCT_BONUS = 0.1
# A Dutch word bridged to an English label (rule "translation": boren → "drilling", an alternative label
# of "use earth sciences tools") is a guess of the lexicon; in a Dutch text read by the dense path it keeps
# its weight only when the sentence's meaning confirms it (similarity ≥ TRANSLATION_CONFIRM), else its
# lexical score is multiplied by TRANSLATION_UNCONFIRMED. Chosen on the dev halves (docs/extraction.md).
TRANSLATION_CONFIRM = 0.5
TRANSLATION_UNCONFIRMED = 0.6

# A whole vacancy names its job in its title line ("Constructiebankwerker (m/v) – 40 uur – Regio Eindhoven"):
# occupations named only in the body are colleagues, customers or schooling ("onze lassers", "mbo-opleiding
# constructiewerker"). A text is a vacancy when it has TITLE_MIN_LINES non-empty lines or more and an offer or
# how-to-apply part (VACANCY_SECTIONS: "Wat bieden wij?", "Solliciteren", a salary line); a CV has neither,
# and its first line is its writer's name or "Curriculum vitae". Its first line is the title when short
# (≤ TITLE_MAX_WORDS words), without a full stop and no section heading. The job is the best of the
# occupations found lexically in the title and the job-title normaliser's first reading of it (at its
# calibrated confidence × TITLE_NORMALISED); every other occupation's score is multiplied by
# TITLE_OTHER_OCCUPATION (0.3 since session 8: no body occupation is accepted beside the title's job). Chosen
# on the dev half of vacancies_nl_full (docs/extraction.md, sessions 7 and 8).
TITLE_MIN_LINES = 3
TITLE_MAX_WORDS = 12
VACANCY_SECTIONS = ("offer", "apply")
TITLE_OTHER_OCCUPATION = 0.3
TITLE_NORMALISED = 1.0
# Two concepts of one kind cited for the same sentence whose preferred labels mean nearly the same (cosine
# of their embedded labels ≥ DUPLICATE_COSINE: operate pumps / operate pumping systems, collect samples /
# perform sample testing) are one reading of it told twice: the weaker keeps DUPLICATE_FACTOR of its score.
# Chosen on the dev halves (docs/extraction.md, session 7).
DUPLICATE_COSINE = 0.8
DUPLICATE_FACTOR = 0.5
DUPLICATE_LANGS = ("nl",)
# Of an exact tie (one glossed "VCA" read as apply and as manage health and safety standards), the skill that
# fewer ESCO occupations list (apply: 168, manage: 106) is the weaker reading (session 8).
DUPLICATE_TIE_USE = True
# A skill the title's job needs in ESCO (occupation–skill relations, essential or optional) and which the
# text already offers as a candidate gets the noisy-or of its score and JOB_ESSENTIAL / JOB_OPTIONAL: an ad
# implies its trade's skills ("Procesoperator" → monitor valves). A job whose score is under JOB_FLOOR (a
# weak or tied reading of the normaliser alone) lends nothing. Chosen on the dev half of vacancies_nl_full
# (docs/extraction.md, session 7).
JOB_ESSENTIAL = 0.3
JOB_OPTIONAL = 0.15
JOB_FLOOR = 0.4
# The language a text is written in, named in it ("Je spreekt Nederlands", "goede beheersing van de
# Nederlandse taal"), is the language of the work: what is asked is speaking it, not knowing about it. ESCO
# has the language as a knowledge concept ("Dutch") and four skills under it (understand spoken / written
# Dutch, interact verbally in Dutch, write Dutch); an annotator of a Dutch vacancy picks the skill. So in a
# text of a language in OWN_LANGUAGE, that language's knowledge concept (by its English preferred label)
# hands its score to the skill named by SPOKEN_LANGUAGE (noisy-or with the skill's own) and keeps
# OWN_LANGUAGE_KNOWLEDGE of it. Other languages (English named in a Dutch ad) stay knowledge. The country
# "Nederland", which the stemmer joins to the label "Nederlands", hands nothing on. A two-entry rule on
# ESCO's naming of its language skills, chosen on the dev halves (docs/extraction.md, session 8).
OWN_LANGUAGE = {"nl": "Dutch"}
SPOKEN_LANGUAGE = "interact verbally in {}"
OWN_LANGUAGE_KNOWLEDGE = 0.3
# A derived (machine-made) Dutch label of one word is one word of the learned lexicon read as a concept, and a
# single Dutch word has many senses: "haar" (her) → hair, "ligt" (lies) → autism, "merken" (brands, to mark)
# → trademarks. Of the one-word derived labels accepted on the Dutch dev halves 2 were right and 10 wrong, of
# the multi-word ones 6 of 8 right (session 9). A mention of one keeps DERIVED_ONE_WORD of its weight; the
# dense pass still lifts the concept when the sentence means it (mechatronica, thermodynamica stay accepted).
# Grid 0.8 / 0.6 / 0.4 on the dev halves of the three Dutch sets (docs/extraction.md, session 9).
DERIVED_ONE_WORD = 0.6
_DERIVED = LABEL_TYPES.index("derived")

__all__ = ["Extractor", "ExtractionResult", "FoundConcept", "RULE_WEIGHT", "MIN_SCORE"]

RULE_WEIGHT = {
    "exact": 1.0,
    "stem": 0.93,
    "enumeration": 0.85,
    "translation": 0.8,
    "translated": TRANSLATED_LEXICAL,
    "compound": 0.72,
    "fuzzy": 0.6,
}
_NEGATED, _OPTIONAL, _CEILING = 0.15, 0.85, 0.95
# Dense scores weigh by their sentence's section as lexical ones do, relative to the neutral "other" (so a
# plain sentence keeps its score and a salary or how-to-apply line loses most of it).
DENSE_SECTIONS = True


def _dense_weight(section: str) -> float:
    return min(1.0, SECTION_WEIGHT.get(section, 0.9) / SECTION_WEIGHT["other"])


# Dense candidates kept per text: DENSE_CANDIDATES, or for a whole vacancy (an offer or how-to-apply part,
# VACANCY_SECTIONS) DENSE_PER_SENTENCE per sentence read when more. A vacancy of 30 sentences has as many
# paraphrased tasks as 30 passages; a fixed cut starved it (the job's skills and lexical concepts beyond the
# 50 most similar lost their dense score). CVs keep 50: more candidates cost the dev CV personas (matching_cv
# --set new skills+titles MRR 0.564 → 0.519). Chosen on the dev halves (docs/extraction.md, session 8).
DENSE_CANDIDATES = 50
DENSE_PER_SENTENCE = 10

MIN_SCORE = 0.4  # the acceptance threshold, calibrated with the dense ramp on the dev data
_RANKING_FLOOR = 0.02  # lexical candidates under this are noise even for the ranking


@dataclass(frozen=True)
class FoundConcept:
    """A concept found in a text: where, how confidently and why."""

    uri: str
    kind: str
    label: str
    spans: list[tuple[int, int]]
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "uri": self.uri,
            "kind": self.kind,
            "label": self.label,
            "spans": [list(span) for span in self.spans],
            "score": self.score,
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True)
class ExtractionResult:
    """All concepts found in one text, best first."""

    id: str | None
    lang: str
    concepts: list[FoundConcept]
    ranking: list[FoundConcept] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: {"id", "lang", "concepts": [...], "ranking": [...]}."""
        return {
            "id": self.id,
            "lang": self.lang,
            "concepts": [c.to_dict() for c in self.concepts],
            "ranking": [c.to_dict() for c in self.ranking],
        }


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,3}\.){2,}$")  # "e.o.", "m.b.t.", "B.V."


def title_span(text: str) -> tuple[int, int] | None:
    """The character span of a whole vacancy's title line, or None when ``text`` has none: its first
    non-empty line when the text has at least ``TITLE_MIN_LINES`` non-empty lines and that line is short
    (at most ``TITLE_MAX_WORDS`` words), does not end as a sentence (a full stop, not that of an
    abbreviation: "Haarlem e.o.") and is no section heading."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    if len(lines) < TITLE_MIN_LINES:
        return None
    start, end = lines[0]
    line = text[start:end].strip()
    sentence_end = line.endswith(".") and not _ABBREVIATION_END.search(line)  # "Haarlem e.o." is a title
    if not line or sentence_end or len(line.split()) > TITLE_MAX_WORDS:
        return None
    if any(part.section == "heading" for part in sentences(fold_text(line).text)):
        return None
    start += len(text[start:end]) - len(text[start:end].lstrip())
    return start, start + len(line)


def _rank_key(found: FoundConcept) -> tuple[float, float, int, str]:
    """Best score first; among equal scores (dense similarities under the ramp) the more similar one."""
    similarity = float(found.evidence.get("similarity", -1.0))
    return (-found.score, -similarity, found.spans[0][0] if found.spans else 0, found.uri)


@dataclass
class _Scored:
    mention: Mention
    weight: float
    span: tuple[int, int]
    sentence: str
    section: str
    negated: bool


class Extractor:
    """Finds taxonomy concepts in Dutch and English texts with one lexicon."""

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        encoder: Encoder | None = None,
        dense: DenseIndex | None = None,
        calibration: Calibration | None = None,
        min_score: float = MIN_SCORE,
        fuzzy: bool = True,
        translator: Translator | None = None,
        translated_calibration: Calibration = TRANSLATED_CALIBRATION,
        titles: TitleNormaliser | None = None,
        requirements: Mapping[str, Mapping[str, str]] | None = None,
    ):
        if (encoder is None) != (dense is None):
            raise ValueError("the semantic path needs both an encoder and a dense index")
        self.lexicon = lexicon
        self.encoder = encoder
        self.dense = dense
        self.calibration = calibration or Calibration()
        self.min_score = min_score
        self.fuzzy = fuzzy
        self.translator, self.translated_calibration = translator, translated_calibration
        self.titles, self.requirements = titles, requirements
        self._matcher: Matcher | None = None
        self._preferred_en: dict[str, int | None] = {}
        self._non_english: dict[int, frozenset[str]] = {}
        self._use: dict[str, int] | None = None
        self._kind_masks: dict[tuple[str, ...], Any] = {}

    @property
    def semantic(self) -> bool:
        """True when English texts also go through dense retrieval."""
        return self.dense is not None

    @property
    def matcher(self) -> Matcher:
        """The lexical matcher, built on first use (the near-miss index takes a moment)."""
        if self._matcher is None:
            near = NearMisses(self.lexicon.parts) if self.fuzzy else None
            self._matcher = Matcher(self.lexicon, near)
        return self._matcher

    def extract(
        self,
        text: str,
        *,
        lang: str = "auto",
        doc_id: str | None = None,
        kinds: tuple[str, ...] = ("skill", "occupation"),
        top: int = 10,
    ) -> ExtractionResult:
        """Find the concepts of ``kinds`` in ``text`` (lang "auto", "nl" or "en"), ranked by score."""
        if lang not in ("auto", "nl", "en"):
            resolve_language(lang, text)  # raises UnsupportedLanguage
        ft = fold_text(text)
        tokens = tokens_of(ft.text)
        lang = resolve_language(lang, text, tokens.texts)
        if not tokens:
            return ExtractionResult(doc_id, lang, [])
        mentions = self.matcher.find(text, ft, tokens, lang)
        parts = sentences(ft.text)
        texts = [" ".join(text[slice(*ft.original(p.start, p.end))].split()) for p in parts]
        english: list[str] | None = None
        if lang == "nl" and self.translator is not None and parts:
            english = [english_sentence(self.translator, t, NL_EN) for t in texts]
        starts = [s.start for s in parts]
        by_concept: dict[int, list[_Scored]] = defaultdict(list)
        about: dict[int, tuple[str, bool, str]] = {}
        negations: dict[tuple[int, int], bool] = {}
        variant_concept, variant_weight = self.lexicon.variants.concept, self.lexicon.variants.weight
        variant_type, variant_folded = self.lexicon.variants.type, self.lexicon.variants.folded
        concepts = self.lexicon.concepts
        for mention in mentions:
            concept = variant_concept[mention.variant]
            if concepts[concept].kind not in kinds:
                continue
            start, end = tokens.starts[mention.first], tokens.ends[mention.last]
            index = bisect_right(starts, start) - 1  # sentence_at, inline
            sentence = parts[index] if index >= 0 else None
            weight = variant_weight[mention.variant] * RULE_WEIGHT[mention.rule]
            if variant_type[mention.variant] == _DERIVED and " " not in variant_folded[mention.variant]:
                weight *= DERIVED_ONE_WORD
            section, is_negated, shown = "other", False, ""
            if sentence is not None:
                if sentence.start not in about:
                    about[sentence.start] = self._about(text, ft.text, ft.original, sentence)
                section, is_optional, shown = about[sentence.start]
                weight *= SECTION_WEIGHT.get(section, 0.9)
                seen = negations.get((start, end))
                if seen is None:  # two labels on one span: one look at its context
                    seen = negations[start, end] = negated(ft.text, sentence, start, end)
                is_negated = seen
                if is_negated:
                    weight *= _NEGATED
                elif is_optional:
                    weight *= _OPTIONAL
            by_concept[concept].append(
                _Scored(mention, weight, ft.original(start, end), shown[:300], section, is_negated)
            )
        if english is not None:
            self._translated(english, parts, kinds, by_concept, about, text, ft)
        # Concepts far under the threshold need no evidence unless the ranking may show them.
        floor = _RANKING_FLOOR if top > 0 else self.min_score
        found = {
            concept: item
            for concept, scored in by_concept.items()
            if (item := self._found(concept, scored, floor)) is not None
        }
        if self.encoder is not None and self.dense is not None and parts and self._reads(lang):
            spans = [ft.original(p.start, p.end) for p in parts]
            queries, calibration = texts, self.calibration
            if english is not None:  # Dutch reaches the index through the lexicon
                queries, calibration = english, self.translated_calibration
            # A section heading ("Jouw profiel", "Wat bieden wij") names a part of the text, not a skill:
            # it is not a dense query. Other sentences weigh as their section does, relative to "other".
            sections = [section_of(ft.text, p) for p in parts]
            queries = ["" if kind == "heading" else q for q, kind in zip(queries, sections, strict=True)]
            hits = dense_hits(
                queries,
                self.encoder,
                self.dense,
                calibration,
                allowed=self._allowed(kinds),
                occupations=self._allowed(("occupation",)),
                keep=self._dense_keep(queries, sections),
            )
            if DENSE_SECTIONS:
                hits = {
                    c: replace(h, score=round(h.score * _dense_weight(sections[h.sentence]), 4))
                    for c, h in hits.items()
                }
            if english is not None and DISTINCT_BONUS:
                leads = distinct(hits)
                hits = {
                    c: replace(h, score=round(min(h.score + DISTINCT_BONUS, 1.0), 4))
                    if leads.get(c, 0.0) >= DISTINCT_LEAD and h.score > 0
                    else h
                    for c, h in hits.items()
                }
            found = self._fused(found, hits, texts, spans, confirm=english is not None)
        if lang in OWN_LANGUAGE and OWN_LANGUAGE_KNOWLEDGE < 1.0:
            found = self._own_language(found, OWN_LANGUAGE[lang], text)
        job: str | None = None
        if "occupation" in kinds and parts:
            if any(section_of(ft.text, p) in VACANCY_SECTIONS for p in parts):
                found, job = self._title_job(text, found, lang)
        if self.dense is not None and DUPLICATE_FACTOR < 1.0 and lang in DUPLICATE_LANGS:
            found = self._near_duplicates(found)
        if job is not None and self.requirements is not None:
            found = self._job_skills(found, self.requirements.get(job, {}))
        ranked = sorted(found.values(), key=_rank_key)
        accepted = [f for f in ranked if f.score >= self.min_score]
        return ExtractionResult(doc_id, lang, accepted, ranked[:top])

    def _translated(
        self,
        english: list[str],
        parts: list[Sentence],
        kinds: tuple[str, ...],
        by_concept: dict[int, list[_Scored]],
        about: dict[int, tuple[str, bool, str]],
        text: str,
        ft: Any,
    ) -> None:
        """Rule "translated": English labels of ``TRANSLATED_MIN_WORDS`` words or more found word for word
        (exact or inflected) in a Dutch sentence's English word bag, as mentions spanning that sentence;
        not for a concept the Dutch pass already found in the same sentence."""
        variants, concepts = self.lexicon.variants, self.lexicon.concepts
        for part, bag in zip(parts, english, strict=True):
            if not bag:
                continue
            folded = fold_text(bag)
            bag_tokens = tokens_of(folded.text)
            if len(bag_tokens) < TRANSLATED_MIN_WORDS:
                continue
            span = ft.original(part.start, part.end)
            if part.start not in about:
                about[part.start] = self._about(text, ft.text, ft.original, part)
            section, is_optional, shown = about[part.start]
            is_negated = negates(ft.text, part)
            for mention in self.matcher.find(bag, folded, bag_tokens, "en"):
                words = mention.last - mention.first + 1
                if mention.rule not in ("exact", "stem") or words < TRANSLATED_MIN_WORDS:
                    continue
                if variants.lang[mention.variant] == 0:  # a Dutch label in the bag: an untranslated word
                    continue
                concept = variants.concept[mention.variant]
                if concepts[concept].kind not in kinds or concepts[concept].kind not in TRANSLATED_KINDS:
                    continue
                seen = by_concept.get(concept, [])
                if any(span[0] <= s.span[0] and s.span[1] <= span[1] for s in seen):
                    continue
                weight = variants.weight[mention.variant] * RULE_WEIGHT["translated"]
                weight *= SECTION_WEIGHT.get(section, 0.9)
                weight *= _NEGATED if is_negated else _OPTIONAL if is_optional else 1.0
                found = Mention(mention.first, mention.last, mention.size, mention.variant, "translated")
                by_concept[concept].append(_Scored(found, weight, span, shown[:300], section, is_negated))

    @staticmethod
    def _dense_keep(queries: list[str], sections: list[str]) -> int:
        """How many dense candidates a text keeps: ``DENSE_CANDIDATES``, or ``DENSE_PER_SENTENCE`` per
        sentence read for a whole vacancy (a text with an offer or how-to-apply part)."""
        if not any(section in VACANCY_SECTIONS for section in sections):
            return DENSE_CANDIDATES
        return max(DENSE_CANDIDATES, DENSE_PER_SENTENCE * sum(1 for q in queries if q))

    def _title_job(
        self, text: str, found: dict[int, FoundConcept], lang: str
    ) -> tuple[dict[int, FoundConcept], str | None]:
        """A vacancy's title line names its job: the best of the occupations found in the title and the
        job-title normaliser's reading of it is the job (evidence ``title_job``, URI returned); every other
        occupation weighs ``TITLE_OTHER_OCCUPATION``."""
        span = title_span(text)
        if span is None:
            return found, None
        start, end = span
        lang = lang if lang in ("nl", "en") else "nl"
        titles = self.titles

        def named(a: int, b: int) -> bool:
            """A mention inside the title that names a job: not one generic word ("Operator", "Monteur")."""
            inside_title = start <= a and b <= end
            return inside_title and (titles is None or not generic_title(text[a:b], titles, lang))

        inside = {
            concept
            for concept, item in found.items()
            if item.kind == "occupation"
            and item.evidence.get("rule") != "semantic"
            and any(named(a, b) for a, b in item.spans)
        }
        out = dict(found)
        title = " ".join(text[start:end].split())
        # A generic title ("Operator (m/v) – Rotterdam", "Monteur") names a kind of job: the normaliser's
        # reading of it (ESCO has "operator" as a label of one beverage filtration technician) is no job.
        if titles is not None and TITLE_NORMALISED and not generic_title(title, titles, lang):
            matches = titles.normalise(title, lang=lang, top=2)
            concept = self.lexicon.position.get(matches[0].uri) if matches else None
            if concept is not None:
                confidence = title_confidence(matches[0].score)
                if first_tied(matches):
                    confidence *= TIED
                confidence = round(confidence * TITLE_NORMALISED, 4)
                record = self.lexicon.concepts[concept]
                before = out.get(concept)
                if before is None:
                    label = self.dense.label_of(concept) if self.dense is not None else matches[0].label
                    evidence = {"rule": "title", "sentence": title[:300], "title_score": matches[0].score}
                    out[concept] = FoundConcept(record.uri, record.kind, label, [span], confidence, evidence)
                else:
                    evidence = {**before.evidence, "title_score": matches[0].score}
                    spans = sorted({*before.spans, span})
                    score = fuse(before.score, confidence)
                    out[concept] = FoundConcept(before.uri, before.kind, before.label, spans, score, evidence)
                inside.add(concept)
        if not inside:
            return found, None
        job = min(inside, key=lambda c: _rank_key(out[c]))
        for concept, item in out.items():
            if concept == job:
                evidence = {**item.evidence, "title_job": True}
                out[concept] = replace(item, evidence=evidence)
            elif item.kind == "occupation":
                evidence = {**item.evidence, "not_in_title": True}
                out[concept] = replace(
                    item, score=round(item.score * TITLE_OTHER_OCCUPATION, 4), evidence=evidence
                )
        if out[job].score < JOB_FLOOR:
            return out, None
        return out, out[job].uri

    def _english_preferred(self, label: str) -> int | None:
        """The concept whose English preferred label is ``label`` (as written), or None (cached)."""
        if label not in self._preferred_en:
            variants = self.lexicon.variants
            self._preferred_en[label] = next(
                (
                    variants.concept[i]
                    for i, written in enumerate(variants.label)
                    if written == label and variants[i].lang == "en" and variants[i].type == "preferred"
                ),
                None,
            )
        return self._preferred_en[label]

    def _own_names(self, concept: int) -> frozenset[str]:
        """The folded labels of ``concept`` in languages other than English (cached: a scan of every
        variant of the lexicon, ~20 ms on full ESCO, once per concept instead of once per text)."""
        if concept not in self._non_english:
            variants = self.lexicon.variants
            self._non_english[concept] = frozenset(
                variants.folded[i]
                for i, owner in enumerate(variants.concept)
                if owner == concept and variants[i].lang != "en"
            )
        return self._non_english[concept]

    def _own_language(
        self, found: dict[int, FoundConcept], language: str, text: str
    ) -> dict[int, FoundConcept]:
        """The knowledge concept of the text's own ``language`` keeps ``OWN_LANGUAGE_KNOWLEDGE`` of its score
        and hands it to the skill of speaking it (``SPOKEN_LANGUAGE``) when the text writes the language's
        name: a word that starts with one of its labels in the text's language ("Nederlands", "Nederlandse";
        not the country "Nederland"). The score handed on is the lexical one before the dense confirmation
        of a bridged word (which compares the sentence with the knowledge label, not with the skill)."""
        knowledge = self._english_preferred(language)
        item = found.get(knowledge) if knowledge is not None else None
        if item is None or knowledge is None:
            return found
        out = dict(found)
        out[knowledge] = replace(
            item,
            score=round(item.score * OWN_LANGUAGE_KNOWLEDGE, 4),
            evidence={**item.evidence, "own_language": True},
        )
        spoken = self._english_preferred(SPOKEN_LANGUAGE.format(language))
        names = self._own_names(knowledge)
        written = {w for a, b in item.spans for w in fold_text(text[a:b]).text.split()}
        if spoken is None or not any(w.startswith(n) for w in written for n in names):
            return out
        score = max(item.score, float(item.evidence.get("lexical_score", 0.0)))
        before = out.get(spoken)
        if before is None:
            record = self.lexicon.concepts[spoken]
            evidence = {**item.evidence, "language_of": item.uri}
            label = SPOKEN_LANGUAGE.format(language)
            out[spoken] = FoundConcept(record.uri, record.kind, label, item.spans, score, evidence)
        else:
            evidence = {**before.evidence, "language_of": item.uri}
            spans = sorted({*before.spans, *item.spans})
            out[spoken] = replace(before, spans=spans, score=fuse(before.score, score), evidence=evidence)
        return out

    @staticmethod
    def _job_skills(found: dict[int, FoundConcept], needs: Mapping[str, str]) -> dict[int, FoundConcept]:
        """Candidate skills the title's job needs (ESCO: essential or optional) get the noisy-or of their
        score and ``JOB_ESSENTIAL`` or ``JOB_OPTIONAL``; the skill must already be a candidate of the text."""
        out = dict(found)
        for concept, item in found.items():
            relation = needs.get(item.uri) if item.kind == "skill" else None
            bonus = (
                JOB_ESSENTIAL if relation == "essential" else JOB_OPTIONAL if relation == "optional" else 0.0
            )
            if bonus:
                evidence = {**item.evidence, "title_job_needs": relation}
                score = fuse(item.score, bonus)
                out[concept] = FoundConcept(item.uri, item.kind, item.label, item.spans, score, evidence)
        return out

    def _near_duplicates(self, found: dict[int, FoundConcept]) -> dict[int, FoundConcept]:
        """The weaker of two concepts of one kind cited for the same sentence whose embedded preferred
        labels have a cosine ≥ ``DUPLICATE_COSINE`` keeps ``DUPLICATE_FACTOR`` of its score (strongest
        first; a demoted concept demotes no other). Of an exact tie (one glossed word read as two labels),
        the skill fewer ESCO occupations list is the weaker when ``DUPLICATE_TIE_USE`` and the
        occupation–skill relations are given; else neither is."""
        assert self.dense is not None
        use = self._skill_use() if DUPLICATE_TIE_USE else {}

        def key(concept: int) -> tuple[float, int, tuple[float, float, int, str]]:
            item = found[concept]
            return (-item.score, -use.get(item.uri, 0), _rank_key(item))

        order = sorted(found, key=key)
        if len(order) < 2:
            return found
        vectors = self.dense.vectors_of(order)
        cosines = vectors @ vectors.T
        out = dict(found)
        kept: list[int] = []
        for i, concept in enumerate(order):
            item = found[concept]
            sentence = item.evidence.get("sentence")
            twin = next(
                (
                    j
                    for j in kept
                    if cosines[i, j] >= DUPLICATE_COSINE
                    and found[order[j]].kind == item.kind
                    and found[order[j]].evidence.get("sentence") == sentence
                    and key(order[j])[:2] < key(concept)[:2]  # a tie of score and use: neither is weaker
                ),
                None,
            )
            if twin is None or not sentence:
                kept.append(i)
                continue
            evidence = {**item.evidence, "near_duplicate_of": found[order[twin]].uri}
            score = round(item.score * DUPLICATE_FACTOR, 4)
            out[concept] = FoundConcept(item.uri, item.kind, item.label, item.spans, score, evidence)
        return out

    def _skill_use(self) -> dict[str, int]:
        """How many occupations list each skill in the occupation–skill relations (empty without them)."""
        if self._use is None:
            counts: dict[str, int] = defaultdict(int)
            for needs in (self.requirements or {}).values():
                for skill in needs:
                    counts[skill] += 1
            self._use = dict(counts)
        return self._use

    def _reads(self, lang: str) -> bool:
        """Whether texts of ``lang`` take the dense path: English, and Dutch through a translator."""
        return lang == "en" or (lang == "nl" and self.translator is not None)

    def _allowed(self, kinds: tuple[str, ...]) -> Any:
        """Which dense-index groups are of one of ``kinds`` (a boolean mask, cached per kinds)."""
        assert self.dense is not None
        mask = self._kind_masks.get(kinds)
        if mask is None:
            import numpy as np

            concepts = self.lexicon.concepts
            mask = np.array([concepts[c].kind in kinds for c in self.dense.concepts], dtype=bool)
            self._kind_masks[kinds] = mask
        return mask

    def _fused(
        self,
        found: dict[int, FoundConcept],
        hits: dict[int, DenseHit],
        shown: list[str],
        spans: list[tuple[int, int]],
        *,
        confirm: bool = False,
    ) -> dict[int, FoundConcept]:
        """Lexical and dense candidates, scored by the noisy-or of both; dense-only ones cite a sentence.
        With ``confirm`` (Dutch), a bridged lexical match the dense pass does not confirm weighs less."""
        out: dict[int, FoundConcept] = {}
        for concept in found.keys() | hits.keys():
            hit = hits.get(concept)
            lexical = found.get(concept)
            dense = hit.score if hit is not None else 0.0
            semantic = {}
            if hit is not None:
                semantic = {"similarity": hit.similarity, "dense_score": hit.score, "query": hit.query[:300]}
            if lexical is not None:
                evidence = {**lexical.evidence, "lexical_score": lexical.score, **semantic}
                lexical_score = lexical.score
                if confirm and lexical.evidence.get("rule") == "translation":
                    if hit is None or hit.similarity < TRANSLATION_CONFIRM:
                        lexical_score = round(lexical_score * TRANSLATION_UNCONFIRMED, 4)
                        evidence["unconfirmed"] = True
                score = fuse(lexical_score, dense)
                out[concept] = FoundConcept(
                    lexical.uri, lexical.kind, lexical.label, lexical.spans, score, evidence
                )
                continue
            assert hit is not None
            record = self.lexicon.concepts[concept]
            evidence = {"rule": "semantic", "sentence": shown[hit.sentence][:300], **semantic}
            label = self.dense.label_of(concept) if self.dense is not None else record.uri
            out[concept] = FoundConcept(
                record.uri, record.kind, label, [spans[hit.sentence]], hit.score, evidence
            )
        return out

    @staticmethod
    def _about(
        text: str, folded: str, original: Callable[[int, int], tuple[int, int]], sentence: Sentence
    ) -> tuple[str, bool, str]:
        """Section, "nice to have" and the original text of a sentence."""
        shown = " ".join(text[slice(*original(sentence.start, sentence.end))].split())
        return section_of(folded, sentence), optional(folded, sentence), shown

    def _found(self, concept: int, scored: list[_Scored], floor: float | None = None) -> FoundConcept | None:
        scored.sort(key=lambda s: -s.weight)
        best = scored[0]
        per_span: dict[tuple[int, int], _Scored] = {}
        for item in scored:
            per_span.setdefault(item.span, item)  # two labels on one span are one mention
        miss = 1.0
        for item in list(per_span.values())[:3]:
            miss *= 1.0 - _CEILING * item.weight
        score = round(1.0 - miss, 4)
        if floor is not None and score < floor:
            return None
        variant = self.lexicon.variants[best.mention.variant]
        record = self.lexicon.concepts[concept]
        evidence = {
            "variant": variant.folded,
            "label_type": variant.type,
            "label_lang": variant.lang,
            "rule": best.mention.rule,
            "sentence": best.sentence,
            "section": best.section,
            "negated": best.negated,
            "mentions": len(per_span),
        }
        spans = sorted({s.span for s in scored})
        return FoundConcept(record.uri, record.kind, variant.label, spans, score, evidence)
