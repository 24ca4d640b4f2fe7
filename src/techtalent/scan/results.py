"""One JSON shape of a scan result for the API, the CLI and exports (the same numbers as the page)."""

from __future__ import annotations

from typing import Any

from techtalent.scan.selectors import ScanReport


def report_json(report: ScanReport, route: dict[str, Any] | None = None) -> dict[str, Any]:
    """Levels, targets, benchmarks (k ≥ 5), competencies with ESCO skills, staff coverage and offers."""
    shown = report.aggregate_shown
    return {
        "scan": report.scan.id,
        "organisation": report.scan.organisation.slug,
        "instrument": {"code": report.instrument.code, "version": report.instrument.version},
        "submitted_at": report.scan.submitted_at.isoformat() if report.scan.submitted_at else None,
        "staff_passports": report.staff,
        "min_contributors": report.min_contributors,
        "mapping": {"method": report.mapping_method, "source": report.mapping_source, "official": False},
        "transformations": [
            {
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "target": r.target,
                "previous": r.previous,
                "region_mean": r.region.mean if r.region else None,
                "sector_mean": r.sector.mean if r.sector else None,
                "competencies": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "level": c.level,
                        "new": c.new,
                        "confidence": c.confidence,
                        "framework": c.framework,
                        "skills": [
                            {"uri": s.uri, "label": s.label, "label_lang": s.lang, "label_derived": s.derived}
                            for s in c.skills
                        ],
                        "staff_covered": (c.gap.covered if c.gap and shown else None),
                        "named_covered": list(c.gap.named_covered) if c.gap else [],
                        "named_missing": list(c.gap.named_missing) if c.gap else [],
                    }
                    for c in r.competencies
                ],
            }
            for r in report.rows
        ],
        "gap_skills": report.gap_skills,
        "offers": route,
    }
