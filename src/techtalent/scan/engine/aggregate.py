"""Aggregates over several companies or respondents, never over fewer than MIN_CONTRIBUTORS."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["MIN_CONTRIBUTORS", "Aggregate", "aggregate_levels", "aggregate_themes"]

MIN_CONTRIBUTORS = 5


@dataclass(frozen=True)
class Aggregate:
    """Mean and distribution of one section over n contributors (n ≥ MIN_CONTRIBUTORS)."""

    section: str
    n: int
    mean: float
    distribution: Mapping[int, int]


def _aggregate(
    rows: Sequence[Mapping[str, float | None]], *, minimum: int, bucket: bool
) -> dict[str, Aggregate | None]:
    sections = sorted({code for row in rows for code in row})
    out: dict[str, Aggregate | None] = {}
    for code in sections:
        values = [float(v) for row in rows if (v := row.get(code)) is not None]
        if len(values) < max(minimum, MIN_CONTRIBUTORS):
            out[code] = None  # suppressed: too few contributors to show without revealing one of them
            continue
        dist = Counter(int(v) if bucket else int(v // 20) * 20 for v in values)
        out[code] = Aggregate(
            code, len(values), round(sum(values) / len(values), 2), dict(sorted(dist.items()))
        )
    return out


def aggregate_levels(
    rows: Sequence[Mapping[str, int | None]], *, minimum: int = MIN_CONTRIBUTORS
) -> dict[str, Aggregate | None]:
    """Per section the mean level and level counts, or None where fewer than the minimum contributed."""
    return _aggregate(
        [{k: (None if v is None else float(v)) for k, v in r.items()} for r in rows],
        minimum=minimum,
        bucket=True,
    )


def aggregate_themes(
    rows: Sequence[Mapping[str, float | None]], *, minimum: int = MIN_CONTRIBUTORS
) -> dict[str, Aggregate | None]:
    """Per theme the mean 0–100 score and counts per band of 20, or None below the minimum."""
    return _aggregate(rows, minimum=minimum, bucket=False)
