"""Learning routes: a weighted set cover of missing skills by stations, closed under prerequisites."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

__all__ = ["HOUR_VALUE_EUR", "UNKNOWN_HOURS", "Station", "Filters", "Step", "Route", "weight", "find_route"]

# A learner's hour counts as this many euros, so a route balances fees against time spent.
HOUR_VALUE_EUR = 25.0
# Hours assumed (for the weight only, never shown) when an offer does not state its duration.
UNKNOWN_HOURS = 200.0


@dataclass(frozen=True)
class Station:
    """An offer that can be a station of a route: what it teaches, what it takes, what must come first."""

    id: int
    title: str
    provider: str
    skills: frozenset[str]
    hours: float | None = None
    cost_eur: float | None = None
    region: str = ""
    form: str = ""
    level: str = ""
    prerequisites: tuple[int, ...] = ()
    lines: tuple[tuple[int, int], ...] = ()  # (line id, position on that line)


@dataclass(frozen=True)
class Filters:
    """Which stations may be used and how much the whole route may take."""

    region: str | None = None
    form: str | None = None
    level: str | None = None
    max_hours: float | None = None
    max_cost: float | None = None

    def admits(self, station: Station) -> bool:
        """True when the station passes the region, form and level filters (empty region = anywhere)."""
        if self.region and station.region and station.region != self.region:
            return False
        if self.form and station.form != self.form:
            return False
        return not (self.level and station.level != self.level)


@dataclass(frozen=True)
class Step:
    """One station of a route and why it is there."""

    station: Station
    teaches: tuple[str, ...]
    required_by: tuple[int, ...] = ()


@dataclass(frozen=True)
class Route:
    """The stations in the order to follow them, the skills they cover and what no station teaches."""

    steps: tuple[Step, ...]
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    hours: float
    cost_eur: float
    weight: float


def weight(station: Station) -> float:
    """The cost the cover minimises: fee plus the learner's hours valued at HOUR_VALUE_EUR."""
    hours = station.hours if station.hours is not None else UNKNOWN_HOURS
    return (station.cost_eur or 0.0) + HOUR_VALUE_EUR * hours


def _closure(sid: int, by_id: Mapping[int, Station]) -> frozenset[int] | None:
    """The station with all its transitive prerequisites; None when one of them is not available."""
    seen: set[int] = set()
    todo = [sid]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        if current not in by_id:
            return None
        seen.add(current)
        todo.extend(by_id[current].prerequisites)
    return frozenset(seen)


def _within(chosen: Iterable[int], by_id: Mapping[int, Station], filters: Filters) -> bool:
    items = [by_id[i] for i in chosen]
    if filters.max_hours is not None and sum(s.hours or 0.0 for s in items) > filters.max_hours:
        return False
    return filters.max_cost is None or sum(s.cost_eur or 0.0 for s in items) <= filters.max_cost


def _greedy(need: set[str], by_id: Mapping[int, Station], filters: Filters) -> set[int]:
    index: dict[str, set[int]] = {}
    for station in by_id.values():
        for uri in station.skills & need:
            index.setdefault(uri, set()).add(station.id)
    closures = {sid: _closure(sid, by_id) for ids in index.values() for sid in ids}
    chosen: set[int] = set()
    uncovered = set(index)
    while uncovered:
        best: tuple[float, int, int] | None = None
        best_set: frozenset[int] = frozenset()
        for sid in sorted({s for uri in uncovered for s in index[uri]}):
            closure = closures[sid]
            if closure is None:
                continue
            new = closure - chosen
            gain = len(set().union(*(by_id[i].skills for i in new)) & uncovered) if new else 0
            if not gain or not _within(chosen | new, by_id, filters):
                continue
            key = (sum(weight(by_id[i]) for i in new) / gain, -gain, sid)
            if best is None or key < best:
                best, best_set = key, new
        if best is None:
            break
        chosen |= best_set
        uncovered -= set().union(*(by_id[i].skills for i in best_set))
    return chosen


def _prune(chosen: set[int], need: set[str], by_id: Mapping[int, Station]) -> set[int]:
    """Drop stations (dearest first) that nothing needs: coverage and prerequisites stay intact."""
    target = set().union(*(by_id[i].skills for i in chosen)) & need if chosen else set()
    for sid in sorted(chosen, key=lambda i: (-weight(by_id[i]), i)):
        rest = chosen - {sid}
        if any(sid in by_id[i].prerequisites for i in rest):
            continue
        if rest and target <= set().union(*(by_id[i].skills for i in rest)):
            chosen = rest
    return chosen


def _total(chosen: set[int], by_id: Mapping[int, Station]) -> float:
    return sum(weight(by_id[i]) for i in chosen)


def _improve(chosen: set[int], need: set[str], by_id: Mapping[int, Station], filters: Filters) -> set[int]:
    """Local search: add one station (with its prerequisites), drop what became redundant; keep if cheaper."""
    candidates = sorted(sid for sid, s in by_id.items() if s.skills & need and sid not in chosen)
    for _round in range(4):
        improved = False
        for sid in candidates:
            closure = _closure(sid, by_id)
            if closure is None or closure <= chosen:
                continue
            trial = _prune(chosen | closure, need, by_id)
            if _total(trial, by_id) < _total(chosen, by_id) - 1e-9 and _within(trial, by_id, filters):
                chosen, improved = trial, True
        if not improved:
            break
    return chosen


def _exact(need: set[str], by_id: Mapping[int, Station], time_limit: float) -> set[int] | None:
    """The cheapest cover with prerequisites by integer programming (HiGHS); None when it gives up."""
    closures = {sid: _closure(sid, by_id) for sid, s in by_id.items() if s.skills & need}
    pool = sorted(set().union(*(c for c in closures.values() if c is not None)) if closures else set())
    teachable = sorted(set().union(*(by_id[i].skills for i in pool)) & need) if pool else []
    if not teachable:
        return set()
    col = {sid: i for i, sid in enumerate(pool)}
    rows: list[list[float]] = []
    lower: list[float] = []
    for uri in teachable:
        rows.append([1.0 if uri in by_id[sid].skills else 0.0 for sid in pool])
        lower.append(1.0)
    for sid in pool:
        for pre in by_id[sid].prerequisites:
            row = [0.0] * len(pool)
            row[col[sid]], row[col[pre]] = -1.0, 1.0
            rows.append(row)
            lower.append(0.0)
    result = milp(
        np.array([weight(by_id[sid]) for sid in pool]),
        constraints=LinearConstraint(np.array(rows), np.array(lower), np.inf),
        integrality=np.ones(len(pool)),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "disp": False},
    )
    if result.x is None or result.status not in (0, 1):
        return None
    return {sid for sid, x in zip(pool, result.x, strict=True) if x > 0.5}


def _order(chosen: set[int], by_id: Mapping[int, Station]) -> list[int]:
    """Prerequisites first, then line order, then id (a stable topological order)."""

    def rank(sid: int) -> tuple[int, int, int]:
        line, position = min(by_id[sid].lines) if by_id[sid].lines else (1 << 30, 0)
        return (line, position, sid)

    done: list[int] = []
    placed: set[int] = set()
    pending = sorted(chosen, key=rank)
    while pending:
        ready = [s for s in pending if all(p in placed or p not in chosen for p in by_id[s].prerequisites)]
        nxt = ready[0] if ready else pending[0]
        done.append(nxt)
        placed.add(nxt)
        pending.remove(nxt)
    return done


def find_route(
    skills: Sequence[str],
    stations: Iterable[Station],
    filters: Filters | None = None,
    *,
    exact: bool = True,
    time_limit: float = 0.15,
) -> Route:
    """A cheap set of stations teaching the missing ``skills`` under ``filters``, ordered to follow.

    Greedy cover plus local search; with ``exact`` and no hour or cost budget, an integer program
    (HiGHS, bounded by ``time_limit`` seconds) replaces it when it finds a cheaper cover.
    """
    filters = filters or Filters()
    need = {s for s in skills if s}
    by_id = {s.id: s for s in stations if filters.admits(s)}
    chosen = _improve(_prune(_greedy(need, by_id, filters), need, by_id), need, by_id, filters)
    if exact and filters.max_hours is None and filters.max_cost is None:
        best = _exact(need, by_id, time_limit)
        if best is not None and _total(best, by_id) < _total(chosen, by_id) - 1e-9:
            chosen = best
    covered: set[str] = set()
    steps: list[Step] = []
    for sid in _order(chosen, by_id):
        station = by_id[sid]
        teaches = tuple(sorted((station.skills & need) - covered))
        covered |= station.skills & need
        required_by = tuple(sorted(i for i in chosen if sid in by_id[i].prerequisites))
        steps.append(Step(station=station, teaches=teaches, required_by=required_by))
    items = [by_id[i] for i in chosen]
    return Route(
        steps=tuple(steps),
        covered=tuple(s for s in skills if s in covered),
        missing=tuple(s for s in skills if s and s not in covered),
        hours=sum(s.hours or 0.0 for s in items),
        cost_eur=sum(s.cost_eur or 0.0 for s in items),
        weight=sum(weight(s) for s in items),
    )
