"""Occupation-to-occupation similarity from skills, skill groups and the ISCO hierarchy.

Like Nesta's Mapping Career Causeways (ESCO-based "viable transitions"), similarity averages several views
of two occupations; we use what ESCO itself gives (no sentence embeddings):

* skills: cosine of the occupations' idf-weighted skill vectors (essential 1, optional ``optional``), each
  vector first spread to neighbouring skills (broader, related, sibling; ``spread`` of each skill's
  weight, shared equally among its neighbours) so that two jobs
  asking for closely related skills still overlap;
* skill groups: cosine of the weight per skill group (what kind of work: Career Causeways' "work activities");
* ISCO: 1 in the same unit group, 0.6 same minor group, 0.3 same sub-major group, 0.1 same major group.

similarity = w_skills · skills + w_groups · groups + w_isco · isco, in [0, 1].

Beside it, the (directed) essential gap: the share of b's essential weight that someone who works in a does
not have among a's listed skills — what a move a → b asks to learn (Career Causeways' feasibility side).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from techtalent.matching.engine.model import VIAS, MatchModel

__all__ = ["OccupationGraph", "SimilaritySettings", "occupation_graph"]


@dataclass(frozen=True)
class SimilaritySettings:
    """Weights of the similarity views and of the skill spreading."""

    skills: float = 0.7
    groups: float = 0.1
    isco: float = 0.2
    optional: float = 0.5
    spread: float = 0.3


@dataclass(frozen=True, eq=False)
class OccupationGraph:
    """Dense (occupations, occupations) similarity (diagonal 0) and essential gap a → b, float32."""

    similarity: np.ndarray
    settings: SimilaritySettings
    gap: np.ndarray | None = None

    def neighbours(self, model: MatchModel, occupation: str, top: int = 10) -> list[tuple[str, float]]:
        """The `top` most similar occupations, most similar first."""
        row = self.similarity[model.occupation_index[occupation]]
        order = np.argsort(-row, kind="stable")[:top]
        return [(model.occupations[int(o)], float(row[o])) for o in order]


def _cosine(vectors: sparse.csr_matrix) -> np.ndarray:
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros(len(norms)), where=norms > 0)
    unit = (sparse.diags(inverse) @ vectors).tocsr().astype(np.float32)
    result: np.ndarray = (unit @ unit.T).toarray()
    return result


def _isco_similarity(model: MatchModel) -> np.ndarray:
    codes = [model.isco.get(uri, "") for uri in model.occupations]
    result = np.zeros((len(codes), len(codes)), dtype=np.float32)
    for digits, value in ((1, 0.1), (2, 0.3), (3, 0.6), (4, 1.0)):
        prefix = np.asarray([c[:digits] if len(c) >= digits else f"-{i}" for i, c in enumerate(codes)])
        _, group = np.unique(prefix, return_inverse=True)
        same = group[:, None] == group[None, :]
        result[same] = value
    return result


def occupation_graph(model: MatchModel, settings: SimilaritySettings | None = None) -> OccupationGraph:
    """The similarity of every pair of occupations."""
    settings = settings or SimilaritySettings()
    idf = sparse.diags(model.idf)
    vectors = ((model.essential + model.optional * settings.optional) @ idf).tocsr()
    adjacency = sum((model.neighbours[via] for via in VIAS), sparse.csr_matrix(vectors.shape[1:] * 2))
    adjacency = sparse.csr_matrix(adjacency)
    adjacency.data[:] = 1.0
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    # Each skill hands ``spread`` of its weight to its neighbours in equal parts, so hub skills with hundreds
    # of siblings do not swamp an occupation's own skills.
    adjacency = sparse.diags(np.divide(1.0, degree, out=np.zeros(len(degree)), where=degree > 0)) @ adjacency
    spread = (vectors + settings.spread * (vectors @ adjacency)).tocsr()
    skills = _cosine(spread)

    grouped = model.skill_group >= 0
    n_groups = max(len(model.groups), 1)
    onehot = sparse.csr_matrix(
        (
            np.ones(int(grouped.sum())),
            (np.flatnonzero(grouped), model.skill_group[grouped]),
        ),
        shape=(len(model.skills), n_groups),
    )
    groups = _cosine((vectors @ onehot).tocsr())

    similarity = settings.skills * skills + settings.groups * groups
    if model.isco:
        similarity += settings.isco * _isco_similarity(model)
    else:
        similarity /= settings.skills + settings.groups
    similarity = np.clip(similarity, 0.0, 1.0).astype(np.float32)
    np.fill_diagonal(similarity, 0.0)
    return OccupationGraph(similarity, settings, _essential_gap(model))


def _essential_gap(model: MatchModel) -> np.ndarray:
    essential = (model.essential @ sparse.diags(model.idf)).tocsr().astype(np.float32)
    totals = np.asarray(essential.sum(axis=1)).ravel()
    listed = model.membership.astype(np.float32)
    covered = (listed @ essential.T).toarray()  # [a, b]: b's essential weight that a lists
    share = np.divide(covered, totals[None, :], out=np.zeros_like(covered), where=totals[None, :] > 0)
    gap: np.ndarray = np.clip(1.0 - share, 0.0, 1.0).astype(np.float32)
    np.fill_diagonal(gap, 0.0)
    return gap
