"""Pure taxonomy computation (no Django): the label search index."""

from techtalent.taxonomy.engine.crosslingual import Lexicon
from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord, SearchHit, SearchIndex, ShownLabel

__all__ = ["ConceptRecord", "LabelRecord", "Lexicon", "SearchHit", "SearchIndex", "ShownLabel"]
