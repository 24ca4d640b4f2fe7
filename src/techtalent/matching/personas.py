"""Personas for evaluating matching and paths (bench/devsets/personas.yaml): a held and an aimed job each.

A persona's passport is a noisy sample of the held occupation (engine.noisy_passports, seeded by the
persona's position in the file), and the held occupation is one of its starting points. Per persona:
how many of the top 10 matches are plausible (same ISCO sub-major group as the held or the aimed job) and
the best path of at most three steps to the aimed job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FilePath

import yaml

from techtalent.matching.engine import (
    MatchModel,
    OccupationGraph,
    Path,
    match_occupations,
    noisy_passports,
    transition_paths,
)

__all__ = ["PERSONAS", "Persona", "PersonaResult", "evaluate_persona", "load_personas"]

PERSONAS = FilePath(__file__).resolve().parents[3] / "bench" / "devsets" / "personas.yaml"
OCCUPATION = "http://data.europa.eu/esco/occupation/"


@dataclass(frozen=True)
class Persona:
    """A person with the job they hold and the job they aim for."""

    id: str
    split: str
    who: str
    held: str
    aimed: str
    seed: int


@dataclass(frozen=True)
class PersonaResult:
    """What the engine gives one persona."""

    persona: Persona
    skills: int
    plausible: int  # of the top 10 matches
    path: Path | None


def load_personas(path: FilePath = PERSONAS) -> list[Persona]:
    """The personas of a YAML file (ids unique, split dev or test)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for n, item in enumerate(data["personas"]):
        if item["split"] not in ("dev", "test"):
            raise ValueError(f"{path}: persona {item['id']}: split must be dev or test")
        found.append(
            Persona(
                item["id"],
                item["split"],
                item["who"],
                OCCUPATION + item["held"],
                OCCUPATION + item["aimed"],
                1000 + n,
            )
        )
    if len({p.id for p in found}) != len(found):
        raise ValueError(f"{path}: persona ids must be unique")
    return found


def evaluate_persona(model: MatchModel, graph: OccupationGraph, persona: Persona) -> PersonaResult:
    """The persona's plausible top-10 count and best path to the aimed job."""
    skills = noisy_passports(model, n=1, seed=persona.seed, occupations=[persona.held])[0].skills
    groups = {model.isco.get(persona.held, "")[:2], model.isco.get(persona.aimed, "")[:2]}
    top = match_occupations(model, skills, top=10)
    plausible = sum(1 for m in top if model.isco.get(m.uri, "")[:2] in groups)
    paths = transition_paths(model, graph, skills, targets=[persona.aimed], held=[persona.held], top=1)
    return PersonaResult(persona, len(skills), plausible, paths[0] if paths else None)
