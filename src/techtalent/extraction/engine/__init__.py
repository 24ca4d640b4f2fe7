"""Pure concept extraction (no Django): find ESCO skills and occupations in Dutch and English texts.

The public surface: build a :class:`Lexicon` once per taxonomy version, wrap it in an :class:`Extractor`
(optionally with an :class:`Encoder` and a :class:`DenseIndex` for the semantic path) and call ``extract``;
:class:`TitleNormaliser` maps job titles to occupations.
"""

from techtalent.extraction.engine.batching import extract_many
from techtalent.extraction.engine.extractor import RULE_WEIGHT, ExtractionResult, Extractor, FoundConcept
from techtalent.extraction.engine.language import ForeignLanguage, UnsupportedLanguage, detect_language
from techtalent.extraction.engine.lexicon import Lexicon
from techtalent.extraction.engine.semantic import Calibration, DenseIndex, Encoder, index_texts
from techtalent.extraction.engine.titles import TitleMatch, TitleNormaliser, clean_title

__all__ = [
    "Lexicon",
    "Extractor",
    "extract_many",
    "ExtractionResult",
    "FoundConcept",
    "RULE_WEIGHT",
    "detect_language",
    "UnsupportedLanguage",
    "ForeignLanguage",
    "TitleNormaliser",
    "TitleMatch",
    "clean_title",
    "Encoder",
    "DenseIndex",
    "Calibration",
    "index_texts",
]
