"""Skills a CV page offers from the extractor's ranking just under its threshold (matching/cv_offers.py,
``near_skills``, ``CV_SKILL_FLOOR``; docs/matching.md, "Session 9").

A Dutch CV names what its writer did in short task lines, whose skills score 0.3–0.4, under the extractor's
acceptance threshold of 0.4 (calibrated on vacancies). The page offers them beside the accepted skills, under
the same rules (not negated, not read only in the writer's name or the contact details). Toy concepts first,
then the real Dutch extractor and full ESCO on a heat-pump fitter's CV written for this test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from techtalent.matching.cv_offers import CV_RANKED, CV_SKILL_FLOOR, cv_offers, near_skills
from tests.matching.test_cv_jobs import normaliser

SKILL = "http://example.org/skill/"


def skill(text: str, name: str, word: str, score: float, *, negated: bool = False) -> dict[str, Any]:
    """A skill as ``Extractor.extract(...).to_dict()`` gives it: its span and sentence in ``text``."""
    start = text.index(word)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return {
        "uri": SKILL + name,
        "kind": "skill",
        "score": score,
        "spans": [[start, start + len(word)]],
        "evidence": {"sentence": text[line_start:line_end], "negated": negated},
    }


CV = """Ruud Smit
Adres: Dorpsstraat 4, 7411 AB Deventer
Werkervaring
2019 – heden: Monteur, installatiebedrijf
- Plaatsen en aansluiten van warmtepompen.
- Geen ervaring met zonnepanelen.
"""


def test_ranked_skills_from_the_floor_are_added_after_the_accepted_ones() -> None:
    accepted = [skill(CV, "types-of-heat-pumps", "warmtepompen", 0.42)]
    ranking = [
        *accepted,
        skill(CV, "install-heat-pump", "aansluiten", 0.33),
        {"uri": "http://example.org/occupation/x", "kind": "occupation", "score": 0.35, "spans": []},
        skill(CV, "plan-work", "Plaatsen", CV_SKILL_FLOOR - 0.01),
        skill(CV, "install-heat-pump", "aansluiten", 0.31),  # a repeat is offered once
    ]
    found = near_skills(accepted, ranking)
    assert [c["uri"] for c in found] == [SKILL + "types-of-heat-pumps", SKILL + "install-heat-pump"]
    assert near_skills(accepted, ranking, floor=1.0) == accepted  # floor 1: the accepted skills only
    assert near_skills([], ranking[1:])[0]["score"] == 0.33  # the ranked score is kept


def test_a_near_skill_is_offered_under_the_rules_of_the_accepted_ones() -> None:
    ranking = [
        skill(CV, "install-heat-pump", "aansluiten", 0.33),
        skill(CV, "install-solar-panels", "zonnepanelen", 0.36, negated=True),  # "Geen ervaring met"
        skill(CV, "smithing", "Smit", 0.35),  # only in the writer's name
        skill(CV, "road-maintenance", "Dorpsstraat", 0.34),  # only in the address
    ]

    def skills(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {str(o["uri"]): o for o in found if o["kind"] == "skill"}

    offered = skills(cv_offers([], CV, normaliser(), ranking=ranking))
    assert set(offered) == {SKILL + "install-heat-pump"}
    assert offered[SKILL + "install-heat-pump"]["evidence"] == "- Plaatsen en aansluiten van warmtepompen."
    # without a ranking (or from a floor of 1) the page offers the accepted concepts only, as before
    assert skills(cv_offers([], CV, normaliser())) == {}
    assert skills(cv_offers([], CV, normaliser(), ranking=ranking, floor=1.0)) == {}


FITTER_CV = """Ruud Smit
Werkervaring
2019 – heden: Monteur, installatiebedrijf Deventer
- Plaatsen en aansluiten van cv-ketels en warmtepompen.
- Radiatoren en vloerverwarming installeren.
- Leidingwerk solderen, persen en buigen.
- Onderhoud en storingen verhelpen bij klanten thuis.
Opleiding
mbo-3 Monteur installatietechniek
"""
INSTALL_HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
HEATING_TECHNICIAN = "http://data.europa.eu/esco/occupation/7259dc48-004a-4ceb-aa4e-5bbd548c2397"


@pytest.mark.realdata
def test_a_fitters_task_lines_give_the_skills_that_rank_the_heating_technician_first(
    esco_real: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from techtalent.extraction.engine.titles import TitleNormaliser
    from techtalent.extraction.offline_nl import esco_extractor_nl
    from techtalent.matching.engine import match_occupations
    from techtalent.matching.esco_files import model_from_esco_csv

    # the CV page's extractor (derived Dutch labels, the Dutch semantic path), as the other real-data tests
    extractor = esco_extractor_nl(esco_real, tmp_path_factory.getbasetemp() / "semantic-realdata")
    result = extractor.extract(FITTER_CV, lang="nl", top=CV_RANKED).to_dict()
    assert INSTALL_HEAT_PUMP not in {c["uri"] for c in result["concepts"]}  # ranked under the threshold
    normaliser = TitleNormaliser(extractor.lexicon)
    model = model_from_esco_csv(esco_real)

    def ranking(offers: list[dict[str, Any]]) -> list[str]:
        skills = {str(o["uri"]): "intermediate" for o in offers if o["kind"] == "skill"}
        return [m.uri for m in match_occupations(model, skills, top=10)]  # type: ignore[arg-type]

    before = cv_offers(result["concepts"], FITTER_CV, normaliser)
    after = cv_offers(result["concepts"], FITTER_CV, normaliser, ranking=result["ranking"])
    assert INSTALL_HEAT_PUMP in {o["uri"] for o in after} - {o["uri"] for o in before}
    assert not any(o["kind"] == "skill" and float(o["score"]) < CV_SKILL_FLOOR for o in after)
    # accepted skills only: the heating technician ranks 6th behind the HVAC drafter and geothermal jobs
    assert ranking(after)[0] == HEATING_TECHNICIAN and ranking(before).index(HEATING_TECHNICIAN) > 0
