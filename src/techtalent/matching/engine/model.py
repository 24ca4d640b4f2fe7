"""The matching model: occupations, skills and their relations as sparse matrices, built from plain records.

Weights: an occupation requires each of its skills with weight ``idf(skill) × relation weight`` (essential
above optional), where ``idf = ln(1 + occupations / occupations using the skill)`` so that rare skills weigh
more. A person's skill earns credit by proficiency; a skill they do not hold can still earn part of its
weight through a skill they do hold: one step away in the skill hierarchy ("broader"), sharing a direct
broader skill ("sibling") or linked in ESCO's skill–skill relations ("related").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from scipy import sparse

__all__ = [
    "PROFICIENCIES",
    "VIAS",
    "MatchModel",
    "MatchSettings",
    "OccupationSkill",
    "Proficiency",
    "Relation",
    "Via",
    "build_model",
    "with_settings",
]

Proficiency = Literal["basic", "intermediate", "advanced", "expert"]
Relation = Literal["essential", "optional"]
Via = Literal["broader", "sibling", "related"]
PROFICIENCIES: tuple[Proficiency, ...] = ("basic", "intermediate", "advanced", "expert")
VIAS: tuple[Via, ...] = ("broader", "related", "sibling")  # order breaks ties in explanations


@dataclass(frozen=True)
class MatchSettings:
    """The tunable numbers of the matching engine, with documented defaults (see docs/matching.md)."""

    essential_weight: float = 1.0
    optional_weight: float = 0.9
    proficiency_credit: Mapping[str, float] = field(
        default_factory=lambda: {"basic": 0.5, "intermediate": 0.75, "advanced": 0.9, "expert": 1.0}
    )
    broader_credit: float = 0.5
    related_credit: float = 0.4
    sibling_credit: float = 0.25
    # score = coverage^(1 − balance) × relevance^balance: 0 is pure coverage of the occupation, 1 pure use of
    # the person's skills, 0.5 the geometric mean of both sides.
    balance: float = 0.5
    # Specificity of a held skill in the relevance side: each held skill counts idf^(1 + specificity), so a
    # skill listed by a handful of occupations ("perform tungsten inert gas welding") says more about where
    # the person fits than one listed by hundreds ("technical drawings"); 0 is plain idf.
    specificity: float = 0.0
    # Logistic map from log(score) to the chance the occupation fits (engine/calibration.py); fitted by
    # bench/matching_calibrate.py on dev seeds of noisy ESCO passports.
    calibration_intercept: float = 4.52
    calibration_slope: float = 3.22

    def __post_init__(self) -> None:
        missing = set(PROFICIENCIES) - set(self.proficiency_credit)
        if missing:
            raise ValueError(f"proficiency_credit lacks {sorted(missing)}")
        for name in ("broader_credit", "related_credit", "sibling_credit", "balance"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1]")
        if self.specificity < 0.0:
            raise ValueError("specificity must not be negative")

    def via_credit(self, via: Via) -> float:
        """The share of a skill's weight earned through a held skill one `via` step away."""
        return {
            "broader": self.broader_credit,
            "related": self.related_credit,
            "sibling": self.sibling_credit,
        }[via]


@dataclass(frozen=True)
class OccupationSkill:
    """One ESCO occupation–skill relation."""

    occupation: str
    skill: str
    relation: Relation


@dataclass(frozen=True, eq=False)
class MatchModel:
    """Everything the engine needs, as index maps and sparse matrices (rows: occupations or skills)."""

    occupations: tuple[str, ...]
    skills: tuple[str, ...]
    occupation_index: Mapping[str, int]
    skill_index: Mapping[str, int]
    settings: MatchSettings
    idf: np.ndarray  # (skills,)
    essential: sparse.csr_matrix  # (occupations, skills) 1.0 where essential
    optional: sparse.csr_matrix  # (occupations, skills) 1.0 where optional (and not essential)
    membership: sparse.csr_matrix  # (occupations, skills) 1.0 where listed at all
    weights: sparse.csr_matrix  # (occupations, skills) requirement weight
    weight_totals: np.ndarray  # (occupations,)
    neighbours: Mapping[str, sparse.csr_matrix]  # via -> symmetric (skills, skills) 0/1 adjacency
    skill_group: np.ndarray  # (skills,) index into groups, -1 when ungrouped
    groups: tuple[str, ...]
    labels: Mapping[str, str]
    isco: Mapping[str, str] = field(default_factory=dict)  # occupation -> ISCO-08 unit group (4 digits)
    transversal: frozenset[str] = frozenset()  # skills of ESCO's transversal collection

    def label(self, uri: str) -> str:
        """The preferred label of a concept, or its URI when unknown."""
        return self.labels.get(uri, uri)

    def occupation_skills(self, occupation: str) -> list[tuple[int, Relation, float]]:
        """The skill indices of one occupation with relation and requirement weight."""
        row = self.occupation_index[occupation]
        ess = set(
            self.essential.indices[self.essential.indptr[row] : self.essential.indptr[row + 1]].tolist()
        )
        start, end = self.weights.indptr[row], self.weights.indptr[row + 1]
        return [
            (int(s), "essential" if s in ess else "optional", float(w))
            for s, w in zip(self.weights.indices[start:end], self.weights.data[start:end], strict=True)
        ]


def build_model(
    occupations: Sequence[str],
    skills: Sequence[str],
    occupation_skills: Iterable[OccupationSkill],
    *,
    broader: Iterable[tuple[str, str]] = (),
    related: Iterable[tuple[str, str]] = (),
    labels: Mapping[str, str] | None = None,
    settings: MatchSettings | None = None,
    group_depth: int = 1,
    isco: Mapping[str, str] | None = None,
    transversal: Iterable[str] = (),
) -> MatchModel:
    """Build a model from records; `broader` holds (narrower, broader) pairs of skills and skill groups.

    Gaps are grouped by the skill group `group_depth` levels below a root of the hierarchy (1: e.g.
    "working with computers" or "information and communication technologies").
    """
    settings = settings or MatchSettings()
    occ_index = {uri: i for i, uri in enumerate(occupations)}
    skill_index = {uri: i for i, uri in enumerate(skills)}
    if len(occ_index) != len(occupations) or len(skill_index) != len(skills):
        raise ValueError("occupation and skill URIs must be unique")
    n_o, n_s = len(occupations), len(skills)

    relation_of: dict[tuple[int, int], Relation] = {}
    for rel in occupation_skills:
        o, s = occ_index.get(rel.occupation), skill_index.get(rel.skill)
        if o is None or s is None:
            continue  # ESCO's export names one occupation that it does not list; such rows carry nothing
        if rel.relation not in ("essential", "optional"):
            raise ValueError(f"unknown relation {rel.relation!r} for {rel.occupation} – {rel.skill}")
        if relation_of.get((o, s)) != "essential":
            relation_of[(o, s)] = rel.relation
    essential = _binary([k for k, r in relation_of.items() if r == "essential"], (n_o, n_s))
    optional = _binary([k for k, r in relation_of.items() if r == "optional"], (n_o, n_s))

    used_by = np.asarray((essential + optional).sum(axis=0)).ravel()
    idf = np.log1p(n_o / np.maximum(used_by, 1.0))
    weights = _requirement_weights(essential, optional, idf, settings)

    broader_pairs = list(broader)
    neighbours = {
        "broader": _symmetric(_skill_pairs(broader_pairs, skill_index), n_s),
        "related": _symmetric(_skill_pairs(related, skill_index), n_s),
        "sibling": _siblings(broader_pairs, skill_index, n_s),
    }
    skill_group, groups = _skill_groups(broader_pairs, skill_index, set(skills), group_depth)
    return MatchModel(
        occupations=tuple(occupations),
        skills=tuple(skills),
        occupation_index=occ_index,
        skill_index=skill_index,
        settings=settings,
        idf=idf,
        essential=essential,
        optional=optional,
        membership=(essential + optional).tocsr(),
        weights=weights,
        weight_totals=np.asarray(weights.sum(axis=1)).ravel(),
        neighbours=neighbours,
        skill_group=skill_group,
        groups=groups,
        labels=dict(labels or {}),
        isco={uri: code for uri, code in (isco or {}).items() if uri in occ_index},
        transversal=frozenset(uri for uri in transversal if uri in skill_index),
    )


def with_settings(model: MatchModel, settings: MatchSettings) -> MatchModel:
    """The same taxonomy under other settings (requirement weights recomputed)."""
    weights = _requirement_weights(model.essential, model.optional, model.idf, settings)
    return replace(
        model, settings=settings, weights=weights, weight_totals=np.asarray(weights.sum(axis=1)).ravel()
    )


def _requirement_weights(
    essential: sparse.csr_matrix, optional: sparse.csr_matrix, idf: np.ndarray, settings: MatchSettings
) -> sparse.csr_matrix:
    weights = (
        (essential * settings.essential_weight + optional * settings.optional_weight) @ sparse.diags(idf)
    ).tocsr()
    weights.sort_indices()
    return weights


def _binary(pairs: Sequence[tuple[int, int]], shape: tuple[int, int]) -> sparse.csr_matrix:
    rows = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    matrix = sparse.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=shape)
    matrix.sort_indices()
    return matrix


def _skill_pairs(pairs: Iterable[tuple[str, str]], index: Mapping[str, int]) -> list[tuple[int, int]]:
    found = ((index.get(a), index.get(b)) for a, b in pairs)
    return [(a, b) for a, b in found if a is not None and b is not None and a != b]


def _symmetric(pairs: list[tuple[int, int]], n: int) -> sparse.csr_matrix:
    both = pairs + [(b, a) for a, b in pairs]
    matrix = _binary(both, (n, n))
    matrix.data[:] = 1.0  # duplicates were summed
    return matrix


def _siblings(pairs: list[tuple[str, str]], index: Mapping[str, int], n: int) -> sparse.csr_matrix:
    # Only children of the same broader *skill* (e.g. two programming languages) count as siblings: a skill
    # group holds up to ~270 skills, too many to say anything about each other.
    children: dict[str, list[int]] = defaultdict(list)
    for child, parent in pairs:
        if child in index and parent in index:
            children[parent].append(index[child])
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for members in children.values():
        group = np.unique(np.asarray(members, dtype=np.int64))
        rows.append(np.repeat(group, len(group)))
        cols.append(np.tile(group, len(group)))
    if not rows:
        return sparse.csr_matrix((n, n))
    r, c = np.concatenate(rows), np.concatenate(cols)
    keep = r != c
    matrix = sparse.csr_matrix((np.ones(int(keep.sum())), (r[keep], c[keep])), shape=(n, n))
    matrix.data[:] = 1.0
    matrix.sort_indices()
    return matrix


def _skill_groups(
    pairs: list[tuple[str, str]], index: Mapping[str, int], skills: set[str], depth: int
) -> tuple[np.ndarray, tuple[str, ...]]:
    """For each skill, its ancestor group at `depth` below a root (first parent in sorted order)."""
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent in pairs:
        parents[child].append(parent)
    for plist in parents.values():
        plist.sort()

    def chain(uri: str) -> list[str]:
        path, seen = [uri], {uri}
        while parents.get(path[-1]):
            nxt = next((p for p in parents[path[-1]] if p not in seen), None)
            if nxt is None:
                break
            path.append(nxt)
            seen.add(nxt)
        return path

    groups: dict[str, int] = {}
    assignment = np.full(len(index), -1, dtype=np.int64)
    for uri, i in index.items():
        ancestors = [a for a in reversed(chain(uri)) if a not in skills]  # root first, groups only
        if ancestors:
            group = ancestors[min(depth, len(ancestors) - 1)]
            assignment[i] = groups.setdefault(group, len(groups))
    return assignment, tuple(groups)
