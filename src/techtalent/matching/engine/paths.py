"""Transition paths A → B → C between occupations where every step's gap stays under a limit.

A person keeps what they know: after a step into an occupation they also hold its skills (at
"intermediate"). Paths are found by beam search; a step costs its gap size, plus a fixed penalty for the move
itself (so a direct step beats a detour that learns the same skills), minus a bonus for moving into a shortage
occupation (bonus × shortage weight in [0, 1]); a path costs the sum of its steps.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from techtalent.matching.engine.gaps import gap_sizes, occupation_passport
from techtalent.matching.engine.model import PROFICIENCIES, MatchModel, Proficiency

__all__ = ["Path", "Step", "transition_paths"]


@dataclass(frozen=True)
class Step:
    """One move into an occupation: the gap to close first and the occupation's shortage weight."""

    occupation: str
    gap: float
    shortage: float


@dataclass(frozen=True)
class Path:
    """A sequence of steps from a start (an occupation URI, or None for a person's passport)."""

    start: str | None
    steps: tuple[Step, ...]
    cost: float

    @property
    def end(self) -> str:
        """The occupation the path arrives at."""
        return self.steps[-1].occupation

    @property
    def total_gap(self) -> float:
        """The sum of the steps' gaps."""
        return sum(step.gap for step in self.steps)


@dataclass(frozen=True)
class _State:
    skills: Mapping[str, Proficiency]
    path: Path


def transition_paths(
    model: MatchModel,
    start: str | Mapping[str, Proficiency],
    *,
    to: str | None = None,
    max_steps: int = 3,
    max_gap: float = 0.35,
    shortage: Mapping[str, float] | Collection[str] = (),
    shortage_bonus: float = 0.15,
    step_penalty: float = 0.1,
    beam: int = 8,
    top: int = 10,
) -> list[Path]:
    """Paths from an occupation (URI) or a passport to `to`, or to any occupation, best (cheapest) first."""
    if max_steps < 1:
        raise ValueError("max_steps must be at least 1")
    if to is not None and to not in model.occupation_index:
        raise KeyError(f"unknown occupation: {to}")
    weights = _shortage_weights(shortage)
    if isinstance(start, str):
        first = _State(occupation_passport(model, start), Path(start, (), 0.0))
    else:
        first = _State(dict(start), Path(None, (), 0.0))

    found: dict[str, Path] = {}
    frontier = [first]
    for depth in range(1, max_steps + 1):
        candidates: list[_State] = []
        for state in frontier:
            sizes = gap_sizes(model, state.skills)
            visited = {step.occupation for step in state.path.steps} | {state.path.start}
            for o in np.flatnonzero(sizes <= max_gap):
                uri = model.occupations[int(o)]
                if uri in visited:
                    continue
                tension = weights.get(uri, 0.0)
                step = Step(uri, float(sizes[o]), tension)
                path = Path(
                    state.path.start,
                    state.path.steps + (step,),
                    state.path.cost + step.gap + step_penalty - shortage_bonus * tension,
                )
                if to is None or uri == to:
                    _keep_best(found, path)
                if depth < max_steps and uri != to:
                    candidates.append(_State(_learn(model, state.skills, uri), path))
        candidates.sort(key=lambda s: _rank(s.path))
        frontier = _distinct_ends(candidates, beam)
        if not frontier:
            break
    return sorted(found.values(), key=_rank)[:top]


def _rank(path: Path) -> tuple[float, int, tuple[str, ...]]:
    return (path.cost, len(path.steps), tuple(step.occupation for step in path.steps))


def _keep_best(found: dict[str, Path], path: Path) -> None:
    known = found.get(path.end)
    if known is None or _rank(path) < _rank(known):
        found[path.end] = path


def _distinct_ends(states: list[_State], limit: int) -> list[_State]:
    """The cheapest `limit` states, at most one per end occupation (states arrive sorted)."""
    seen: set[str] = set()
    kept: list[_State] = []
    for state in states:
        if state.path.end not in seen:
            seen.add(state.path.end)
            kept.append(state)
            if len(kept) == limit:
                break
    return kept


def _learn(model: MatchModel, skills: Mapping[str, Proficiency], occupation: str) -> dict[str, Proficiency]:
    """The passport after working in `occupation`: old skills kept, its skills added at intermediate."""
    merged = dict(skills)
    rank = {p: i for i, p in enumerate(PROFICIENCIES)}
    for uri in occupation_passport(model, occupation, "intermediate"):
        if uri not in merged or rank[merged[uri]] < rank["intermediate"]:
            merged[uri] = "intermediate"
    return merged


def _shortage_weights(shortage: Mapping[str, float] | Collection[str]) -> dict[str, float]:
    if isinstance(shortage, Mapping):
        return {uri: min(max(float(w), 0.0), 1.0) for uri, w in shortage.items()}
    return dict.fromkeys(shortage, 1.0)
