"""The extraction API, the CLI batch and the Dask batch name every found concept by the taxonomy's one display
rule: ``label`` stays the matched label (evidence); ``display_*`` say the shown name and whether it is derived
(toy ESCO with a derived Dutch label for Java, which has no official Dutch one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from techtalent.cli import app
from techtalent.extraction import services
from tests.taxonomy.toy_esco import SKILLS

pytestmark = pytest.mark.django_db

JAVA, WELD = SKILLS["java"][0], SKILLS["weld"][0]
ENGLISH = SKILLS["java"][2]
TEXT = "Je programmeert in Java en kunt lassen."
DISPLAY = ("display_label", "display_lang", "display_derived", "display_original")


def _shown(entry: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(entry[k] for k in DISPLAY)


def _derived_nl() -> str:
    from techtalent.taxonomy.models import DerivedLabel

    return DerivedLabel.objects.get(concept__uri=JAVA, lang="nl", rank=1).text


def _post(body: dict[str, Any], query: str = "") -> dict[str, Any]:
    response = Client().post(f"/api/extract{query}", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_names_concepts_and_ranking_in_dutch_marking_derived_names(derived_toy: Path) -> None:
    engine = services.extract_text(TEXT, lang="nl")
    answer = _post({"text": TEXT, "lang": "nl"})
    for part in ("concepts", "ranking"):
        by_uri = {c["uri"]: c for c in answer[part]}
        assert [c["label"] for c in answer[part]] == [c["label"] for c in engine[part]]  # matched labels
        assert _shown(by_uri[JAVA]) == (_derived_nl(), "nl", True, ENGLISH)
        assert _shown(by_uri[WELD]) == (SKILLS["weld"][3], "nl", False, "")


@pytest.mark.parametrize(("body", "query"), [({"labels": "en"}, ""), ({}, "?lang=en")])
def test_the_api_names_concepts_in_english_when_asked_or_when_the_interface_is_english(
    derived_toy: Path, body: dict[str, Any], query: str
) -> None:
    answer = _post({"text": TEXT, "lang": "nl", **body}, query)
    java = next(c for c in answer["concepts"] if c["uri"] == JAVA)
    assert _shown(java) == (ENGLISH, "en", False, "")


def test_the_file_api_names_concepts_too(derived_toy: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cv.txt", TEXT.encode(), content_type="text/plain")
    answer = Client().post("/api/extract/file", {"file": upload, "lang": "nl"}).json()
    java = next(c for c in answer["concepts"] if c["uri"] == JAVA)
    assert _shown(java) == (_derived_nl(), "nl", True, ENGLISH)


def test_the_openapi_document_describes_the_display_fields(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    found = document["components"]["schemas"]["FoundConceptOut"]
    assert set(DISPLAY) <= set(found["properties"]) and set(DISPLAY[:3]) <= set(found["required"])
    assert all(found["properties"][k].get("description") for k in DISPLAY)
    body = document["paths"]["/api/extract"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["labels"].get("description")


def test_the_cli_batch_and_json_give_the_display_fields(derived_toy: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "cv", "text": TEXT}) + "\n", encoding="utf-8")
    runner = CliRunner()
    for labels, expected in (
        ([], (_derived_nl(), "nl", True, ENGLISH)),
        (["--labels", "en"], (ENGLISH, "en", False, "")),
    ):
        target = tmp_path / f"out{len(labels)}.jsonl"
        result = runner.invoke(
            app, ["extract", "text", "--batch", str(source), "--out", str(target), *labels]
        )
        assert result.exit_code == 0, result.output
        (row,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        for part in ("concepts", "ranking"):
            assert _shown(next(c for c in row[part] if c["uri"] == JAVA)) == expected
    text = tmp_path / "cv.txt"
    text.write_text(TEXT, encoding="utf-8")
    printed = runner.invoke(app, ["extract", "text", str(text), "--lang", "nl", "--json"])
    assert printed.exit_code == 0, printed.output
    java = next(c for c in json.loads(printed.stdout)["concepts"] if c["uri"] == JAVA)
    assert _shown(java) == (_derived_nl(), "nl", True, ENGLISH)


def _second_derived(text: str) -> None:
    """A second, lower-ranked derived Dutch label for Java (the words a text may use instead of the best)."""
    from techtalent.taxonomy import selectors
    from techtalent.taxonomy.models import Concept, DerivedLabel

    concept = Concept.objects.get(uri=JAVA)
    DerivedLabel.objects.create(concept=concept, lang="nl", text=text, confidence=0.4, method="word", rank=2)
    selectors.forget_cache()


def test_a_concept_found_by_a_derived_label_is_named_with_the_words_the_text_used(derived_toy: Path) -> None:
    from techtalent.extraction.display import with_display
    from techtalent.taxonomy import selectors

    _second_derived("programmeren in Java")
    attested = selectors.attested_label(JAVA, "nl", "Je kunt Programmeren in Java.")
    assert (attested.text, attested.lang, attested.derived, attested.original) == (
        "programmeren in Java",
        "nl",
        True,
        ENGLISH,
    )
    # Not used by the text: the best derived label; part of a label is not the label; official stays.
    assert selectors.attested_label(JAVA, "nl", "Je programmeert in Java.").text == _derived_nl()
    assert selectors.attested_label(JAVA, "nl", "programmeren").text == _derived_nl()
    assert selectors.attested_label(WELD, "nl", "programmeren in Java").text == SKILLS["weld"][3]
    assert selectors.attested_label(JAVA, "en", "programmeren in Java").text == ENGLISH
    found = {"uri": JAVA, "kind": "skill", "label": "programmeren in Java", "spans": [], "score": 0.9}
    shown = with_display({"id": None, "lang": "nl", "concepts": [found], "ranking": [found]}, "nl")
    for part in ("concepts", "ranking"):
        assert _shown(shown[part][0]) == ("programmeren in Java", "nl", True, ENGLISH)
    sentence = {**found, "label": "Java", "evidence": {"sentence": "Ik kan programmeren in Java."}}
    assert _shown(with_display({"lang": "nl", "concepts": [sentence]}, "nl")["concepts"][0])[0] == (
        "programmeren in Java"
    )


def test_the_cv_review_names_a_skill_by_the_derived_label_its_sentence_uses(derived_toy: Path) -> None:
    from techtalent.matching.views import _cv_names

    _second_derived("programmeren in Java")
    (used,) = _cv_names(
        [{"uri": JAVA, "kind": "skill", "evidence": "Ik kan programmeren in Java.", "score": 1}], "nl"
    ).values()
    assert (used.label, used.derived, used.original) == ("programmeren in Java", True, ENGLISH)
    (other,) = _cv_names(
        [{"uri": JAVA, "kind": "skill", "evidence": "Java-ontwikkelaar.", "score": 1}], "nl"
    ).values()
    assert other.label == _derived_nl()


def test_sentence_wide_evidence_is_listed_but_not_marked() -> None:
    """A concept found through its whole sentence (by meaning, or by the sentence's English translation)
    does not hide the literal mentions inside that sentence; a literal mention is marked."""
    from techtalent.extraction.review import segments

    text = "Je kunt technische tekeningen lezen en lassen."
    sentence = [[0, len(text)]]
    weld = text.index("lassen")
    concepts = [
        {"uri": "u:read", "spans": sentence, "evidence": {"rule": "translated"}},
        {"uri": "u:sem", "spans": sentence, "evidence": {"rule": "semantic"}},
        {"uri": "u:weld", "spans": [[weld, weld + 6]], "evidence": {"rule": "exact"}},
    ]
    marked = [(s.text, s.concept["uri"]) for s in segments(text, concepts) if s.concept]
    assert marked == [("lassen", "u:weld")]
    assert "".join(s.text for s in segments(text, concepts)) == text


def _derived_only(key: str, *texts: str) -> str:
    """Make toy skill ``key`` Dutch-less (its official Dutch labels dropped) with ranked derived labels."""
    from techtalent.taxonomy import selectors
    from techtalent.taxonomy.models import Concept, DerivedLabel, Label

    concept = Concept.objects.get(uri=SKILLS[key][0])
    Label.objects.filter(concept=concept, lang="nl").delete()
    DerivedLabel.objects.filter(concept=concept).delete()
    for rank, text in enumerate(texts, start=1):
        DerivedLabel.objects.create(
            # as the derivation ranks them (0.9 × the first one's), above the display cut
            concept=concept,
            lang="nl",
            text=text,
            confidence=0.5 * 0.9 ** (rank - 1),
            method="word",
            rank=rank,
        )
    selectors.forget_cache()
    return concept.uri


def test_attested_labels_names_many_concepts_in_one_query_as_attested_label_does_one(
    derived_toy: Path,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from techtalent.taxonomy import selectors

    _second_derived("programmeren in Java")
    sql = _derived_only("sql", "SQL-databasetaal", "databanken bevragen met SQL")
    wiring = _derived_only("wiring", "bedrading aanleggen", "kabels trekken")
    texts = {
        JAVA: ("Java", "Ik kan programmeren in Java."),
        sql: ("SQL", "Je kunt databanken bevragen met SQL."),
        wiring: ("bedrading", "Je legt bedrading aan."),  # no derived label used: the best one
        WELD: ("lassen", "Je kunt lassen."),  # official Dutch label
    }
    one = {uri: selectors.attested_label(uri, "nl", *found) for uri, found in texts.items()}
    with selectors.one_stamp(), CaptureQueriesContext(connection) as few:
        selectors.attested_labels({JAVA: texts[JAVA]}, "nl")
    with selectors.one_stamp(), CaptureQueriesContext(connection) as many:
        batched = selectors.attested_labels(texts, "nl")
    assert batched == one
    assert [batched[u].text for u in texts] == [
        "programmeren in Java",
        "databanken bevragen met SQL",
        "bedrading aanleggen",
        SKILLS["weld"][3],
    ]
    assert len(many) == len(few) == 2  # the taxonomy stamp and the derived labels, however many concepts
    names = selectors.attested_names(texts, "nl")
    assert names[sql].derived and names[sql].original == SKILLS["sql"][2] and not names[WELD].derived
