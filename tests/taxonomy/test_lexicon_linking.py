"""Senses of frequent Dutch words (session 7): separable verbs joined before alignment, competitive linking
for words IBM Model 1 over-links (houden in "toezicht houden" ↔ supervise), FreeDict senses ordered by use,
and a rare sense the dictionary contradicts giving way to one it attests (rust → roest, not barsten)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from techtalent.taxonomy.engine.derive import ParallelCorpus, SentencePair, TranslationLexicon, learn_lexicon
from techtalent.taxonomy.engine.derive import lexicon as lexicon_module
from techtalent.taxonomy.engine.derive.lexicon import (
    _dictionary_disagreement,
    _link_shares,
    _with_dictionary,
    _with_separable_verbs,
)
from techtalent.taxonomy.engine.derive.tokens import words


def _pairs(rows: list[tuple[str, str]], kind: str = "text") -> list[SentencePair]:
    return [SentencePair(words(en), words(nl), kind) for en, nl in rows]


def test_separable_verbs_are_joined_where_the_corpus_writes_them_whole() -> None:
    pairs = _pairs(
        [
            ("to contribute to safety", "om bij te dragen aan veiligheid"),
            ("contribute", "bijdragen"),
            ("contribute to projects", "bijdragen aan projecten"),
            ("they perform inspections", "zij voeren inspecties uit"),
            ("perform tasks", "taken uit te voeren"),
            ("perform", "uitvoeren"),
            ("perform checks", "controles uitvoeren"),
            ("carry boxes", "dozen dragen"),
            ("the tools and use", "het gereedschap en gebruik"),
            ("use", "gebruik te maken"),
            ("use", "gebruikmaken"),
            ("use", "gebruikmaken"),
            ("use", "gebruiken"),
            ("use", "gebruiken"),
        ]
    )
    joined = {" ".join(p.nl) for p in _with_separable_verbs(pairs)}
    assert "om te bijdragen aan veiligheid" in joined
    assert "taken te uitvoeren" in joined
    assert "zij uitvoeren inspecties" in joined  # the closing particle joins the verb before it
    assert "dozen dragen" in joined
    # a closing particle never joins a stop word ("gebruik" + "en" is no verb of this text)
    assert "het gereedschap en gebruik" in joined


def test_a_particle_closing_a_clause_inside_the_text_joins_its_verb() -> None:
    rows = [
        ("they perform inspections and report", "zij voeren inspecties uit en rapporteren"),
        ("they perform tests and record", "zij voeren testen uit en noteren"),
        ("they perform repairs and clean", "zij voeren reparaties uit en reinigen"),
        ("they supervise staff and plan", "zij zien toe op personeel en plannen"),
        ("they supervise safety and report", "zij zien toe op veiligheid en rapporteren"),
        ("they supervise work", "zij zien toe op werkzaamheden"),
        ("they supervise trials", "zij zien toe op proeven"),
        ("they supervise tests", "zij zien toe op testen"),
        ("they perform checks and clean", "zij voeren controles uit en reinigen"),
        ("they perform audits and write", "zij voeren audits uit en schrijven"),
        ("perform tasks", "taken uit te voeren"),
        ("perform", "uitvoeren"),
        ("perform", "uitvoeren"),
        ("supervise", "toezien"),
        ("supervise", "toezien"),
        ("supervise staff", "toe te zien op personeel"),
        ("take water from the tank", "water uit de tank halen"),
        ("remove dust from the filter", "stof uit de filter halen"),
        ("water from the river", "water uit de rivier"),
        ("from the sea", "uit de zee"),
        ("from the well", "uit de put"),
    ]
    joined = {" ".join(p.nl) for p in _with_separable_verbs(_pairs(rows))}
    # "en" follows a particle mostly where a verb it joins stands before it: it opens the next clause
    assert "zij uitvoeren inspecties en rapporteren" in joined
    assert "zij toezien op personeel en plannen" in joined  # "op" opens the clause's complement
    # a particle used as a preposition keeps its object ("uit de tank"), whatever verb stands before it
    assert "water uit de tank halen" in joined


def test_a_separable_verb_no_longer_teaches_its_stem_the_verb() -> None:
    rows = [("to contribute to safety", "om bij te dragen aan veiligheid")] * 4 + [
        ("contribute", "bijdragen"),
        ("contribute", "bijdragen"),
        ("carry boxes", "dozen dragen"),
        ("boxes", "dozen"),
        ("safety", "veiligheid"),
    ]
    lexicon = learn_lexicon(ParallelCorpus(tuple(_pairs(rows, "label"))))
    assert lexicon.english_candidates("dragen")[0][0] == "carry"
    assert lexicon.english_candidates("bijdragen")[0][0] == "contribute"


def test_link_shares_count_mutual_best_links_only() -> None:
    # English ids: 1 supervise, 2 staff; Dutch ids: 1 toezicht, 2 houden, 3 personeel
    width = 4
    scores = {(1, 1): 0.5, (1, 2): 0.3, (2, 3): 0.6, (2, 2): 0.1}
    keys = np.array(sorted(e * width + n for e, n in scores), dtype=np.int64)
    score = np.array([scores[(int(k) // width, int(k) % width)] for k in keys])
    en = [np.array([1, 2])] * 3
    nl = [np.array([1, 2, 3])] * 3
    shares = _link_shares(en, nl, keys, score, width)
    assert shares[(1, 1)] == 1.0  # toezicht ↔ supervise: each the other's best
    assert shares[(1, 2)] == 0.0  # houden co-occurs with supervise but toezicht explains it
    assert shares[(2, 3)] == 1.0


def _supervise_corpus(n: int) -> ParallelCorpus:
    rows = [("supervise staff", "toezicht houden op personeel")] * n + [
        ("supervision", "toezicht"),
        ("supervise", "toezicht"),
        ("staff", "personeel"),
        ("keep records", "administratie bijhouden"),
        ("keep tools clean", "gereedschap schoon houden"),
        ("hold the ladder", "de ladder houden"),
        ("hold", "houden"),
        ("hold", "houden"),
        ("keep", "houden"),
        ("tools", "gereedschap"),
        ("ladder", "ladder"),
        ("clean", "schoon"),
    ]
    return ParallelCorpus(tuple(_pairs(rows)))


def test_a_frequent_word_loses_the_translation_another_word_of_its_pairs_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexicon_module, "_LINK_FROM", 10)
    linked = learn_lexicon(_supervise_corpus(30))
    first = [w for w, _ in linked.english_candidates("houden")[:2]]
    assert "supervise" not in first
    assert linked.english_candidates("toezicht")[0][0] in {"supervise", "supervision"}
    # the en→nl side keeps IBM Model 1's view for label generation
    assert "toezicht" in dict(linked.dutch_candidates("supervise"))
    monkeypatch.setattr(lexicon_module, "_LINK_FROM", 0)  # no linking: houden → supervise first
    assert learn_lexicon(_supervise_corpus(30)).english_candidates("houden")[0][0] == "supervise"


def test_dictionary_senses_alone_are_ordered_by_how_often_the_corpus_uses_them() -> None:
    entries = [
        (("houden",), ("cause", "to", "take", "place")),
        (("houden",), ("hold",)),
        (("houden",), ("keep",)),
    ]
    counts = {"keep": 30, "hold": 10, "cause": 5, "take": 40, "place": 50}
    options = [w for w, _ in _with_dictionary({}, entries, order_counts=counts)["houden"]]
    assert options == ["keep", "hold", "cause to take place"]
    unordered = [w for w, _ in _with_dictionary({}, entries)["houden"]]
    assert unordered == ["cause to take place", "hold", "keep"]


def test_a_rare_sense_the_dictionary_contradicts_gives_way_to_an_attested_one() -> None:
    table = {"rust": (("barsten", 0.3), ("brugconstructies", 0.2), ("roest", 0.1))}
    dictionary = [(("cracks",), ("barsten",)), (("rust",), ("roest",))]
    counts = {"barsten": 3, "brugconstructies": 2, "roest": 2}
    ranked = _dictionary_disagreement(table, dictionary, counts)["rust"]
    assert ranked[0] == ("roest", 0.3)
    assert dict(ranked)["barsten"] < dict(ranked)["brugconstructies"]
    # without an attested alternative nothing moves; nor when the first sense is frequent
    assert _dictionary_disagreement(table, dictionary[:1], counts) == table
    frequent = {**counts, "barsten": 500}
    assert _dictionary_disagreement(table, dictionary, frequent) == table


@pytest.fixture(scope="module")
def esco_lexicon(esco_real: Path) -> TranslationLexicon:
    from techtalent.taxonomy.derived_records import lexicon_from_records
    from techtalent.taxonomy.importers.esco import read_esco

    bundle = read_esco(esco_real)
    return lexicon_from_records(
        bundle.labels,
        bundle.texts,
        {uri: c["kind"] for uri, c in bundle.concepts.items()},
        skill_types={uri: c["skill_type"] for uri, c in bundle.concepts.items()},
    )


@pytest.mark.realdata
def test_frequent_words_on_real_esco(esco_lexicon: TranslationLexicon) -> None:
    def first(word: str, n: int = 3) -> list[str]:
        return [w for w, _ in esco_lexicon.english_candidates(word)[:n]]

    assert not {"supervise", "oversee"} & set(first("houden"))  # "toezicht houden": toezicht says it
    assert "apply" not in first("toe")  # the particle of toepassen
    assert first("dragen", 1) == ["carry"]  # "bij te dragen" is bijdragen
    # "zij zien toe op …", "zij voeren … uit en …": the particle closes a clause inside the text
    assert "supervise" not in first("zien") and first("toezien", 1) == ["supervise"]
    assert first("voeren", 1) != ["perform"] and first("uitvoeren", 1) == ["perform"]
    assert first("export", 1) == ["export"]  # not import, its neighbour in "import- en export…"
    assert first("toezicht", 1)[0] in {"supervise", "oversee"}
    assert first("onderhoud", 1) == ["maintenance"] and first("ontwerpen", 1) == ["design"]
    from techtalent.taxonomy.derived_records import dictionary

    if dictionary():
        assert "hold" in first("houden", 4)
        assert esco_lexicon.dutch_candidates("rust")[0][0] == "roest"
        assert esco_lexicon.dutch_candidates("friction")[0][0] == "wrijving"


def test_a_preposition_never_opens_a_compound_of_a_derived_label() -> None:
    from techtalent.taxonomy.engine.derive.compounds import join_compounds
    from techtalent.taxonomy.engine.derive.patterns import DUTCH_PREPOSITIONS

    known = {"oplossen": 40, "lossen": 5, "lasapparatuur": 12, "las": 3, "apparatuur": 50}
    words_ = ["toezien", "op", "lossen", "van", "vracht"]
    assert join_compounds(words_, known, min_count=2) == ["toezien", "oplossen", "van", "vracht"]
    assert join_compounds(words_, known, min_count=2, apart=DUTCH_PREPOSITIONS) == words_
    # other words still join into the compound the corpus writes
    joined = join_compounds(["las", "apparatuur"], known, min_count=2, apart=DUTCH_PREPOSITIONS)
    assert joined == ["lasapparatuur"]
