"""Session 9 search mechanisms on small hand-made indexes (pure, no Django): the other query words choose a
word's sense, a translated word weighs as its main rendering, a word only the dictionary knows also stands
for its base's translations, and a label's left-over rare word costs more than a left-over common one."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pytest

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.crosslingual import TRANSLATED, context_senses, translated_phrases
from techtalent.taxonomy.engine.search import _main_weight

E = "http://data.europa.eu/esco/skill/"


class RankedLexicon:
    """A lexicon with ranked candidates per Dutch word; its bag keeps those of at least a fifth of the best
    (as the learned TranslationLexicon does), so weaker senses are left out of it."""

    def __init__(self, candidates: dict[str, tuple[tuple[str, float], ...]], counts_nl: dict[str, int]):
        self.candidates = candidates
        self.counts_nl = counts_nl

    def english_candidates(self, token: str) -> tuple[tuple[str, float], ...]:
        return self.candidates.get(token, ())

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]:
        bag: dict[str, float] = {}
        for token in tokens:
            found = self.candidates.get(token, ())
            for word, prob in found[:3]:
                if prob / found[0][1] >= 0.2:
                    bag[word] = max(bag.get(word, 0.0), round(prob / found[0][1], 4))
        return bag


REVISEREN = RankedLexicon(
    {
        "reviseren": (("revise", 0.23), ("classic", 0.04), ("overhaul", 0.03)),
        "motoren": (("engines", 0.58), ("motors", 0.19)),
    },
    {"reviseren": 5, "motoren": 40},
)


def _skill_index(labels: dict[str, str], lexicon: object | None = None) -> SearchIndex:
    concepts = [ConceptRecord(f"{E}{key}", "skill") for key in labels]
    records = [LabelRecord(f"{E}{key}", "en", "preferred", text) for key, text in labels.items()]
    return SearchIndex(concepts, records, lexicon=lexicon)  # type: ignore[arg-type]


def test_a_weaker_sense_is_one_the_bag_leaves_out() -> None:
    index = _skill_index({"overhaul": "overhaul boilers", "revise": "revise questionnaires"}, REVISEREN)
    senses = context_senses(REVISEREN, "reviseren", index.terms)
    assert set(senses) == {index.terms["overhaul"]}  # classic is no index word; revise is in the bag
    assert senses[index.terms["overhaul"]] == 0.03 / 0.23
    assert context_senses(None, "reviseren", index.terms) == {}


def test_the_other_query_words_choose_a_weaker_sense() -> None:
    index = _skill_index(
        {
            "revise": "revise questionnaires",
            "boilers": "overhaul boilers",
            "engines": "overhaul engines",
            "motors": "install engines",
        },
        REVISEREN,
    )
    hits = index.search("motoren reviseren", lang="nl", complete=True)
    assert hits[0].uri == f"{E}engines", [h.matched_label for h in hits]
    by_uri = {h.uri: h.score for h in hits}
    # "overhaul" alone (no other query word in the label) is not lifted: revise's own label stays above it.
    assert f"{E}boilers" not in by_uri or by_uri[f"{E}boilers"] < by_uri[f"{E}revise"]
    # A one-word query has no other words to choose with: only the bag's sense.
    assert f"{E}boilers" not in {h.uri for h in index.search("reviseren", lang="nl", complete=True)}


def test_a_translated_word_weighs_as_its_main_rendering_not_a_rarer_weak_option() -> None:
    idf = np.array([1.0, 5.0, 3.0], dtype=np.float32)
    assert _main_weight(((0, 1.0), (1, 0.26)), idf) == 1.0  # werk → work, not the rare "occupational"
    assert _main_weight(((0, 1.0), (2, 1.0), (1, 0.5)), idf) == 3.0  # equally good options: the rarest
    assert _main_weight((), idf) == 0.0


def test_a_word_only_the_dictionary_knows_also_stands_for_the_translations_of_its_base() -> None:
    terms = {"paper": 0, "wallpap": 1}
    lexicon = RankedLexicon({"behangen": (("paper", 0.5),), "behang": (("wallpaper", 0.17),)}, {})
    phrases = translated_phrases(lexicon, "behangen", terms)  # type: ignore[arg-type]
    by_term = {words[0][0][0]: quality for words, quality in phrases}
    assert by_term == pytest.approx({0: TRANSLATED, 1: TRANSLATED * 0.9})
    # A word ESCO's own text writes keeps its own translations only.
    attested = RankedLexicon(lexicon.candidates, {"behangen": 3})
    assert {words[0][0][0] for words, _ in translated_phrases(attested, "behangen", terms)} == {0}  # type: ignore[arg-type]


def test_a_left_over_rare_word_costs_more_than_a_left_over_common_one() -> None:
    # "use" is in many labels (little information), "airport" in one: of two labels matching the same two
    # query words, the one whose left-over word says little is the closer match.
    labels = {"airport": "airport maintenance tools", "use": "use maintenance tools"}
    labels |= {f"filler{i}": f"use filler{i}" for i in range(6)}
    hits = _skill_index(labels).search("maintenance tools", lang="en", complete=True)
    assert [h.uri for h in hits[:2]] == [f"{E}use", f"{E}airport"], [h.matched_label for h in hits]
    assert hits[0].score > hits[1].score


def test_a_ge_word_snowball_reads_as_another_verb_stays_whole() -> None:
    # Snowball drops ge-: "geboren" (born) → "boor", the stem of boren (to drill) and of the title "boorder";
    # a real participle keeps its verb's stem: "gelast" (welded) still finds "lassen".
    concepts = [ConceptRecord(f"{E}drill", "occupation"), ConceptRecord(f"{E}weld", "skill")]
    labels = [
        LabelRecord(f"{E}drill", "nl", "preferred", "boorder"),
        LabelRecord(f"{E}weld", "nl", "preferred", "metaal lassen"),
    ]
    index = SearchIndex(concepts, labels)
    assert index.search("geboren", lang="nl", complete=True) == []
    assert index.search("boren", lang="nl", complete=True)[0].uri == f"{E}drill"
    assert index.search("gelast", lang="nl", complete=True)[0].uri == f"{E}weld"


def test_a_dutch_stem_in_an_english_label_of_another_word_counts_less_than_a_translation() -> None:
    # Dutch "leggen" stems to "leg", as the English "legs" does; the lexicon says leggen is lay.
    lexicon = RankedLexicon({"leggen": (("lay", 0.6),), "systemen": (("systems", 0.7),)}, {"leggen": 50})
    labels = {"legs": "clean legs", "lay": "lay tiles", "systems": "install systems"}
    index = _skill_index(labels, lexicon)
    hits = index.search("leggen", lang="nl", complete=True)
    assert [h.uri for h in hits[:2]] == [f"{E}lay", f"{E}legs"], [h.matched_label for h in hits]
    # A translation the lexicon gives keeps its full stem match (systemen → system, as in "systems").
    assert index.search("systemen", lang="nl", complete=True)[0].score == pytest.approx(
        _skill_index(labels).search("systemen", lang="nl", complete=True)[0].score
    )
