"""Pure matching engine (numpy/scipy.sparse, no Django): passports against occupations and vacancies, with
explanations, gaps, transition paths, batch and Dask top-k, synthetic passports and evaluation."""

from techtalent.matching.engine.calibration import Calibration, fit_calibration
from techtalent.matching.engine.distributed import dask_top_k
from techtalent.matching.engine.evaluate import (
    BASELINES,
    HitRates,
    hit_rates,
    jaccard_essential_scores,
    jaccard_scores,
    method_hit_rates,
    tfidf_scores,
)
from techtalent.matching.engine.explain import Explanation, MatchedSkill, MissingSkill, PartialMatch
from techtalent.matching.engine.gaps import (
    Gap,
    GapSkill,
    Reachable,
    SkillGroupGap,
    gap,
    occupation_passport,
    reachable,
)
from techtalent.matching.engine.jsonl import PassportRecord, matches_to_jsonl, passports_from_jsonl
from techtalent.matching.engine.model import (
    PROFICIENCIES,
    MatchModel,
    MatchSettings,
    OccupationSkill,
    Proficiency,
    Relation,
    Via,
    build_model,
    with_settings,
)
from techtalent.matching.engine.noisy import noisy_passports, sibling_occupations
from techtalent.matching.engine.occupations import (
    OccupationMatch,
    ScoredOccupation,
    batch_top_k,
    match_occupations,
)
from techtalent.matching.engine.paths import Path, Step, essential_gaps, transition_paths
from techtalent.matching.engine.shortage import (
    ShortageLink,
    ShortageOccupation,
    ShortageSource,
    shortage_from_data,
    shortage_links,
    shortage_weights,
)
from techtalent.matching.engine.similarity import OccupationGraph, SimilaritySettings, occupation_graph
from techtalent.matching.engine.synthetic import SyntheticPassport, synthetic_passports
from techtalent.matching.engine.titles import TitlePrior, title_prior, with_title_prior
from techtalent.matching.engine.vacancy import (
    PassportMatch,
    Vacancy,
    VacancyMatch,
    match_vacancies,
    match_vacancy,
    rank_passports,
)

__all__ = [
    "Calibration",
    "fit_calibration",
    "BASELINES",
    "OccupationGraph",
    "SimilaritySettings",
    "essential_gaps",
    "jaccard_essential_scores",
    "method_hit_rates",
    "noisy_passports",
    "occupation_graph",
    "sibling_occupations",
    "tfidf_scores",
    "PROFICIENCIES",
    "Explanation",
    "Gap",
    "GapSkill",
    "HitRates",
    "MatchModel",
    "MatchSettings",
    "MatchedSkill",
    "MissingSkill",
    "OccupationMatch",
    "OccupationSkill",
    "PartialMatch",
    "PassportMatch",
    "PassportRecord",
    "Path",
    "Proficiency",
    "Reachable",
    "Relation",
    "ScoredOccupation",
    "ShortageOccupation",
    "ShortageSource",
    "SkillGroupGap",
    "Step",
    "SyntheticPassport",
    "TitlePrior",
    "Vacancy",
    "VacancyMatch",
    "Via",
    "batch_top_k",
    "build_model",
    "ShortageLink",
    "shortage_from_data",
    "shortage_links",
    "dask_top_k",
    "gap",
    "hit_rates",
    "jaccard_scores",
    "match_occupations",
    "match_vacancies",
    "match_vacancy",
    "matches_to_jsonl",
    "occupation_passport",
    "passports_from_jsonl",
    "rank_passports",
    "reachable",
    "shortage_weights",
    "synthetic_passports",
    "title_prior",
    "transition_paths",
    "with_settings",
    "with_title_prior",
]
