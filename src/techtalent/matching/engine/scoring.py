"""Scores of passports against occupations, vectorised over many passports with scipy.sparse.

coverage(p, o)  = Σ_s weight(o, s) · credit(p, s) / Σ_s weight(o, s)
relevance(p, o) = Σ_{s ∈ p} idf(s) · use(o, s) / Σ_{s ∈ p} idf(s)   (use: 1 essential, optional/essential
                  weight for optional, 0 when o does not list s) — how much of the person o would use
score(p, o)     = coverage^(1 − balance) · relevance^balance          (balance 0.5: the geometric mean)

credit(p, s) is the proficiency credit of s when held, otherwise the best ``via credit × proficiency
credit`` over the held skills one step away; it is computed for every skill at once as a max-product of
the passport with each neighbour matrix, one proficiency level at a time (levels ascending, so the last
level that reaches a skill is its best one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from techtalent.matching.engine.model import PROFICIENCIES, VIAS, MatchModel

__all__ = [
    "credit_matrix",
    "level_matrix",
    "score_against",
    "score_levels",
    "score_passports",
    "top_k_indices",
]

Passport = Mapping[str, str]


def level_matrix(model: MatchModel, passports: Sequence[Passport]) -> sparse.csr_matrix:
    """(passports, skills) proficiency level codes 1..4; skills unknown to the model are left out."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    code = {p: i + 1 for i, p in enumerate(PROFICIENCIES)}
    for r, passport in enumerate(passports):
        for uri, proficiency in passport.items():
            s = model.skill_index.get(uri)
            if s is None:
                continue
            if proficiency not in code:
                raise ValueError(f"unknown proficiency {proficiency!r} for {uri}")
            rows.append(r)
            cols.append(s)
            vals.append(code[proficiency])
    matrix = sparse.csr_matrix(
        (
            np.asarray(vals, dtype=np.float64),
            (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)),
        ),
        shape=(len(passports), len(model.skills)),
    )
    matrix.sum_duplicates()
    return matrix


def credit_matrix(model: MatchModel, levels: sparse.csr_matrix) -> sparse.csr_matrix:
    """(passports, skills) credit in [0, 1]: direct by proficiency, else partial through a neighbour."""
    settings = model.settings
    prof_credit = np.array([settings.proficiency_credit[p] for p in PROFICIENCIES])
    credit = levels.copy()
    credit.data = prof_credit[levels.data.astype(np.int64) - 1]
    for via in VIAS:
        factor = settings.via_credit(via)
        if factor == 0.0:
            continue
        adjacency = model.neighbours[via]
        for level, value in enumerate(prof_credit, start=1):
            held = levels.copy()
            held.data = (levels.data >= level).astype(np.float64)
            held.eliminate_zeros()
            if held.nnz == 0:
                break
            reached = (held @ adjacency).tocsr()
            reached.data[:] = factor * value
            credit = credit.maximum(reached).tocsr()
    credit.sort_indices()
    return credit


def score_passports(model: MatchModel, passports: Sequence[Passport]) -> np.ndarray:
    """(passports, occupations) scores of every passport against every occupation."""
    return score_levels(model, level_matrix(model, passports))


def score_against(
    model: MatchModel,
    passports: Sequence[Passport],
    weights: sparse.csr_matrix,
    membership: sparse.csr_matrix,
) -> np.ndarray:
    """(passports, targets) scores against targets given as requirement weights and 0/1 listings."""
    return score_levels(model, level_matrix(model, passports), weights, membership)


def score_levels(
    model: MatchModel,
    levels: sparse.csr_matrix,
    weights: sparse.csr_matrix | None = None,
    membership: sparse.csr_matrix | None = None,
) -> np.ndarray:
    """(passports, targets) scores for passports given as a level matrix (default targets: occupations)."""
    if weights is None or membership is None:
        weights, membership, totals = model.weights, model.membership, model.weight_totals
    else:
        totals = np.asarray(weights.sum(axis=1)).ravel()
    credit = credit_matrix(model, levels)
    inverse_totals = np.divide(1.0, totals, out=np.zeros(len(totals)), where=totals > 0)
    # Partial credit reaches most occupations a little, so coverage is dense: sum sparsely, then densify.
    score: np.ndarray = (weights @ credit.T).T.toarray()
    score *= inverse_totals  # now the coverage

    # Relevance is sparse (only targets that list a held skill): the score is 0 wherever it is 0.
    held = levels.copy()
    held.data[:] = 1.0
    held = (held @ sparse.diags(model.idf ** (1.0 + model.settings.specificity))).tocsr()
    own = np.asarray(held.sum(axis=1)).ravel()
    inverse_own = np.divide(1.0, own, out=np.zeros(len(own)), where=own > 0)
    used = (_use(model, weights) @ held.T).T.tocoo()
    rows, cols = used.row, used.col
    relevance = np.minimum(used.data * inverse_own[rows], 1.0)

    balance = model.settings.balance
    result = np.zeros_like(score)
    result[rows, cols] = score[rows, cols] ** (1.0 - balance) * relevance**balance
    return result


def _use(model: MatchModel, weights: sparse.csr_matrix) -> sparse.csr_matrix:
    """(targets, skills) 1 for essential, optional/essential weight for optional listings, else 0."""
    scale = model.idf * model.settings.essential_weight
    inverse = np.divide(1.0, scale, out=np.zeros(len(scale)), where=scale > 0)
    use: sparse.csr_matrix = (weights @ sparse.diags(inverse)).tocsr()
    return use


def top_k_indices(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the columns of the k highest scores and the scores, best first (ties: lower column first)."""
    n_rows, n_cols = scores.shape
    k = min(k, n_cols)
    if k <= 0:
        return np.zeros((n_rows, 0), dtype=np.int64), np.zeros((n_rows, 0))
    if k < n_cols:
        kth = np.partition(scores, n_cols - k, axis=1)[:, n_cols - k]  # the k-th largest per row
        rows, cols = np.nonzero(scores >= kth[:, None])  # the top k and everything tied with the k-th
    else:
        rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    values = scores[rows, cols]
    order = np.lexsort((cols, -values, rows))  # by row, then score down, then column up
    starts = np.searchsorted(rows[order], np.arange(n_rows))
    rank = np.arange(len(order)) - starts[rows[order]]
    keep = order[rank < k]
    return cols[keep].reshape(n_rows, k), values[keep].reshape(n_rows, k)
