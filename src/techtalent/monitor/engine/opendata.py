"""Open-data arithmetic (pure): period labels of CBS and DUO, roll-ups over breakdowns, derived ratios."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

__all__ = [
    "Cell",
    "Ratio",
    "derive_ratios",
    "open_data_period",
    "parse_parts",
    "rollup",
]

_CBS_CODE = re.compile(r"^(\d{4})(JJ|KW|MM|SJ)(\d{2})$")
_CBS_QUARTER = re.compile(r"^(\d{4}) ([1-4])e kwartaal\*?$")
_CBS_YEAR = re.compile(r"^(\d{4})\*?$")
_CBS_SCHOOL = re.compile(r"^(\d{4})/'(\d{2})\*?$")
_DUO_SCHOOL = re.compile(r"^(\d{4})[-/](\d{4})$")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(), 1
    )
}
_CBS_MONTH = re.compile(r"^(\d{4}) (" + "|".join(_MONTHS) + r")\*?$")


def open_data_period(text: str, fmt: str) -> str:
    """A CBS/DUO period as a monitor period (2019, 2019Q3, 2019M05, 2018/2019); ValueError otherwise.

    ``fmt`` is ``cbs_code`` (2019KW03), ``cbs_label`` (2019 3e kwartaal, 2019, 2015/'16),
    ``school_year`` (2014-2015), ``year`` (2019) or ``october_year`` (a count on 1 October 2019 is
    school year 2019/2020).
    """
    raw = text.strip()
    if fmt == "cbs_code":
        match = _CBS_CODE.match(raw)
        if match:
            year, kind, number = match.groups()
            if kind == "JJ":
                return year
            if kind == "KW":
                return f"{year}Q{int(number)}"
            if kind == "SJ":
                return f"{year}/{int(year) + 1}"
            return f"{year}M{number}"
    elif fmt == "cbs_label":
        if match := _CBS_QUARTER.match(raw):
            return f"{match.group(1)}Q{match.group(2)}"
        if match := _CBS_YEAR.match(raw):
            return match.group(1)
        if match := _CBS_SCHOOL.match(raw):
            start = int(match.group(1))
            if (start + 1) % 100 == int(match.group(2)):
                return f"{start}/{start + 1}"
        if match := _CBS_MONTH.match(raw):
            return f"{match.group(1)}M{_MONTHS[match.group(2)]:02d}"
    elif fmt == "school_year":
        match = _DUO_SCHOOL.match(raw)
        if match and int(match.group(2)) == int(match.group(1)) + 1:
            return f"{match.group(1)}/{match.group(2)}"
    elif fmt == "year" and re.match(r"^\d{4}$", raw):
        return raw
    elif fmt == "october_year" and re.match(r"^\d{4}$", raw):
        return f"{raw}/{int(raw) + 1}"
    else:
        raise ValueError(f"unknown period format {fmt!r} (cbs_code, cbs_label, school_year, year)")
    raise ValueError(f"period {text!r} is not in the {fmt} format")


@dataclass(frozen=True)
class Cell:
    """One summed figure: indicator, region, period and breakdowns (sorted pairs), with its value."""

    indicator: str
    region: str
    period: str
    breakdowns: tuple[tuple[str, str], ...]
    value: float


def rollup(cells: Iterable[Cell], over: Sequence[str]) -> list[Cell]:
    """The cells summed per key, plus the totals over every subset of the ``over`` breakdowns.

    A cell without one of the ``over`` breakdowns is already a total for it and is kept as it is.
    """
    sums: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], float] = {}
    for cell in cells:
        present = [name for name in over if name in dict(cell.breakdowns)]
        for size in range(len(present) + 1):
            for dropped in combinations(present, size):
                kept = tuple((k, v) for k, v in cell.breakdowns if k not in dropped)
                key = (cell.indicator, cell.region, cell.period, kept)
                sums[key] = sums.get(key, 0.0) + cell.value
    return [Cell(i, r, p, b, v) for (i, r, p, b), v in sums.items()]


@dataclass(frozen=True)
class Ratio:
    """A derived indicator: numerator (a sum of breakdown selections) over denominator, times ``scale``.

    An empty ``denominator`` makes it a plain sum of the numerator parts (times ``scale``). A numerator part
    without a figure makes no result, unless ``missing_parts_are_zero`` (files that list only non-zero rows).
    """

    indicator: str
    numerator: str
    numerator_parts: tuple[tuple[tuple[str, str], ...], ...]
    denominator: str
    denominator_parts: tuple[tuple[tuple[str, str], ...], ...]
    scale: float = 100.0
    keep: tuple[str, ...] = ()
    missing_parts_are_zero: bool = False


def _matches(cell: Cell, part: tuple[tuple[str, str], ...], keep: Sequence[str]) -> bool:
    own = {k: v for k, v in cell.breakdowns if k not in keep}
    return own == dict(part)


def _summed(
    cells: Sequence[Cell], indicator: str, parts: Sequence[tuple[tuple[str, str], ...]], keep: Sequence[str]
) -> dict[tuple[str, str, tuple[tuple[str, str], ...]], tuple[float, int]]:
    found: dict[tuple[str, str, tuple[tuple[str, str], ...]], tuple[float, int]] = {}
    for cell in cells:
        if cell.indicator != indicator:
            continue
        for part in parts:
            if _matches(cell, part, keep):
                kept = tuple((k, v) for k, v in cell.breakdowns if k in keep)
                key = (cell.region, cell.period, kept)
                total, count = found.get(key, (0.0, 0))
                found[key] = (total + cell.value, count + 1)
    return found


def derive_ratios(cells: Sequence[Cell], ratio: Ratio) -> list[tuple[Cell, float, float]]:
    """(derived cell, numerator, denominator) wherever every numerator part and the denominator exist.

    Breakdowns named in ``keep`` (such as gender) are carried over: one ratio per value.
    A zero denominator gives no figure rather than a division error.
    """
    numerators = _summed(cells, ratio.numerator, ratio.numerator_parts, ratio.keep)
    if not ratio.denominator:
        return [
            (Cell(ratio.indicator, region, period, kept, num * ratio.scale), num, 1.0)
            for (region, period, kept), (num, count) in sorted(numerators.items())
            if count == len(ratio.numerator_parts) or ratio.missing_parts_are_zero
        ]
    denominators = _summed(cells, ratio.denominator, ratio.denominator_parts, ratio.keep)
    out: list[tuple[Cell, float, float]] = []
    for key, (num, count) in sorted(numerators.items()):
        if (
            count < len(ratio.numerator_parts) and not ratio.missing_parts_are_zero
        ) or key not in denominators:
            continue
        den, den_count = denominators[key]
        if den_count < len(ratio.denominator_parts) or den == 0:
            continue
        region, period, kept = key
        out.append((Cell(ratio.indicator, region, period, kept, num / den * ratio.scale), num, den))
    return out


def parse_parts(spec: object) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Breakdown selections from YAML: a mapping, or a list of mappings that are summed."""
    items = spec if isinstance(spec, list) else [spec or {}]
    parts = []
    for item in items:
        if not isinstance(item, Mapping):
            raise ValueError(f"a breakdown selection must be a mapping, not {item!r}")
        parts.append(tuple(sorted((str(k), str(v)) for k, v in item.items())))
    return tuple(parts)
