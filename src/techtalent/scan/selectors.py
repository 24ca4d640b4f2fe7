"""Reads of the scan domain: instruments, scans, the company report with staff gaps, culture aggregates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from techtalent.orgs.models import Organisation
from techtalent.orgs.selectors import user_has_role
from techtalent.scan.engine import (
    MIN_CONTRIBUTORS,
    Aggregate,
    CompetencyGap,
    Instrument,
    RadarChart,
    aggregate_levels,
    aggregate_themes,
    competencies_for,
    radar_chart,
    score_culture,
    staff_gaps,
)
from techtalent.scan.instruments import engine_instrument
from techtalent.scan.mapping import level_mapping
from techtalent.scan.models import CultureAnswer, InstrumentVersion, Scan, Skillslab
from techtalent.scan.staff import staff_skill_sets
from techtalent.taxonomy.selectors import ShownName, shown_name

__all__ = [
    "CompetencyRow",
    "CultureReport",
    "ScanReport",
    "TransformationRow",
    "culture_report",
    "instrument_versions",
    "scan_for",
    "scan_report",
    "scans_of",
]


def instrument_versions(*, kind: str | None = None) -> list[InstrumentVersion]:
    """The newest active version of every instrument (optionally of one kind)."""
    qs = InstrumentVersion.objects.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    newest: dict[str, InstrumentVersion] = {}
    for v in qs.order_by("code", "-version"):
        newest.setdefault(v.code, v)
    return list(newest.values())


def scans_of(*, organisation: Organisation) -> QuerySet[Scan]:
    """The organisation's scans, newest first."""
    return Scan.objects.filter(organisation=organisation).select_related("instrument")


def scan_for(*, user: Any, scan_id: int) -> Scan | None:
    """The scan with this id when the user may see it (owner, admin or HR of its organisation)."""
    scan = Scan.objects.select_related("organisation", "instrument").filter(id=scan_id).first()
    if scan and user_has_role(user=user, organisation=scan.organisation, roles=("owner", "admin", "hr")):
        return scan
    return None


@dataclass
class CompetencyRow:
    """A competency needed for the target level, with its ESCO skills and the staff's coverage."""

    code: str
    name: str
    level: int
    new: bool
    confidence: float
    framework: str
    skills: list[ShownName]
    gap: CompetencyGap | None


@dataclass
class TransformationRow:
    """One transformation in the report."""

    code: str
    name: str
    subareas: tuple[str, ...]
    level: int | None
    target: int
    mean: float | None
    previous: int | None
    region: Aggregate | None
    sector: Aggregate | None
    competencies: list[CompetencyRow] = field(default_factory=list)


@dataclass
class ScanReport:
    """Everything the result page, the PDF and the API show for one submitted scan."""

    scan: Scan
    instrument: Instrument
    rows: list[TransformationRow]
    radar: RadarChart
    radar_print: RadarChart
    staff: int
    named: list[str]
    min_contributors: int
    mapping_method: str
    mapping_source: dict[str, str]
    gap_skills: list[str]
    region_n: int
    sector_n: int

    @property
    def rows_halves(self) -> tuple[list[TransformationRow], list[TransformationRow]]:
        """The rows in two halves, for a two-column print layout."""
        cut = (len(self.rows) + 1) // 2
        return self.rows[:cut], self.rows[cut:]

    @property
    def aggregate_shown(self) -> bool:
        """Whether the staff aggregate may be shown (at least MIN_CONTRIBUTORS staff passports)."""
        return self.staff >= self.min_contributors


def _peer_levels(scan: Scan, **filters: str) -> list[dict[str, int | None]]:
    latest: dict[int, dict[str, int | None]] = {}
    peers = Scan.objects.filter(
        status=Scan.Status.SUBMITTED, instrument__code=scan.instrument.code, **filters
    ).order_by("organisation_id", "-submitted_at")
    for other in peers.values("organisation_id", "levels"):
        latest.setdefault(other["organisation_id"], other["levels"])
    return list(latest.values())


def scan_report(scan: Scan, *, lang: str) -> ScanReport:
    """A submitted scan's report: levels, targets, change, benchmarks (k ≥ 5), competencies, staff gaps."""
    instrument = engine_instrument(scan.instrument.definition)
    mapping = level_mapping()
    previous = (
        Scan.objects.filter(
            organisation=scan.organisation,
            status=Scan.Status.SUBMITTED,
            instrument__code=scan.instrument.code,
            submitted_at__lt=scan.submitted_at,
        )
        .order_by("-submitted_at")
        .first()
    )
    region_rows = _peer_levels(scan, region=scan.region) if scan.region else []
    sector_rows = _peer_levels(scan, sector=scan.sector) if scan.sector else []
    by_region = aggregate_levels(region_rows)
    by_sector = aggregate_levels(sector_rows)
    staff, named = staff_skill_sets(organisation=scan.organisation)
    rows: list[TransformationRow] = []
    gap_skills: set[str] = set()
    for section in instrument.sections:
        level = scan.levels.get(section.code)
        target = int(scan.targets.get(section.code) or min((level or 1) + 1, 5))
        needed = competencies_for(mapping.requirements, section.code, target, level)
        gaps = {g.competency: g for g in staff_gaps(needed, mapping.competencies, staff, frozenset(named))}
        row = TransformationRow(
            code=section.code,
            name=section.name.get(lang, section.name["en"]),
            subareas=section.subareas,
            level=level,
            target=target,
            mean=None,
            previous=(previous.levels.get(section.code) if previous else None),
            region=by_region.get(section.code),
            sector=by_sector.get(section.code),
        )
        seen: set[str] = set()
        for req, new in needed:
            comp = mapping.competencies.get(req.competency)
            if comp is None or comp.code in seen:
                continue
            seen.add(comp.code)
            gap = gaps.get(comp.code) if staff else None
            if new and (gap is None or gap.covered < gap.staff):
                gap_skills.update(comp.skills)
            row.competencies.append(
                CompetencyRow(
                    code=comp.code,
                    name=comp.name.get(lang, comp.name.get("en", comp.code)),
                    level=req.level,
                    new=new,
                    confidence=req.confidence,
                    framework=comp.framework,
                    skills=[shown_name(uri, lang) for uri in comp.skills],
                    gap=gap,
                )
            )
        rows.append(row)
    radar = radar_chart(
        [r.name for r in rows],
        {"current": [r.level for r in rows], "target": [r.target for r in rows]},
    )
    # In print the axes carry numbers that point at the table (long SVG labels do not fit on paper).
    radar_print = radar_chart(
        [str(i) for i in range(1, len(rows) + 1)],
        {"current": [r.level for r in rows], "target": [r.target for r in rows]},
        size=300,
        margin=30,
    )
    return ScanReport(
        scan=scan,
        instrument=instrument,
        rows=rows,
        radar=radar,
        radar_print=radar_print,
        staff=len(staff),
        named=sorted(named),
        min_contributors=MIN_CONTRIBUTORS,
        mapping_method=mapping.method.get(lang, mapping.method["en"]),
        mapping_source=mapping.source,
        gap_skills=sorted(gap_skills),
        region_n=len(region_rows),
        sector_n=len(sector_rows),
    )


@dataclass
class CultureReport:
    """Aggregated culture scores per theme (None below the minimum number of answers)."""

    instrument: Instrument
    answers: int
    min_contributors: int
    themes: list[tuple[str, str, Aggregate | None, list[dict[str, str]]]]

    @property
    def shown(self) -> bool:
        """Whether enough people answered to show anything."""
        return self.answers >= self.min_contributors


def culture_report(*, organisation: Organisation, lang: str) -> CultureReport | None:
    """The culture scan's aggregate for an organisation, never computed over fewer than 5 answers."""
    version = InstrumentVersion.objects.filter(kind="culture", active=True).first()
    if version is None:
        return None
    instrument = engine_instrument(version.definition)
    answers = list(
        CultureAnswer.objects.filter(organisation=organisation, instrument=version).values_list(
            "answers", flat=True
        )
    )
    rows = [{t.theme: t.score for t in score_culture(instrument, a)} for a in answers]
    aggregates = aggregate_themes(rows) if len(rows) >= MIN_CONTRIBUTORS else {}
    themes = []
    for section in instrument.sections:
        agg = aggregates.get(section.code)
        low = agg is not None and agg.mean < instrument.suggestion_below
        tips = [dict(s) for s in section.suggestions] if low else []
        themes.append((section.code, section.name.get(lang, section.name["en"]), agg, tips))
    return CultureReport(instrument, len(rows), MIN_CONTRIBUTORS, themes)


def skillslab_skills(lab: Skillslab) -> list[str]:
    """The skills a skillslab trains: its own list and the accepted skills of the offers it runs."""
    from techtalent.catalog.selectors import accepted_skill_uris, offers_by_id

    found = set(lab.skills)
    if lab.offers:
        for uris in accepted_skill_uris(offers_by_id(lab.offers)).values():
            found.update(uris)
    return sorted(found)


def skillslabs_for_gap(
    *, skills: list[str], region: str = "", limit: int = 5
) -> list[tuple[Skillslab, list[str]]]:
    """Skillslabs whose skills (own and of their offers) cover most of the gap; same region first."""
    wanted = set(skills)
    found = []
    for lab in Skillslab.objects.all():
        covered = sorted(wanted & set(skillslab_skills(lab)))
        if covered:
            found.append((lab, covered))
    found.sort(key=lambda x: (-len(x[1]), x[0].region != region, x[0].name))
    return found[:limit]


def has_answered_culture(*, organisation: Organisation, user: Any) -> bool:
    """Whether this member has already answered the organisation's culture scan."""
    from techtalent.scan.models import CultureParticipation

    return CultureParticipation.objects.filter(organisation=organisation, user=user).exists()
