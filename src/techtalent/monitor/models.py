"""The indicator store: indicators, regions (with shapes), sources and sourced observations."""

from __future__ import annotations

from django.db import models

PERIOD_KINDS = ("year", "quarter", "month", "school_year")
REGION_KINDS = ("country", "landsdeel", "province", "arbeidsmarktregio", "municipality")


class Indicator(models.Model):
    """What is measured, in which unit, and which direction counts as better."""

    code = models.SlugField(max_length=80, unique=True)
    name_nl = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    definition_nl = models.TextField(blank=True)
    definition_en = models.TextField(blank=True)
    unit = models.CharField(max_length=30)
    better = models.CharField(max_length=10, default="neutral")
    source_table = models.CharField(max_length=300, blank=True, help_text="e.g. CBS 83599NED")
    licence = models.CharField(max_length=100, blank=True, help_text="e.g. CC-BY 4.0, Bron: CBS")
    derivation_nl = models.TextField(blank=True, help_text="how a derived figure is computed, '' if sourced")
    derivation_en = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def name(self, lang: str) -> str:
        """The name in ``lang`` (nl or en)."""
        return self.name_en if lang == "en" else self.name_nl

    def derivation(self, lang: str) -> str:
        """How a derived indicator is computed, in ``lang``; '' for a sourced one."""
        return self.derivation_en if lang == "en" else self.derivation_nl

    def definition(self, lang: str) -> str:
        """The definition in ``lang`` (nl or en)."""
        return self.definition_en if lang == "en" else self.definition_nl


class Region(models.Model):
    """The Netherlands, a landsdeel, province, arbeidsmarktregio or municipality by CBS code."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=[(k, k) for k in REGION_KINDS])
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    arbeidsmarktregio = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shape = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry (WGS84)")
    shape_source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Source(models.Model):
    """Where figures come from: a document section and quote, or a dataset table and query."""

    kind = models.CharField(max_length=10, choices=[("document", "document"), ("dataset", "dataset")])
    document = models.CharField(max_length=300, blank=True)
    section = models.TextField(blank=True)
    quote = models.TextField(blank=True)
    dataset = models.CharField(max_length=200, blank=True)
    table_id = models.CharField(max_length=100, blank=True)
    query = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    retrieved = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.CharField(max_length=10, blank=True)
    licence = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        """A one-line citation."""
        if self.title:
            who = f"{self.publisher} ({self.year})" if self.year else self.publisher
            table = f", {self.table_id}" if self.table_id and self.table_id not in self.title else ""
            section = f", {self.section}" if self.section else ""
            return f"{who}. {self.title}{table}{section}".lstrip(". ")
        if self.kind == "document":
            return f"{self.document}, {self.section}"
        when = f", {self.retrieved.isoformat()}" if self.retrieved else ""
        return f"{self.dataset} {self.table_id}{when}"


_WITHIN = ("period_start", "period", "breakdown_key", "id")  # the list order within a series


class Observation(models.Model):
    """One figure for an indicator, region and period, optionally broken down, with its source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="observations")
    period = models.CharField(max_length=12)
    period_kind = models.CharField(max_length=12, choices=[(k, k) for k in PERIOD_KINDS])
    period_start = models.PositiveIntegerField(help_text="yyyymm at which the period starts, for sorting")
    measure = models.CharField(max_length=20, default="level")
    base_period = models.CharField(max_length=12, blank=True)
    breakdowns = models.JSONField(default=dict, blank=True)
    breakdown_key = models.CharField(max_length=300, blank=True, help_text="sorted k=v;k=v, '' = total")
    value = models.FloatField()
    unit = models.CharField(max_length=30)
    approximate = models.BooleanField(default=False)
    status = models.CharField(max_length=12, default="final")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="observations")
    origin = models.CharField(max_length=120, help_text="starter, cbs:<table> or file:<name>")
    ref = models.CharField(max_length=200, blank=True, help_text="key within the origin")
    note = models.TextField(blank=True)

    class Meta:
        indexes = [
            # Both lead to the list order (indicator, region, period_start, period, breakdown_key, id), so a
            # page of 100 is read off the index instead of sorting every matching row.
            models.Index(fields=["indicator", "region", *_WITHIN], name="obs_ind_reg_order"),
            models.Index(fields=["indicator", "period", "region"], name="obs_ind_per_reg"),
            models.Index(fields=["region", "indicator", *_WITHIN], name="obs_reg_ind_order"),
            models.Index(fields=["origin"], name="obs_origin"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region_id} {self.period} = {self.value}"
