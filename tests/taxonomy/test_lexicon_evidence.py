"""Translations of rare Dutch words backed by their own pairs: a dictionary or cognate translation the pairs
show outranks whatever IBM Model 1 aligned from one or two sentences (bankwerker → fitter, not turner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from techtalent.taxonomy.engine.derive import ParallelCorpus, SentencePair, TranslationLexicon, learn_lexicon
from techtalent.taxonomy.engine.derive import lexicon as lexicon_module
from techtalent.taxonomy.engine.derive.tokens import words

PAIRS = [
    ("fitter turner", "bankwerker"),
    ("pipe fitter", "pijpfitter monteur"),
    ("fitter", "monteur"),
    ("maintenance fitter", "onderhoudsmonteur"),
    ("fitter of machines", "monteur van machines"),
    ("preventive care", "preventieve zorg"),
    ("preventive checks", "preventieve controles"),
    ("preventive measures", "preventieve maatregelen"),
    ("care", "zorg"),
    ("checks", "controles"),
    ("store parts dust-free", "onderdelen stofvrij opslaan preventief"),
    ("parts", "onderdelen"),
    ("store", "opslaan"),
    ("perform preventive maintenance", "preventief onderhoud uitvoeren"),
    ("maintenance", "onderhoud"),
    ("perform", "uitvoeren"),
]
FITTER = (SentencePair(("fitter",), ("bankwerker",), "dictionary"),)


def _lexicon(extra: tuple[SentencePair, ...] = ()) -> TranslationLexicon:
    pairs = [SentencePair(words(en), words(nl), "label") for en, nl in PAIRS]
    return learn_lexicon(ParallelCorpus((*pairs, *extra)))


def test_a_dictionary_translation_the_pair_shows_outranks_a_one_pair_alignment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = _lexicon(FITTER).english_candidates("bankwerker")
    assert options[0][0] == "fitter"
    assert dict(options)["turner"] < options[0][1]
    monkeypatch.setattr(lexicon_module, "_CORROBORATE_BELOW", 0)  # alignment alone
    assert _lexicon(FITTER).english_candidates("bankwerker")[0][0] == "turner"


def test_a_cognate_the_pairs_show_outranks_a_word_of_one_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    options = _lexicon().english_candidates("preventief")
    assert options[0][0] == "preventive"
    assert dict(options)["dust-free"] < options[0][1]
    monkeypatch.setattr(lexicon_module, "_CORROBORATE_BELOW", 0)
    assert _lexicon().english_candidates("preventief")[0][0] == "dust-free"


def test_a_dictionary_sense_the_pairs_never_show_stays_behind() -> None:
    extra = (SentencePair(("conversation",), ("onderhoud",), "dictionary"),)
    options = _lexicon(extra).english_candidates("onderhoud")
    assert options[0][0] == "maintenance"
    assert dict(options)["conversation"] < 0.1 * options[0][1]


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
def test_everyday_rare_words_on_real_esco(esco_lexicon: TranslationLexicon) -> None:
    first = {w: esco_lexicon.english_candidates(w)[0][0] for w in ("preventief", "onderhoud", "veiligheid")}
    assert first == {"preventief": "preventive", "onderhoud": "maintenance", "veiligheid": "safety"}
    assert "dust-free" not in esco_lexicon.to_english(["preventief"], top=1)
    from techtalent.taxonomy.derived_records import dictionary

    if dictionary():  # FreeDict installed: its senses the pairs show come first
        assert esco_lexicon.english_candidates("bankwerker")[0][0] == "fitter"
        assert esco_lexicon.english_candidates("montage")[0][0] == "assembly"
        assert esco_lexicon.english_candidates("afstellen")[0][0] == "adjust"
