"""API schemas of the taxonomy."""

from ninja import Field, Schema


class SearchHitOut(Schema):
    uri: str
    label: str
    label_lang: str
    label_derived: bool = Field(False, description="the label is machine-translated, not an official one")
    label_original: str = Field("", description="the official label a derived one stands for")
    kind: str
    skill_type: str
    score: float
    matched_label: str
    matched_lang: str
    matched_type: str


class ConceptRefOut(Schema):
    uri: str
    kind: str
    label: str
    label_lang: str
    label_derived: bool = False


class DerivedLabelOut(Schema):
    text: str
    lang: str
    confidence: float = Field(description="0–1, calibrated against official labels of ESCO")
    method: str = Field(description="how the label was made, e.g. phrase-table+reorder-verb-final")
    rank: int


class ConceptDetailOut(Schema):
    uri: str
    kind: str
    skill_type: str
    reuse_level: str
    code: str
    label: str
    label_lang: str
    label_derived: bool = False
    labels: dict[str, dict[str, list[str]]] = Field(description="official ESCO labels (hidden ones left out)")
    derived_labels: list[DerivedLabelOut] = Field(default_factory=list, description="machine-made labels")
    description: dict[str, str]
    scope_note: dict[str, str]
    breadcrumbs: list[ConceptRefOut]
    broader: list[ConceptRefOut]
    narrower: list[ConceptRefOut]
    essential_skills: list[ConceptRefOut]
    optional_skills: list[ConceptRefOut]
    occupations_essential: list[ConceptRefOut]
    occupations_optional: list[ConceptRefOut]
    related_skills: list[ConceptRefOut]
    collections: list[str]


class StatusOut(Schema):
    version: str | None
    languages: list[str]
    imported_at: str | None
    counts: dict[str, int]


class FrameworkLinkOut(Schema):
    uri: str
    label: str
    relation: str
    confidence: float
    method: str


class FrameworkItemOut(Schema):
    code: str
    parent: str | None
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    source_document: str
    source_section: str
    source_quote: str
    esco: list[FrameworkLinkOut]


class FrameworkOut(Schema):
    code: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    source_document: str
    source_section: str
    n_items: int


class FrameworkDetailOut(FrameworkOut):
    items: list[FrameworkItemOut]


class DetailOut(Schema):
    detail: str
