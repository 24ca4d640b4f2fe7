"""Everyday Dutch queries in the pure engines: trade words in the lexicon (dictionary words written together,
inflected and agent-noun forms), translated phrases matched as phrases, and the generality prior."""

from __future__ import annotations

import pickle
from collections.abc import Iterable

import numpy as np

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.crosslingual import translated_phrases
from techtalent.taxonomy.engine.derive import ParallelCorpus, SentencePair, learn_lexicon
from techtalent.taxonomy.engine.derive.compounds import split_concatenation
from techtalent.taxonomy.engine.derive.tokens import words
from techtalent.taxonomy.engine.search import generality
from tests.taxonomy.test_crosslingual_search import WordListLexicon

E = "http://data.europa.eu/esco/skill/"

PAIRS = [
    ("first aid", "eerste hulp"),
    ("provide first aid", "eerste hulp verlenen"),
    ("first aid kit", "verbanddoos"),
    ("forklift", "vorkheftruck"),
    ("operate forklift", "vorkheftruck besturen"),
    ("order picker", "orderpicker"),
    ("warehouse order picker", "orderpicker"),
    ("maintain machinery", "machines onderhouden"),
    ("machinery", "machines"),
]


def _lexicon(extra: Iterable[SentencePair] = ()) -> object:
    pairs = [SentencePair(words(en), words(nl), "label") for en, nl in PAIRS]
    return learn_lexicon(ParallelCorpus((*pairs, *extra)))


def test_two_known_words_written_together_are_split_and_known_words_stay_whole() -> None:
    known = {"first": 5, "aid": 1, "electric": 4, "socket": 1, "carpet": 2, "car": 9, "pet": 1}
    assert split_concatenation("firstaid", known) == ["first", "aid"]
    assert split_concatenation("electricsocket", known) == ["electric", "socket"]
    assert split_concatenation("carpet", known) == ["carpet"]  # the corpus knows the word itself
    assert split_concatenation("aidfirst", known) == ["aidfirst"]  # the first part must be frequent


def test_a_dictionary_translation_written_as_one_word_becomes_the_corpus_words() -> None:
    lexicon = _lexicon([SentencePair(("firstaid",), ("ehbo",), "dictionary")])
    assert lexicon.english_candidates("ehbo")[0][0] == "first aid"


def test_inflected_and_verb_forms_borrow_the_translation_of_the_known_word() -> None:
    lexicon = _lexicon()
    assert lexicon.english_candidates("vorkheftrucks")[0][0] == "forklift"  # plural of a known word
    picked = dict(lexicon.english_candidates("orderpicken"))  # the verb of a known agent noun
    assert {"picker", "order"} & set(picked)
    assert lexicon.knows("vorkheftrucks") and lexicon.knows("orderpicken")
    assert not lexicon.knows("xyzzyqen")


def test_the_lexicon_pickles_and_still_finds_folded_words() -> None:
    lexicon = pickle.loads(pickle.dumps(_lexicon()))
    assert lexicon.english_candidates("Vorkheftruck")[0][0] == "forklift"


def _index(lexicon: object, extra: list[LabelRecord] | None = None) -> SearchIndex:
    keys = ("sock", "elec", "gen", "wire", "mirror", "heat", "pick")
    concepts = [ConceptRecord(f"{E}{k}", "skill", "skill/competence") for k in keys]
    labels = [
        LabelRecord(f"{E}sock", "en", "preferred", "install electricity sockets"),
        LabelRecord(f"{E}elec", "en", "preferred", "electricity"),
        LabelRecord(f"{E}gen", "en", "preferred", "electric generators"),
        LabelRecord(f"{E}wire", "en", "preferred", "electrical wiring"),
        LabelRecord(f"{E}mirror", "nl", "preferred", "spiegels plaatsen"),
        LabelRecord(f"{E}heat", "nl", "preferred", "warmtepompen plaatsen"),
        LabelRecord(f"{E}pick", "en", "preferred", "pick orders for dispatching"),
        *(extra or []),
    ]
    return SearchIndex(concepts, labels, lexicon=lexicon)  # type: ignore[arg-type]


def test_a_translated_phrase_ranks_labels_with_all_its_words_first() -> None:
    lexicon = {"stopcontacten": {"electric socket": 1.0}, "plaatsen": {"install": 0.6, "place": 0.4}}
    index = _index(WordListLexicon(lexicon))
    assert index.search("stopcontacten", kind="skill")[0].uri == f"{E}sock"
    # The phrase weighs by its rarest word (socket), so the Dutch "plaatsen" labels do not win.
    assert index.search("stopcontacten plaatsen", kind="skill")[0].uri == f"{E}sock"


def test_a_translated_agent_noun_also_reaches_its_base_word() -> None:
    lexicon = WordListLexicon({"orderpicken": {"order picker": 1.0}})
    index = _index(lexicon)
    phrases = translated_phrases(lexicon, "orderpicken", index.terms)
    assert phrases and all(len(words) == 2 for words, _quality in phrases)
    assert index.search("orderpicken", kind="skill")[0].uri == f"{E}pick"


def _prior_index() -> SearchIndex:
    concepts = [
        ConceptRecord(f"{E}db", "skill", "skill/competence", occupations=1),
        ConceptRecord(f"{E}equip", "skill", "skill/competence", occupations=110, essential=40, narrower=40),
        ConceptRecord(f"{E}exact", "skill", "knowledge", occupations=0),
    ]
    labels = [
        LabelRecord(f"{E}db", "nl", "preferred", "databases onderhouden"),
        LabelRecord(f"{E}equip", "en", "preferred", "maintain equipment"),
        LabelRecord(f"{E}equip", "nl", "derived", "apparatuur onderhouden", 0.6),
        LabelRecord(f"{E}exact", "nl", "preferred", "onderhoud"),
    ]
    return SearchIndex(concepts, labels)


def test_generality_is_relative_to_the_broadest_concept() -> None:
    values = generality(_prior_index().concepts)
    assert values.max() == 1.0 and values.min() == 0.0 and np.all((values >= 0) & (values <= 1))


def test_a_one_word_query_ranks_the_broad_skill_first_but_an_exact_official_label_stays_first() -> None:
    index = _prior_index()
    found = [h.uri for h in index.search("onderhoud", kind="skill")]
    assert found[0] == f"{E}exact"  # the exact official label, however narrow
    assert found.index(f"{E}equip") < found.index(f"{E}db")  # broad derived above narrow official
    # With more words the prior is small: the official Dutch match of both words wins.
    assert index.search("databases onderhouden", kind="skill")[0].uri == f"{E}db"


def test_a_compound_in_an_occupation_label_teaches_its_trade_word_with_method_and_confidence() -> None:
    pairs = [
        SentencePair(words("lathe operator"), words("operator draaibank"), "label"),
        SentencePair(words("press operator"), words("operator pers"), "label"),
        SentencePair(words("brake"), words("rem"), "label"),
    ]
    groups = (
        ((words("press brake operator"), words("brake press operator")), (words("kantpersoperator"),)),
        ((words("press brake operator"),), (words("kantpersoperator"), words("operator kantpers"))),
    )
    lexicon = learn_lexicon(ParallelCorpus(tuple(pairs), label_groups=groups))
    learned = lexicon.phrases["kantpers"]
    assert learned[0][0] == "press brake" and learned[0][2] == "compound-alignment"
    assert 0.0 < learned[0][1] <= 1.0
    assert lexicon.english_candidates("kantpers")[0][0] == "press brake"
    assert "press brake operator" in dict(lexicon.english_candidates("kantpersoperator"))
    again = type(lexicon).from_dict(lexicon.as_dict())
    assert again.phrases == lexicon.phrases


def test_occupations_get_no_generality_so_job_titles_are_not_lifted_to_broad_occupations() -> None:
    concepts = [
        ConceptRecord("s", "skill", occupations=40, essential=10, narrower=5),
        ConceptRecord("o", "occupation", narrower=30),
    ]
    values = generality(concepts)
    assert values[0] == 1.0 and values[1] == 0.0
