"""``{{ c.evidence|evidence_facts }}``: the evidence of a found concept as (label, value) pairs in the
interface language, for the "sentence" details of the extraction page (the sentence itself is shown apart,
and a known misspelling that matched is never shown)."""

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Every key the extractor (extraction.engine.extractor) writes into a concept's evidence, in order.
FACTS = {
    "rule": _("how it was found"),
    "variant": _("label variant"),
    "label_type": _("label type"),
    "label_lang": _("label language"),
    "section": _("part of the text"),
    "mentions": _("mentions"),
    "negated": _("negated"),
    "unconfirmed": _("not confirmed by meaning"),
    "lexical_score": _("score by the words"),
    "similarity": _("similarity in meaning"),
    "dense_score": _("score by meaning"),
    "query": _("searched by meaning as"),
    "title_job": _("the job in the title"),
    "title_score": _("match with the title"),
    "not_in_title": _("not the job in the title"),
    "title_job_needs": _("needed by the job in the title"),
    "near_duplicate_of": _("nearly the same as"),
    "own_language": _("the language the text is written in"),
    "language_of": _("speaking the language of the text, named as"),
}
RULES = {
    "exact": _("literally"),
    "stem": _("another form of the words"),
    "compound": _("inside a compound word"),
    "translation": _("through a translated word"),
    "translated": _("the sentence translated word for word"),
    "fuzzy": _("with a spelling difference"),
    "enumeration": _("in an enumeration"),
    "semantic": _("similar in meaning"),
    "title": _("from the job title"),
}
LABEL_TYPES = {
    "preferred": _("preferred"),
    "alternative": _("alternative"),
    "hidden": _("known misspelling"),
    "female": _("female"),
    "male": _("male"),
    "derived": _("machine-translated"),
}
LANGUAGES = {"nl": _("Dutch"), "en": _("English")}
SECTIONS = {
    "tasks": _("tasks"),
    "requirements": _("requirements"),
    "company": _("about the company"),
    "offer": _("what is offered"),
    "diversity": _("diversity"),
    "apply": _("how to apply"),
    "other": _("other"),
}
NEEDS = {"essential": _("essential"), "optional": _("optional")}
_WORDS = {
    "title_job_needs": NEEDS,
    "rule": RULES,
    "label_type": LABEL_TYPES,
    "label_lang": LANGUAGES,
    "section": SECTIONS,
}


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, float):
        return str(floatformat(value, 2))
    words = _WORDS.get(key)
    return str(words.get(value, value)) if words is not None else str(value)


@register.filter
def evidence_facts(evidence: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The shown facts of ``evidence``: known keys in order with their words, then any other key as is."""
    evidence = evidence or {}
    hidden = evidence.get("label_type") == "hidden"
    keys = [k for k in FACTS if k in evidence] + [k for k in evidence if k not in FACTS and k != "sentence"]
    return [
        (str(FACTS.get(key, key)), _value(key, evidence[key]))
        for key in keys
        if evidence[key] not in ("", None) and not (hidden and key == "variant")
    ]
