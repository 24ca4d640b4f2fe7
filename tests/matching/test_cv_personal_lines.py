"""A CV's personal and contact lines read for nothing but what they state (session 8, the walk of
docs/walk-2026-12-03.md, "Extraction of the CV"): a birth date is no job line and "geboren" no drilling, an
address's postal code letters ("9301 AB") name no able seaman, "ik los graag storingen op" is oplossen and no
stray "los"; the driving licence, the job lines and the task lines are still read.

Fixture: tests/fixtures/cv/cv_procesoperator_contact_nl.txt (a process operator's Dutch CV written for these
tests). The toy tests run on a small lexicon; the real-data test runs the CV through the Dutch extractor with
the derived labels of full ESCO (lexical path) and the CV page's offers (matching.cv_offers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from techtalent.extraction.engine.cv_titles import heading_spans, personal_spans, title_lines
from techtalent.extraction.engine.normalise import Canon, join_separable, tokens_of
from techtalent.matching.cv_offers import cv_offers
from tests.matching.test_cv_jobs import OCC, TICK, extracted, normaliser, scores

CV = (Path(__file__).resolve().parents[1] / "fixtures" / "cv" / "cv_procesoperator_contact_nl.txt").read_text(
    encoding="utf-8"
)
SKILL = "http://data.europa.eu/esco/skill/"
ESCO_OCC = "http://data.europa.eu/esco/occupation/"


def covered(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b].strip() for a, b in spans]


def test_the_personal_fields_are_the_address_phone_email_birth_date_and_nationality_not_the_licence() -> None:
    found = covered(CV, personal_spans(CV))
    assert found == [
        "Hoofdweg 41, 9301 KP Roden",
        "Tel. 06-48213377",
        "gerrit.veenstra@example.nl",
        "Geboren: 2 oktober 1979 te Assen",
        "Nationaliteit: Nederlandse",
    ]
    # a job line keeps its employer's address; a licence ends a personal field
    line = "Geboren 1979, rijbewijs B en C"
    assert covered(line, personal_spans(line)) == ["Geboren 1979,"]
    assert personal_spans("2015 – heden: lasser, Staalbouw Noord, 9301 AB Roden\n") == []
    assert personal_spans("Rijbewijs: B\n- Storingen verhelpen aan pompen\n") == []


def test_a_birth_date_is_no_job_line() -> None:
    text = "Henk Jansen\nGeboren: 14 maart 1981\nGeboortedatum: 03-05-1990\n" + CV
    assert [t.title for t in title_lines(text)] == ["Procesoperator", "Productiemedewerker"]


def test_an_occupation_read_only_from_contact_details_or_a_postal_codes_letters_is_not_offered() -> None:
    text = (
        "Henk Jansen\nDorpsstraat 12, 9301 AB Roden\nGeboren: 14 maart 1981\nRijbewijs: B\n"
        "Werkervaring\n2012 – heden: Mechatronicus, Techniek B.V., 8901 KP Leeuwarden\n"
        "- Storingen verhelpen\n"
    )
    concepts = [
        extracted(text, "cook", "AB", 0.76),  # the address's letters
        extracted(text, "electrician", "KP", 0.84),  # the employer's postal code on a job line
        extracted(text, "engine-designer", "Geboren", 0.5),
        {**extracted(text, "x", "Rijbewijs", 0.62), "uri": SKILL + "drive-vehicles", "kind": "skill"},
        {**extracted(text, "x", "Dorpsstraat", 0.5), "uri": SKILL + "streets", "kind": "skill"},
        {**extracted(text, "x", "Storingen verhelpen", 0.7), "uri": SKILL + "troubleshoot", "kind": "skill"},
    ]
    found = scores(cv_offers(concepts, text, normaliser()))
    assert not {OCC + "cook", OCC + "electrician", OCC + "engine-designer", SKILL + "streets"} & found.keys()
    assert found[SKILL + "drive-vehicles"] == pytest.approx(0.62)
    assert found[SKILL + "troubleshoot"] == pytest.approx(0.7)
    assert found[OCC + "mechatronics-technician"] >= TICK  # the job line's title still names the job


def test_a_two_letter_acronym_in_a_job_lines_title_still_names_the_job() -> None:
    text = "Werkervaring\n2012 – heden: AB, Rederij Noord\n"
    found = scores(cv_offers([extracted(text, "cook", "AB", 0.76)], text, normaliser()))
    assert found.get(OCC + "cook", 0) > 0


def test_a_separable_verb_joins_at_its_particle() -> None:
    def joined(text: str) -> list[str]:
        tokens = tokens_of(text)
        return [t for t in join_separable(tokens.texts, [False] * len(tokens)) if t]

    sentence = "ik los graag storingen op en denk mee"
    assert joined(sentence) == ["ik", "graag", "storingen", "oplossen", "en", "denk", "mee"]
    assert joined("daarnaast voer ik preventief onderhoud uit") == [
        "daarnaast",
        "ik",
        "preventief",
        "onderhoud",
        "uitvoeren",
    ]
    assert joined("ik werk in groningen") == ["ik", "werk", "in", "groningen"]
    assert joined("ik ben er goed in") == ["ik", "ben", "er", "goed", "in"]


def test_a_past_participle_keeps_its_own_verb() -> None:
    canon = Canon([], {})

    def stem(word: str) -> str:
        return canon.stem(word, "nl")

    assert stem("geboren") != stem("boren")  # born, not drilled (boren: geboord)
    assert stem("geboord") == stem("boren")
    assert stem("gelast") == stem("lassen")  # welded
    assert stem("gewerkt") == stem("werken")
    assert stem("gelezen") == stem("lezen")


@pytest.mark.realdata
def test_the_dutch_cv_offers_its_licence_and_jobs_and_no_contact_line_reading(
    esco_real: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from techtalent.extraction.engine import Extractor
    from techtalent.extraction.engine.titles import TitleNormaliser
    from techtalent.extraction.offline_nl import esco_lexicon_nl

    lexicon = esco_lexicon_nl(esco_real, tmp_path_factory.getbasetemp() / "semantic-realdata")
    # the ranking (best 10 whatever their score): on the lexical path alone the licence's "drive vehicles"
    # scores 0.34, under the acceptance threshold that the platform's dense path lifts it over (0.62)
    concepts: list[dict[str, Any]] = [
        c.to_dict() for c in Extractor(lexicon).extract(CV, lang="nl", top=10).ranking
    ]
    offers = {str(o["uri"]): o for o in cv_offers(concepts, CV, TitleNormaliser(lexicon))}
    absurd = {
        ESCO_OCC + "bd22a34c-1dc2-48df-a254-66e5d03dec12": "matrose (AB)",
        ESCO_OCC + "f756fdab-7726-4c48-bfcc-94ff8810fc08": "kitchen porter (KP)",
        ESCO_OCC + "622b1d5e-bf14-4ec0-b83e-3bfcf8dff624": "drill operator (geboren)",
        SKILL + "f9f258e3-4728-4107-9e08-293d5d2ef65e": "psychiatry (los)",
    }
    assert not absurd.keys() & offers.keys(), [absurd[u] for u in absurd.keys() & offers.keys()]
    assert any(str(o["evidence"]) == "Rijbewijs: B" and o["kind"] == "skill" for o in offers.values())
    jobs = [o for o in offers.values() if o["kind"] == "occupation"]
    assert any(str(o["evidence"]).startswith("2015 – heden") for o in jobs)  # the procesoperator line
    assert any(str(o["evidence"]).startswith("2008 – 2015") for o in jobs)


def test_a_section_heading_names_a_section_not_a_skill() -> None:
    # the English walk (docs/walk-2026-12-03-en.md): "Profile" offered "profile people", "Languages" offered
    # "modern languages"; the languages named on the lines below the heading are still offered
    text = (
        "Mark de Vries\nProfile\nProduction operator who wants to move into maintenance.\n"
        "Languages:\nDutch, English\nTalen\n"
    )
    assert covered(text, heading_spans(text)) == ["Profile", "Languages:", "Talen"]
    concepts = [
        {**extracted(text, "x", "Profile", 0.6), "uri": SKILL + "profile-people", "kind": "skill"},
        {**extracted(text, "x", "Languages", 0.55), "uri": SKILL + "modern-languages", "kind": "skill"},
        {**extracted(text, "x", "English", 0.8), "uri": SKILL + "english", "kind": "skill"},
        {**extracted(text, "x", "maintenance", 0.5), "uri": SKILL + "maintenance", "kind": "skill"},
    ]
    found = scores(cv_offers(concepts, text, normaliser()))
    assert SKILL + "profile-people" not in found and SKILL + "modern-languages" not in found
    assert found[SKILL + "english"] == pytest.approx(0.8)
    assert found[SKILL + "maintenance"] == pytest.approx(0.5)
