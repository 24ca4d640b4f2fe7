"""ESCO concepts (occupations, skills, groups), their labels per language, relations and collections;
the sector frameworks with their provenance and ESCO links."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """One ESCO import: which version and languages, from where, when, and what changed."""

    version = models.CharField(max_length=20)
    languages = models.JSONField(default=list)
    source = models.CharField(max_length=500)
    imported_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"ESCO {self.version} ({', '.join(self.languages)}) {self.imported_at:%Y-%m-%d %H:%M}"


class Concept(models.Model):
    """An ESCO concept: occupation, skill/knowledge, skill group or ISCO group, keyed by its URI."""

    class Kind(models.TextChoices):
        OCCUPATION = "occupation", _("occupation")
        SKILL = "skill", _("skill")
        SKILL_GROUP = "skill_group", _("skill group")
        ISCO_GROUP = "isco_group", _("ISCO group")

    uri = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    skill_type = models.CharField(max_length=30, blank=True)
    reuse_level = models.CharField(max_length=30, blank=True)
    code = models.CharField(max_length=80, blank=True)
    isco_group = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, blank=True)
    modified = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.uri


class ConceptText(models.Model):
    """The descriptive texts of a concept in one language."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="texts")
    lang = models.CharField(max_length=5)
    description = models.TextField(blank=True)
    scope_note = models.TextField(blank=True)
    definition = models.TextField(blank=True)
    regulated_note = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concept", "lang"], name="uniq_text_concept_lang")]


class Label(models.Model):
    """A name of a concept in one language: preferred, alternative, hidden, or female/male form."""

    class Type(models.TextChoices):
        PREFERRED = "preferred", _("preferred")
        ALTERNATIVE = "alternative", _("alternative")
        HIDDEN = "hidden", _("hidden")
        FEMALE = "female", _("female form")
        MALE = "male", _("male form")

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="labels")
    lang = models.CharField(max_length=5)
    type = models.CharField(max_length=12, choices=Type.choices)
    text = models.CharField(max_length=500)

    class Meta:
        indexes = [models.Index(fields=["concept", "lang"]), models.Index(fields=["lang", "type"])]


class Broader(models.Model):
    """A hierarchy edge: ``concept`` is narrower than ``broader`` (occupation or skill pillar)."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="broader_edges")
    broader = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="narrower_edges")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concept", "broader"], name="uniq_broader")]


class OccupationSkill(models.Model):
    """An occupation needs a skill, essentially or optionally."""

    occupation = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="skill_edges")
    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="occupation_edges")
    relation = models.CharField(max_length=10)
    skill_type = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "skill"], name="uniq_occupation_skill")]


class SkillRelation(models.Model):
    """A skill relates to another skill (essential or optional)."""

    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="related_edges")
    related = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="related_from_edges")
    relation = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["skill", "related"], name="uniq_skill_relation")]


class Collection(models.Model):
    """An ESCO collection such as digital, green or transversal skills."""

    code = models.CharField(max_length=40, unique=True)
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    members = models.ManyToManyField(Concept, related_name="collections", through="CollectionMember")

    def __str__(self) -> str:
        return self.code


class CollectionMember(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE)
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection", "concept"], name="uniq_collection_member")
        ]


class Framework(models.Model):
    """A sector framework from a source document (Industry 4.0 competencies, maturity levels, ...)."""

    code = models.SlugField(max_length=80, unique=True)
    name_nl = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    source_document = models.CharField(max_length=200)
    source_section = models.CharField(max_length=500)

    def __str__(self) -> str:
        return self.code


class FrameworkItem(models.Model):
    """One item of a framework, with where in the document it was found."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=80)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.IntegerField(default=0)
    name_nl = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    source_document = models.CharField(max_length=200)
    source_section = models.CharField(max_length=500)
    source_quote = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_framework_item")]

    def __str__(self) -> str:
        return f"{self.framework.code}/{self.code}"


class FrameworkLink(models.Model):
    """A link from a framework item to an ESCO concept (by URI), with its confidence and how it was made."""

    item = models.ForeignKey(FrameworkItem, on_delete=models.CASCADE, related_name="links")
    concept_uri = models.CharField(max_length=255, db_index=True)
    label = models.CharField(max_length=500, blank=True)
    relation = models.CharField(max_length=10)
    confidence = models.FloatField()
    method = models.CharField(max_length=500)


class DerivedLabel(models.Model):
    """A machine-made name of a concept in a language ESCO gives it none in; never an official label.

    Derived at import from the imported ESCO files (see ``taxonomy.derived``), ranked (1 is best), with a
    confidence in [0, 1] and the method that made it; dropped once an official label is imported.
    """

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="derived_labels")
    lang = models.CharField(max_length=5)
    text = models.CharField(max_length=500)
    confidence = models.FloatField()
    method = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["concept", "lang", "rank"]
        indexes = [models.Index(fields=["concept", "lang"])]
        constraints = [models.UniqueConstraint(fields=["concept", "lang", "text"], name="uniq_derived_label")]

    def __str__(self) -> str:
        return f"{self.text} ({self.lang}, derived {self.confidence:.2f})"
