"""Paths to "onderhoudsmonteur" for the process operator of the walk of 3 December, on real ESCO v1.1.1.

The walk (docs/walk-2026-12-03.md, "Matching") saw every path of Henk, a procesoperator at a dairy plant, to
"onderhoudsmonteur" start with "operator metaalversnipperaar" (scrap metal operative, ISCO 7223). His
passport here is what the extractor read from a CV with his lines (hydraulics, pneumatics, welding, forklift,
pumps, cleaning oil equipment, security regulations, health and safety, drawings, his languages, and the
misread "psychiatry"), with the job the CV page ticked by default held ("matroos", read from "9301 AB").
"""

from __future__ import annotations

import csv

import pytest

from techtalent.matching.engine import MatchModel, OccupationGraph, transition_paths

from .conftest import ESCO_DIR

pytestmark = pytest.mark.realdata

SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
HENK = {
    SKILL + s: "intermediate"
    for s in (
        "cad4f44b-28a8-4448-86e5-7389e5ebf3eb",  # Dutch
        "6d3edede-8951-4621-a835-e04323300fa0",  # English
        "4812a4ea-dc55-4dc6-b9b0-4a59bba2c647",  # German
        "68e66ed6-a171-4350-8ec1-2cfc4cae50e4",  # hydraulics
        "bf419e00-8548-491a-a06f-d72ab439df2f",  # pneumatics
        "d1d5dace-55b6-46cd-884a-dc4302265c3e",  # clean oil equipment (CIP-reiniging)
        "d1f607d0-48bb-4d08-a0c8-c6ee1c888b8d",  # manufacturing plant equipment
        "28cb374e-6261-4133-8371-f9a5470145da",  # operate forklift
        "d433c82e-fa7a-492e-a8fd-eee7b39e4c48",  # security regulations
        "1864d4a3-eb9c-44f2-84f3-77137db21aeb",  # operate pumps
        "2ee57de4-bffd-4194-b009-0060edec77cc",  # use welding equipment
        "2fcd95a4-1f9a-41cf-95a9-4701bde476b4",  # operate welding equipment
        "f9f258e3-4728-4107-9e08-293d5d2ef65e",  # psychiatry (misread "los")
        "dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb",  # apply health and safety standards (VCA)
        "b07daddc-8625-4360-946e-ad2b0e56ebf6",  # read engineering drawings
        "386774ac-fe5b-431a-b485-9aec0bf5c09e",  # maintain electrical equipment
    )
}
MATROOS = OCCUPATION + "bd22a34c-1dc2-48df-a254-66e5d03dec12"
SCRAP_METAL_OPERATIVE = OCCUPATION + "cb3432f8-bad7-4703-ba66-dc980a4ce4f7"  # operator metaalversnipperaar


@pytest.fixture(scope="module")
def onderhoudsmonteur() -> list[str]:
    """Occupations with "onderhoudsmonteur" in a Dutch label (preferred or alternative), as the path page's
    search target keeps the hits whose label contains the words typed."""
    with (ESCO_DIR / "nl" / "occupations_nl.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    found = [
        r["conceptUri"]
        for r in rows
        if "onderhoudsmonteur" in (r["preferredLabel"] + "\n" + r["altLabels"]).casefold()
    ]
    assert len(found) >= 10
    return found


def essential(model: MatchModel, occupation: str) -> set[str]:
    return {model.skills[s] for s, rel, _ in model.occupation_skills(occupation) if rel == "essential"}


def listed(model: MatchModel, occupation: str) -> set[str]:
    return {model.skills[s] for s, _, _ in model.occupation_skills(occupation)}


@pytest.mark.parametrize("held", [(), (MATROOS,)], ids=["as-reviewed", "defaults-accepted"])
def test_the_walks_paths_to_onderhoudsmonteur_go_through_related_occupations(
    esco: MatchModel, esco_graph: OccupationGraph, onderhoudsmonteur: list[str], held: tuple[str, ...]
) -> None:
    paths = transition_paths(esco, esco_graph, HENK, targets=onderhoudsmonteur, held=list(held), top=5)
    assert len(paths) == 5
    has = set(HENK).union(*(essential(esco, o) for o in held))
    for path in paths:
        route = " → ".join(esco.label(s.occupation) for s in path.steps)
        assert path.end in onderhoudsmonteur and len(path.steps) <= 3, route
        # main: 2 of the 5 (held matroos) started with the scrap metal operative, 6 of 9 to learn
        assert all(s.occupation != SCRAP_METAL_OPERATIVE for s in path.steps), route
        if held:
            continue  # "matroos" is misread from "9301 AB"; its ship-engine neighbours are what it implies
        target = essential(esco, path.end)
        isco = esco.isco.get(path.end, "")[:1]
        for step in path.steps[:-1]:
            own = essential(esco, step.occupation)
            # an intermediate occupation shares part of its essential core with what the person has ...
            assert len(own & has) >= 2, route
            # ... and is in the target's ISCO major group or lists part of the target's essential skills
            shares = len(listed(esco, step.occupation) & target) / len(target)
            assert esco.isco.get(step.occupation, "")[:1] == isco or shares >= 0.15, route
    if not held:  # the best path: a fitter, then a mechanic
        best = paths[0].steps
        assert all(esco.isco.get(s.occupation, "").startswith("72") for s in best), [
            esco.label(s.occupation) for s in best
        ]


def test_a_move_is_priced_on_what_the_person_brings_not_on_the_occupation_before_alone(
    esco: MatchModel, esco_graph: OccupationGraph
) -> None:
    # scrap metal operative → forging machinery mechanic ("monteur machines smederij"): the move's gap for
    # Henk counts what his passport and the job held cover of the target beside what the scrap metal operative
    # lists (it was the occupations' gap alone); at most the gap over the skills he holds outright
    from techtalent.matching.engine.paths import _credit, _person_step_gaps, _with_held

    forging = OCCUPATION + "599c2ce9-0e1b-4f63-9d65-1f19b3847efb"
    a, b = esco.occupation_index[SCRAP_METAL_OPERATIVE], esco.occupation_index[forging]
    has = _with_held(esco, dict(HENK), [esco.occupation_index[MATROOS]])
    person = float(_person_step_gaps(esco, _credit(esco, has))[a, b])
    assert esco_graph.gap is not None
    target = {esco.skill_index[u] for u in essential(esco, forging)}
    brought = {esco.skill_index[u] for u in set(has) | listed(esco, SCRAP_METAL_OPERATIVE)}
    total = sum(float(esco.idf[s]) for s in target)
    upper = 1.0 - sum(float(esco.idf[s]) for s in target & brought) / total
    assert person <= upper + 1e-5
    assert person < float(esco_graph.gap[a, b]) - 0.05
