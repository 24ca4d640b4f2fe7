"""The extraction API on the toy taxonomy: texts, files and titles in; ranked concepts or a 4xx detail out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.extraction.conftest import DOCUMENTS, URI, VACANCY_EN, VACANCY_NL

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """A client that reads the messages as written (English); Dutch is the default, tested below."""
    english = Client()
    english.cookies["django_language"] = "en"
    return english


def test_errors_are_in_dutch_by_default_and_in_english_when_chosen(toy: Path) -> None:
    body = json.dumps({"text": "lassen"})
    dutch = Client().post("/api/extract", "text=lassen", content_type="application/x-www-form-urlencoded")
    assert dutch.json() == {"detail": "de inhoud van het verzoek moet JSON zijn"}
    english = Client().post("/api/extract?lang=en", body[:-1], content_type="application/json")
    assert english.json() == {"detail": "the request body must be JSON"}


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_extract_finds_dutch_skills_with_spans_scores_and_evidence(client: Client, toy: Path) -> None:
    response = post(client, "/api/extract", {"text": VACANCY_NL, "id": "vac-1"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == "vac-1" and body["lang"] == "nl"
    found = {c["uri"]: c for c in body["concepts"]}
    assert {URI["mag_welding"], URI["tig_welding"], URI["engineering_drawings"]} <= set(found)
    mag = found[URI["mag_welding"]]
    start, end = mag["spans"][0]
    assert VACANCY_NL[start:end] == "MAG-lassen"
    assert 0 < mag["score"] <= 1 and mag["evidence"]
    scores = [c["score"] for c in body["concepts"]]
    assert scores == sorted(scores, reverse=True)


def test_extract_detects_english(client: Client, toy: Path) -> None:
    body = post(client, "/api/extract", {"text": VACANCY_EN, "lang": "auto"}).json()
    assert body["lang"] == "en"
    assert URI["sql"] in {c["uri"] for c in body["concepts"]}


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"text": ""}, 400, "no text"),
        ({"text": "   ...  "}, 400, "no text"),
        ({"text": "Wir suchen einen Schweißer", "lang": "de"}, 422, "lang"),
        ({"lang": "nl"}, 422, "text"),
        ({"text": 42}, 422, "text"),
        (["not", "an", "object"], 422, ""),
    ],
)
def test_bad_text_input_is_a_4xx_with_a_detail(
    client: Client, toy: Path, body: Any, status: int, detail: str
) -> None:
    response = post(client, "/api/extract", body)
    assert response.status_code == status
    assert detail in json.dumps(response.json()["detail"])


def test_a_body_that_is_not_json_is_a_400(client: Client, toy: Path) -> None:
    response = client.post("/api/extract", "text=lassen", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.json() == {"detail": "the request body must be JSON"}


def test_a_text_over_the_limit_is_a_413_even_beyond_djangos_upload_limit(
    client: Client, toy: Path, settings: Any
) -> None:
    settings.EXTRACT_MAX_CHARS = 1_000_000
    response = post(
        client, "/api/extract", {"text": "lassen " * 500_000}
    )  # 3.5 MB, past DATA_UPLOAD_MAX_MEMORY_SIZE
    assert response.status_code == 413
    assert "more than the limit" in response.json()["detail"]
    response = post(client, "/api/extract", {"text": "x" * 5_000_000})  # the body alone is past the limit
    assert response.status_code == 413


def test_extract_without_a_taxonomy_is_a_503_that_says_what_to_do(client: Client, db: None) -> None:
    response = post(client, "/api/extract", {"text": VACANCY_NL})
    assert response.status_code == 503
    assert "esco import" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("vacature-lasser.pdf", "mag_welding"),
        ("vacature-elektricien.docx", "wiring_diagrams"),
        ("vacature-developer.html", "sql"),
    ],
)
def test_file_upload_reads_pdf_docx_and_html(client: Client, toy: Path, name: str, uri: str) -> None:
    upload = SimpleUploadedFile(name, (DOCUMENTS / name).read_bytes())
    response = client.post("/api/extract/file", {"file": upload, "lang": "auto"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == name
    assert URI[uri] in {c["uri"] for c in body["concepts"]}


@pytest.mark.parametrize(
    ("name", "data", "status", "detail"),
    [
        ("kapot.docx", (DOCUMENTS / "kapot.docx").read_bytes(), 422, "not a readable Word"),
        ("scan.pdf", (DOCUMENTS / "scan-zonder-tekstlaag.pdf").read_bytes(), 422, "no text layer"),
        ("binair.txt", (DOCUMENTS / "binair.txt").read_bytes(), 422, "binary file"),
        ("cv.exe", b"MZ\x90\x00", 415, "cannot read .exe"),
        ("leeg.txt", b"", 400, "empty"),
    ],
)
def test_bad_files_are_4xx_with_a_detail(
    client: Client, toy: Path, name: str, data: bytes, status: int, detail: str
) -> None:
    response = client.post("/api/extract/file", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == status
    assert detail in response.json()["detail"]


def test_a_file_over_the_upload_limit_is_a_413(client: Client, toy: Path, settings: Any) -> None:
    settings.EXTRACT_MAX_UPLOAD_BYTES = 1000
    response = client.post("/api/extract/file", {"file": SimpleUploadedFile("groot.txt", b"lassen " * 1000)})
    assert response.status_code == 413


def test_a_missing_file_or_a_bad_language_is_a_422(client: Client, toy: Path) -> None:
    assert client.post("/api/extract/file", {"lang": "nl"}).status_code == 422
    upload = SimpleUploadedFile("v.txt", VACANCY_NL.encode())
    assert client.post("/api/extract/file", {"file": upload, "lang": "fr"}).status_code == 422


def test_titles_are_normalised_to_occupations(client: Client, toy: Path) -> None:
    response = post(
        client, "/api/extract/titles", {"titles": ["lasser", "CNC operator"], "lang": "nl", "top": 3}
    )
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["0", "1"]
    assert results[0]["title"] == "lasser" and results[0]["concepts"][0]["uri"] == URI["welder"]
    assert results[1]["concepts"][0]["uri"] == URI["cnc_operator"]
    assert len(results[0]["concepts"]) <= 3


@pytest.mark.parametrize(
    "body",
    [
        {"titles": []},
        {"titles": ["lasser"], "top": 0},
        {"titles": ["lasser"], "lang": "auto"},
        {"titles": ["x" * 301]},
        {"titles": "lasser"},
    ],
)
def test_bad_title_requests_are_422(client: Client, toy: Path, body: Any) -> None:
    response = post(client, "/api/extract/titles", body)
    assert response.status_code == 422 and "detail" in response.json()


def test_too_many_titles_is_a_413(client: Client, toy: Path, settings: Any) -> None:
    settings.EXTRACT_MAX_TITLES = 3
    assert post(client, "/api/extract/titles", {"titles": ["lasser"] * 4}).status_code == 413


def test_the_openapi_document_describes_the_extraction_endpoints(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/extract", "/api/extract/file", "/api/extract/titles"} <= set(schema["paths"])
    body = schema["paths"]["/api/extract"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "lang", "id"} <= set(body["properties"])
    assert "413" in schema["paths"]["/api/extract"]["post"]["responses"]


def test_when_every_extraction_slot_is_taken_the_api_answers_503_instead_of_waiting(
    client: Client, toy: Path, settings: Any
) -> None:
    from techtalent.extraction import services

    settings.EXTRACT_CONCURRENCY = 1
    settings.EXTRACT_WAIT_SECONDS = 0.05
    services.extractor()  # the lexicon is ready; only the slot is missing
    with services._slot():
        response = post(client, "/api/extract", {"text": VACANCY_NL})
    assert response.status_code == 503
    assert "busy" in response.json()["detail"]
    assert post(client, "/api/extract", {"text": VACANCY_NL}).status_code == 200


def test_extract_returns_a_ranking_of_top_concepts_beside_the_accepted_ones(
    client: Client, toy: Path
) -> None:
    body = post(client, "/api/extract", {"text": VACANCY_EN, "lang": "en", "top": 7}).json()
    assert len(body["ranking"]) == 7
    scores = [c["score"] for c in body["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert URI["sql"] in {c["uri"] for c in body["ranking"]}
    assert any(c["evidence"].get("rule") == "semantic" for c in body["ranking"])
    assert post(client, "/api/extract", {"text": VACANCY_EN, "top": 0}).json()["ranking"] == []
    assert post(client, "/api/extract", {"text": VACANCY_EN, "top": 101}).status_code == 422


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Wir suchen einen Schweißer für unsere Werkstatt. Sie sind teamfähig und fahren gern Auto.",
            "Duits",
        ),
        (
            "Nous recherchons un soudeur pour notre atelier. Vous êtes autonome et vous avez le permis.",
            "Frans",
        ),
    ],
)
def test_german_and_french_texts_get_a_clear_422_in_dutch(
    client: Client, toy: Path, text: str, language: str
) -> None:
    response = post(Client(), "/api/extract", {"text": text})  # Dutch, the default interface language
    assert response.status_code == 422
    assert language in response.json()["detail"] and "Nederlands en Engels" in response.json()["detail"]
    english = post(client, "/api/extract", {"text": text})  # the English cookie
    assert english.status_code == 422 and "Dutch and English" in english.json()["detail"]


def test_a_dutch_text_reaches_the_dense_index_through_the_learned_lexicon(client: Client, toy: Path) -> None:
    response = post(client, "/api/extract", {"text": VACANCY_NL, "lang": "nl", "top": 30})
    assert response.status_code == 200, response.content
    semantic = [c for c in response.json()["ranking"] if c["evidence"]["rule"] == "semantic"]
    assert semantic, response.json()["ranking"]
    query = semantic[0]["evidence"]["query"]
    assert "welding" in query and "lassen" not in query.lower()  # an English word bag, not the Dutch text
