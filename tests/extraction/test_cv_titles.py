"""The job-title lines of a CV's work experience: found in Dutch and English, cut before the employer,
skills and education lines left alone; confidences calibrated and merged with the extractor's finds."""

from __future__ import annotations

import pytest

from techtalent.extraction.engine import Lexicon, TitleNormaliser
from techtalent.extraction.engine.cv_titles import (
    CALIBRATION,
    GENERIC,
    TIED,
    cv_title_occupations,
    merge_occupations,
    offered_concepts,
    schooling_spans,
    title_confidence,
    title_lines,
)
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord


@pytest.fixture(autouse=True)
def _private_cache() -> None:
    """Overrides the Django-settings fixture of this folder's conftest: the engine needs no settings."""


def titles(text: str) -> list[str]:
    return [line.title for line in title_lines(text)]


def test_dutch_work_experience_lines_give_the_title_before_employer_comma_or_dash() -> None:
    cv = (
        "Curriculum vitae — Piet Bakker\n\nWerkervaring\n"
        "2016 – heden: lasser bij Staalbouw Noord\n"
        "- MIG/MAG-lassen van constructiestaal.\n"
        "Lasser, Bedrijf B.V. (2015–2019)\n"
        "Onderhoudsmonteur — Firma (2010-2020)\n"
        "2008 – 2010: procesoperator, chemische fabriek in Delfzijl\n"
    )
    assert titles(cv) == ["lasser", "Lasser", "Onderhoudsmonteur", "procesoperator"]
    assert [line.current for line in title_lines(cv)] == [True, False, False, False]
    first = title_lines(cv)[0]
    assert cv[first.start :].startswith(first.line)


def test_a_labelled_function_line_is_a_title_anywhere() -> None:
    assert titles("Persoonlijk\nFunctie: werkvoorbereider elektrotechniek\n") == [
        "werkvoorbereider elektrotechniek"
    ]


def test_english_cv_lines_give_their_titles() -> None:
    cv = (
        "Work experience\n"
        "2019 – present: Maintenance Technician at Acme Ltd\n"
        "Welder, Shipyard Ltd (2012–2019)\n"
        "Job title: process operator\n"
    )
    assert titles(cv) == ["Maintenance Technician", "Welder", "process operator"]
    assert title_lines(cv)[0].current


def test_skills_education_and_task_lines_are_no_title_lines() -> None:
    cv = (
        "Werkervaring\n"
        "- 2019: storingen verhelpen aan pompen\n"
        "Opleiding\n"
        "2004 – 2008: mbo-4 Elektrotechniek, ROC Twente\n"
        "Vaardigheden\n"
        "Technische tekeningen lezen, lassen, samenwerken (2015)\n"
    )
    assert titles(cv) == []


def test_confidence_rises_with_the_normaliser_score_and_stays_in_range() -> None:
    scores = [i / 100 for i in range(101)]
    confidences = [title_confidence(s) for s in scores]
    assert confidences == sorted(confidences)
    assert confidences[0] == CALIBRATION[0][1] and confidences[-1] == CALIBRATION[-1][1]
    assert all(0.0 <= c <= 1.0 for c in confidences)


def test_merging_keeps_the_best_score_per_occupation_and_skills_apart() -> None:
    extractor = [
        {"uri": "o:1", "kind": "occupation", "score": 0.75, "evidence": "a"},
        {"uri": "s:1", "kind": "skill", "score": 0.9, "evidence": "b"},
    ]
    lines = [
        {"uri": "o:1", "kind": "occupation", "score": 0.95, "evidence": "c"},
        {"uri": "o:2", "kind": "occupation", "score": 0.4, "evidence": "d"},
    ]
    merged = merge_occupations(extractor, lines)
    assert [(m["uri"], m["score"], m["evidence"]) for m in merged] == [
        ("o:1", 0.95, "c"),
        ("s:1", 0.9, "b"),
        ("o:2", 0.4, "d"),
    ]


SCHOOLED_CV = (
    "Sandra Mulder\nWerkervaring\n"
    "2015 – heden: procesoperator, chemisch bedrijf\n"
    "Opleiding\n"
    "mbo-4 Procestechnicus, Albeda College\n"
    "Cursussen en certificaten\n"
    "VCA-VOL, heftruckchauffeur\n"
    "Vaardigheden\n"
    "Procestechnicus van nature: nauwkeurig.\n"
)


def _concept(uri: str, kind: str, text: str, word: str, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return {
        "uri": uri,
        "kind": kind,
        "score": 0.9,
        "spans": [[start, start + len(word)]],
        "evidence": {"sentence": word, "negated": False},
    }


def test_schooling_spans_run_from_a_schooling_heading_to_the_next_heading() -> None:
    spans = [SCHOOLED_CV[a:b] for a, b in schooling_spans(SCHOOLED_CV)]
    assert spans == [
        "Opleiding\nmbo-4 Procestechnicus, Albeda College\n",
        "Cursussen en certificaten\nVCA-VOL, heftruckchauffeur\n",
    ]
    assert [a for a, _ in schooling_spans("Werkervaring\nOpleiding: mbo-2 Logistiek medewerker\n")] == [13]
    assert schooling_spans("2015 – heden: lasser\n") == []


def test_a_job_named_only_in_the_schooling_is_a_diploma_not_an_occupation_held() -> None:
    concepts = [
        _concept("occ:technician", "occupation", SCHOOLED_CV, "Procestechnicus"),
        _concept("occ:forklift", "occupation", SCHOOLED_CV, "heftruckchauffeur"),
        _concept("occ:operator", "occupation", SCHOOLED_CV, "procesoperator"),
        _concept("skill:vca", "skill", SCHOOLED_CV, "VCA-VOL"),
    ]
    assert [c["uri"] for c in offered_concepts(concepts, SCHOOLED_CV)] == ["occ:operator", "skill:vca"]
    assert len(offered_concepts(concepts)) == 4  # without the text, nothing is known of sections
    # named in the schooling and outside it (the skills line): still offered
    both = _concept("occ:technician", "occupation", SCHOOLED_CV, "Procestechnicus")
    both["spans"] = [*both["spans"], *_concept("x", "x", SCHOOLED_CV, "Procestechnicus", 1)["spans"]]
    assert [c["uri"] for c in offered_concepts([both], SCHOOLED_CV)] == ["occ:technician"]
    # no spans: the evidence sentence places the mention
    bare = {
        "uri": "occ:t",
        "kind": "occupation",
        "score": 0.9,
        "evidence": {"sentence": "mbo-4 Procestechnicus"},
    }
    assert offered_concepts([bare], SCHOOLED_CV) == []


def test_lines_under_a_combined_courses_heading_are_no_title_lines() -> None:
    cv = "Werkervaring\n2015 – heden: lasser\nCursussen en certificaten\n2019: heftruckchauffeur\n"
    assert titles(cv) == ["lasser"]


def test_a_line_of_two_titles_gives_both_but_not_a_gender_suffix_or_a_process_pair() -> None:
    cv = (
        "Werkervaring\n"
        "2017 – heden: Mechanisch monteur / storingsmonteur, fabriek\n"
        "2012 - 2014: monteur/lasser\n"
        "2010 - 2012: medewerker/ster magazijn\n"
        "2008 - 2010: Lasser TIG/BMBE\n"
    )
    assert titles(cv) == [
        "Mechanisch monteur",
        "storingsmonteur",
        "monteur",
        "lasser",
        "medewerker/ster magazijn",
        "Lasser TIG/BMBE",
    ]
    both = title_lines(cv)[:2]
    assert both[0].line == both[1].line and both[0].current and both[1].current


def test_a_bare_generic_head_word_is_offered_unticked_and_a_specific_one_ticked() -> None:
    # "operator" is one occupation's label but a word of the labels of GENERIC others ("operator persab"):
    # the one reading is a guess, offered below the tick (0.6); "lasser" is in no other label
    occ = "http://example.org/occupation/"
    others = [(f"{occ}op{i}", f"operator pers{chr(97 + i % 26)}{chr(97 + i // 26)}") for i in range(GENERIC)]
    labels = [
        LabelRecord(occ + "filtration", "nl", "preferred", "technicus drankenfiltering"),
        LabelRecord(occ + "filtration", "nl", "alternative", "operator"),
        LabelRecord(occ + "welder", "nl", "preferred", "lasser"),
        *(LabelRecord(uri, "nl", "preferred", text) for uri, text in others),
    ]
    uris = sorted({label.uri for label in labels})
    normaliser = TitleNormaliser(
        Lexicon.build([ConceptRecord(uri, "occupation") for uri in uris], labels, version="generic")
    )
    assert normaliser.spread("operator", "nl") == GENERIC + 1 and normaliser.spread("lasser", "nl") == 1
    assert normaliser.spread("operator machine", "nl") == 0  # one word only
    cv = "Werkervaring\n2010 – heden: lasser bij Staalbouw\n1999 – 2008: operator, voedingsmiddelenbedrijf\n"
    found = {o["title"]: o for o in cv_title_occupations(cv, normaliser)}
    assert found["lasser"]["uri"] == occ + "welder" and found["lasser"]["score"] >= 0.6
    assert found["operator"]["uri"] == occ + "filtration"
    assert found["operator"]["score"] == round(CALIBRATION[-1][1] * TIED, 4) < 0.6
