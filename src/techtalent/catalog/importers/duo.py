"""Real programmes from DUO's open enrolment files and Tekkieworden's tech-labelled lists, with provenance."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from techtalent.catalog.models import Offer, Provider
from techtalent.core.errors import DataFileError

__all__ = ["FORMATS", "detect_format", "programmes_import"]

FORMATS = ("duo-ho", "duo-mbo", "tekkieworden-ho", "tekkieworden-mbo")
_HO_LEVEL = {"bachelor": "bachelor", "master": "master", "associate degree": "ad", "ad": "ad"}
_NLQF = {"bachelor": 6, "master": 7, "ad": 5}
_HO_FORM = {"voltijd onderwijs": "fulltime", "deeltijd onderwijs": "parttime", "duaal onderwijs": "dual"}
_MBO_FORM = {"BOL": "fulltime", "BBL": "dual"}


@dataclass
class _Programme:
    provider: str
    brin: str
    title: str
    code: str
    scheme: str
    level: str
    form: str
    sector: str
    line: int
    enrolment: int = 0
    places: dict[str, int] = field(default_factory=dict)  # location → enrolment
    region: str = ""


def detect_format(header: list[str]) -> str:
    """Which of FORMATS a file with this header is; DataFileError when none."""
    names = {h.strip().upper() for h in header}
    if {"INSTELLINGSNAAM ACTUEEL", "OPLEIDINGSCODE ACTUEEL", "GESLACHT"} <= names:
        return "duo-ho"
    if {"INSTELLINGSNAAM", "KWALIFICATIE CODE", "TOTAAL2019"} <= names:
        return "duo-mbo"
    if {"OPLEIDINGSCODE_DUO", "INSTELLINGSNAAM_DUO", "TECH_LABEL"} <= names:
        return "tekkieworden-ho"
    if {"BRIN_NUMMER", "KWALIFICATIE_CODE", "TECH_LABEL"} <= names:
        return "tekkieworden-mbo"
    raise DataFileError(
        "header", f"not a DUO or Tekkieworden programme file (columns: {', '.join(header[:6])}…)"
    )


def _int(value: str | None) -> int:
    try:
        return int(float((value or "0").strip() or 0))
    except ValueError:
        return 0


def _code(value: str) -> str:
    return value.strip().removesuffix(".0")


def _read(path: Path) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter=";" if first.count(";") > first.count(",") else ",")
        kind = detect_format(list(reader.fieldnames or []))
        reader.restval = ""
        # DUO's files hold empty records ("") between blocks; they carry nothing and are skipped.
        return kind, [(reader.line_num, row) for row in reader if sum(1 for v in row.values() if v) > 2]


def _programme(
    kind: str, row: dict[str, str], line: int, brins: dict[str, str]
) -> tuple[_Programme, str, int]:
    """The programme of one row, the place it is taught at and that row's 2019 enrolment."""
    if kind == "duo-ho":
        level = _HO_LEVEL.get(row["TYPE HOGER ONDERWIJS"].strip().lower(), "")
        sector = row["CROHO ONDERDEEL"].strip()
        prog = _Programme(
            row["INSTELLINGSNAAM ACTUEEL"].strip(),
            row["BRIN NUMMER ACTUEEL"].strip(),
            row["OPLEIDINGSNAAM ACTUEEL"].strip(),
            _code(row["OPLEIDINGSCODE ACTUEEL"]),
            "croho",
            level,
            _HO_FORM.get(row["OPLEIDINGSVORM"].strip().lower(), ""),
            sector,
            line,
        )
        prog.region = "GM" + row["GEMEENTENUMMER"].strip().zfill(4)
        return prog, row["GEMEENTENAAM"].strip().title(), _int(row.get("2019"))
    if kind == "duo-mbo":
        prog = _Programme(
            row["INSTELLINGSNAAM"].strip(),
            row["BRIN NUMMER"].strip(),
            row["KWALIFICATIE NAAM"].strip(),
            _code(row["KWALIFICATIE CODE"]),
            "crebo",
            f"mbo{row['KWALIFICATIENIVEAU'].strip()}",
            _MBO_FORM.get(row["TYPE MBO"].strip(), ""),
            row["MBO SECTOR"].strip(),
            line,
        )
        return prog, row["PLAATSNAAM"].strip().title(), _int(row.get("TOTAAL2019"))
    if kind == "tekkieworden-ho":
        level = _HO_LEVEL.get(row["soortopleiding_duo"].strip().lower(), "")
        prog = _Programme(
            row["instellingsnaam_duo"].strip(),
            row["brinnummer_duo"].strip(),
            row["opleidingsnaam_duo"].strip(),
            _code(row["opleidingscode_duo"]),
            "croho",
            level,
            "",
            f"{row['sector_sdb'].strip()} · tech: {row['tech_label'].strip()}",
            line,
        )
        return prog, "", _int(row.get("2019_tot_i"))
    brin = row["brin_nummer"].strip()
    prog = _Programme(
        brins.get(brin, f"BRIN {brin}"),
        brin,
        row["kwalificatie_naam"].strip(),
        _code(row["kwalificatie_code"]),
        "crebo",
        "",
        "",
        f"tech: {row['tech_label'].strip()}",
        line,
    )
    return prog, "", _int(row.get("2019_tot_i"))


def _label_existing(programmes: Iterable[_Programme]) -> set[tuple[str, str]]:
    """Add Tekkieworden's tech label to the DUO offers of the same institution and code already present."""
    labels = {(p.provider[:200], p.code): p.sector for p in programmes}
    done: set[tuple[str, str]] = set()
    codes = {code for _name, code in labels}
    for offer in Offer.objects.filter(code__in=codes).select_related("provider"):
        label = labels.get((offer.provider.name, offer.code))
        if label is None:
            continue
        tech = label.split("tech: ", 1)[-1]
        if f"tech: {tech}" not in offer.sector:
            offer.sector = f"{offer.sector} · tech: {tech}".strip(" ·")[:200]
            offer.search_text = f"{offer.search_text} {tech.lower()}"
            offer.save(update_fields=["sector", "search_text"])
        done.add((offer.provider.name, offer.code))
    return done


@transaction.atomic
def programmes_import(path: Path, *, progress: Callable[[int, int], None] | None = None) -> int:
    """Add the programmes of a DUO or Tekkieworden file (one offer per institution, code and form).

    A Tekkieworden row whose institution and code are already in the catalog (from DUO) labels those
    offers as tech instead of adding a copy; returns the number of offers added or labelled.
    """
    kind, rows = _read(path)
    brins = dict(Provider.objects.exclude(brin="").values_list("brin", "name"))
    merged: dict[tuple[str, str, str, str], _Programme] = {}
    for line, row in rows:
        try:
            prog, place, count = _programme(kind, row, line, brins)
        except KeyError as exc:
            raise DataFileError(path.name, "missing value", line=line, field=str(exc.args[0])) from None
        if not prog.provider or not prog.title or not prog.code:
            raise DataFileError(path.name, "institution, name and code are required", line=line)
        key = (prog.provider[:200], prog.code, prog.form, prog.title[:300])
        current = merged.setdefault(key, prog)
        current.enrolment += count
        if place:
            current.places[place] = current.places.get(place, 0) + count
    providers = {p.name: p for p in Provider.objects.all()}
    for prog in merged.values():
        if prog.provider not in providers:
            providers[prog.provider] = Provider.objects.create(
                name=prog.provider[:200], brin=prog.brin, source=f"DUO open onderwijsdata, {path.name}"
            )
    existing = set(
        Offer.objects.filter(code_scheme__in=("croho", "crebo")).values_list(
            "provider__name", "code", "form", "title"
        )
    )
    offers = []
    labelled = _label_existing(merged.values()) if kind.startswith("tekkieworden") else set()
    for prog in merged.values():
        key = (prog.provider[:200], prog.code, prog.form, prog.title[:300])
        if key in existing or (prog.provider[:200], prog.code) in labelled:
            continue
        places = sorted(prog.places, key=lambda p: -prog.places[p])
        text = " ".join([prog.title, prog.provider, prog.code, prog.sector, *places]).lower()
        offers.append(
            Offer(
                provider=providers[prog.provider],
                title=prog.title[:300],
                kind=Offer.Kind.PROGRAMME,
                level=prog.level,
                nlqf=_NLQF.get(prog.level) or (int(prog.level[3]) if prog.level.startswith("mbo") else None),
                eqf=_NLQF.get(prog.level) or (int(prog.level[3]) if prog.level.startswith("mbo") else None),
                form=prog.form,
                region=prog.region,
                locations=", ".join(places)[:300],
                code=prog.code,
                code_scheme=prog.scheme,
                sector=prog.sector[:200],
                enrolment=prog.enrolment,
                enrolment_year=2019,
                language="nl",
                source=f"{path.name}, line {prog.line} (Bron: DUO)",
                search_text=text,
            )
        )
        if progress and len(offers) % 500 == 0:
            progress(len(offers), len(merged))
    Offer.objects.bulk_create(offers, batch_size=500)
    return len(offers) + len(labelled)
