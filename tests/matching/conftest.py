"""Fixtures for the matching engine tests: a hand-made toy taxonomy, and the real ESCO export when present.

Toy taxonomy (skill groups under one root; skills under groups or under other skills). Siblings are
children of the same skill (python–java, welding–soldering), not of the same group (sql–testing):

    grp:skills ─┬─ grp:digital ─┬─ programming ─┬─ python      (python ↔ testing: skill–skill relation)
                │               │               └─ java
                │               ├─ sql
                │               └─ testing
                └─ grp:manual ─── metalwork ────┬─ welding
                                                └─ soldering

    developer: essential python, sql; optional testing
    tester:    essential testing, sql
    welder:    essential welding; optional soldering
"""

from __future__ import annotations

from pathlib import Path

import pytest

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    OccupationSkill,
    build_model,
    occupation_graph,
)
from techtalent.matching.esco_files import model_from_esco_csv

ESCO_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "esco" / "v1.1.1"
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"

SK = "skill:"
OCC = "occ:"
SKILLS = [
    SK + s for s in ("python", "java", "programming", "sql", "testing", "metalwork", "welding", "soldering")
]
OCCUPATIONS = [OCC + o for o in ("developer", "tester", "welder")]
RELATIONS = [
    OccupationSkill(OCC + "developer", SK + "python", "essential"),
    OccupationSkill(OCC + "developer", SK + "sql", "essential"),
    OccupationSkill(OCC + "developer", SK + "testing", "optional"),
    OccupationSkill(OCC + "tester", SK + "testing", "essential"),
    OccupationSkill(OCC + "tester", SK + "sql", "essential"),
    OccupationSkill(OCC + "welder", SK + "welding", "essential"),
    OccupationSkill(OCC + "welder", SK + "soldering", "optional"),
]
BROADER = [
    ("grp:digital", "grp:skills"),
    ("grp:manual", "grp:skills"),
    (SK + "programming", "grp:digital"),
    (SK + "python", SK + "programming"),
    (SK + "java", SK + "programming"),
    (SK + "sql", "grp:digital"),
    (SK + "testing", "grp:digital"),
    (SK + "metalwork", "grp:manual"),
    (SK + "welding", SK + "metalwork"),
    (SK + "soldering", SK + "metalwork"),
]
RELATED = [(SK + "python", SK + "testing")]
LABELS = {"grp:digital": "digital", "grp:manual": "manual", "grp:skills": "skills"}


@pytest.fixture(scope="session")
def toy() -> MatchModel:
    return build_model(OCCUPATIONS, SKILLS, RELATIONS, broader=BROADER, related=RELATED, labels=LABELS)


@pytest.fixture(scope="session")
def esco() -> MatchModel:
    if not (ESCO_DIR / "relations" / "occupationSkillRelations.csv").is_file():
        pytest.skip(f"ESCO export not found at {ESCO_DIR}")
    return model_from_esco_csv(ESCO_DIR)


@pytest.fixture(scope="session")
def esco_graph(esco: MatchModel) -> OccupationGraph:
    """The occupation similarity graph of the real export (built once per session: ~10–25 s)."""
    return occupation_graph(esco)
