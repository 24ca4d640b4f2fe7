"""Pure taxonomy computation (no Django): the label search index."""

from techtalent.taxonomy.engine.search import ConceptRecord, LabelRecord, SearchHit, SearchIndex

__all__ = ["ConceptRecord", "LabelRecord", "SearchHit", "SearchIndex"]
