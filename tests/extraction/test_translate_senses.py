"""The sense of a translated Dutch word chosen by its neighbours (engine.senses, the translator's context
choice) on a small co-occurrence table written here, and the adapter that counts it from English text."""

from __future__ import annotations

import math
from pathlib import Path

from techtalent.extraction.cooccurrence import cached_cooccurrence, count_cooccurrence, english_units
from techtalent.extraction.engine.senses import Cooccurrence, choose_senses
from techtalent.extraction.engine.translate import Bridged, english_sentence
from techtalent.taxonomy.engine.derive import TranslationLexicon

# 100 text units: pumps and valves together in 8 of them, pumps and sound never, drill and hole in 5.
TABLE = Cooccurrence(
    counts={"pump": 10, "valve": 9, "sound": 12, "ring": 6, "drill": 7, "hole": 6, "bore": 3, "maintain": 30},
    pairs={"pump": {"valve": 8, "maintain": 4}, "drill": {"hole": 5}, "bore": {"hole": 1}},
    units=100,
)
# "kleppen" was learned weakly (6 sentences) as valves; the dictionary knows only the verb (to ring, sound)
LEXICON = TranslationLexicon(
    en_to_nl={},
    nl_to_en={
        "pompen": (("pumps", 0.8),),
        "kleppen": (("valves", 0.44), ("sound", 0.02)),
        "boren": (("bore", 0.5), ("drill", 0.4)),
        "gaten": (("holes", 0.9),),
    },
    counts_nl={"pompen": 15, "kleppen": 6, "boren": 12, "gaten": 27},
    counts_en={"pumps": 40, "valves": 30, "sound": 90, "ring": 20, "bore": 10, "drill": 25, "holes": 20},
)
DICTIONARY = {"kleppen": ("ring", "sound"), "boren": ("bore", "drill")}


def test_the_association_is_npmi_of_pairs_seen_often_enough() -> None:
    p_ab, p_a, p_b = 0.08, 0.10, 0.09
    assert math.isclose(TABLE.association("valve", "pump"), math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
    assert TABLE.association("pump", "sound") == 0.0  # never together
    assert TABLE.association("bore", "hole") == 0.0  # once: chance
    assert TABLE.association("pump", "pump") == 0.0
    assert TABLE.linked(("pump",), ("safety", "valve")) == TABLE.association("pump", "valve")


def test_the_neighbour_chooses_among_equally_likely_senses() -> None:
    slots = [[("pumps", 1.0)], [("sound", 1.0), ("valves", 0.5)]]
    lemmas = {"pumps": ("pump",), "sound": ("sound",), "valves": ("valve",)}
    scored = choose_senses(slots, TABLE, lemmas)
    assert [w for w, _ in scored[1]] == ["valves", "sound"]
    alone = choose_senses([slots[1]], TABLE, lemmas)  # without a neighbour the prior decides
    assert [w for w, _ in alone[0]] == ["sound", "valves"]
    broken = choose_senses([slots[0], None, slots[1]], TABLE, lemmas)  # a clause break stops the context
    assert [w for w, _ in broken[2]] == ["sound", "valves"] and broken[1] == []


def test_a_sentence_takes_the_senses_its_words_share() -> None:
    plain = Bridged(LEXICON, DICTIONARY)
    in_context = Bridged(LEXICON, DICTIONARY, cooccurrence=TABLE)
    assert english_sentence(plain, "pompen en kleppen") == "pumps and sound"  # the weak word's dictionary
    assert english_sentence(in_context, "pompen en kleppen") == "pumps and valves"
    assert english_sentence(plain, "gaten boren") == "holes bore drill"  # both, by weight
    assert english_sentence(in_context, "gaten boren") == "holes drill"  # the sense holes go with
    assert english_sentence(in_context, "kleppen") == english_sentence(plain, "kleppen")  # no neighbour


def test_the_adapter_counts_words_once_per_unit_in_dictionary_form(tmp_path: Path) -> None:
    texts = ["Checks pumps and valves. Pumps valves."]
    units = list(english_units(["maintain pumps", "repair valves"], texts))
    assert units == ["maintain pumps", "repair valves", "Checks pumps and valves.", "Pumps valves."]
    counted = count_cooccurrence(units)
    assert counted.units == 4 and counted.counts["pump"] == 3 and counted.counts["valve"] == 3
    assert counted.pairs == {"pump": {"valve": 2}}  # maintain+pump and check+… seen once: dropped
    cached = cached_cooccurrence(tmp_path / "co.json", iter(units))
    assert cached_cooccurrence(tmp_path / "co.json") == cached == counted  # the second read is the file's


def _klep_lexicon() -> TranslationLexicon:
    """A lexicon without "klepstoringen": it is split (klep + storingen), both parts known well."""
    return TranslationLexicon(
        en_to_nl={},
        nl_to_en={
            "klep": (("valve", 0.7), ("flap", 0.3)),
            "storingen": (("malfunctions", 0.9),),
            "pompen": (("pumps", 0.8),),
        },
        counts_nl={"klep": 40, "storingen": 35, "pompen": 15},
        counts_en={"valve": 30, "flap": 5, "malfunctions": 30},
    )


def test_a_split_compound_keeps_all_its_words() -> None:
    # "klepstoringen" is not in the lexicon: it is split (klep + storingen), and both parts are meant
    lexicon = _klep_lexicon()
    translator = Bridged(lexicon, {}, cooccurrence=TABLE)
    assert not translator.whole("klepstoringen") and translator.whole("klep")
    # its parts are words the lexicon knows well (≥ WEAK_COUNT) and both are named: read in order as one
    plain = english_sentence(Bridged(lexicon, {}), "pompen klepstoringen")
    assert plain == "pumps valve malfunctions"
    assert english_sentence(translator, "pompen klepstoringen") == plain


def test_without_the_parts_reading_a_split_compound_still_keeps_all_its_words(monkeypatch: object) -> None:
    from techtalent.extraction.engine import translate

    monkeypatch.setattr(translate, "COMPOUND_PARTS", False)  # type: ignore[attr-defined]
    lexicon = _klep_lexicon()
    plain = english_sentence(Bridged(lexicon, {}), "pompen klepstoringen")
    assert plain == "pumps malfunctions valve"  # without the split check, pumps would leave only valve
    assert english_sentence(Bridged(lexicon, {}, cooccurrence=TABLE), "pompen klepstoringen") == plain


def test_a_known_compound_is_read_as_its_parts_only_when_its_candidates_name_them_all() -> None:
    """Session 7b: warmtepompen was learned as "pumps" (heat a weak second candidate), so the sense choice
    kept "pumps" alone; its parts warmte + pompen are words the lexicon knows well, and its candidates name
    both, so it reads "heat pumps". warmtepomp, learned as "ducts" (pump second), names no heat: it stays."""
    lexicon = TranslationLexicon(
        en_to_nl={},
        nl_to_en={
            "warmte": (("heat", 0.8), ("warmth", 0.2)),
            "pompen": (("pumps", 0.8), ("pump", 0.5)),
            "pomp": (("pump", 0.9),),
            "warmtepompen": (("pumps", 0.6), ("heat", 0.18)),
            "warmtepomp": (("ducts", 0.5), ("pump", 0.2)),
            "installeren": (("install", 0.9),),
        },
        counts_nl={
            "warmte": 17,
            "pompen": 15,
            "pomp": 12,
            "warmtepompen": 10,
            "warmtepomp": 3,
            "installeren": 204,
        },
        counts_en={"heat": 900, "warmth": 20, "pumps": 40, "pump": 60, "ducts": 30, "install": 800},
    )
    translator = Bridged(lexicon, {}, cooccurrence=TABLE)
    assert translator.compound("warmtepompen") == "heat pumps"
    assert english_sentence(translator, "warmtepompen installeren") == "heat pumps install"
    assert translator.compound("warmtepomp") is None  # its candidates do not name heat
    assert translator.compound("installeren") is None  # no compound
    weak = Bridged(lexicon, {}, weak_count=16)  # pompen (15 times) is then known weakly: no parts reading
    assert weak.compound("warmtepompen") is None
