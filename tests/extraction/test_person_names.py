"""A person's surname is no occupation: "Wim de Boer" and "Jan Bakker" in a CV do not yield the farmer or
the baker, while the same words written as occupations still do (pure engine, records written here)."""

from __future__ import annotations

from techtalent.extraction.engine import Extractor, Lexicon
from techtalent.extraction.engine.matcher import person_names
from techtalent.extraction.engine.normalise import fold_text, tokens_of
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord

OCC = "http://data.europa.eu/esco/occupation/"
FARMER, BAKER, WELDER = OCC + "farmer", OCC + "baker", OCC + "welder"
CONCEPTS = [ConceptRecord(uri, "occupation", None) for uri in (FARMER, BAKER, WELDER)]
LABELS = [
    LabelRecord(FARMER, "nl", "preferred", "boer"),
    LabelRecord(FARMER, "en", "preferred", "farmer"),
    LabelRecord(BAKER, "nl", "preferred", "bakker"),
    LabelRecord(BAKER, "en", "preferred", "baker"),
    LabelRecord(WELDER, "nl", "preferred", "lasser"),
    LabelRecord(WELDER, "en", "preferred", "welder"),
]


def found(text: str, lang: str = "nl") -> set[str]:
    extractor = Extractor(Lexicon.build(CONCEPTS, LABELS, version="names-test"))
    return {c.uri for c in extractor.extract(text, lang=lang).concepts}


def names(text: str, unknown: frozenset[str] = frozenset({"wim", "jan", "anna", "john"})) -> list[str]:
    ft = fold_text(text)
    tokens = tokens_of(ft.text)
    return [tokens.texts[at] for at in sorted(person_names(text, ft, tokens, unknown.__contains__))]


def test_a_surname_after_a_name_particle_or_an_unknown_first_name_is_a_name() -> None:
    assert names("Curriculum vitae — Wim de Boer") == ["wim", "boer"]
    assert names("Bas van Dijk, Hengelo") == ["bas", "dijk"]  # the first name too: bas is a singer
    assert names("Contact: Anna van der Bakker, 06-12345678") == ["anna", "bakker"]
    assert names("Naam Jan Bakker\nBeroep: bakker") == ["bakker"]  # the second one is lower case


def test_capitalised_words_that_start_a_line_or_follow_a_known_word_are_not_names() -> None:
    assert names("Lasser gezocht\nBakker met ervaring") == []
    assert names("Ervaren Lasser voor onze werkplaats", unknown=frozenset()) == []
    assert names("Wim. Boer is mijn beroep") == []  # a sentence break between the two words


def test_an_occupation_written_as_a_surname_is_not_extracted_and_written_as_a_job_it_is() -> None:
    assert found("Curriculum vitae — Wim de Boer. Ik werk als lasser.") == {WELDER}
    assert found("Jan Bakker zoekt werk.") == set()
    assert found("Ik was tien jaar bakker en daarna boer.") == {BAKER, FARMER}
    assert found("John Baker is looking for work as a welder.", lang="en") == {WELDER}
