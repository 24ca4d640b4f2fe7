"""Adapter: build a matching model straight from the official ESCO CSV export (benches, real-data tests)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from techtalent.matching.engine.model import MatchModel, MatchSettings, OccupationSkill, Relation, build_model

__all__ = ["model_from_esco_csv"]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"ESCO file not found: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def model_from_esco_csv(
    folder: str | Path, *, lang: str = "en", settings: MatchSettings | None = None
) -> MatchModel:
    """Read `<folder>/<lang>/{occupations,skills,skillGroups}_<lang>.csv` and `<folder>/relations/*.csv`."""
    root = Path(folder)
    labels: dict[str, str] = {}
    occupations: list[str] = []
    isco: dict[str, str] = {}
    for row in _rows(root / lang / f"occupations_{lang}.csv"):
        occupations.append(row["conceptUri"])
        labels[row["conceptUri"]] = row["preferredLabel"]
        if row.get("iscoGroup"):
            isco[row["conceptUri"]] = row["iscoGroup"]
    skills: list[str] = []
    for row in _rows(root / lang / f"skills_{lang}.csv"):
        skills.append(row["conceptUri"])
        labels[row["conceptUri"]] = row["preferredLabel"]
    for row in _rows(root / lang / f"skillGroups_{lang}.csv"):
        labels[row["conceptUri"]] = row["preferredLabel"]
    transversal_file = root / lang / f"transversalSkillsCollection_{lang}.csv"
    transversal = [row["conceptUri"] for row in _rows(transversal_file)] if transversal_file.is_file() else []

    relations = [
        OccupationSkill(row["occupationUri"], row["skillUri"], cast(Relation, row["relationType"]))
        for row in _rows(root / "relations" / "occupationSkillRelations.csv")
    ]
    broader = [
        (row["conceptUri"], row["broaderUri"])
        for row in _rows(root / "relations" / "broaderRelationsSkillPillar.csv")
    ]
    related = [
        (row["originalSkillUri"], row["relatedSkillUri"])
        for row in _rows(root / "relations" / "skillSkillRelations.csv")
    ]
    return build_model(
        occupations,
        skills,
        relations,
        broader=broader,
        related=related,
        labels=labels,
        settings=settings,
        isco=isco,
        transversal=transversal,
    )
