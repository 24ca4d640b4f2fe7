"""The extractor: one front object over the steps fold → tokens → sections → lexical pass → scores.

A mention's weight is the product of its variant's prior (label type, specificity, ambiguity), the rule
that found it, the section it stands in and whether it is negated or only "a plus". A concept's score is
the noisy-or of its three strongest mentions, so repeated mentions raise confidence with diminishing
returns. Concepts under ``min_score`` are left out: boilerplate and negated mentions end there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from techtalent.extraction.engine.context import (
    SECTION_WEIGHT,
    Sentence,
    negated,
    optional,
    section_of,
    sentences,
)
from techtalent.extraction.engine.fuzzy import NearMisses
from techtalent.extraction.engine.language import resolve_language
from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.extraction.engine.matcher import Matcher, Mention
from techtalent.extraction.engine.normalise import fold_text, tokens_of
from techtalent.extraction.engine.semantic import SemanticScorer

__all__ = ["Extractor", "ExtractionResult", "FoundConcept", "RULE_WEIGHT"]

RULE_WEIGHT = {
    "exact": 1.0,
    "stem": 0.93,
    "enumeration": 0.85,
    "translation": 0.8,
    "compound": 0.72,
    "fuzzy": 0.6,
    "semantic": 0.6,
}
_NEGATED, _OPTIONAL, _CEILING = 0.15, 0.85, 0.95
_SEMANTIC_SHARE = 0.3


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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: {"id", "lang", "concepts": [...]}."""
        return {"id": self.id, "lang": self.lang, "concepts": [c.to_dict() for c in self.concepts]}


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
        semantic: SemanticScorer | None = None,
        min_score: float = 0.3,
        fuzzy: bool = True,
    ):
        self.lexicon = lexicon
        self.semantic = semantic
        self.min_score = min_score
        self.fuzzy = fuzzy
        self._matcher: Matcher | None = None

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
        starts = [s.start for s in parts]
        by_concept: dict[int, list[_Scored]] = defaultdict(list)
        about: dict[int, tuple[str, bool, str]] = {}
        negations: dict[tuple[int, int], bool] = {}
        variant_concept, variant_weight = self.lexicon.variants.concept, self.lexicon.variants.weight
        concepts = self.lexicon.concepts
        for mention in mentions:
            concept = variant_concept[mention.variant]
            if concepts[concept].kind not in kinds:
                continue
            start, end = tokens.starts[mention.first], tokens.ends[mention.last]
            index = bisect_right(starts, start) - 1  # sentence_at, inline
            sentence = parts[index] if index >= 0 else None
            weight = variant_weight[mention.variant] * RULE_WEIGHT[mention.rule]
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
        # Without a semantic rerank the score is final: concepts under min_score need no evidence.
        floor = None if self.semantic is not None else self.min_score
        found = [
            item
            for concept, scored in by_concept.items()
            if (item := self._found(concept, scored, floor)) is not None
        ]
        if self.semantic is not None and found:
            found = self._rerank(found)
        found = [f for f in found if f.score >= self.min_score]
        found.sort(key=lambda f: (-f.score, f.spans[0][0], f.uri))
        return ExtractionResult(doc_id, lang, found)

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

    def _rerank(self, found: list[FoundConcept]) -> list[FoundConcept]:
        assert self.semantic is not None
        similarity = self.semantic.similarity(
            [f.evidence["sentence"] for f in found], [f.label for f in found]
        )
        out = []
        for concept, value in zip(found, similarity, strict=True):
            score = (1 - _SEMANTIC_SHARE) * concept.score + _SEMANTIC_SHARE * max(0.0, min(1.0, float(value)))
            evidence = {**concept.evidence, "semantic": round(float(value), 4)}
            out.append(
                FoundConcept(
                    concept.uri, concept.kind, concept.label, concept.spans, round(score, 4), evidence
                )
            )
        return out
