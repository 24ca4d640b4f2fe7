"""Turn the starter data (parsed YAML) into frozen values, failing early with every problem listed.

The functions take YAML text or already-parsed mappings; reading the files is the caller's job, so the
engine stays free of I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from techtalent.monitor.engine.model import (
    BETTER,
    CHANGE_UNITS,
    MEASURES,
    STATUSES,
    UNITS,
    DocumentData,
    Indicator,
    Localised,
    NotPlaced,
    Observation,
    Region,
    Source,
    StarterData,
)
from techtalent.monitor.engine.periods import period_kind, period_start

__all__ = [
    "StarterDataError",
    "parse_breakdowns",
    "parse_document",
    "parse_indicators",
    "parse_regions",
    "parse_starter_data",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REGION_CODES = {
    "country": re.compile(r"^NL01$"),
    "landsdeel": re.compile(r"^LD0[1-4]$"),
    "province": re.compile(r"^PV(?:2\d|3[01])$"),
    "arbeidsmarktregio": re.compile(r"^AM\d{2}$"),
    "municipality": re.compile(r"^GM\d{4}$"),
}
_OBSERVATION_REQUIRED = {"id", "indicator", "region", "period", "value", "unit", "status", "source"}
_OBSERVATION_ALLOWED = _OBSERVATION_REQUIRED | {"breakdowns", "measure", "base_period", "approximate", "note"}


class StarterDataError(ValueError):
    """The starter data does not follow its schema; ``problems`` lists every violation found."""

    def __init__(self, where: str, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{where}: " + "; ".join(self.problems))


def _load(data: str | Mapping[str, Any]) -> Mapping[str, Any]:
    loaded = yaml.safe_load(data) if isinstance(data, str) else data
    if not isinstance(loaded, Mapping):
        raise StarterDataError("starter data", ["top level must be a mapping"])
    return loaded


def _localised(value: Any, where: str, problems: list[str]) -> Localised:
    if (
        not isinstance(value, Mapping)
        or set(value) != {"nl", "en"}
        or not all(isinstance(text, str) and text.strip() for text in value.values())
    ):
        problems.append(f"{where} must have non-empty 'nl' and 'en' texts")
        return Localised("", "")
    return Localised(nl=value["nl"], en=value["en"])


def parse_indicators(data: str | Mapping[str, Any]) -> dict[str, Indicator]:
    """Indicators by code, from ``indicators.yaml``."""
    problems: list[str] = []
    indicators: dict[str, Indicator] = {}
    for index, item in enumerate(_load(data).get("indicators") or []):
        code = item.get("code", "")
        where = f"indicator {code or index}"
        if not isinstance(code, str) or not SLUG.match(code):
            problems.append(f"{where}: code must be a lower-case slug")
        if code in indicators:
            problems.append(f"{where}: duplicate code")
        if set(item) != {"code", "name", "definition", "unit", "better"}:
            problems.append(f"{where}: keys must be code, name, definition, unit, better")
        if item.get("unit") not in UNITS:
            problems.append(f"{where}: unit must be one of {sorted(UNITS)}")
        if item.get("better") not in BETTER:
            problems.append(f"{where}: better must be one of {sorted(BETTER)}")
        name = _localised(item.get("name"), f"{where} name", problems)
        definition = _localised(item.get("definition"), f"{where} definition", problems)
        indicators[code] = Indicator(code, name, definition, str(item.get("unit")), str(item.get("better")))
    if not indicators:
        problems.append("no indicators")
    if problems:
        raise StarterDataError("indicators", problems)
    return indicators


def parse_regions(data: str | Mapping[str, Any]) -> dict[str, Region]:
    """Regions by CBS code, from ``regions.yaml``."""
    problems: list[str] = []
    regions: dict[str, Region] = {}
    for item in _load(data).get("regions") or []:
        code, kind, name = item.get("code", ""), item.get("kind", ""), item.get("name", "")
        pattern = REGION_CODES.get(kind)
        if pattern is None:
            problems.append(f"region {code}: kind must be one of {sorted(REGION_CODES)}")
        elif not pattern.match(str(code)):
            problems.append(f"region {code}: not a CBS code for a {kind}")
        if code in regions:
            problems.append(f"region {code}: duplicate code")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"region {code}: name is empty")
        regions[code] = Region(code=code, name=name, kind=kind)
    if problems:
        raise StarterDataError("regions", problems)
    return regions


def parse_breakdowns(data: str | Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """Allowed breakdown keys and their values, from ``breakdowns.yaml``."""
    problems: list[str] = []
    vocabulary: dict[str, frozenset[str]] = {}
    for key, spec in (_load(data).get("breakdowns") or {}).items():
        if not SLUG.match(key.replace("_", "-")):
            problems.append(f"breakdown {key}: key must be lower-case")
        _localised(spec.get("label"), f"breakdown {key} label", problems)
        values = spec.get("values") or {}
        for value, label in values.items():
            if not SLUG.match(str(value)):
                problems.append(f"breakdown {key}: value {value!r} must be a lower-case slug")
            _localised(label, f"breakdown {key}={value} label", problems)
        vocabulary[key] = frozenset(str(value) for value in values)
    if problems:
        raise StarterDataError("breakdowns", problems)
    return vocabulary


def _observation(
    item: Mapping[str, Any],
    document: str,
    context: tuple[Mapping[str, Indicator], Mapping[str, Region], Mapping[str, frozenset[str]]],
    problems: list[str],
) -> Observation | None:
    indicators, regions, vocabulary = context
    where = f"observation {item.get('id', '?')}"
    before = len(problems)
    if not isinstance(item, Mapping):
        problems.append(f"{where}: must be a mapping")
        return None
    missing, unknown = _OBSERVATION_REQUIRED - set(item), set(item) - _OBSERVATION_ALLOWED
    if missing or unknown:
        problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        return None
    if not SLUG.match(str(item["id"])):
        problems.append(f"{where}: id must be a lower-case slug")
    indicator = indicators.get(item["indicator"])
    if indicator is None:
        problems.append(f"{where}: unknown indicator {item['indicator']!r}")
    if item["region"] not in regions:
        problems.append(f"{where}: unknown region {item['region']!r}")
    for field in ("period", "base_period"):
        if field in item:
            try:
                period_kind(str(item[field]))
            except ValueError as error:
                problems.append(f"{where}: {error}")
    measure = item.get("measure", "level")
    if measure not in MEASURES:
        problems.append(f"{where}: measure must be one of {sorted(MEASURES)}")
    elif measure == "level":
        if "base_period" in item:
            problems.append(f"{where}: a level has no base_period")
        if indicator is not None and item["unit"] != indicator.unit:
            problems.append(f"{where}: unit {item['unit']!r} differs from the indicator's {indicator.unit!r}")
    else:
        if item["unit"] != CHANGE_UNITS[measure]:
            problems.append(f"{where}: a {measure} is in {CHANGE_UNITS[measure]}")
        if "base_period" not in item:
            problems.append(f"{where}: a {measure} needs a base_period")
        elif len(problems) == before and period_start(str(item["base_period"])) >= period_start(
            str(item["period"])
        ):
            problems.append(f"{where}: base_period must precede period")
    value = item["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}: value must be a number")
    if item["status"] not in STATUSES:
        problems.append(f"{where}: status must be one of {sorted(STATUSES)}")
    if not isinstance(item.get("approximate", False), bool) or not isinstance(item.get("note", ""), str):
        problems.append(f"{where}: approximate must be true/false and note a text")
    breakdowns = item.get("breakdowns") or {}
    for key, level in breakdowns.items():
        if level not in vocabulary.get(key, frozenset()):
            problems.append(f"{where}: breakdown {key}={level!r} is not in breakdowns.yaml")
    source = item["source"]
    if not isinstance(source, Mapping) or set(source) != {"document", "section", "quote"}:
        problems.append(f"{where}: source must have document, section and quote")
        return None
    if source["document"] != document:
        problems.append(f"{where}: source document {source['document']!r} is not {document!r}")
    if not all(isinstance(source[k], str) and source[k].strip() for k in ("section", "quote")):
        problems.append(f"{where}: source section and quote must be non-empty")
    if len(problems) > before:
        return None
    return Observation(
        id=item["id"],
        indicator=item["indicator"],
        region=item["region"],
        period=str(item["period"]),
        value=value,
        unit=item["unit"],
        status=item["status"],
        source=Source(document=document, section=source["section"], quote=source["quote"]),
        breakdowns=tuple(sorted((str(k), str(v)) for k, v in breakdowns.items())),
        measure=measure,
        base_period=str(item["base_period"]) if "base_period" in item else None,
        approximate=item.get("approximate", False),
        note=item.get("note", ""),
    )


def parse_document(
    data: str | Mapping[str, Any],
    *,
    indicators: Mapping[str, Indicator],
    regions: Mapping[str, Region],
    breakdowns: Mapping[str, frozenset[str]],
) -> DocumentData:
    """The observations and the figures left out of one ``observations/<document-stem>.yaml``."""
    loaded = _load(data)
    document = str(loaded.get("document", ""))
    problems: list[str] = []
    if set(loaded) != {"document", "title", "observations", "not_placed"}:
        problems.append("keys must be document, title, observations, not_placed")
    observations: list[Observation] = []
    for item in loaded.get("observations") or []:
        observation = _observation(item, document, (indicators, regions, breakdowns), problems)
        if observation is not None:
            observations.append(observation)
    ids = [str(item.get("id")) for item in loaded.get("observations") or [] if isinstance(item, Mapping)]
    problems.extend(f"observation {i}: duplicate id" for i in sorted({i for i in ids if ids.count(i) > 1}))
    not_placed: list[NotPlaced] = []
    for item in loaded.get("not_placed") or []:
        quotes = item.get("quotes") or []
        if (
            set(item) != {"section", "quotes", "reason"}
            or not quotes
            or not str(item.get("reason", "")).strip()
        ):
            problems.append(f"not_placed {item.get('section', '?')}: needs section, quotes and reason")
            continue
        not_placed.append(
            NotPlaced(document, str(item["section"]), tuple(map(str, quotes)), str(item["reason"]))
        )
    if problems:
        raise StarterDataError(document or "observations", problems)
    return DocumentData(document, str(loaded["title"]), tuple(observations), tuple(not_placed))


def parse_starter_data(
    *,
    indicators: str | Mapping[str, Any],
    regions: str | Mapping[str, Any],
    breakdowns: str | Mapping[str, Any],
    documents: Sequence[str | Mapping[str, Any]],
) -> StarterData:
    """The whole starter data set from the texts of its YAML files."""
    indicator_map = parse_indicators(indicators)
    region_map = parse_regions(regions)
    vocabulary = parse_breakdowns(breakdowns)
    parsed = tuple(
        parse_document(doc, indicators=indicator_map, regions=region_map, breakdowns=vocabulary)
        for doc in documents
    )
    return StarterData(indicator_map, region_map, vocabulary, parsed)
