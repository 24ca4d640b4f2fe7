"""The level → competency mapping and the Learning Factory model, read from data files for the engine."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import yaml

from techtalent.scan.engine import Competency, LevelRequirement
from techtalent.scan.instruments import DATA_DIR

__all__ = ["level_mapping", "learning_factory_model", "MappingInfo"]


class MappingInfo:
    """The mapping's rows, its competencies and how it was made (method and source), for pages and API."""

    def __init__(self, raw: dict[str, Any], framework_competencies: dict[str, Competency]):
        self.code: str = raw["code"]
        self.version: int = int(raw["version"])
        self.method: dict[str, str] = raw["method"]
        self.source: dict[str, str] = raw["source"]
        self.requirements: tuple[LevelRequirement, ...] = tuple(
            LevelRequirement(
                transformation=r["transformation"],
                level=int(r["level"]),
                competency=r["competency"],
                confidence=float(r["confidence"]),
                method=raw["method"]["en"],
                rationale=raw["method"],
            )
            for r in raw["requirements"]
        )
        own = {
            c["code"]: Competency(
                code=c["code"],
                name=c["name"],
                skills=tuple(e["uri"] for e in c["esco"]),
                framework="techtalent",
                source={"method": raw["method"]["en"]},
            )
            for c in raw["competencies"]
        }
        self.competencies: dict[str, Competency] = {**framework_competencies, **own}


@cache
def _raw_mapping() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA_DIR / "level-competencies.yaml").read_text(encoding="utf-8"))
    return data


FRAMEWORK = "industry40-competencies"


def level_mapping() -> MappingInfo:
    """The mapping, with the Industry 4.0 competencies and their ESCO links from the frameworks; built once
    per state of that framework (one cheap query per report instead of reading the framework again)."""
    from techtalent.taxonomy.selectors import framework_stamp

    return _mapping_for(framework_stamp(FRAMEWORK))


@lru_cache(maxsize=4)
def _mapping_for(stamp: str) -> MappingInfo:
    from techtalent.taxonomy.selectors import framework_detail

    found = framework_detail(FRAMEWORK)
    framework: dict[str, Competency] = {}
    if found:
        fw, items = found
        for item in items:
            framework[item.code] = Competency(
                code=item.code,
                name={"nl": item.name_nl, "en": item.name_en},
                skills=tuple(link.concept_uri for link in item.links.all()),
                framework=fw.code,
                source={
                    "document": item.source_document,
                    "section": item.source_section,
                    "quote": item.source_quote,
                },
            )
    return MappingInfo(_raw_mapping(), framework)


@cache
def learning_factory_model() -> dict[str, Any]:
    """Document 003's six dimensions of a Learning Factory with their aspects and source."""
    data: dict[str, Any] = yaml.safe_load((DATA_DIR / "learning-factory.yaml").read_text(encoding="utf-8"))
    return data
