"""Offers from the documented CSV or JSON format (see docs/catalog.md); all rows or none."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from techtalent.catalog.importers.levels import parse_level
from techtalent.catalog.models import Offer
from techtalent.catalog.services import offer_create, provider_get_or_create
from techtalent.core.errors import DataFileError, UserError

__all__ = ["COLUMNS", "OfferRow", "offers_import", "read_rows"]

COLUMNS = ("provider", "title", "description", "level", "hours", "cost_eur", "region", "language", "skills")
FORMS = {"voltijd": "fulltime", "deeltijd": "parttime", "duaal": "dual", "bbl": "dual", "bol": "fulltime"}


def _blank_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


class OfferRow(BaseModel):
    """One offer as the file states it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    provider: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    level: str = ""
    hours: int | None = Field(default=None, ge=0, le=20000)
    cost_eur: float | None = Field(default=None, ge=0, le=1_000_000)
    region: str = Field(default="", pattern=r"^$|^(NL01|PV\d{2}|GM\d{4}|AM\d{2}|CR\d{2}|LD\d{2})$")
    language: str = Field(default="nl", pattern=r"^(nl|en|de|fr)$")
    skills: str | list[str] = ""
    kind: str = "module"
    form: str = ""
    provider_kind: str = "institution"
    learning_outcomes: str = ""
    locations: str = ""
    start_date: date | None = None
    end_date: date | None = None
    code: str = ""

    _none = field_validator("hours", "cost_eur", "start_date", "end_date", mode="before")(_blank_none)

    def skill_uris(self) -> list[str]:
        """The stated ESCO skill URIs (``|``-separated in CSV, a list in JSON)."""
        items = self.skills if isinstance(self.skills, list) else self.skills.split("|")
        return [s.strip() for s in items if s.strip()]


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, raw row) of a CSV (comma or semicolon) or JSON (a list of objects) file."""
    text = path.read_bytes().decode("utf-8-sig", errors="strict")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileError(path.name, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise DataFileError(path.name, "a JSON offers file is a list of objects")
        yield from enumerate(data, start=1)
        return
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = {"provider", "title"} - set(reader.fieldnames or [])
    if missing:
        raise DataFileError(path.name, f"missing column(s): {', '.join(sorted(missing))}", line=1)
    for row in reader:
        yield reader.line_num, {k: v for k, v in row.items() if k is not None}


def _offer_fields(row: OfferRow, source: str) -> dict[str, Any]:
    level, nlqf, eqf = parse_level(row.level)
    form = FORMS.get(row.form.lower(), row.form.lower())
    return {
        "description": row.description,
        "learning_outcomes": row.learning_outcomes,
        "kind": row.kind,
        "level": level,
        "nlqf": nlqf,
        "eqf": eqf,
        "form": form,
        "hours": row.hours,
        "cost_eur": row.cost_eur,
        "language": row.language,
        "region": row.region,
        "locations": row.locations,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "code": row.code,
        "source": source,
    }


@transaction.atomic
def offers_import(
    path: Path, *, by: Any = None, extract: bool = True, progress: Callable[[int], None] | None = None
) -> list[Offer]:
    """Create the offers of ``path``; a bad row stops the import with its line and field, nothing saved."""
    made: list[Offer] = []
    for line, raw in read_rows(path):
        try:
            row = OfferRow.model_validate({k: v for k, v in raw.items() if v is not None})
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"]) or None
            raise DataFileError(path.name, error["msg"], line=line, field=field) from None
        try:
            fields = _offer_fields(row, f"{path.name}, line {line}")
        except ValueError:
            raise DataFileError(path.name, f"unknown level '{row.level}'", line=line, field="level") from None
        try:
            provider = provider_get_or_create(name=row.provider, kind=row.provider_kind)
            made.append(
                offer_create(
                    provider=provider,
                    title=row.title,
                    skills=row.skill_uris(),
                    extract=extract,
                    by=by,
                    **fields,
                )
            )
        except UserError as exc:
            raise DataFileError(path.name, str(exc), line=line) from None
        if progress:
            progress(len(made))
    return made
