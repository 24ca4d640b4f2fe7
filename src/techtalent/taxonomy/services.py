"""Writes to the taxonomy: the ESCO import (diffed, atomic) and loading the sector frameworks."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Count

from techtalent.core.bulk import bulk_delete_ids, bulk_insert
from techtalent.core.errors import DataFileError, UserError
from techtalent.taxonomy.derived import derived_labels_sync, prime_lexicon
from techtalent.taxonomy.importers.esco import COLLECTIONS, EscoBundle, ProgressFn, read_esco
from techtalent.taxonomy.models import (
    Broader,
    Collection,
    CollectionMember,
    Concept,
    ConceptText,
    DerivedLabel,
    Label,
    OccupationSkill,
    Release,
    SkillRelation,
)
from techtalent.taxonomy.selectors import taxonomy_stamp

__all__ = ["ImportReport", "esco_import", "taxonomy_counts"]

_CONCEPT_FIELDS = ("kind", "skill_type", "reuse_level", "code", "isco_group", "status", "modified")
_PILLAR_KINDS = {"occupation": ("occupation", "isco_group"), "skill": ("skill", "skill_group")}


@dataclass
class ImportReport:
    """What an import did: version, languages, changes per table, skipped rows and the resulting counts."""

    version: str
    languages: list[str]
    source: str
    changes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_lines: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    release_id: int | None = None

    @property
    def changed(self) -> bool:
        return any(sum(c.values()) for c in self.changes.values())


def taxonomy_counts() -> dict[str, int]:
    """Counts of concepts per kind, labels per language and relations, as stored now."""
    counts: dict[str, int] = {}
    for row in Concept.objects.values("kind").annotate(n=Count("id")):
        counts[f"concepts.{row['kind']}"] = row["n"]
    for row in Label.objects.values("lang").annotate(n=Count("id")):
        counts[f"labels.{row['lang']}"] = row["n"]
    for row in Label.objects.filter(type="preferred").values("lang", "concept__kind").annotate(n=Count("id")):
        counts[f"preferred.{row['lang']}.{row['concept__kind']}"] = row["n"]
    for row in DerivedLabel.objects.values("lang").annotate(n=Count("id")):
        counts[f"derived_labels.{row['lang']}"] = row["n"]
    counts["broader"] = Broader.objects.count()
    counts["occupation_skills"] = OccupationSkill.objects.count()
    counts["skill_relations"] = SkillRelation.objects.count()
    for row in Collection.objects.annotate(n=Count("members")).values("code", "n"):
        counts[f"collection.{row['code']}"] = row["n"]
    return counts


def _check_compatible(bundle: EscoBundle, replace: bool) -> None:
    latest = Release.objects.first()
    if replace or latest is None:
        return
    if "unknown" not in (latest.version, bundle.version) and latest.version != bundle.version:
        raise UserError(
            f"the taxonomy holds ESCO {latest.version} but {bundle.source} is ESCO {bundle.version}; "
            "import files of the same version, or add --replace to replace the taxonomy"
        )
    stored = set(Concept.objects.filter(kind="occupation").values_list("uri", flat=True))
    for name, uris in bundle.occupation_sets.values():
        if stored and uris != stored:
            raise UserError(
                f"{name} lists {len(uris)} occupations but the taxonomy holds {len(stored)} others: "
                "it is from "
                "another ESCO version; import the same version, or add --replace"
            )


def _delete_concepts(ids: set[int]) -> None:
    for model, columns in (
        (Label, ("concept_id",)),
        (DerivedLabel, ("concept_id",)),
        (ConceptText, ("concept_id",)),
        (Broader, ("concept_id", "broader_id")),
        (OccupationSkill, ("occupation_id", "skill_id")),
        (SkillRelation, ("skill_id", "related_id")),
        (CollectionMember, ("concept_id",)),
    ):
        for column in columns:
            victims = model.objects.filter(**{f"{column}__in": ids}).values_list("id", flat=True)
            bulk_delete_ids(model, list(victims))
    bulk_delete_ids(Concept, ids)


def _sync_concepts(bundle: EscoBundle, replace: bool, report: ImportReport) -> dict[str, int]:
    existing = {row[0]: row[1:] for row in Concept.objects.values_list("uri", "id", *_CONCEPT_FIELDS)}
    new_rows, updates = [], []
    for uri, values in bundle.concepts.items():
        current = existing.get(uri)
        if current is None:
            new_rows.append((uri, *(values[f] for f in _CONCEPT_FIELDS)))
            continue
        merged = tuple(values[f] or old for f, old in zip(_CONCEPT_FIELDS, current[1:], strict=True))
        if merged != tuple(current[1:]):
            updates.append(Concept(id=current[0], uri=uri, **dict(zip(_CONCEPT_FIELDS, merged, strict=True))))
    bulk_insert(Concept, ("uri", *_CONCEPT_FIELDS), new_rows)
    Concept.objects.bulk_update(updates, list(_CONCEPT_FIELDS), batch_size=500)
    report.changes["concepts"].update(added=len(new_rows), updated=len(updates))
    if replace:
        gone = {row[0] for uri, row in existing.items() if uri not in bundle.concepts}
        _delete_concepts(gone)
        report.changes["concepts"]["removed"] += len(gone)
    return dict(Concept.objects.values_list("uri", "id"))


def _dangling(bundle: EscoBundle, ids: dict[str, int], strict: bool, report: ImportReport) -> set[str]:
    unknown: dict[str, tuple[str, int, str]] = {}
    per_file: Counter[str] = Counter()
    lines: dict[str, list[int]] = defaultdict(list)
    for name, line, column, uri in bundle.references:
        if uri not in ids:
            unknown.setdefault(uri, (name, line, column))
            per_file[name] += 1
            lines[name].append(line)
    if unknown and strict:
        uri, (name, line, column) = next(iter(unknown.items()))
        rows = sum(per_file.values())
        raise DataFileError(
            name,
            f"refers to {uri}, which is no concept of this export or the taxonomy "
            f"({rows} relation rows refer to "
            f"{len(unknown)} unknown concept(s); without --strict such rows are skipped with a warning)",
            line=line,
            field=column,
        )
    report.skipped = dict(per_file)
    report.skipped_lines = {name: sorted(set(found)) for name, found in lines.items()}
    return set(unknown)


def _sync_set(
    model,
    columns: tuple[str, ...],
    existing: dict[tuple, int],
    wanted: set[tuple],
    name: str,
    report: ImportReport,
    *,
    delete: bool = True,
) -> None:
    """Make the stored rows (key tuple → id) equal the wanted key tuples; only the difference is written."""
    removed = [row_id for key, row_id in existing.items() if key not in wanted] if delete else []
    added = [key for key in wanted if key not in existing]
    bulk_delete_ids(model, removed)
    bulk_insert(model, columns, sorted(added))
    report.changes[name].update(added=len(added), removed=len(removed))


def _sync_labels(bundle: EscoBundle, ids: dict[str, int], report: ImportReport) -> None:
    for lang in sorted(bundle.label_langs):
        wanted = {(ids[u], t, text[:500]) for u, lg, t, text in bundle.labels if lg == lang}
        covered = {key[0] for key in wanted}
        existing = {
            (cid, t, text): row_id
            for row_id, cid, t, text in Label.objects.filter(lang=lang).values_list(
                "id", "concept_id", "type", "text"
            )
            if cid in covered
        }
        wanted_rows = {(cid, lang, t, text) for cid, t, text in wanted}
        existing_rows = {(cid, lang, t, text): row_id for (cid, t, text), row_id in existing.items()}
        _sync_set(Label, ("concept_id", "lang", "type", "text"), existing_rows, wanted_rows, "labels", report)


def _sync_texts(bundle: EscoBundle, ids: dict[str, int], report: ImportReport) -> None:
    existing = {
        (cid, lang): (row_id, rest)
        for row_id, cid, lang, *rest in ConceptText.objects.values_list(
            "id", "concept_id", "lang", "description", "scope_note", "definition", "regulated_note"
        )
    }
    new_rows, updates = [], []
    for (uri, lang), text in bundle.texts.items():
        key = (ids[uri], lang)
        current = existing.get(key)
        if current is None:
            new_rows.append((*key, *text))
        elif tuple(current[1]) != text:
            updates.append(
                ConceptText(
                    id=current[0],
                    concept_id=key[0],
                    lang=lang,
                    description=text[0],
                    scope_note=text[1],
                    definition=text[2],
                    regulated_note=text[3],
                )
            )
    fields = ("description", "scope_note", "definition", "regulated_note")
    bulk_insert(ConceptText, ("concept_id", "lang", *fields), new_rows)
    ConceptText.objects.bulk_update(updates, list(fields), batch_size=500)
    report.changes["texts"].update(added=len(new_rows), updated=len(updates))


def _sync_relations(
    bundle: EscoBundle, ids: dict[str, int], dangling: set[str], report: ImportReport
) -> None:
    for pillar, edges in bundle.broader.items():
        wanted = {(ids[a], ids[b]) for a, b in edges if a not in dangling and b not in dangling}
        query = Broader.objects.all()
        if pillar in _PILLAR_KINDS:
            query = query.filter(concept__kind__in=_PILLAR_KINDS[pillar])
        existing = {(a, b): row_id for row_id, a, b in query.values_list("id", "concept_id", "broader_id")}
        _sync_set(
            Broader,
            ("concept_id", "broader_id"),
            existing,
            wanted,
            "broader",
            report,
            delete=pillar in _PILLAR_KINDS,
        )
    if bundle.occupation_skills is not None:
        wanted = {
            (ids[o], ids[s], rel, st)
            for (o, s), (rel, st) in bundle.occupation_skills.items()
            if o not in dangling and s not in dangling
        }
        existing = {
            row[1:]: row[0]
            for row in OccupationSkill.objects.values_list(
                "id", "occupation_id", "skill_id", "relation", "skill_type"
            )
        }
        _sync_set(
            OccupationSkill,
            ("occupation_id", "skill_id", "relation", "skill_type"),
            existing,
            wanted,
            "occupation_skills",
            report,
        )
    if bundle.skill_relations is not None:
        wanted = {
            (ids[a], ids[b], rel)
            for (a, b), rel in bundle.skill_relations.items()
            if a not in dangling and b not in dangling
        }
        existing = {
            row[1:]: row[0]
            for row in SkillRelation.objects.values_list("id", "skill_id", "related_id", "relation")
        }
        _sync_set(
            SkillRelation, ("skill_id", "related_id", "relation"), existing, wanted, "skill_relations", report
        )


def _sync_collections(bundle: EscoBundle, ids: dict[str, int], report: ImportReport) -> None:
    names = {code: (nl, en) for code, nl, en in COLLECTIONS.values()}
    for code, uris in bundle.collections.items():
        collection, created = Collection.objects.get_or_create(
            code=code, defaults={"name_nl": names[code][0], "name_en": names[code][1]}
        )
        if created:
            report.changes["collections"]["added"] += 1
        wanted = {(collection.id, ids[u]) for u in uris}
        existing = {
            (collection.id, cid): row_id
            for row_id, cid in CollectionMember.objects.filter(collection=collection).values_list(
                "id", "concept_id"
            )
        }
        _sync_set(
            CollectionMember, ("collection_id", "concept_id"), existing, wanted, "collection_members", report
        )


def _analyze() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load, so that joins use the indexes."""
    tables = [
        m._meta.db_table
        for m in (
            Concept,
            ConceptText,
            Label,
            Broader,
            OccupationSkill,
            SkillRelation,
            Collection,
            CollectionMember,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def esco_import(
    path: Path,
    *,
    lang: str | None = None,
    version: str | None = None,
    replace: bool = False,
    strict: bool = False,
    skip_unknown: bool = False,
    progress: ProgressFn | None = None,
) -> ImportReport:
    """Import an ESCO export (folder or zip) atomically; dangling relation rows are skipped unless strict."""
    del skip_unknown  # deprecated no-op: skipping (with a warning) is the default now
    bundle = read_esco(Path(path), lang=lang, version=version, progress=progress)
    report = ImportReport(version=bundle.version, languages=sorted(bundle.languages), source=str(path))
    steps = ("concepts", "labels", "texts", "relations", "collections")
    with transaction.atomic():
        _check_compatible(bundle, replace)
        if progress:
            progress("writing concepts", 0, len(steps))
        ids = _sync_concepts(bundle, replace, report)
        dangling = _dangling(bundle, ids, strict, report)
        for done, (name, step) in enumerate(
            (("labels", _sync_labels), ("texts", _sync_texts), ("collections", _sync_collections)), start=1
        ):
            if progress:
                progress(f"writing {name}", done, len(steps))
            step(bundle, ids, report)
        if progress:
            progress("writing relations", len(steps) - 1, len(steps))
        _sync_relations(bundle, ids, dangling, report)
        relearn = any(sum(report.changes[name].values()) for name in ("concepts", "labels", "texts"))
        if progress and relearn:
            progress("deriving labels", len(steps) - 1, len(steps))
        derivation = derived_labels_sync(relearn=relearn or not DerivedLabel.objects.exists())
        report.changes["derived_labels"].update(
            added=derivation.added, removed=derivation.removed, updated=derivation.updated
        )
        if report.changed and connection.vendor == "postgresql":
            _analyze()
        report.counts = taxonomy_counts()
        if report.changed:
            release = Release.objects.create(
                version=bundle.version,
                languages=report.languages,
                source=str(path)[:500],
                counts=report.counts,
                changes={k: dict(v) for k, v in report.changes.items()},
            )
            report.release_id = release.id
            if derivation.lexicon is not None:
                prime_lexicon(taxonomy_stamp(), derivation.lexicon)
    if progress:
        progress("done", len(steps), len(steps))
    return report
