"""Vacancies: an occupation plus the skills extracted from the vacancy text; match people to them and back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from techtalent.matching.engine.explain import Explanation, Requirement, explain
from techtalent.matching.engine.model import MatchModel, Proficiency, Relation
from techtalent.matching.engine.scoring import score_against, top_k_indices

__all__ = ["PassportMatch", "Vacancy", "VacancyMatch", "match_vacancies", "match_vacancy", "rank_passports"]


@dataclass(frozen=True)
class Vacancy:
    """A vacancy: optionally an ESCO occupation, plus extracted skills (essential unless said otherwise)."""

    id: str
    occupation: str | None = None
    skills: Mapping[str, Relation] = field(default_factory=dict)

    def requirements(self, model: MatchModel) -> list[Requirement]:
        """The occupation's requirements merged with the extracted skills (the stronger relation wins)."""
        relation: dict[int, Relation] = {}
        if self.occupation is not None:
            if self.occupation not in model.occupation_index:
                raise KeyError(f"vacancy {self.id}: unknown occupation {self.occupation}")
            relation = {s: rel for s, rel, _ in model.occupation_skills(self.occupation)}
        for uri, rel in self.skills.items():
            s = model.skill_index.get(uri)
            if s is not None and relation.get(s) != "essential":
                relation[s] = rel
        settings = model.settings
        return [
            Requirement(
                s,
                rel,
                float(model.idf[s])
                * (settings.essential_weight if rel == "essential" else settings.optional_weight),
            )
            for s, rel in sorted(relation.items())
        ]


@dataclass(frozen=True)
class VacancyMatch:
    """A vacancy, a passport's score against it, and why."""

    vacancy: str
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class PassportMatch:
    """A passport (by id), its score against a vacancy, and why."""

    passport: str
    score: float
    explanation: Explanation


def _target_matrices(
    model: MatchModel, vacancies: Sequence[Vacancy]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    rows, cols, vals = [], [], []
    for r, vacancy in enumerate(vacancies):
        for req in vacancy.requirements(model):
            rows.append(r)
            cols.append(req.skill)
            vals.append(req.weight)
    shape = (len(vacancies), len(model.skills))
    weights = sparse.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)), shape=shape)
    weights.sort_indices()
    membership = weights.copy()
    membership.data[:] = 1.0
    return weights, membership


def match_vacancy(model: MatchModel, skills: Mapping[str, Proficiency], vacancy: Vacancy) -> VacancyMatch:
    """Score one passport against one vacancy, with its explanation."""
    return match_vacancies(model, skills, [vacancy], top=1)[0]


def match_vacancies(
    model: MatchModel, skills: Mapping[str, Proficiency], vacancies: Sequence[Vacancy], *, top: int = 10
) -> list[VacancyMatch]:
    """The `top` vacancies for one passport, best first, each with its explanation."""
    if not vacancies:
        return []
    weights, membership = _target_matrices(model, vacancies)
    columns, values = top_k_indices(score_against(model, [skills], weights, membership), top)
    return [
        VacancyMatch(vacancies[v].id, float(s), explain(model, skills, vacancies[v].requirements(model)))
        for v, s in zip(columns[0], values[0], strict=True)
    ]


def rank_passports(
    model: MatchModel, vacancy: Vacancy, passports: Mapping[str, Mapping[str, Proficiency]], *, top: int = 10
) -> list[PassportMatch]:
    """The `top` passports (by id) for a vacancy, best first, each with its explanation."""
    if not passports:
        return []
    ids = list(passports)
    weights, membership = _target_matrices(model, [vacancy])
    scores = score_against(model, [passports[i] for i in ids], weights, membership).T
    requirements = vacancy.requirements(model)
    columns, values = top_k_indices(scores, top)  # one row: the vacancy
    return [
        PassportMatch(ids[p], float(s), explain(model, passports[ids[p]], requirements))
        for p, s in zip(columns[0], values[0], strict=True)
    ]
