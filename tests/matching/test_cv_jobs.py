"""Which occupations found in a CV are ticked as jobs held (engine/cvjobs.py, matching/cv_offers.py).

Toy lines and concepts first (the rules one by one), then the page's function ``cv_offers`` with a small
title normaliser on two CVs of bench/devsets/cv_personas_nl_new.yaml's kinds: a mechatronics technician whose
employer is a "machinebouwer", and a cook who became an electrician.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from techtalent.extraction.engine.cv_titles import CALIBRATION
from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.extraction.engine.titles import TitleNormaliser
from techtalent.matching.cv_offers import cv_offers, job_lines, name_spans
from techtalent.matching.engine import MatchModel, match_occupations
from techtalent.matching.engine.cvjobs import JobLine, held_jobs
from techtalent.matching.engine.titles import TitlePrior
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord
from tests.matching.conftest import ESCO_DIR

TICK = TitlePrior().min_confidence
REPO = Path(__file__).resolve().parents[2]


def occ(uri: str, score: float, evidence: str = "") -> dict[str, Any]:
    return {"uri": uri, "kind": "occupation", "evidence": evidence, "score": score}


def scores(found: list[dict[str, Any]]) -> dict[str, float]:
    return {str(f["uri"]): float(f["score"]) for f in found}


# "2021 – heden: Mechatronicus, machinebouwer (semicon)" at 100..152, the title at 114..127
NOW = JobLine(100, 152, titles=((114, 127),), current=True, until=None, readings=(("mechatronicus", 0.95),))
# "2011 – 2021: Kok, restaurant" at 200..228, title 213..216; its task line "- Leiding aan vier koks" to 260
BEFORE = JobLine(200, 228, titles=((213, 216),), until=2021, readings=(("cook", 0.95),), block_end=260)


def test_an_occupation_named_only_in_the_employer_part_of_a_job_line_is_not_offered() -> None:
    skill = {"uri": "s", "kind": "skill", "score": 0.7}
    found = [occ("mechatronicus", 0.95), occ("engine-designer", 0.61), skill]
    # "machinebouwer", the employer, stands at 129..142
    spans = {"engine-designer": [(129, 142)], "mechatronicus": [(114, 127)]}
    out = held_jobs(found, spans, [NOW])
    assert [f["uri"] for f in out] == ["mechatronicus", "s"]  # the skill stays, the order is kept
    # the same reading inside the title part is a reading of the job (here a weak rival: offered unticked)
    inside = scores(held_jobs(found, {"engine-designer": [(114, 127)]}, [NOW]))
    assert "engine-designer" in inside and inside["engine-designer"] < TICK


def test_readings_of_one_line_compete_across_the_two_readers() -> None:
    # the extractor's sentence is another one (the profile), its span lies on the job line: before, the
    # evidence strings differed and both were ticked
    found = [occ("mechatronicus", 0.95, "2021 – heden: ..."), occ("rival", 0.75, "Mechatronicus met ...")]
    out = scores(held_jobs(found, {"rival": [(114, 127)]}, [NOW]))
    assert out["mechatronicus"] == 0.95 and out["rival"] == round(TICK - 0.01, 4)
    close = scores(held_jobs([*found[:1], occ("rival", 0.85)], {"rival": [(114, 127)]}, [NOW]))
    assert close["rival"] == 0.85  # within the margin: a second reading, still ticked


def test_beside_a_current_job_an_earlier_one_and_its_tasks_are_offered_unticked() -> None:
    found = [occ("mechatronicus", 0.95), occ("cook", 0.97), occ("chef", 0.9), occ("profile-job", 0.8)]
    spans = {"cook": [(213, 216), (250, 254)], "chef": [(240, 244)], "profile-job": [(10, 20)]}
    out = scores(held_jobs(found, spans, [NOW, BEFORE]))
    assert out["mechatronicus"] == 0.95 and out["profile-job"] == 0.8  # the profile is not dated
    assert out["cook"] < TICK and out["chef"] < TICK  # "koks" in a task line under the earlier job
    assert out["cook"] > 0  # still offered
    # read on the current line as well: a job the person does now, ticked at its best score
    both = JobLine(100, 152, titles=((114, 127),), current=True, readings=(("cook", 0.4),))
    assert scores(held_jobs(found, spans, [both, BEFORE]))["cook"] == 0.97


def test_a_job_seeker_without_a_current_job_keeps_every_job() -> None:
    last = JobLine(100, 152, titles=((114, 127),), until=2024, readings=(("logistics", 0.95),))
    found = [occ("logistics", 0.95), occ("cook", 0.95)]
    assert scores(held_jobs(found, {}, [last, BEFORE])) == {"logistics": 0.95, "cook": 0.95}


def test_with_nothing_ticked_the_current_jobs_plain_reading_is_ticked_as_the_best_guess() -> None:
    now = JobLine(100, 152, titles=((114, 127),), current=True, readings=(("heat-pump", 0.43),))
    plain = JobLine(
        100, 152, titles=((114, 127),), current=True, readings=(("heat-pump", 0.43),), guesses=("heat-pump",)
    )
    found = [occ("heat-pump", 0.43), occ("old", 0.5)]
    assert scores(held_jobs(found, {}, [now]))["heat-pump"] == 0.43  # tied or generic: no guess
    assert scores(held_jobs(found, {}, [plain]))["heat-pump"] == TICK
    assert scores(held_jobs(found, {}, [plain], guess=None))["heat-pump"] == 0.43
    weak = JobLine(100, 152, current=True, readings=(("heat-pump", 0.25),), guesses=("heat-pump",))
    assert scores(held_jobs(found, {}, [weak]))["heat-pump"] == 0.25  # under GUESS
    earlier = JobLine(100, 152, until=2020, readings=(("heat-pump", 0.43),), guesses=("heat-pump",))
    assert scores(held_jobs(found, {}, [earlier]))["heat-pump"] == 0.43  # not the current job
    ticked_elsewhere = [occ("heat-pump", 0.43), occ("welder", 0.95)]
    assert scores(held_jobs(ticked_elsewhere, {}, [plain]))["heat-pump"] == 0.43


OCC = "http://example.org/occupation/"
LABELS = {
    "mechatronics-technician": ["mechatronicus"],
    "engine-designer": ["ontwerper-constructeur machines"],
    "cook": ["kok"],
    "electrician": ["elektromonteur", "monteur elektrotechniek"],
}


def normaliser() -> TitleNormaliser:
    labels = [
        LabelRecord(OCC + uri, "nl", "preferred" if i == 0 else "alternative", text)
        for uri, texts in LABELS.items()
        for i, text in enumerate(texts)
    ]
    concepts = [ConceptRecord(OCC + uri, "occupation") for uri in LABELS]
    return TitleNormaliser(Lexicon.build(concepts, labels, version="cv-jobs"))


def extracted(text: str, uri: str, word: str, score: float, *, at: int = 0) -> dict[str, Any]:
    """An extractor concept as ``Extractor.extract(...).to_dict()`` gives it: its spans and sentence."""
    start = text.index(word, at)
    line_start = text.rfind("\n", 0, start) + 1
    sentence = text[line_start : text.find("\n", start)]
    return {
        "uri": OCC + uri,
        "kind": "occupation",
        "score": score,
        "spans": [[start, start + len(word)]],
        "evidence": {"sentence": sentence, "negated": False},
    }


MECHATRONICS_CV = """Lars Verbeek
Werkervaring
2021 – heden: Mechatronicus, machinebouwer (semicon toeleverancier)
- Assembleren en afregelen van modules.
Opleiding
mbo-4 Mechatronica
"""

SWITCHER_CV = """Michiel Hendriks
Werkervaring
2023 – heden: Monteur elektrotechniek (BBL), installatiebedrijf Arnhem
- Groepenkasten vervangen en uitbreiden.
2011 – 2023: Kok, hotel-restaurant De Rijnoever
- Leiding geven aan een team van vier koks.
Opleiding
2006 – 2009: mbo-3 Zelfstandig werkend kok
"""


def test_the_page_leaves_out_the_employer_and_ticks_the_job_title() -> None:
    concepts = [extracted(MECHATRONICS_CV, "engine-designer", "machinebouwer", 0.61)]
    found = scores(cv_offers(concepts, MECHATRONICS_CV, normaliser()))
    assert found == {OCC + "mechatronics-technician": CALIBRATION[-1][1]}  # "engine designer" is gone


def test_the_page_ticks_the_current_job_of_a_career_switcher_and_not_the_old_one() -> None:
    concepts = [
        extracted(SWITCHER_CV, "cook", "Kok", 0.97),
        extracted(SWITCHER_CV, "cook", "koks", 0.97),
    ]
    concepts = [{**concepts[0], "spans": concepts[0]["spans"] + concepts[1]["spans"]}]
    lines = job_lines(SWITCHER_CV, normaliser())
    assert [(j.current, j.until) for j in lines] == [(True, 2023), (False, 2023)]
    assert lines[1].block_end == SWITCHER_CV.index("Opleiding")  # the task line belongs to the cook's job
    found = scores(cv_offers(concepts, SWITCHER_CV, normaliser()))
    assert found[OCC + "electrician"] >= TICK
    assert 0 < found[OCC + "cook"] < TICK  # offered, unticked


def test_the_writers_name_on_the_first_line_names_no_job() -> None:
    text = "Jan de Timmerman, Zwolle\nWerkervaring\n2010 – heden: Mechatronicus, Techniek B.V.\n"
    assert [text[a:b] for a, b in name_spans(text)] == ["Jan de Timmerman"]
    concepts = [extracted(text, "cook", "Timmerman", 0.9)]  # a surname that is an occupation's label
    found = scores(cv_offers(concepts, text, normaliser()))
    assert OCC + "cook" not in found and found[OCC + "mechatronics-technician"] >= TICK
    # a headline of words, a place or a line with digits is no name
    assert name_spans("Elektromonteur\n") == [] and name_spans("Tel. 06-12345678\n") == []
    heading = "Curriculum vitae – Lisa van Dam\n"
    assert [heading[a:b] for a, b in name_spans(heading)] == ["Lisa van Dam"]


def test_a_skill_read_only_inside_the_writers_name_is_not_offered() -> None:
    text = "Lisa van Dam\nWerkervaring\n2015 – heden: Procesoperator, Chemiepark\n- Dammen inspecteren\n"
    skill = "http://data.europa.eu/esco/skill/"
    dams = {**extracted(text, "x", "Dam", 0.7), "uri": skill + "dams", "kind": "skill"}
    inspect = {**extracted(text, "x", "Dammen", 0.7), "uri": skill + "inspect-dams", "kind": "skill"}
    found = scores(cv_offers([dams, inspect], text, normaliser()))
    # the name's "Dam" reads nothing; the same word in a task line still does
    assert skill + "dams" not in found
    assert found[skill + "inspect-dams"] == pytest.approx(0.7)


# Full ESCO: the title normaliser over the ESCO lexicon, the CVs of two dev personas of
# bench/devsets/cv_personas_nl_new.yaml, and the occupations and skills the CV page's extractor found in them
# (its spans located here by the words it matched).
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
COOK = ESCO_OCC + "90f75f67-495d-49fa-ab57-2f320e251d7e"
MECHATRONICS_TECHNICIAN = ESCO_OCC + "edf2e989-d7c5-496e-b365-81fc5cb9eb39"
ENGINE_DESIGNER = ESCO_OCC + "dbc88790-a8c1-4dc4-9507-8f9dcff9c990"
MINE_MECHANICAL_ENGINEER = ESCO_OCC + "fcbb66f5-843b-4152-9ce4-e7b19c2a88d9"
# work independently, electrical engineering, maintain solar energy systems, install lighting
SWITCHER_SKILLS = (
    "c29aa9d2-4da8-4bdd-831c-8d4a2fb51730",
    "3e40c7d0-0e36-4b33-bc33-0aa87eda0561",
    "9cf2856d-0375-4ec3-a51f-7f9c82119859",
    "6f8d750e-aba4-459c-b4d7-220bddff9f58",
)
MECHATRONICS_SKILLS = (  # sensors, electronics, mechatronics, mechanics
    "70a7b3b3-31ef-4b29-a30f-bb7299dff39b",
    "95c35c3a-035f-47c2-90cf-7e934d20fc08",
    "d88cb3f1-8e02-4618-bf32-4b0488066934",
    "efa141df-f382-418f-9121-bd88fd735669",
)


@pytest.fixture(scope="module")
def esco_normaliser(esco: MatchModel, tmp_path_factory: pytest.TempPathFactory) -> TitleNormaliser:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    import extraction_vs_peer

    extraction_vs_peer.CACHE = tmp_path_factory.mktemp("lexicon")
    return TitleNormaliser(extraction_vs_peer.load_lexicon(ESCO_DIR))


def persona_cv(persona: str) -> str:
    path = REPO / "bench" / "devsets" / "cv_personas_nl_new.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return str(next(p["cv"] for p in data["personas"] if p["id"] == persona))


def esco_concept(text: str, uri: str, words: list[tuple[str, int]], score: float) -> dict[str, Any]:
    spans = []
    for word, nth in words:
        at = -1
        for _ in range(nth + 1):
            at = text.index(word, at + 1)
        spans.append([at, at + len(word)])
    return {"uri": uri, "kind": "occupation", "score": score, "spans": spans, "evidence": {"negated": False}}


def ticked(found: list[dict[str, Any]]) -> set[str]:
    return {str(f["uri"]) for f in found if f["kind"] == "occupation" and f["score"] >= TICK}


@pytest.mark.realdata
def test_full_esco_the_mechatronics_technician_is_no_engine_designer(
    esco_normaliser: TitleNormaliser, esco: MatchModel
) -> None:
    text = persona_cv("cvn-mechatronicus")
    concepts = [
        esco_concept(text, MECHATRONICS_TECHNICIAN, [("Mechatronicus", 0), ("Mechatronicus", 1)], 0.9871),
        esco_concept(text, ENGINE_DESIGNER, [("machinebouwer", 0)], 0.6101),  # the employer
        esco_concept(text, MINE_MECHANICAL_ENGINEER, [("machinebouwer", 0)], 0.6101),
    ]
    found = cv_offers(concepts, text, esco_normaliser)
    assert ticked(found) == {MECHATRONICS_TECHNICIAN}  # before: all three were ticked
    skills = {ESCO_SKILL + s: "intermediate" for s in MECHATRONICS_SKILLS}
    top = match_occupations(esco, skills, top=3, titles=dict.fromkeys(ticked(found), 1.0))
    assert top[0].uri == MECHATRONICS_TECHNICIAN
    assert not {ENGINE_DESIGNER, MINE_MECHANICAL_ENGINEER} & {m.uri for m in top}


@pytest.mark.realdata
def test_full_esco_the_cook_who_became_an_electrician_is_not_matched_as_a_cook(
    esco_normaliser: TitleNormaliser, esco: MatchModel
) -> None:
    text = persona_cv("cvn-zijinstromer-kok-elektro")
    # "Kok" (the 2011–2023 line), "koks" (a task under it), "kok" (the 2009–2011 line), "kok" (a diploma)
    cook = esco_concept(text, COOK, [("Kok", 0), ("koks", 0), ("kok", 1), ("kok", 2)], 0.9743)
    found = cv_offers([cook], text, esco_normaliser)
    assert COOK not in ticked(found) and COOK in {f["uri"] for f in found}  # offered, unticked
    skills = {ESCO_SKILL + s: "intermediate" for s in SWITCHER_SKILLS}
    top = match_occupations(esco, skills, top=20, titles=dict.fromkeys(ticked(found), 1.0))
    assert COOK not in {m.uri for m in top}  # before: first, as a job held
    assert any(esco.isco.get(m.uri) == "7411" for m in top)  # electricians


HEAT_PUMP_TECHNICIAN = ESCO_OCC + "8234eee9-1647-460d-8d62-7fe02cb884b0"
HEALTH_AND_SAFETY = ESCO_SKILL + "dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb"  # apply health and safety standards


@pytest.mark.realdata
def test_full_esco_the_heat_pump_fitters_current_job_is_ticked_and_first(
    esco_normaliser: TitleNormaliser, esco: MatchModel
) -> None:
    # "jan 2021 – heden | Monteur warmtepompen | installatiebedrijf duurzame energie": the normaliser's
    # reading (0.84 → confidence 0.43) was offered unticked; the extractor read no occupation and one
    # general skill from the CV, so heat pump technician ranked 127th
    text = persona_cv("cvn-monteur-warmtepomp")
    certificates = "F-gassen categorie 1 (STEK), VCA-basis, warmtepompmonteur (ISSO)"
    weak = [  # what the extractor read in the certificates line: a diploma, and under the tick anyway
        esco_concept(text, ESCO_OCC + uri, [(certificates, 0)], score)
        for uri, score in (
            ("4ad4024e-d1d3-4dea-b6d1-2c7948111dce", 0.4546),
            ("b31e404e-9af6-457d-a58a-208f612eeba3", 0.445),
        )
    ]
    found = cv_offers(weak, text, esco_normaliser)
    assert ticked(found) == {HEAT_PUMP_TECHNICIAN}
    skills = {HEALTH_AND_SAFETY: "intermediate"}
    top = match_occupations(esco, skills, top=1, titles=dict.fromkeys(ticked(found), 1.0))
    assert top[0].uri == HEAT_PUMP_TECHNICIAN
