"""Dutch query words in the search engine: paraphrases learned from a skill's own labels, compounds a verb's
stem opens, and longer words that are no inflection."""

from __future__ import annotations

from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex
from techtalent.taxonomy.engine.paraphrase import learn_paraphrases, paraphrase_quality
from tests.taxonomy.test_crosslingual_search import WordListLexicon

E = "http://data.europa.eu/esco/skill/"


def test_two_labels_of_one_skill_differing_in_one_word_make_a_paraphrase_counted_per_skill() -> None:
    labels = [
        ("a", ["spiegels", "installeren"]),
        ("a", ["spiegels", "plaatsen"]),
        ("a", ["spiegels", "plaatsen"]),  # the same pair again in one skill counts once
        ("b", ["warmtepompen", "installeren"]),
        ("b", ["warmtepompen", "plaatsen"]),
        ("c", ["gestructureerde", "gegevens"]),
        ("c", ["ongestructureerde", "gegevens"]),  # one skill only: an enumeration, not a paraphrase
        ("d", ["glas", "snijden", "en", "plaatsen"]),
        ("d", ["glas", "breken", "en", "installeren"]),  # two words differ
    ]
    found = learn_paraphrases(labels)
    assert found["plaatsen"] == (("installeren", 2),)
    assert found["installeren"] == (("plaatsen", 2),)
    assert "gestructureerde" not in found and "snijden" not in found
    assert paraphrase_quality(5, scale=0.85) > paraphrase_quality(2, scale=0.85) > 0


def _index(labels: list[LabelRecord], lexicon: object | None = None) -> SearchIndex:
    uris = sorted({label.uri for label in labels})
    concepts = [ConceptRecord(uri, "skill", "skill/competence") for uri in uris]
    return SearchIndex(concepts, labels, lexicon=lexicon)  # type: ignore[arg-type]


def test_a_query_word_reaches_the_skills_whose_labels_write_its_paraphrase_and_its_translation() -> None:
    labels = [
        LabelRecord(f"{E}mirror", "nl", "preferred", "spiegels installeren"),
        LabelRecord(f"{E}mirror", "nl", "alternative", "spiegels plaatsen"),
        LabelRecord(f"{E}pump", "nl", "preferred", "warmtepompen installeren"),
        LabelRecord(f"{E}pump", "nl", "alternative", "warmtepompen plaatsen"),
        LabelRecord(f"{E}glass", "en", "preferred", "install glass frames"),
        LabelRecord(f"{E}tray", "en", "preferred", "glass trays"),
        LabelRecord(f"{E}blow", "nl", "preferred", "glas blazen"),
    ]
    lexicon = WordListLexicon({"glas": {"glass": 1.0}, "installeren": {"install": 1.0}})
    index = _index(labels, lexicon)
    assert index.paraphrases["plaatsen"] == (("installeren", 2),)
    hits = index.search("glas plaatsen", lang="nl", kind="skill")
    assert hits[0].uri == f"{E}glass"  # glass (translated) and install (the paraphrase's translation)
    assert hits[0].matched_label == "install glass frames"
    # An English query translates nothing, so no paraphrase either.
    assert not index.search("plaatsen", lang="en", kind="skill")[0].uri.endswith("glass")


def test_a_dutch_verb_also_finds_the_compounds_its_stem_opens() -> None:
    labels = [
        LabelRecord(f"{E}grind", "nl", "derived", "slijpmachine bedienen", 0.5),
        LabelRecord(f"{E}machine", "nl", "preferred", "machine bedienen"),
        LabelRecord(f"{E}drill", "nl", "preferred", "boormachine gebruiken"),
        LabelRecord(f"{E}slip", "nl", "preferred", "slijpsteen"),  # "steen" is no word of the index
    ]
    index = _index(labels)
    found = {hit.uri for hit in index.search("slijpen", lang="nl", kind="skill", complete=True)}
    assert found == {f"{E}grind"}
    assert {hit.uri for hit in index.search("boren", lang="nl", kind="skill", complete=True)} == {f"{E}drill"}
    # Only a verb's stem opens compounds; an English query is not read as Dutch.
    assert not index.search("slijpen", lang="en", kind="skill", complete=True)


def test_a_longer_word_is_an_inflection_only_when_an_inflection_ending_follows() -> None:
    labels = [
        LabelRecord(f"{E}office", "nl", "preferred", "kantoor beheren"),
        LabelRecord(f"{E}edges", "nl", "preferred", "kanten afwerken"),
        LabelRecord(f"{E}press", "nl", "preferred", "persoonlijke gegevens"),
        LabelRecord(f"{E}side", "nl", "preferred", "kant pers"),
    ]
    index = _index(labels)
    found = [hit.uri for hit in index.search("kant afwerken", lang="nl", kind="skill")]
    assert found[0] == f"{E}edges" and f"{E}office" not in found  # kant + en, not kant + oor
    # The last word typed may still be unfinished, so it completes to a longer word at a lower quality.
    assert f"{E}office" in {hit.uri for hit in index.search("kant", lang="nl", kind="skill")}
    # The parts of a split compound are whole words: "kantpers" does not complete "pers" to "persoonlijke".
    found = [hit.uri for hit in index.search("kantpers", lang="nl", kind="skill")]
    assert found[0] == f"{E}side" and f"{E}press" not in found


def test_a_translated_word_also_matches_what_other_english_labels_of_the_same_skills_write_instead() -> None:
    labels = [
        LabelRecord(f"{E}tiles", "en", "preferred", "install tiles"),
        LabelRecord(f"{E}tiles", "en", "alternative", "lay tiles"),
        LabelRecord(f"{E}bricks", "en", "preferred", "install bricks"),
        LabelRecord(f"{E}bricks", "en", "alternative", "laying bricks"),  # the same term as "lay"
        LabelRecord(f"{E}floor", "en", "preferred", "install laminate floor"),
        LabelRecord(f"{E}cake", "en", "preferred", "laminate dough"),
    ]
    lexicon = WordListLexicon({"leggen": {"lay": 1.0}, "laminaat": {"laminate": 1.0}})
    index = _index(labels, lexicon)
    lay, install = index.terms["lay"], index.terms["instal"]
    assert index.term_paraphrases[lay] == ((install, 2),)
    hits = index.search("laminaat leggen", lang="nl", kind="skill")
    assert hits[0].uri == f"{E}floor"  # laminate, and install for lay
    # Below a direct translation: a label that has "lay" itself ranks above one that has only "install".
    ranked = [hit.uri for hit in index.search("leggen", lang="nl", kind="skill", complete=True)]
    assert ranked.index(f"{E}tiles") < ranked.index(f"{E}floor")


def test_an_english_noun_in_age_also_stands_for_its_base_word_when_that_is_long_enough() -> None:
    from techtalent.taxonomy.engine.crosslingual import _derivational_term

    terms = {"sewer": 0, "drain": 1, "man": 2, "dam": 3, "fix": 4}
    assert _derivational_term("sewerage", terms) == 0
    assert _derivational_term("drainage", terms) == 1
    assert _derivational_term("manage", terms) is None and _derivational_term("damage", terms) is None
    assert _derivational_term("fixing", terms) == 4  # a three-letter base stays enough for -ing


def test_a_doubled_last_consonant_or_an_eren_verb_still_counts_as_an_inflection() -> None:
    from techtalent.taxonomy.engine.search import _inflects

    assert _inflects("kant", "en") and _inflects("stof", "fen") and _inflects("plan", "ned")
    assert _inflects("analyse", "ren") and _inflects("controle", "ren")
    assert not _inflects("kant", "oor") and not _inflects("stof", "afzuiging")
    assert not _inflects("pers", "ren")  # "ren" only after a final e
    assert not _inflects("ja", "aen")  # a vowel is not doubled this way
