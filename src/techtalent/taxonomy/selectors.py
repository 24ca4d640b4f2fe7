"""Reads of the taxonomy: status, the (cached) search index, concept pages and frameworks."""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Max

from techtalent.core.cache import StampedCache
from techtalent.core.languages import other_language
from techtalent.taxonomy.engine import ConceptRecord, LabelRecord, SearchIndex, ShownLabel
from techtalent.taxonomy.engine.derive.tokens import words
from techtalent.taxonomy.engine.search import DERIVED_SHOWN_FROM
from techtalent.taxonomy.models import (
    Broader,
    Collection,
    CollectionMember,
    Concept,
    ConceptText,
    DerivedLabel,
    Framework,
    FrameworkItem,
    FrameworkLink,
    Label,
    OccupationSkill,
    Release,
    SkillRelation,
)

log = logging.getLogger(__name__)


def taxonomy_status() -> dict[str, object]:
    """The latest release and concept counts, for the home page and `techtalent esco status`."""
    release = Release.objects.first()
    counts = dict(Concept.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    langs = sorted(set(Label.objects.values_list("lang", flat=True).distinct()))
    return {
        "release": release,
        "languages": ", ".join(langs),
        "occupations": counts.get("occupation", 0),
        "skills": counts.get("skill", 0),
        "frameworks": Framework.objects.count(),
    }


_stamp_memo: ContextVar[dict[str, str] | None] = ContextVar("taxonomy_stamp_memo", default=None)


def taxonomy_stamp() -> str:
    """Changes whenever the stored taxonomy changes (a new release is recorded only on change)."""
    memo = _stamp_memo.get()
    if memo is not None and "stamp" in memo:
        return memo["stamp"]
    release = Release.objects.order_by("-id").values_list("id", "imported_at").first()
    stamp = f"r{release[0]}-{int(release[1].timestamp() * 1_000_000)}" if release else "r0"
    if memo is not None:
        memo["stamp"] = stamp
    return stamp


@contextmanager
def one_stamp() -> Iterator[None]:
    """Read the stamp once for everything inside (a web request): one query instead of one per label."""
    token = _stamp_memo.set({})
    try:
        yield
    finally:
        _stamp_memo.reset(token)


def taxonomy_records() -> tuple[list[ConceptRecord], Iterator[LabelRecord]]:
    """The stored taxonomy as plain engine records (concepts with collections, and a stream of labels)."""
    collections: dict[int, list[str]] = defaultdict(list)
    for concept_id, code in CollectionMember.objects.values_list("concept_id", "collection__code"):
        collections[concept_id].append(code)
    rows = list(Concept.objects.values_list("id", "uri", "kind", "skill_type").order_by("id"))
    # What the search's generality prior reads: occupations needing a skill (essential ones apart) and its
    # narrower skills in the hierarchy.
    per_skill = OccupationSkill.objects.values_list("skill_id").annotate(n=Count("id"))
    used = dict(per_skill.values_list("skill_id", "n"))
    per_essential = OccupationSkill.objects.filter(relation="essential").values_list("skill_id")
    essential = dict(per_essential.annotate(n=Count("id")).values_list("skill_id", "n"))
    per_broader = Broader.objects.filter(concept__kind="skill").values_list("broader_id")
    narrower = dict(per_broader.annotate(n=Count("id")).values_list("broader_id", "n"))
    concepts = [
        ConceptRecord(
            uri,
            kind,
            skill_type,
            tuple(collections.get(cid, ())),
            used.get(cid, 0),
            essential.get(cid, 0),
            narrower.get(cid, 0),
        )
        for cid, uri, kind, skill_type in rows
    ]
    uri_of = {cid: uri for cid, uri, _, _ in rows}
    official = (
        LabelRecord(uri_of[cid], lang, type_, text)
        for cid, lang, type_, text in Label.objects.values_list(
            "concept_id", "lang", "type", "text"
        ).iterator(chunk_size=20000)
    )
    derived = (
        LabelRecord(uri_of[cid], lang, "derived", text, confidence)
        for cid, lang, text, confidence in DerivedLabel.objects.values_list(
            "concept_id", "lang", "text", "confidence"
        ).iterator(chunk_size=20000)
    )
    return concepts, itertools.chain(official, derived)


def english_texts() -> Iterator[str]:
    """The English descriptions, scope notes and definitions of every concept, one text at a time."""
    rows = ConceptText.objects.filter(lang="en").values_list("description", "scope_note", "definition")
    for row in rows.iterator(chunk_size=5000):
        yield from (text for text in row if text)


def _build_index() -> SearchIndex:
    from techtalent.taxonomy.derived import translation_lexicon

    concepts, labels = taxonomy_records()
    return SearchIndex(concepts, labels, lexicon=translation_lexicon(taxonomy_stamp()))


_index_cache: StampedCache[SearchIndex] = StampedCache("search-v6", _build_index)


def search_index() -> SearchIndex:
    """The search index of the current taxonomy: from memory, else the disk cache, else built and cached."""
    return _index_cache.get(taxonomy_stamp())


def forget_cache() -> None:
    """Drop the in-memory search index (tests import several toy taxonomies in one process)."""
    _index_cache.forget()
    _search.cache_clear()


def shown_label(uri: str, lang: str) -> ShownLabel:
    """The one display rule: the official label in ``lang``, else the best derived one (marked), else the
    official label in the other language. Every page, export and API that names a concept uses this."""
    return search_index().shown(uri, lang)


def shown_labels(uris: list[str], lang: str) -> dict[str, ShownLabel]:
    """:func:`shown_label` for many concepts at once."""
    index = search_index()
    return {uri: index.shown(uri, lang) for uri in uris}


@dataclass(frozen=True)
class ShownName:
    """A concept as pages, exports and APIs name it (:func:`shown_label` with its URI): whether the name is
    in the other language (``fallback``) or machine-translated (``derived``, from the official
    ``original``)."""

    uri: str
    label: str
    lang: str
    fallback: bool = False
    derived: bool = False
    original: str = ""


def shown_name(uri: str, lang: str) -> ShownName:
    """The name of ``uri`` in ``lang`` by the one display rule (official, else derived, else the other)."""
    return _name(uri, lang, shown_label(uri, lang))


def _name(uri: str, lang: str, s: ShownLabel) -> ShownName:
    return ShownName(uri, s.text or uri, s.lang, s.lang != lang, s.derived, s.original)


def _folded(text: str) -> str:
    return " ".join(words(text))


def attested_label(uri: str, lang: str, *texts: str) -> ShownLabel:
    """:func:`shown_label`, except that a concept shown with a derived label is shown with the derived label
    ``texts`` actually use (a found concept's matched label or its sentence): the words the reader wrote,
    not the best-ranked machine translation ("in ploegen werken", not "in materiaalbehandeling werken")."""
    return attested_labels({uri: texts}, lang)[uri]


def attested_labels(texts: Mapping[str, Sequence[str]], lang: str) -> dict[str, ShownLabel]:
    """:func:`attested_label` for many concepts (URI → the texts that found it), in one query."""
    index = search_index()
    shown = {uri: index.shown(uri, lang) for uri in texts}
    folded = {uri: [f" {_folded(t)} " for t in found if t] for uri, found in texts.items()}
    wanted = [uri for uri, s in shown.items() if s.derived and any(f.strip() for f in folded[uri])]
    if not wanted:
        return shown
    rows = DerivedLabel.objects.filter(concept__uri__in=wanted, lang=lang).order_by("concept_id", "rank")
    taken: set[str] = set()  # the best-ranked derived label the texts use wins
    for uri, text, confidence in rows.values_list("concept__uri", "text", "confidence"):
        best, key = shown[uri], _folded(text)
        if uri in taken or not key or key == _folded(best.text) or confidence < DERIVED_SHOWN_FROM:
            continue
        if any(f" {key} " in f for f in folded[uri]):
            shown[uri] = ShownLabel(text, lang, True, best.original, confidence)
            taken.add(uri)
    return shown


def attested_name(uri: str, lang: str, *texts: str) -> ShownName:
    """:func:`shown_name` by :func:`attested_label`: a derived name the texts use is the one shown."""
    return _name(uri, lang, attested_label(uri, lang, *texts))


def attested_names(texts: Mapping[str, Sequence[str]], lang: str) -> dict[str, ShownName]:
    """:func:`attested_name` for many concepts (URI → the texts that found it), in one query."""
    return {uri: _name(uri, lang, label) for uri, label in attested_labels(texts, lang).items()}


def concept_search(
    query: str,
    *,
    lang: str = "nl",
    limit: int = 10,
    kind: str | None = None,
    skill_type: str | None = None,
    collection: str | None = None,
) -> list[dict[str, object]]:
    """Search concepts by label; each result has uri, label (in ``lang`` where present), kind and score."""
    found = _search(taxonomy_stamp(), query, lang, limit, kind, skill_type, collection)
    return [dict(hit) for hit in found]


@lru_cache(maxsize=4096)
def _search(
    stamp: str,
    query: str,
    lang: str,
    limit: int,
    kind: str | None,
    skill_type: str | None,
    collection: str | None,
) -> tuple[dict[str, object], ...]:
    # Kept per process and taxonomy version (the stamp): popular and as-you-type queries repeat a lot.
    index = search_index()
    results = []
    for hit in index.search(
        query, lang=lang, limit=limit, kind=kind, skill_type=skill_type, collection=collection
    ):
        shown = index.shown(hit.uri, lang)
        results.append(
            {
                "uri": hit.uri,
                "label": shown.text,
                "label_lang": shown.lang,
                "label_derived": shown.derived,
                "label_original": shown.original,
                "kind": hit.kind,
                "skill_type": hit.skill_type,
                "score": hit.score,
                # hidden labels are misspellings, derived ones below the display cut mostly wrong: they find
                # a concept but are never shown to people
                "matched_label": shown.text
                if hit.matched_type == "hidden" or not hit.shown
                else hit.matched_label,
                "matched_lang": hit.matched_lang,
                "matched_type": hit.matched_type,
            }
        )
    return tuple(results)


@dataclass
class ConceptRef:
    """A link to a concept with its label in the interface language."""

    uri: str
    kind: str
    label: str
    label_lang: str
    extra: str = ""
    fallback: bool = False
    derived: bool = False
    original: str = ""


def _refs(concepts: list[Concept], lang: str, extra: dict[int, str] | None = None) -> list[ConceptRef]:
    labels: dict[tuple[int, str], str] = {}
    ids = [c.id for c in concepts]
    for cid, label_lang, text in Label.objects.filter(concept__in=ids, type="preferred").values_list(
        "concept_id", "lang", "text"
    ):
        labels.setdefault((cid, label_lang), text)
    derived: dict[int, str] = {}
    for cid, text in (
        DerivedLabel.objects.filter(concept__in=ids, lang=lang)
        .order_by("rank")
        .values_list("concept_id", "text")
    ):
        derived.setdefault(cid, text)
    refs = []
    for c in concepts:
        if (c.id, lang) not in labels and c.id in derived:
            original = labels.get((c.id, other_language(lang)), "")
            note = (extra or {}).get(c.id, "")
            refs.append(ConceptRef(c.uri, c.kind, derived[c.id], lang, note, derived=True, original=original))
            continue
        for candidate in (lang, other_language(lang)):
            if (c.id, candidate) in labels:
                text = labels[(c.id, candidate)]
                refs.append(
                    ConceptRef(c.uri, c.kind, text, candidate, (extra or {}).get(c.id, ""), candidate != lang)
                )
                break
        else:
            refs.append(ConceptRef(c.uri, c.kind, c.code or c.uri, lang, (extra or {}).get(c.id, "")))
    return sorted(refs, key=lambda r: r.label.casefold())


@dataclass
class ConceptDetail:
    """Everything a concept page shows."""

    concept: Concept
    lang: str
    labels: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    derived: list[DerivedLabel] = field(default_factory=list)
    title_derived: bool = False
    title_original: str = ""
    texts: dict[str, ConceptText] = field(default_factory=dict)
    title: str = ""
    title_lang: str = ""
    breadcrumbs: list[list[ConceptRef]] = field(default_factory=list)
    broader: list[ConceptRef] = field(default_factory=list)
    children: list[ConceptRef] = field(default_factory=list)
    essential: list[ConceptRef] = field(default_factory=list)
    optional: list[ConceptRef] = field(default_factory=list)
    occupations_essential: list[ConceptRef] = field(default_factory=list)
    occupations_optional: list[ConceptRef] = field(default_factory=list)
    related: list[ConceptRef] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    framework_items: list[FrameworkItem] = field(default_factory=list)


def _trail(concept: Concept, lang: str) -> list[ConceptRef]:
    """The first path up the hierarchy from ``concept`` to a top concept."""
    trail: list[Concept] = []
    seen = {concept.id}
    current = concept
    while True:
        parent = Concept.objects.filter(narrower_edges__concept=current).order_by("kind", "id").first()
        if parent is None or parent.id in seen:
            break
        trail.append(parent)
        seen.add(parent.id)
        current = parent
    by_id = {ref.uri: ref for ref in _refs(trail, lang)}
    return [by_id[c.uri] for c in reversed(trail)]


def concept_detail(uri: str, lang: str) -> ConceptDetail | None:
    """The concept with ``uri``: labels, texts, hierarchy, relations and collections; None if unknown."""
    concept = Concept.objects.filter(uri=uri).first()
    if concept is None:
        return None
    detail = ConceptDetail(concept=concept, lang=lang)
    order = {"preferred": 0, "female": 1, "male": 2, "alternative": 3, "hidden": 4}
    rows = sorted(
        concept.labels.exclude(type="hidden").values_list("lang", "type", "text"),
        key=lambda r: (r[0], order.get(r[1], 9), r[2]),
    )
    for label_lang, type_, text in sorted(rows, key=lambda r: r[0] != lang):  # the reader's language first
        detail.labels.setdefault(label_lang, {}).setdefault(type_, []).append(text)
    detail.texts = {t.lang: t for t in concept.texts.all()}
    for candidate in (lang, other_language(lang)):
        if preferred := detail.labels.get(candidate, {}).get("preferred"):
            detail.title, detail.title_lang = preferred[0], candidate
            break
    else:
        detail.title, detail.title_lang = concept.code or uri, lang
    detail.derived = list(concept.derived_labels.all())
    if not detail.labels.get(lang, {}).get("preferred"):
        shown = shown_label(uri, lang)  # the one display rule: a derived label below the cut names nothing
        if shown.derived:
            detail.title_original = detail.title
            detail.title, detail.title_lang, detail.title_derived = shown.text, lang, True
    detail.breadcrumbs = _trail(concept, lang)
    detail.broader = _refs(list(Concept.objects.filter(narrower_edges__concept=concept)), lang)
    detail.children = _refs(list(Concept.objects.filter(broader_edges__broader=concept)), lang)
    for relation in ("essential", "optional"):
        skills = Concept.objects.filter(
            occupation_edges__occupation=concept, occupation_edges__relation=relation
        )
        setattr(detail, relation, _refs(list(skills), lang))
        occupations = Concept.objects.filter(skill_edges__skill=concept, skill_edges__relation=relation)
        setattr(detail, f"occupations_{relation}", _refs(list(occupations), lang))
    related = list(Concept.objects.filter(related_from_edges__skill=concept)) + list(
        Concept.objects.filter(related_edges__related=concept)
    )
    detail.related = _refs(list({c.id: c for c in related}.values()), lang)
    detail.collections = list(concept.collections.all())
    item_ids = FrameworkLink.objects.filter(concept_uri=uri).values_list("item_id", flat=True)
    detail.framework_items = list(FrameworkItem.objects.filter(id__in=item_ids).select_related("framework"))
    return detail


def framework_list() -> list[Framework]:
    """All sector frameworks with their item counts."""
    return list(Framework.objects.annotate(n_items=Count("items")).order_by("code"))


def framework_detail(code: str) -> tuple[Framework, list[FrameworkItem]] | None:
    """A framework with its items (and their ESCO links) in document order; None if unknown."""
    framework = Framework.objects.filter(code=code).first()
    if framework is None:
        return None
    items = list(framework.items.prefetch_related("links").select_related("parent"))
    return framework, items


@dataclass(frozen=True)
class MatchingRecords:
    """What the matching engine needs from the taxonomy, as plain records (URIs, no model instances)."""

    occupations: list[str]
    skills: list[str]
    occupation_skills: list[tuple[str, str, str]]  # (occupation, skill, essential|optional)
    broader: list[tuple[str, str]]  # (narrower, broader) within the skill pillar
    related: list[tuple[str, str]]
    labels: dict[str, str]  # English preferred labels of skills, groups and occupations
    isco: dict[str, str]  # occupation → ISCO-08 unit group
    transversal: list[str]


def matching_records() -> MatchingRecords:
    """The stored taxonomy as the records the matching engine is built from."""
    rows = list(
        Concept.objects.filter(kind__in=("occupation", "skill")).values_list(
            "id", "uri", "kind", "isco_group"
        )
    )
    uri_of = {cid: uri for cid, uri, _, _ in rows}
    pillar_uri = dict(Concept.objects.filter(kind__in=("skill", "skill_group")).values_list("id", "uri"))
    relations = [
        (uri_of[o], uri_of[s], "essential" if rel == "essential" else "optional")
        for o, s, rel in OccupationSkill.objects.values_list("occupation_id", "skill_id", "relation")
        if o in uri_of and s in uri_of
    ]
    broader = [
        (pillar_uri[c], pillar_uri[b])
        for c, b in Broader.objects.values_list("concept_id", "broader_id")
        if c in pillar_uri and b in pillar_uri
    ]
    related = [
        (uri_of[a], uri_of[b])
        for a, b in SkillRelation.objects.values_list("skill_id", "related_id")
        if a in uri_of and b in uri_of
    ]
    labels = {
        pillar_uri.get(cid) or uri_of.get(cid, ""): text
        for cid, text in Label.objects.filter(lang="en", type="preferred").values_list("concept_id", "text")
    }
    transversal = list(
        CollectionMember.objects.filter(collection__code="transversal").values_list("concept__uri", flat=True)
    )
    return MatchingRecords(
        occupations=[uri for _, uri, kind, _ in rows if kind == "occupation"],
        skills=[uri for _, uri, kind, _ in rows if kind == "skill"],
        occupation_skills=relations,
        broader=broader,
        related=related,
        labels=labels,
        isco={uri: code for _, uri, kind, code in rows if kind == "occupation" and code},
        transversal=transversal,
    )


def concept_kind(uri: str) -> str | None:
    """The kind of the concept with ``uri`` (occupation, skill, ...), None when unknown."""
    return Concept.objects.filter(uri=uri).values_list("kind", flat=True).first()


def framework_stamp(code: str) -> str:
    """Changes whenever framework ``code`` is (re)loaded: its item count and last item id, in one query."""
    found = FrameworkItem.objects.filter(framework__code=code).aggregate(n=Count("id"), last=Max("id"))
    return f"{code}:{found['n']}:{found['last'] or 0}"
