"""The search engine with derived labels and a learned lexicon: display rule and ranking (pure, no Django)."""

from __future__ import annotations

import pickle
from collections.abc import Iterable

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex

E = "http://data.europa.eu/esco/skill/"


class WordListLexicon:
    """An in-memory lexicon with a fixed word list (a test double of the learned TranslationLexicon)."""

    def __init__(self, words: dict[str, dict[str, float]]):
        self.words = words

    def to_english(self, tokens: Iterable[str]) -> dict[str, float]:
        bag: dict[str, float] = {}
        for token in tokens:
            for word, weight in self.words.get(token, {}).items():
                bag[word] = max(bag.get(word, 0.0), weight)
        return bag


LEXICON = WordListLexicon(
    {
        "onderhoud": {"maintenance": 0.6, "maintain": 0.4},
        "storingen": {"malfunctions": 0.7, "faults": 0.3},
        "pompen": {"pumps": 0.8},
        "machines": {"machinery": 0.6, "machines": 0.4},
    }
)


def _index(lexicon: WordListLexicon | None = LEXICON) -> SearchIndex:
    keys = ("mach", "db", "pump", "fault")
    concepts = [ConceptRecord(f"{E}{k}", "skill", "skill/competence") for k in keys]
    labels = [
        LabelRecord(f"{E}mach", "en", "preferred", "maintain machinery"),
        LabelRecord(f"{E}mach", "nl", "derived", "machines onderhouden", 0.7),
        LabelRecord(f"{E}mach", "nl", "derived", "machinerie onderhouden", 0.4),
        LabelRecord(f"{E}db", "en", "preferred", "maintain database"),
        LabelRecord(f"{E}db", "nl", "preferred", "databases onderhouden"),
        LabelRecord(f"{E}db", "nl", "hidden", "databses onderhouden"),
        LabelRecord(f"{E}pump", "en", "preferred", "operate pumps"),
        LabelRecord(f"{E}fault", "en", "preferred", "resolve equipment malfunctions"),
    ]
    return SearchIndex(concepts, labels, lexicon=lexicon)


def test_the_display_rule_prefers_official_then_best_derived_then_the_other_language() -> None:
    index = _index()
    official = index.shown(f"{E}db", "nl")
    assert (official.text, official.lang, official.derived) == ("databases onderhouden", "nl", False)
    derived = index.shown(f"{E}mach", "nl")
    assert (derived.text, derived.lang, derived.derived) == ("machines onderhouden", "nl", True)
    assert derived.original == "maintain machinery" and derived.confidence == 0.7
    fallback = index.shown(f"{E}pump", "nl")
    assert (fallback.text, fallback.lang, fallback.derived) == ("operate pumps", "en", False)
    assert index.shown(f"{E}mach", "en").text == "maintain machinery"


def test_a_dutch_query_reaches_english_only_skills_through_the_lexicon() -> None:
    assert _index(None).search("storingen", lang="nl") == []
    hits = _index().search("storingen", lang="nl")
    assert hits[0].uri == f"{E}fault" and hits[0].matched_lang == "en"
    assert _index().search("pompen", lang="nl")[0].uri == f"{E}pump"


def test_an_official_dutch_label_outranks_an_equal_derived_one() -> None:
    concepts = [ConceptRecord(f"{E}a", "skill"), ConceptRecord(f"{E}b", "skill")]
    labels = [
        LabelRecord(f"{E}a", "nl", "derived", "pompen onderhouden", 0.95),
        LabelRecord(f"{E}b", "nl", "preferred", "pompen onderhouden"),
    ]
    hits = SearchIndex(concepts, labels).search("pompen onderhouden", lang="nl")
    assert [h.uri for h in hits] == [f"{E}b", f"{E}a"] and hits[0].score > hits[1].score


def test_a_dutch_match_outranks_a_translated_match_and_confidence_orders_derived_labels() -> None:
    concepts = [ConceptRecord(f"{E}{k}", "skill") for k in ("nl", "en", "low")]
    labels = [
        LabelRecord(f"{E}nl", "nl", "derived", "machines onderhouden", 0.6),
        LabelRecord(f"{E}en", "en", "preferred", "maintain machines"),
        LabelRecord(f"{E}low", "nl", "derived", "machines onderhouden", 0.1),
    ]
    hits = SearchIndex(concepts, labels, lexicon=LEXICON).search("machines onderhouden", lang="nl")
    assert [h.uri for h in hits] == [f"{E}nl", f"{E}low", f"{E}en"]


def test_derived_labels_are_found_and_say_they_are_derived() -> None:
    hit = _index(None).search("machines onderhouden", lang="nl")[0]
    assert hit.uri == f"{E}mach" and hit.matched_type == "derived"


def test_the_index_with_its_lexicon_survives_the_disk_cache() -> None:
    index = pickle.loads(pickle.dumps(_index()))
    assert index.search("storingen", lang="nl")[0].uri == f"{E}fault"
    assert index.shown(f"{E}mach", "nl").derived


def test_an_exact_dutch_match_outranks_a_short_label_reached_only_by_translation() -> None:
    concepts = [ConceptRecord(f"{E}tech", "skill"), ConceptRecord(f"{E}weld", "skill")]
    labels = [
        LabelRecord(f"{E}tech", "nl", "derived", "lassen technieken", 0.4),
        LabelRecord(f"{E}weld", "en", "preferred", "welding"),
    ]
    lexicon = WordListLexicon({"lassen": {"welding": 1.0}})
    hits = SearchIndex(concepts, labels, lexicon=lexicon).search("lassen", lang="nl")
    assert [h.uri for h in hits] == [f"{E}tech", f"{E}weld"]
