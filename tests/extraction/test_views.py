"""The extraction page: paste or upload, marks in the text, accept/reject in the session, export, titles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from tests.extraction.conftest import DOCUMENTS, URI, VACANCY_EN, VACANCY_NL

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def analyse(client: Client, **data: Any) -> str:
    response = client.post("/extract/analyse/", data, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_dutch_by_default_and_english_on_request(client: Client, toy: Path) -> None:
    page = client.get("/extract/").content.decode()
    assert '<html lang="nl">' in page and 'id="extract-form"' in page and 'name="file"' in page
    assert 'id="titles-form"' in page
    english = client.get("/extract/?lang=en").content.decode()
    assert '<html lang="en">' in english


def test_pasted_text_comes_back_with_the_skills_marked_in_place(client: Client, toy: Path) -> None:
    html = analyse(client, text=VACANCY_NL, lang="auto")
    assert f'data-uri="{URI["mag_welding"]}"' in html
    assert f'href="/esco/concept/?uri={quote(URI["mag_welding"], safe="/")}">MAG-lassen</a></mark>' in html
    assert 'id="found"' in html and "MAG-lassen uitvoeren" in html  # the Dutch display label in the list
    assert "<html" not in html  # htmx gets only the result block


def test_labels_follow_the_interface_language(client: Client, toy: Path) -> None:
    client.cookies["django_language"] = "en"
    html = analyse(client, text=VACANCY_NL)
    assert "perform metal active gas welding" in html


def test_a_pasted_text_is_named_in_the_language_of_the_page_after_a_switch(client: Client, toy: Path) -> None:
    assert "Concepten gevonden in geplakte tekst:" in analyse(client, text=VACANCY_NL)
    client.cookies["django_language"] = "en"
    english = client.get("/extract/").content.decode()
    assert "Concepts found in pasted text:" in english and "geplakte" not in english
    client.cookies["django_language"] = "nl"
    assert "Concepten gevonden in geplakte tekst:" in client.get("/extract/").content.decode()


def test_a_pasted_text_stays_in_the_box_after_a_language_switch(client: Client, toy: Path) -> None:
    # the English walk (docs/walk-2026-12-03-en.md): the review was kept, the pasted text was gone
    analyse(client, text=VACANCY_NL)
    client.cookies["django_language"] = "en"
    page = client.get("/extract/").content.decode()
    box = page.split('id="extract-text"', 1)[1].split("</textarea>", 1)[0]
    assert "MAG-lassen" in box and box.split(">", 1)[1].strip() == escape(VACANCY_NL).strip()
    analyse(client, file=SimpleUploadedFile("vacature.txt", VACANCY_EN.encode()), lang="en")
    box = client.get("/extract/").content.decode().split('id="extract-text"', 1)[1].split("</textarea>", 1)[0]
    assert box.endswith(">")  # an uploaded file is not put in the box


def test_reject_and_accept_are_kept_in_the_session_and_exported(client: Client, toy: Path) -> None:
    analyse(client, text=VACANCY_NL)
    html = client.post(
        "/extract/decide/", {"uri": URI["mag_welding"], "decision": "rejected"}, **HTMX
    ).content.decode()
    assert f'<mark class="kind-skill rejected" data-uri="{URI["mag_welding"]}"' in html
    client.post("/extract/decide/", {"uri": URI["tig_welding"], "decision": "accepted"}, **HTMX)
    page = client.get("/extract/").content.decode()
    assert f'<tr class="rejected" data-uri="{URI["mag_welding"]}"' in page
    assert f'<tr class="accepted" data-uri="{URI["tig_welding"]}"' in page

    export = client.get("/extract/export/")
    assert export["Content-Disposition"].startswith("attachment")
    body = json.loads(export.content)
    assert body["lang"] == "nl" and [c["uri"] for c in body["concepts"]] == [URI["tig_welding"]]

    client.post("/extract/decide/", {"uri": URI["tig_welding"], "decision": "open"}, **HTMX)
    assert json.loads(client.get("/extract/export/").content)["concepts"] == []


def test_a_decision_without_javascript_redirects_back_to_the_page(client: Client, toy: Path) -> None:
    analyse(client, text=VACANCY_NL)
    response = client.post("/extract/decide/", {"uri": URI["mag_welding"], "decision": "rejected"})
    assert response.status_code == 302 and response["Location"] == "/extract/"


def test_unknown_decisions_change_nothing(client: Client, toy: Path) -> None:
    analyse(client, text=VACANCY_NL)
    client.post("/extract/decide/", {"uri": "http://example.org/x", "decision": "accepted"}, **HTMX)
    client.post("/extract/decide/", {"uri": URI["mag_welding"], "decision": "maybe"}, **HTMX)
    assert json.loads(client.get("/extract/export/").content)["concepts"] == []


def test_export_before_any_text_is_a_404_with_detail(client: Client, toy: Path) -> None:
    response = client.get("/extract/export/")
    assert response.status_code == 404 and "detail" in response.json()


def test_an_uploaded_pdf_is_read_and_marked(client: Client, toy: Path) -> None:
    upload = SimpleUploadedFile("vacature-lasser.pdf", (DOCUMENTS / "vacature-lasser.pdf").read_bytes())
    html = analyse(client, file=upload, lang="nl")
    assert "vacature-lasser.pdf" in html
    assert f'data-uri="{URI["tig_welding"]}"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Paste a text or choose a file first"),
        ({"text": "lassen", "lang": "de"}, "unsupported language"),
        ({"file": ("kapot.docx", (DOCUMENTS / "kapot.docx").read_bytes())}, "not a readable Word"),
        ({"file": ("scan.pdf", (DOCUMENTS / "scan-zonder-tekstlaag.pdf").read_bytes())}, "no text layer"),
        ({"file": ("cv.exe", b"MZ\x90")}, "cannot read .exe"),
    ],
)
def test_bad_input_shows_a_message_not_an_error_page(
    client: Client, toy: Path, data: dict, message: str
) -> None:
    client.cookies["django_language"] = "en"  # the messages as written; the Dutch ones come from the .po
    if "file" in data:
        data = {"file": SimpleUploadedFile(*data["file"])}
    html = analyse(client, **data)
    assert 'role="alert"' in html and message in html


def test_text_over_the_page_limit_is_refused_with_a_message(client: Client, toy: Path, settings: Any) -> None:
    settings.EXTRACT_PAGE_MAX_CHARS = 1000
    client.cookies["django_language"] = "en"
    html = analyse(client, text="Ervaring met lassen. " * 100)
    assert "more than the limit" in html
    response = client.post("/extract/analyse/", {"text": "x" * 3_000_000})  # past Django's upload limit
    assert response.status_code == 413
    assert "too large for this page" in response.content.decode()


def test_without_javascript_errors_get_the_whole_page_with_a_4xx(client: Client, toy: Path) -> None:
    response = client.post("/extract/analyse/", {"text": ""})
    assert response.status_code == 400 and '<html lang="nl">' in response.content.decode()


def test_without_a_taxonomy_the_page_says_how_to_import(client: Client, db: None) -> None:
    assert "techtalent esco import" in client.get("/extract/").content.decode()
    html = analyse(client, text=VACANCY_NL)
    assert "esco import" in html


def test_the_title_box_lists_occupations(client: Client, toy: Path) -> None:
    html = client.post(
        "/extract/titles/", {"titles": "lasser\nCNC operator\n", "lang": "nl"}, **HTMX
    ).content.decode()
    assert f'href="/esco/concept/?uri={quote(URI["welder"], safe="/")}">lasser</a>' in html
    assert "operator CNC-machine" in html
    empty = client.post("/extract/titles/", {"titles": "  "}, **HTMX).content.decode()
    assert 'role="alert"' in empty


def test_the_nav_links_to_the_page(client: Client, toy: Path) -> None:
    assert 'href="/extract/"' in client.get("/").content.decode()


def test_an_english_text_shows_more_suggestions_and_one_can_be_accepted_and_exported(
    client: Client, toy: Path
) -> None:
    html = analyse(client, text=VACANCY_EN, lang="auto")
    assert 'id="suggestions"' in html and "suggesties" in html, html[-3000:]
    uri = html.split('id="suggestions"', 1)[1].split('data-uri="', 1)[1].split('"', 1)[0]
    client.post("/extract/decide/", {"uri": uri, "decision": "accepted"}, **HTMX)
    exported = client.get("/extract/export/").json()
    assert uri in {c["uri"] for c in exported["concepts"]}
