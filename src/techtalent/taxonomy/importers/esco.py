"""Turn an ESCO CSV export (any language, any mix of files) into one validated in-memory bundle."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from techtalent.core.errors import DataFileError, UserError
from techtalent.taxonomy.importers.esco_files import EscoFile, discover, read_rows

__all__ = ["EscoBundle", "read_esco", "COLLECTIONS", "ProgressFn"]

ProgressFn = Callable[[str, int, int], None]

ESCO_PREFIX = "http://data.europa.eu/esco/"
KIND_BY_TYPE = {
    "Occupation": "occupation",
    "KnowledgeSkillCompetence": "skill",
    "SkillGroup": "skill_group",
    "ISCOGroup": "isco_group",
}
RELATIONS = {"essential", "optional"}
# Collection file base → (code, Dutch name, English name).
COLLECTIONS: dict[str, tuple[str, str, str]] = {
    "digitalSkillsCollection": ("digital", "Digitale vaardigheden", "Digital skills"),
    "digCompSkillsCollection": ("digcomp", "DigComp", "DigComp"),
    "greenSkillsCollection": ("green", "Groene vaardigheden", "Green skills"),
    "languageSkillsCollection": ("language", "Taalvaardigheden", "Language skills"),
    "researchSkillsCollection": ("research", "Onderzoeksvaardigheden", "Research skills"),
    "transversalSkillsCollection": ("transversal", "Transversale vaardigheden", "Transversal skills"),
    "researchOccupationsCollection": ("research-occupations", "Onderzoeksberoepen", "Research occupations"),
}
_CONCEPT_FILES = ("ISCOGroups", "skillGroups", "skillsHierarchy", "occupations", "skills")
_RELATION_FILES = (
    "broaderRelationsOccPillar",
    "broaderRelationsSkillPillar",
    "occupationSkillRelations",
    "skillSkillRelations",
)


@dataclass
class EscoBundle:
    """Everything an export holds, keyed by URI; relation sets are None when their file was absent."""

    version: str
    source: str
    languages: set[str] = field(default_factory=set)
    concepts: dict[str, dict[str, str]] = field(default_factory=dict)
    texts: dict[tuple[str, str], tuple[str, str, str, str]] = field(default_factory=dict)
    labels: set[tuple[str, str, str, str]] = field(default_factory=set)
    preferred: dict[tuple[str, str], str] = field(default_factory=dict)
    label_langs: set[str] = field(default_factory=set)
    broader: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    occupation_skills: dict[tuple[str, str], tuple[str, str]] | None = None
    skill_relations: dict[tuple[str, str], str] | None = None
    collections: dict[str, set[str]] = field(default_factory=dict)
    references: list[tuple[str, int, str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    occupation_sets: dict[str, tuple[str, set[str]]] = field(default_factory=dict)


def _split(value: str, *, pipes: bool = False) -> list[str]:
    """Split a label list: main files separate labels by line breaks, collection files by " | "."""
    value = value.replace("\r", "\n")
    if pipes:
        value = value.replace(" | ", "\n")
    return [part.strip() for part in value.split("\n") if part.strip()]


def _uri(file: EscoFile, line: int, row: dict[str, str], column: str) -> str:
    value = row.get(column, "").strip()
    if not value.startswith(ESCO_PREFIX):
        shown = value[:80] or "(empty)"
        raise DataFileError(file.display, f"expected an ESCO URI, found {shown!r}", line=line, field=column)
    return value


def _file_language(file: EscoFile, default_lang: str | None) -> str:
    lang = file.lang or default_lang
    if lang is None:
        raise DataFileError(file.display, "has no _<lang> suffix; give the language with --lang")
    return lang


def _add_labels(
    bundle: EscoBundle,
    uri: str,
    lang: str,
    row: dict[str, str],
    preferred_column: str,
    *,
    pipes: bool = False,
) -> None:
    preferred = row.get(preferred_column, "").strip()
    if preferred and (uri, lang) not in bundle.preferred:
        bundle.preferred[(uri, lang)] = preferred
        bundle.labels.add((uri, lang, "preferred", preferred))
    for column, kind in (("altLabels", "alternative"), ("hiddenLabels", "hidden")):
        for text in _split(row.get(column, ""), pipes=pipes):
            if text != preferred:
                bundle.labels.add((uri, lang, kind, text))
    for column, kind in (("femaleLabel", "female"), ("maleLabel", "male")):
        for text in _split(row.get(column, "")):
            bundle.labels.add((uri, lang, kind, text))


def _concept(bundle: EscoBundle, uri: str, kind: str, row: dict[str, str], *, main: bool) -> None:
    values = {
        "kind": kind,
        "skill_type": row.get("skillType", "").strip(),
        "reuse_level": row.get("reuseLevel", "").strip(),
        "code": row.get("code", "").strip(),
        "isco_group": row.get("iscoGroup", "").strip(),
        "status": row.get("status", "").strip(),
        "modified": row.get("modifiedDate", "").strip(),
    }
    current = bundle.concepts.get(uri)
    if current is None:
        bundle.concepts[uri] = values
    elif main:
        # Language files of one version agree on these fields; fill what an earlier file left empty.
        for key, value in values.items():
            if value and not current.get(key):
                current[key] = value


def _text(bundle: EscoBundle, uri: str, lang: str, row: dict[str, str], *, main: bool) -> None:
    if not main and (uri, lang) in bundle.texts:
        return
    text = (
        row.get("description", row.get("Description", "")).strip(),
        row.get("scopeNote", row.get("Scope note", "")).strip(),
        row.get("definition", "").strip(),
        row.get("regulatedProfessionNote", "").strip(),
    )
    if any(text):
        bundle.texts[(uri, lang)] = text


def _read_concept_file(bundle: EscoBundle, file: EscoFile, lang: str) -> None:
    occupation_uris: set[str] = set()
    for line, row in read_rows(file):
        if file.base == "skillsHierarchy":
            previous = None
            for level in range(4):
                uri_value = row.get(f"Level {level} URI", "").strip()
                if not uri_value:
                    break
                uri = _uri(file, line, row, f"Level {level} URI")
                code = {"code": row.get(f"Level {level} code", "").strip()}
                _concept(bundle, uri, "skill_group", code, main=False)
                term = row.get(f"Level {level} preferred term", "").strip()
                if term and (uri, lang) not in bundle.preferred:
                    bundle.preferred[(uri, lang)] = term
                    bundle.labels.add((uri, lang, "preferred", term))
                if previous:
                    bundle.broader.setdefault("hierarchy", set()).add((uri, previous))
                previous = uri
            continue
        uri = _uri(file, line, row, "conceptUri")
        kind = KIND_BY_TYPE.get(row.get("conceptType", "").strip())
        if kind is None:
            raise DataFileError(
                file.display,
                f"unknown conceptType {row.get('conceptType')!r}",
                line=line,
                field="conceptType",
            )
        if not row.get("preferredLabel", "").strip():
            raise DataFileError(file.display, "preferred label is empty", line=line, field="preferredLabel")
        _concept(bundle, uri, kind, row, main=True)
        _add_labels(bundle, uri, lang, row, "preferredLabel")
        _text(bundle, uri, lang, row, main=True)
        if kind == "occupation":
            occupation_uris.add(uri)
    if file.base == "occupations":
        bundle.occupation_sets[lang] = (file.display, occupation_uris)


def _read_collection(bundle: EscoBundle, file: EscoFile, lang: str) -> None:
    code = COLLECTIONS[file.base][0]
    members = bundle.collections.setdefault(code, set())
    default_kind = "occupation" if file.base == "researchOccupationsCollection" else "skill"
    for line, row in read_rows(file):
        uri = _uri(file, line, row, "conceptUri")
        kind = KIND_BY_TYPE.get(row.get("conceptType", "").strip(), default_kind)
        members.add(uri)
        _concept(bundle, uri, kind, row, main=False)
        # Collections carry the labels of skills in their language: the only Dutch skill labels when
        # skills_nl.csv is absent.
        _add_labels(bundle, uri, lang, row, "preferredLabel", pipes=True)
        _text(bundle, uri, lang, row, main=False)


def _read_relations(bundle: EscoBundle, file: EscoFile) -> None:
    if file.base.startswith("broaderRelations"):
        pillar = "occupation" if file.base.endswith("OccPillar") else "skill"
        edges = bundle.broader.setdefault(pillar, set())
        for line, row in read_rows(file):
            narrower, broader = _uri(file, line, row, "conceptUri"), _uri(file, line, row, "broaderUri")
            edges.add((narrower, broader))
            bundle.references.append((file.display, line, "conceptUri", narrower))
            bundle.references.append((file.display, line, "broaderUri", broader))
    elif file.base == "occupationSkillRelations":
        pairs = bundle.occupation_skills if bundle.occupation_skills is not None else {}
        for line, row in read_rows(file):
            occupation, skill = _uri(file, line, row, "occupationUri"), _uri(file, line, row, "skillUri")
            relation = row["relationType"].strip()
            if relation not in RELATIONS:
                raise DataFileError(
                    file.display,
                    f"relationType must be essential or optional, not {relation!r}",
                    line=line,
                    field="relationType",
                )
            pairs[(occupation, skill)] = (relation, row.get("skillType", "").strip())
            bundle.references.append((file.display, line, "occupationUri", occupation))
            bundle.references.append((file.display, line, "skillUri", skill))
        bundle.occupation_skills = pairs
    else:
        related = bundle.skill_relations if bundle.skill_relations is not None else {}
        for line, row in read_rows(file):
            skill, other = _uri(file, line, row, "originalSkillUri"), _uri(file, line, row, "relatedSkillUri")
            relation = row["relationType"].strip()
            if relation not in RELATIONS:
                raise DataFileError(
                    file.display,
                    f"relationType must be essential or optional, not {relation!r}",
                    line=line,
                    field="relationType",
                )
            related[(skill, other)] = relation
            bundle.references.append((file.display, line, "originalSkillUri", skill))
            bundle.references.append((file.display, line, "relatedSkillUri", other))
        bundle.skill_relations = related


def _one_version(files: list[EscoFile], forced: str | None) -> str:
    versions = {f.version for f in files if f.version}
    if forced:
        return forced
    if len(versions) > 1:
        by_version: dict[str, str] = {}
        for f in files:
            if f.version:
                by_version.setdefault(f.version, f.display)
        shown = "; ".join(f"{name} is v{v}" for v, name in sorted(by_version.items()))
        raise UserError(f"the files are from different ESCO versions ({shown}); import one version at a time")
    return versions.pop() if versions else "unknown"


def _check_same_occupations(bundle: EscoBundle) -> None:
    sets = list(bundle.occupation_sets.items())
    for (_lang_a, (name_a, uris_a)), (_lang_b, (name_b, uris_b)) in zip(sets, sets[1:], strict=False):
        if uris_a != uris_b:
            only_b = sorted(uris_b - uris_a)
            example = only_b[0] if only_b else sorted(uris_a - uris_b)[0]
            raise UserError(
                f"{name_b} and {name_a} list different occupations ({len(uris_b)} vs {len(uris_a)}, e.g. "
                f"{example}): they come from different ESCO versions; import files of one version together"
            )


def read_esco(
    path: Path, *, lang: str | None = None, version: str | None = None, progress: ProgressFn | None = None
) -> EscoBundle:
    """Read and validate every recognised ESCO file under ``path`` into one bundle."""
    files = discover(path)
    if not files:
        raise UserError(
            f"{path}: no ESCO CSV files found (expected names such as occupations_en.csv, skills_nl.csv)"
        )
    duplicates: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for f in files:
        duplicates[(f.base, f.lang)].append(f.display)
    for (base, file_lang), names in duplicates.items():
        if len(names) > 1:
            raise UserError(
                f"{path}: {base} ({file_lang or 'no language'}) found {len(names)} times: "
                f"{', '.join(names)}; "
                "point to one export"
            )
    bundle = EscoBundle(version=_one_version(files, version), source=str(path))
    order = {name: i for i, name in enumerate((*_CONCEPT_FILES, *COLLECTIONS, *_RELATION_FILES))}
    files.sort(key=lambda f: (order[f.base], f.lang or ""))
    for done, file in enumerate(files):
        if progress:
            progress(f"reading {file.display}", done, len(files))
        bundle.files.append(file.display)
        if file.base in _RELATION_FILES:
            _read_relations(bundle, file)
            continue
        file_lang = _file_language(file, lang)
        bundle.languages.add(file_lang)
        if file.base in COLLECTIONS:
            _read_collection(bundle, file, file_lang)
        else:
            _read_concept_file(bundle, file, file_lang)
        bundle.label_langs.add(file_lang)
    if progress:
        progress("read all files", len(files), len(files))
    _check_same_occupations(bundle)
    return bundle
