"""The label model: lexicon + learned patterns + calibration, learned once per corpus, applied to targets."""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from techtalent.taxonomy.engine.derive.calibrate import Calibration, best_f1, fit_calibration
from techtalent.taxonomy.engine.derive.generate import Candidate, translate_label
from techtalent.taxonomy.engine.derive.lexicon import TranslationLexicon, learn_lexicon
from techtalent.taxonomy.engine.derive.patterns import LabelPatterns, learn_patterns
from techtalent.taxonomy.engine.derive.together import DutchTexts, learn_dutch_texts
from techtalent.taxonomy.engine.derive.tokens import words
from techtalent.taxonomy.engine.derive.types import DerivedLabel, LabelPair, ParallelCorpus, SkillToLabel
from techtalent.taxonomy.engine.derive.vocabulary import WordEvidence, learn_word_evidence

__all__ = ["DutchLabelModel", "learn_label_model"]

_HELD_OUT = 5  # one skill example in five calibrates confidence
_MIN_GROUP, _GROUP_BINS = 20, 5  # held-out examples (and bins) for a calibration of its own
_MIN_DOUBTED = 3  # held-out examples with a doubt before its factor is learned
# The doubt factor is shrunk towards 1 by this much confidence on either side (a few examples' worth), so a
# doubt seen in few held-out examples moves confidence little.
_DOUBT_PRIOR = 2.0


def _action(skill_type: str) -> bool | None:
    """ESCO's skill type as the label's grammar: skill/competence → verb phrase, knowledge → noun phrase."""
    return {"skill/competence": True, "knowledge": False}.get(skill_type)


def _held_out(example: LabelPair) -> bool:
    return zlib.crc32(example.en.encode()) % _HELD_OUT == 0


@dataclass(frozen=True)
class DutchLabelModel:
    """Everything needed to derive Dutch labels; plain data, so it can be cached without pickle."""

    lexicon: TranslationLexicon
    patterns: LabelPatterns
    calibration: Calibration
    # English and Dutch word use, to tell English words left in a label (None: not checked).
    evidence: WordEvidence | None = None
    # The calibration of candidates with a weakly attested word (``Candidate.weak``), fitted on those
    # held-out examples alone (None: too few, the pooled one serves).
    calibration_weak: Calibration | None = None
    # Which Dutch words ESCO's Dutch text writes together (None: not checked).
    texts: DutchTexts | None = None
    # Per doubt of a candidate (``Candidate.doubts``), the factor on its confidence: the held-out examples'
    # token F1 against their calibrated confidence, where that is below 1.
    doubts: Mapping[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form of the whole model (no pickle), for caching between imports."""
        return {
            "lexicon": self.lexicon.as_dict(),
            "patterns": self.patterns.as_dict(),
            "calibration": {"edges": list(self.calibration.edges), "values": list(self.calibration.values)},
            "evidence": self.evidence.as_dict() if self.evidence else None,
            "calibration_weak": (
                {"edges": list(self.calibration_weak.edges), "values": list(self.calibration_weak.values)}
                if self.calibration_weak
                else None
            ),
            "texts": self.texts.as_dict() if self.texts else None,
            "doubts": dict(self.doubts),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DutchLabelModel:
        """Rebuild a model from :meth:`as_dict` output."""
        calibration = data["calibration"]
        lexicon = TranslationLexicon.from_dict(data["lexicon"])
        words = data.get("evidence")
        weak = data.get("calibration_weak")
        texts = data.get("texts")
        return cls(
            lexicon,
            LabelPatterns.from_dict(data["patterns"]),
            Calibration(tuple(calibration["edges"]), tuple(calibration["values"])),
            WordEvidence.from_dict(words, lexicon.counts_en, lexicon.counts_nl) if words else None,
            Calibration(tuple(weak["edges"]), tuple(weak["values"])) if weak else None,
            DutchTexts.from_dict(texts) if texts else None,
            dict(data.get("doubts") or {}),
        )

    def candidates(self, target: SkillToLabel, *, limit: int = 3) -> list[Candidate]:
        """Raw candidates for one skill: from its preferred label, then from its alternatives."""
        action = _action(target.skill_type)
        found = translate_label(
            target.preferred_en,
            self.patterns,
            self.lexicon,
            limit=limit,
            action=action,
            evidence=self.evidence,
            texts=self.texts,
        )
        for alternative in target.alternatives_en[:2]:
            if len(found) >= limit:
                break
            seen = {c.text for c in found}
            found_alternative = translate_label(
                alternative,
                self.patterns,
                self.lexicon,
                limit=1,
                action=action,
                evidence=self.evidence,
                texts=self.texts,
            )
            for c in found_alternative:
                if c.text not in seen:
                    # Ranked after the preferred label's own candidates, never more confident than them.
                    quality = min(c.quality * 0.9, found[-1].quality) if found else c.quality * 0.9
                    found.append(Candidate(c.text, quality, (*c.methods, "alternative"), c.weak, c.doubts))
        return found[:limit]

    def confidence(self, candidate: Candidate) -> float:
        """The calibrated confidence of a candidate, times the factor of each doubt it has."""
        calibration = self.calibration_weak if candidate.weak and self.calibration_weak else self.calibration
        confidence = calibration(candidate.quality)
        for doubt in candidate.doubts:
            confidence *= self.doubts.get(doubt, 1.0)
        return confidence

    def derive(self, targets: Sequence[SkillToLabel], *, limit: int = 3) -> list[DerivedLabel]:
        """1–``limit`` ranked Dutch labels per target, each with calibrated confidence and method.

        Without any parallel text (an English-only import) nothing is derived: a copied English label is
        not a Dutch one.
        """
        if not self.lexicon.en_to_nl:
            return []
        out = []
        for target in targets:
            for rank, c in enumerate(self.candidates(target, limit=limit), start=1):
                confidence = self.confidence(c) * (1.0 if rank == 1 else 0.9)
                methods = (*c.methods, *(f"doubt-{d}" for d in c.doubts if d in self.doubts))
                out.append(DerivedLabel(target.uri, c.text, round(confidence, 3), "+".join(methods), rank))
        return out


def learn_label_model(corpus: ParallelCorpus) -> DutchLabelModel:
    """Learn the lexicon and patterns, calibrating confidence on skill examples kept out of both."""
    held = [e for e in corpus.skill_labels if _held_out(e) and e.preferred]
    held_pairs = {(words(e.en), words(e.nl)) for e in held}
    learning = ParallelCorpus(
        tuple(p for p in corpus.pairs if (p.en, p.nl) not in held_pairs),
        corpus.skill_labels,
        corpus.english_skill_labels,
        corpus.capitalised_nl,
        corpus.label_groups,
        corpus.acronyms,
    )
    lexicon = learn_lexicon(learning)
    evidence = learn_word_evidence(corpus, lexicon.counts_en, lexicon.counts_nl)
    texts = learn_dutch_texts(p.nl for p in learning.pairs if p.kind != "dictionary")
    fit_examples = [e for e in corpus.skill_labels if not _held_out(e)]
    english = [*corpus.english_skill_labels, *(e.en for e in corpus.skill_labels)]
    fitted = learn_patterns(fit_examples, lexicon, english, learning.pairs)
    qualities, scores, weak, doubted = [], [], [], []
    for example in held:
        action = _action(example.skill_type)
        found = translate_label(
            example.en, fitted, lexicon, limit=1, action=action, evidence=evidence, texts=texts
        )
        if found:
            qualities.append(found[0].quality)
            scores.append(best_f1(found[0].text, [example.nl]))
            weak.append(found[0].weak > 0)
            doubted.append(found[0])
    calibration = fit_calibration(qualities, scores)
    # Candidates with a weakly attested word are calibrated apart from the others (when enough held-out
    # examples have one): their quality does not show that the word may be wrong, so pooled they would get
    # the others' F1, and the others theirs.
    calibration_weak = None
    if min(sum(weak), len(weak) - sum(weak)) >= _MIN_GROUP:
        groups = {
            flag: (
                [q for q, w in zip(qualities, weak, strict=True) if w == flag],
                [s for s, w in zip(scores, weak, strict=True) if w == flag],
            )
            for flag in (False, True)
        }
        calibration = fit_calibration(*groups[False])
        calibration_weak = fit_calibration(*groups[True], bins=_GROUP_BINS)
    model = DutchLabelModel(lexicon, fitted, calibration, evidence, calibration_weak, texts)
    doubts = _doubt_factors(model, doubted, scores)
    patterns = learn_patterns(list(corpus.skill_labels), lexicon, english, learning.pairs)
    return replace(model, patterns=patterns, doubts=doubts)


def _doubt_factors(
    model: DutchLabelModel, held: Sequence[Candidate], scores: Sequence[float]
) -> dict[str, float]:
    """Per doubt, the held-out examples' summed token F1 over their summed calibrated confidence (≤ 1, shrunk
    towards 1 by :data:`_DOUBT_PRIOR`), when at least :data:`_MIN_DOUBTED` of them have it: a doubt the raw
    quality does not show lowers confidence as much as it lowered the F1 achieved."""
    factors: dict[str, float] = {}
    for doubt in sorted({d for c in held for d in c.doubts}):
        rows = [(model.confidence(c), s) for c, s in zip(held, scores, strict=True) if doubt in c.doubts]
        expected = sum(c for c, _ in rows)
        if len(rows) >= _MIN_DOUBTED and expected > 0:
            achieved = sum(s for _, s in rows)
            factors[doubt] = round(min(1.0, (achieved + _DOUBT_PRIOR) / (expected + _DOUBT_PRIOR)), 3)
    return factors
