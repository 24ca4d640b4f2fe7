"""The review on the extraction page: the text with marks in place, and accept/reject kept in the session."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = [
    "Segment",
    "DECISIONS",
    "review_start",
    "review_state",
    "review_decide",
    "review_view",
    "review_export",
    "display_fields",
]

SESSION_KEY = "extraction_review"
DECISIONS = ("accepted", "rejected", "open")


@dataclass(frozen=True)
class Segment:
    """A stretch of the text: plain, or the mention of a found concept."""

    text: str
    concept: dict[str, Any] | None = None


def review_start(session: MutableMapping[str, Any], *, name: str, text: str, result: dict[str, Any]) -> None:
    """Keep a new extraction result and its text in the session; every concept starts open."""
    session[SESSION_KEY] = {"name": name, "text": text, "result": result, "decisions": {}}


def review_state(session: MutableMapping[str, Any]) -> dict[str, Any] | None:
    """The review kept in the session, if any."""
    state = session.get(SESSION_KEY)
    return state if isinstance(state, dict) and "result" in state else None


def review_decide(session: MutableMapping[str, Any], *, uri: str, decision: str) -> bool:
    """Accept, reject or reopen one found concept; False when there is no such concept to decide on."""
    state = review_state(session)
    if state is None or decision not in DECISIONS:
        return False
    if uri not in {c["uri"] for c in _candidates(state["result"])}:
        return False
    if decision == "open":
        state["decisions"].pop(uri, None)
    else:
        state["decisions"][uri] = decision
    session[SESSION_KEY] = state  # reassign so the session backend notices the change
    return True


# Rules whose span is the whole sentence rather than the words that name the concept.
SENTENCE_RULES = frozenset({"semantic", "translated"})


def segments(text: str, concepts: Sequence[dict[str, Any]]) -> list[Segment]:
    """Split ``text`` into plain and marked segments; of overlapping mentions the longer, then better wins.

    Concepts found by meaning only (rule "semantic") or through a Dutch sentence's English translation (rule
    "translated") cite their whole sentence, not a mention: they are listed but not marked, so they never
    hide the literal mentions inside that sentence."""
    spans = sorted(
        (
            (start, end, rank)
            for rank, c in enumerate(concepts)
            if c.get("evidence", {}).get("rule") not in SENTENCE_RULES
            for start, end in c["spans"]
            if 0 <= start < end
        ),
        key=lambda s: (s[0], -(s[1] - s[0]), s[2]),
    )
    out: list[Segment] = []
    cursor = 0
    for start, end, rank in spans:
        if start < cursor or end > len(text):
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], concepts[rank]))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def _candidates(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The accepted concepts, then the ranking's further suggestions (each URI once)."""
    seen: dict[str, dict[str, Any]] = {}
    for c in [*result["concepts"], *result.get("ranking", [])]:
        seen.setdefault(c["uri"], c)
    return list(seen.values())


def suggestion_uris(result: dict[str, Any]) -> list[str]:
    """URIs the ranking suggests beyond the accepted concepts (for "show more suggestions")."""
    accepted = {c["uri"] for c in result["concepts"]}
    return [c["uri"] for c in result.get("ranking", []) if c["uri"] not in accepted]


class Named(Protocol):
    """The name a concept is shown with (the taxonomy's display rule: ``ShownLabel``)."""

    @property
    def text(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def derived(self) -> bool: ...
    @property
    def original(self) -> str: ...


def display_fields(c: dict[str, Any], labels: Mapping[str, Named], lang: str) -> dict[str, Any]:
    """The display fields of one concept: its shown name, language, and whether it is machine-translated."""
    name = labels.get(c["uri"])
    if name is None:
        return {"display": c["label"], "display_lang": lang, "display_derived": False, "display_original": ""}
    return {
        "display": name.text,
        "display_lang": name.lang,
        "display_derived": name.derived,
        "display_original": name.original,
    }


def review_view(state: dict[str, Any], labels: Mapping[str, Named]) -> dict[str, Any]:
    """What the page shows: concepts and suggestions with label and decision, the marked text, counts."""
    decisions = state["decisions"]
    result = state["result"]

    def shown(c: dict[str, Any]) -> dict[str, Any]:
        return {**c, **display_fields(c, labels, result["lang"]), "decision": decisions.get(c["uri"], "open")}

    concepts = [shown(c) for c in result["concepts"]]
    accepted = {c["uri"] for c in concepts}
    suggestions = [shown(c) for c in result.get("ranking", []) if c["uri"] not in accepted]
    counts = {d: sum(1 for c in [*concepts, *suggestions] if c["decision"] == d) for d in DECISIONS}
    return {
        "name": state["name"],
        "lang": result["lang"],
        "concepts": concepts,
        "suggestions": suggestions,
        "segments": segments(state["text"], concepts),
        "counts": counts,
    }


def review_export(state: dict[str, Any], labels: Mapping[str, Named] | None = None) -> dict[str, Any]:
    """The accepted concepts as an extraction result: {"id", "lang", "concepts": [...]}; with ``labels``
    each concept also says the name it is shown with (``display_label``, ``display_lang``) and whether
    that name is machine-translated (``display_derived``, with the official ``display_original``)."""
    accepted = [c for c in _candidates(state["result"]) if state["decisions"].get(c["uri"]) == "accepted"]
    if labels is not None:
        lang = state["result"]["lang"]
        accepted = [{**c, **_export_fields(display_fields(c, labels, lang))} for c in accepted]
    return {
        "id": state["result"].get("id") or state["name"],
        "lang": state["result"]["lang"],
        "concepts": accepted,
    }


def _export_fields(display: dict[str, Any]) -> dict[str, Any]:
    return {
        "display_label": display["display"],
        "display_lang": display["display_lang"],
        "display_derived": display["display_derived"],
        "display_original": display["display_original"],
    }
