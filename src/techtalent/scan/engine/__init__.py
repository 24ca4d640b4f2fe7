"""Pure engine of the SME scans: instruments as values, scoring, k-anonymous aggregates, radar geometry."""

from techtalent.scan.engine.aggregate import MIN_CONTRIBUTORS, Aggregate, aggregate_levels, aggregate_themes
from techtalent.scan.engine.competencies import (
    Competency,
    CompetencyGap,
    LevelRequirement,
    competencies_for,
    staff_gaps,
)
from techtalent.scan.engine.instrument import (
    Instrument,
    InstrumentError,
    Option,
    Question,
    Section,
    instrument_from_dict,
)
from techtalent.scan.engine.radar import RadarChart, radar_chart
from techtalent.scan.engine.scoring import (
    AnswerProblem,
    MaturityResult,
    SectionScore,
    ThemeResult,
    check_answers,
    score_culture,
    score_maturity,
)

__all__ = [
    "MIN_CONTRIBUTORS",
    "Aggregate",
    "Competency",
    "CompetencyGap",
    "LevelRequirement",
    "competencies_for",
    "staff_gaps",
    "AnswerProblem",
    "Instrument",
    "InstrumentError",
    "MaturityResult",
    "Option",
    "Question",
    "RadarChart",
    "Section",
    "SectionScore",
    "ThemeResult",
    "aggregate_levels",
    "aggregate_themes",
    "check_answers",
    "instrument_from_dict",
    "radar_chart",
    "score_culture",
    "score_maturity",
]
