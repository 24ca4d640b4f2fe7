"""Extraction for the pages, the API and the CLI: the cached lexicon, limits, bounded runs, display labels."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from techtalent.extraction.readers import InputError, TooLarge, check_text, read_document
from techtalent.taxonomy import selectors

if TYPE_CHECKING:
    from techtalent.extraction.engine import DenseIndex, Extractor, Lexicon, TitleNormaliser
    from techtalent.extraction.engine.senses import Cooccurrence
    from techtalent.extraction.engine.translate import Translator

__all__ = [
    "Limits",
    "limits",
    "TaxonomyMissing",
    "Busy",
    "lexicon",
    "lexicon_path",
    "dense_index",
    "semantic_enabled",
    "extractor",
    "normaliser",
    "extract_text",
    "extract_upload",
    "normalise_titles",
    "titles_for_display",
    "display_labels",
    "cooccurrence",
    "LANGS",
]

LANGS = ("auto", "nl", "en")
_lock = threading.Lock()
# (version, lexicon, extractor, normaliser)
_cached: tuple[str, Lexicon, Extractor, TitleNormaliser] | None = None


@dataclass(frozen=True)
class Limits:
    """How much one request may ask: characters of text, bytes of upload, titles, concurrent runs."""

    max_chars: int
    max_bytes: int
    page_max_chars: int
    max_titles: int
    concurrency: int
    wait_seconds: float


def _setting(name: str, default: float) -> float:
    value = getattr(settings, name, None) or os.environ.get(f"TECHTALENT_{name}") or default
    return float(value)


def limits() -> Limits:
    """The limits in force, from Django settings or TECHTALENT_EXTRACT_* environment variables."""
    return Limits(
        max_chars=int(_setting("EXTRACT_MAX_CHARS", 5_000_000)),
        max_bytes=int(_setting("EXTRACT_MAX_UPLOAD_BYTES", 10_000_000)),
        page_max_chars=int(_setting("EXTRACT_PAGE_MAX_CHARS", 200_000)),
        max_titles=int(_setting("EXTRACT_MAX_TITLES", 1000)),
        concurrency=max(1, int(_setting("EXTRACT_CONCURRENCY", 2))),
        wait_seconds=_setting("EXTRACT_WAIT_SECONDS", 20),
    )


class TaxonomyMissing(InputError):
    """Nothing to extract with: no ESCO taxonomy imported yet."""

    status = 503


class Busy(InputError):
    """Every extraction slot of this process is taken; try again shortly."""

    status = 503


_slots: dict[int, threading.BoundedSemaphore] = {}


@contextmanager
def _slot() -> Iterator[None]:
    """Hold one of the few extraction slots, so long texts never take every worker thread."""
    current = limits()
    semaphore = _slots.setdefault(current.concurrency, threading.BoundedSemaphore(current.concurrency))
    if not semaphore.acquire(timeout=current.wait_seconds):
        raise Busy("the extractor is busy with other texts; try again in a moment")
    try:
        yield
    finally:
        semaphore.release()


def _version() -> str:
    db = settings.DATABASES["default"]
    where = hashlib.sha1(f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}".encode()).hexdigest()[:10]
    return f"{db['ENGINE'].rsplit('.', 1)[-1]}-{where}-{selectors.taxonomy_stamp()}"


def lexicon_path(version: str | None = None) -> Path:
    """Where ``cached_lexicon`` keeps the lexicon of ``version`` (default: the current taxonomy)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", version or _version())
    return Path(settings.CACHE_DIR) / f"lexicon-{safe}.pickle"


def semantic_enabled() -> bool:
    """Whether English texts also go through dense retrieval (TECHTALENT_EXTRACT_SEMANTIC, default on)."""
    value = getattr(settings, "EXTRACT_SEMANTIC", None)
    if value is None:
        value = os.environ.get("TECHTALENT_EXTRACT_SEMANTIC", "1")
    return str(value).strip().lower() not in ("0", "false", "no", "off", "")


def dense_index(built: Lexicon, progress: Any = None) -> DenseIndex | None:
    """The dense index of the lexicon's taxonomy (built once, minutes on full ESCO), or None when off."""
    if not semantic_enabled():
        return None
    from techtalent.extraction.dense_cache import cached_index
    from techtalent.extraction.offline import encoder

    def labels() -> Any:
        return selectors.taxonomy_records()[1]

    return cached_index(
        Path(settings.CACHE_DIR), built.version, built.concepts, labels, encoder(), progress=progress
    )


def _translator(lexicon_file: Path) -> Translator | None:
    """The learned nl→en lexicon of the current taxonomy, through which Dutch texts reach the dense index;
    saved beside the lexicon file for Dask workers."""
    from techtalent.extraction.dictionary import bridged
    from techtalent.extraction.lexicon_cache import save_translator, translator_file
    from techtalent.taxonomy.derived import translation_lexicon

    lexicon: Translator | None = translation_lexicon(selectors.taxonomy_stamp())
    path = translator_file(lexicon_file)
    if lexicon is not None and not path.exists():
        save_translator(lexicon, path)
    if lexicon is None:
        return None
    # FreeDict for the words it knows weakly; ESCO's English word pairs choose each word's sense in context
    return bridged(lexicon, cooccurrence=cooccurrence(lexicon_file))  # type: ignore[no-any-return]


def _requirements(lexicon_file: Path) -> dict[str, dict[str, str]]:
    """The stored taxonomy's occupation–skill relations (occupation URI → {skill URI: essential|optional}),
    which a vacancy's title job lends its skills; saved beside the lexicon file for Dask workers."""
    from techtalent.extraction.lexicon_cache import load_requirements, requirements_file, save_requirements

    path = requirements_file(lexicon_file)
    saved = load_requirements(path)
    if saved is not None:
        return saved
    needs: dict[str, dict[str, str]] = {}
    for occupation, skill, relation in selectors.matching_records().occupation_skills:
        needs.setdefault(occupation, {})[skill] = relation
    save_requirements(needs, path)
    return needs


def cooccurrence(lexicon_file: Path) -> Cooccurrence:
    """English word co-occurrence in the stored taxonomy's labels and descriptions, counted once per
    taxonomy version (~10 s) and cached beside the lexicon file, where Dask workers read it."""
    from techtalent.extraction.cooccurrence import cached_cooccurrence, cooccurrence_file, english_units

    def units() -> Iterator[str]:
        _, labels = selectors.taxonomy_records()
        english = (label.text for label in labels if label.lang == "en" and label.type != "hidden")
        yield from english_units(english, selectors.english_texts())

    path = cooccurrence_file(lexicon_file)
    return cached_cooccurrence(path, units())  # a generator: nothing is read when the file is cached


def _engine() -> tuple[Lexicon, Extractor, TitleNormaliser]:
    global _cached
    version = _version()
    if _cached is not None and _cached[0] == version:
        return _cached[1:]
    with _lock:
        if _cached is None or _cached[0] != version:
            if not selectors.taxonomy_status()["release"]:
                raise TaxonomyMissing(
                    "no ESCO taxonomy imported yet; run `techtalent esco import PATH` first"
                )
            from techtalent.extraction.engine import Extractor, TitleNormaliser
            from techtalent.extraction.lexicon_cache import cached_lexicon
            from techtalent.extraction.offline import encoder

            built = cached_lexicon(Path(settings.CACHE_DIR), version, selectors.taxonomy_records)
            dense = dense_index(built)
            titles = TitleNormaliser(built)
            needs = _requirements(lexicon_path(version))
            semantic = dense is not None  # the lexical pass alone when no dense index could be built
            engine = Extractor(
                built,
                encoder=encoder() if semantic else None,
                dense=dense,
                translator=_translator(lexicon_path(version)) if semantic else None,
                titles=titles,
                requirements=needs,
            )
            _cached = (version, built, engine, titles)
        return _cached[1], _cached[2], _cached[3]


def lexicon() -> Lexicon:
    """The lexicon of the current taxonomy: from memory, else the disk cache, else built and cached."""
    return _engine()[0]


def extractor() -> Extractor:
    """The extractor over the current lexicon."""
    return _engine()[1]


def normaliser() -> TitleNormaliser:
    """The job-title normaliser over the current lexicon."""
    return _engine()[2]


def _check_lang(lang: str, choices: Sequence[str] = LANGS) -> str:
    if lang not in choices:
        raise InputError(f"unsupported language {lang!r}; choose one of: {', '.join(choices)}")
    return lang


def extract_text(
    text: str,
    *,
    lang: str = "auto",
    doc_id: str | None = None,
    name: str = "text",
    max_chars: int | None = None,
    top: int = 10,
) -> dict[str, Any]:
    """Concepts found in ``text``: {"id", "lang", "concepts": [accepted], "ranking": [best ``top``]}."""
    from django.utils.translation import gettext as _

    from techtalent.extraction.engine import ForeignLanguage, UnsupportedLanguage

    _check_lang(lang)
    check_text(text, name=name, max_chars=max_chars or limits().max_chars)
    engine = extractor()
    with _slot():
        try:
            result = engine.extract(text, lang=lang, doc_id=doc_id, top=top)
        except ForeignLanguage as exc:
            language = {"de": _("German"), "fr": _("French")}.get(exc.lang, exc.lang)
            message = _("%(name)s: the text looks %(language)s; techtalent reads Dutch and English.")
            raise InputError(message % {"name": name, "language": language}) from None
        except UnsupportedLanguage as exc:
            raise InputError(f"{name}: {exc}") from None
    return dict(result.to_dict())


def extract_upload(
    data: bytes, *, name: str, lang: str = "auto", max_chars: int | None = None, top: int = 10
) -> tuple[str, dict[str, Any]]:
    """Read an uploaded document and extract from it; returns its text and the result."""
    current = limits()
    cap = max_chars or current.max_chars
    text = read_document(data, name=name, max_bytes=current.max_bytes, max_chars=cap)
    return text, extract_text(text, lang=lang, doc_id=name, name=name, max_chars=cap, top=top)


def normalise_titles(
    titles: Sequence[tuple[str, str]], *, lang: str = "nl", top: int = 10
) -> list[dict[str, Any]]:
    """Occupations for each (id, title): [{"id", "concepts": [{"uri", "label", "score"}]}]."""
    _check_lang(lang, ("nl", "en"))
    if len(titles) > limits().max_titles:
        raise TooLarge(f"{len(titles)} titles is more than the limit of {limits().max_titles} per request")
    engine = normaliser()
    results = []
    with _slot():
        for title_id, title in titles:
            matches = engine.normalise(title, lang=lang, top=top) if title.strip() else []
            results.append(
                {
                    "id": title_id,
                    "concepts": [{"uri": m.uri, "label": m.label, "score": m.score} for m in matches],
                }
            )
    return results


def titles_for_display(
    titles: Sequence[str], *, lang: str, labels_lang: str, top: int
) -> list[dict[str, Any]]:
    """Occupations for each title with their preferred label in ``labels_lang``: [{"title", "concepts"}]."""
    found = normalise_titles([(str(i), t) for i, t in enumerate(titles)], lang=lang, top=top)
    labels = display_labels([c["uri"] for r in found for c in r["concepts"]], labels_lang)
    return [
        {"title": title, "concepts": [{**c, "display": labels[c["uri"]][0]} for c in r["concepts"]]}
        for title, r in zip(titles, found, strict=True)
    ]


def display_labels(uris: Sequence[str], lang: str) -> dict[str, tuple[str, str]]:
    """The preferred label of each URI in ``lang`` (else the other language), with the language it is in."""
    index = selectors.search_index()
    return {uri: index.display_label(uri, lang) for uri in uris}
