"""Transition paths from a person (or an occupation) to a target set of occupations, at most N steps.

The graph: a person can step into an occupation whose essential core they already cover for the most part
(step cost = the essential gap, the share of its essential weight they still lack, allowed up to
``max_first_gap``; as a stepping stone to a further step up to ``max_through_gap``, the gap beyond
``max_first_gap`` counted twice); from an occupation a one can move to b when they are similar enough
(similarity ≥ ``min_similarity``) and b asks at most ``max_step_gap`` of its essential weight beyond what a
lists; the move costs the mean of 1 − similarity and that gap. Every step also costs ``step_penalty`` (a
direct step beats a detour) and earns ``shortage_bonus`` × shortage weight for arriving in a shortage
occupation. The occupations the person has held are starting points at cost 0. Paths are the cheapest of
at most ``max_steps`` steps, found exactly by dynamic programming over the dense similarity matrix (one
vectorised pass per step).

A person has their passport and the essential skills of the jobs they held (for an occupation start: its
essential skills); a first step priced from a job held must also leave at most ``max_step_gap`` of its
essential weight to learn given what the person has, not only given the job's listed skills. Per step the
person learns the occupation's essential skills; the skills to learn at each step are the essential skills
of its occupation not yet held (nor credited in part) after the steps before it, so the first step's gap
and its skills to learn are computed on the same skills.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techtalent.matching.engine.explain import explain
from techtalent.matching.engine.model import PROFICIENCIES, MatchModel, Proficiency
from techtalent.matching.engine.occupations import occupation_requirements
from techtalent.matching.engine.scoring import credit_matrix, level_matrix
from techtalent.matching.engine.similarity import OccupationGraph

__all__ = ["Path", "Step", "essential_gaps", "transition_paths"]


@dataclass(frozen=True)
class Step:
    """One move into an occupation, what it takes, and why it is possible."""

    occupation: str
    gap: float  # share of the occupation's essential weight still to learn when taking the step
    shortage: float
    similarity: float | None  # to the occupation before (None for a first step from the passport)
    to_learn: tuple[str, ...]  # essential skills still to learn, heaviest first
    essential_total: int


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


def essential_gaps(model: MatchModel, skills: Mapping[str, Proficiency]) -> np.ndarray:
    """(occupations,) share of each occupation's essential weight a passport does not yet cover."""
    return _gaps(model, _credit(model, skills))


def _gaps(model: MatchModel, credit: np.ndarray) -> np.ndarray:
    """:func:`essential_gaps` for a passport's :func:`_credit`."""
    weights = (model.essential @ sparse.diags(model.idf)).tocsr()
    totals = np.asarray(weights.sum(axis=1)).ravel()
    covered = (weights @ credit).ravel()
    share = np.divide(covered, totals, out=np.zeros(len(totals)), where=totals > 0)  # none: gap 1
    result: np.ndarray = np.clip(1.0 - share, 0.0, 1.0)
    return result


def _credit(model: MatchModel, skills: Mapping[str, Proficiency]) -> np.ndarray:
    """(skills,) what a passport covers of each skill, in [0, 1]; a held skill counts in full."""
    levels = level_matrix(model, [skills])
    held = levels.copy()
    held.data[:] = 1.0
    result: np.ndarray = credit_matrix(model, levels).maximum(held).toarray().ravel()
    return result


def _person_step_gaps(model: MatchModel, credit: np.ndarray) -> np.ndarray:
    """(occupations, occupations) share of b's essential weight still to learn for a person whose passport
    covers ``credit`` (:func:`_credit`) and who has worked in occupation a: what a move a → b asks of *this*
    person.

    Coverage of b by the passport together with a's listed skills: the passport's own coverage plus a's
    listed skills where the passport falls short. A step is then priced by what it asks beyond what the
    person and the occupation before it already bring, so an intermediate occupation is worth taking only
    for the target's skills it teaches, not for a few general skills it shares with the passport."""
    weights = (model.essential @ sparse.diags(model.idf)).tocsr().astype(np.float32)
    totals = np.asarray(weights.sum(axis=1)).ravel()
    own = weights @ credit.astype(np.float32)
    listed = model.membership.astype(np.float32) @ sparse.diags((1.0 - credit).astype(np.float32))
    covered = (listed @ weights.T).toarray() + own[None, :]
    share = np.divide(covered, totals[None, :], out=np.zeros_like(covered), where=totals[None, :] > 0)
    result: np.ndarray = np.clip(1.0 - share, 0.0, 1.0).astype(np.float32)
    return result


def transition_paths(
    model: MatchModel,
    graph: OccupationGraph,
    start: str | Mapping[str, Proficiency],
    *,
    targets: Collection[str] | None = None,
    held: Sequence[str] = (),
    max_steps: int = 3,
    max_first_gap: float = 0.75,
    max_through_gap: float = 0.85,
    min_similarity: float = 0.15,
    max_step_gap: float = 0.95,
    shortage: Mapping[str, float] | Collection[str] = (),
    shortage_bonus: float = 0.1,
    step_penalty: float = 0.1,
    top: int = 5,
) -> list[Path]:
    """The cheapest paths to distinct target occupations (default: any occupation not held), best first."""
    if max_steps < 1:
        raise ValueError("max_steps must be at least 1")
    n = len(model.occupations)
    weights = _shortage_weights(shortage)
    bonus = np.zeros(n)
    for uri, w in weights.items():
        if uri in model.occupation_index:
            bonus[model.occupation_index[uri]] = shortage_bonus * w
    if isinstance(start, str):
        if start not in model.occupation_index:
            raise KeyError(f"unknown occupation: {start}")
        skills = _occupation_skills(model, start)
        origins = [model.occupation_index[start]]
    else:
        origins = [model.occupation_index[u] for u in held if u in model.occupation_index]
        skills = _with_held(model, dict(start), origins)
    goal = _target_mask(model, targets, origins)

    inf = np.inf
    credit = _credit(model, skills)
    first_gap = _gaps(model, credit)
    # A first step straight from the passport that is the destination must leave at most max_first_gap to
    # learn; one on the way to a further step (similar to it, by the move's own rules) may leave up to
    # max_through_gap, paying the gap beyond max_first_gap twice (no cliff). With one cliff at 0.75, Henk's
    # passport (walk of 3 December) entered the scrap metal operative (gap 0.67, through hydraulics, health
    # and safety, verbal instructions) but not the pneumatic systems fitter (0.76, similarity 0.70 to the
    # forging machinery mechanic; the scrap metal operative: 0.19).
    entry = first_gap + step_penalty - bonus
    over = np.maximum(first_gap - max_first_gap, 0.0)
    through = np.where(first_gap <= max(max_first_gap, max_through_gap), entry + over, inf)
    layer = np.where(first_gap <= max_first_gap, entry, inf)
    back = np.full(n, -1, dtype=np.int64)  # -1: straight from the passport
    back_through = back.copy()
    sim = graph.similarity
    between = graph.gap if graph.gap is not None else np.zeros_like(sim)
    # A move a → b must be a transition between the occupations (b asks at most max_step_gap beyond a's
    # listed skills), but it is priced for this person: b's essential weight that neither the passport (with
    # the jobs held) nor a's listed skills cover. Priced on a's skills alone, a small occupation the passport
    # enters through a few general skills ("operator metaalversnipperaar": hydraulics, health and safety)
    # was a cheap first step to maintenance jobs, though it teaches little of them.
    price = np.minimum(_person_step_gaps(model, credit), between)
    edge = np.where(
        (sim >= min_similarity) & (between <= max_step_gap),
        np.float32(step_penalty) + (np.float32(1.0) - sim + price) / np.float32(2.0),
        np.float32(inf),
    )
    if origins:
        from_origin = edge[origins].astype(np.float64)
        best = from_origin.argmin(axis=0)
        via_origin = from_origin[best, np.arange(n)] - bonus
        # A move from a job held is also a first step: what the person has must cover part of its
        # essential core (as much as a move between occupations asks), however close the occupation lies
        # to the job held. A neighbour sharing none of it ("smeerder", 9 of 9 to learn) is no first step.
        via_origin = np.where(first_gap <= max_step_gap, via_origin, inf)
        better = via_origin < layer
        layer = np.where(better, via_origin, layer)
        back = np.where(better, np.asarray(origins)[best], back)
        better = via_origin < through
        through = np.where(better, via_origin, through)
        back_through = np.where(better, np.asarray(origins)[best], back_through)
    layer[origins] = inf
    through[origins] = inf
    ends, end_backs = np.maximum(layer, 0.0), back  # depth 0 as a destination
    layers, backs = [np.maximum(through, 0.0)], [back_through]  # depth 0 on the way to a further step
    for _ in range(1, max_steps):
        previous = layers[-1]
        reachable = np.flatnonzero(np.isfinite(previous))
        if not len(reachable):
            break
        candidates = previous[reachable, None] + edge[reachable]
        best = candidates.argmin(axis=0)
        nxt = np.maximum(candidates[best, np.arange(n)] - bonus, 0.0)
        nxt[origins] = inf
        layers.append(nxt)
        backs.append(reachable[best])

    found: list[tuple[float, int, int]] = []  # (cost, depth, occupation)
    arrivals = [ends, *layers[1:]]
    for o in np.flatnonzero(goal):
        costs = [(float(layer[o]), d) for d, layer in enumerate(arrivals) if np.isfinite(layer[o])]
        if costs:
            cost, depth = min(costs)
            found.append((cost, depth, int(o)))
    found.sort()
    return [
        _path(model, sim, skills, start, arrivals, [end_backs] if d == 0 else backs, d, o, weights)
        for _, d, o in found[:top]
    ]


def _target_mask(model: MatchModel, targets: Collection[str] | None, origins: Sequence[int]) -> np.ndarray:
    n = len(model.occupations)
    if targets is None:
        mask = np.ones(n, dtype=bool)
    else:
        mask = np.zeros(n, dtype=bool)
        for uri in targets:
            if uri in model.occupation_index:
                mask[model.occupation_index[uri]] = True
    mask[list(origins)] = False
    return mask


def _path(
    model: MatchModel,
    sim: np.ndarray,
    skills: Mapping[str, Proficiency],
    start: str | Mapping[str, Proficiency],
    layers: list[np.ndarray],
    backs: list[np.ndarray],
    depth: int,
    end: int,
    shortage: Mapping[str, float],
) -> Path:
    chain = [end]
    for d in range(depth, 0, -1):
        chain.append(int(backs[d][chain[-1]]))
    origin = int(backs[0][chain[-1]])
    chain.reverse()
    known = dict(skills)
    steps: list[Step] = []
    before = origin if origin >= 0 else None
    for o in chain:
        uri = model.occupations[o]
        why = explain(model, known, occupation_requirements(model, uri))
        essential = [r for r in occupation_requirements(model, uri) if r.relation == "essential"]
        total = sum(r.weight for r in essential) or 1.0
        todo = [m.skill for m in why.missing_essential] + [
            p.skill for p in why.partial if p.relation == "essential"
        ]
        left = sum(m.weight for m in why.missing_essential) + sum(
            p.weight * (1 - p.credit) for p in why.partial if p.relation == "essential"
        )
        share_total = sum(r.weight for r in occupation_requirements(model, uri))
        steps.append(
            Step(
                occupation=uri,
                gap=min(1.0, left * share_total / total),
                shortage=float(shortage.get(uri, 0.0)),
                similarity=float(sim[before, o]) if before is not None else None,
                to_learn=tuple(todo),
                essential_total=len(essential),
            )
        )
        known.update(_occupation_skills(model, uri, "intermediate"))
        for uri_held, level in skills.items():  # a skill held better stays at its level
            known[uri_held] = _higher(known.get(uri_held, level), level)
        before = o
    start_uri = start if isinstance(start, str) else None
    return Path(start_uri, tuple(steps), float(layers[depth][end]))


def _with_held(
    model: MatchModel, skills: dict[str, Proficiency], origins: Sequence[int]
) -> dict[str, Proficiency]:
    """The passport plus the essential skills of the jobs held (at "intermediate", a passport level above
    it kept): what the person has, for the first step's gap and for the skills to learn on every step."""
    has = dict(skills)
    for o in origins:
        for uri, level in _occupation_skills(model, model.occupations[o], "intermediate").items():
            has[uri] = _higher(has.get(uri, level), level)
    return has


def _higher(a: Proficiency, b: Proficiency) -> Proficiency:
    return a if PROFICIENCIES.index(a) >= PROFICIENCIES.index(b) else b


def _occupation_skills(
    model: MatchModel, occupation: str, proficiency: Proficiency = "advanced"
) -> dict[str, Proficiency]:
    return {
        model.skills[r.skill]: proficiency
        for r in occupation_requirements(model, occupation)
        if r.relation == "essential"
    }


def _shortage_weights(shortage: Mapping[str, float] | Collection[str]) -> dict[str, float]:
    if isinstance(shortage, Mapping):
        return {uri: min(max(float(w), 0.0), 1.0) for uri, w in shortage.items()}
    return dict.fromkeys(shortage, 1.0)
