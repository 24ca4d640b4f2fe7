"""Periods as the monitor writes them: year, quarter, month and school year."""

from __future__ import annotations

import re

__all__ = ["period_kind", "period_start"]

_PATTERNS = {
    "year": re.compile(r"^(\d{4})$"),
    "quarter": re.compile(r"^(\d{4})Q([1-4])$"),
    "month": re.compile(r"^(\d{4})M(0[1-9]|1[0-2])$"),
    "school_year": re.compile(r"^(\d{4})/(\d{4})$"),
}


def period_kind(period: str) -> str:
    """The kind of a period ("2019", "2019Q3", "2022M05", "2018/2019"); ValueError when malformed."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(period)
        if match is None:
            continue
        if kind == "school_year" and int(match.group(2)) != int(match.group(1)) + 1:
            raise ValueError(f"school year {period!r} must span two consecutive years")
        return kind
    raise ValueError(
        f"period {period!r} is not a year (2019), quarter (2019Q3), month (2022M05) "
        "or school year (2018/2019)"
    )


def period_start(period: str) -> tuple[int, int]:
    """A sortable (year, month) at which the period starts; a school year starts in August."""
    kind = period_kind(period)
    year = int(period[:4])
    if kind == "quarter":
        return year, 3 * int(period[5]) - 2
    if kind == "month":
        return year, int(period[5:])
    if kind == "school_year":
        return year, 8
    return year, 1
