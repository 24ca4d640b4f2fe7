"""Reading uploaded documents: text out of .txt, .pdf, .docx and .html; a clear error for everything else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from techtalent.extraction.readers import (
    EmptyText,
    InputError,
    TooLarge,
    UnreadableDocument,
    UnsupportedFormat,
    read_document,
    read_path,
)
from tests.extraction.conftest import DOCUMENTS

BIG = 10_000_000


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages as written; the Dutch ones come from the catalog (tested below)."""
    with translation.override("en"):
        yield


def test_messages_follow_the_interface_language_with_its_number_format() -> None:
    with translation.override("nl"), pytest.raises(TooLarge) as dutch:
        read("groot.txt", b"lassen " * 300_000, max_bytes=2_000_000)
    assert str(dutch.value) == "groot.txt: het bestand is 2,1 MB, meer dan de grens van 2 MB"
    with pytest.raises(TooLarge) as english:
        read("groot.txt", b"lassen " * 300_000, max_bytes=2_000_000)
    assert str(english.value) == "groot.txt: the file is 2.1 MB, more than the limit of 2 MB"
    with translation.override("nl"), pytest.raises(UnreadableDocument, match="geen leesbare PDF"):
        read("kapot.pdf", b"%PDF-1.4 kapot")


def read(name: str, data: bytes, **limits: int) -> str:
    return read_document(
        data, name=name, max_bytes=limits.get("max_bytes", BIG), max_chars=limits.get("max_chars", BIG)
    )


def test_a_pdf_with_a_text_layer_gives_its_text() -> None:
    text = read_path(DOCUMENTS / "vacature-lasser.pdf", max_bytes=BIG, max_chars=BIG)
    assert "Je beheerst MAG-lassen en TIG-lassen" in text
    assert text.startswith("Vacature: lasser")


def test_a_pdf_without_a_text_layer_says_so() -> None:
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_path(DOCUMENTS / "scan-zonder-tekstlaag.pdf", max_bytes=BIG, max_chars=BIG)


def test_a_corrupt_pdf_is_unreadable_not_a_crash() -> None:
    data = (DOCUMENTS / "vacature-lasser.pdf").read_bytes()
    with pytest.raises(UnreadableDocument, match="not a readable PDF"):
        read("half.pdf", b"%PDF-1.4\n" + data[200:400])


def test_a_docx_gives_paragraphs_and_table_cells() -> None:
    text = read_path(DOCUMENTS / "vacature-elektricien.docx", max_bytes=BIG, max_chars=BIG)
    assert "installeer je stopcontacten" in text
    assert "Veiligheidsvoorschriften naleven" in text


def test_a_truncated_docx_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="not a readable Word"):
        read_path(DOCUMENTS / "kapot.docx", max_bytes=BIG, max_chars=BIG)


def test_html_keeps_the_words_and_drops_script_style_and_nav() -> None:
    text = read_path(DOCUMENTS / "vacature-developer.html", max_bytes=BIG, max_chars=BIG)
    assert "looking for a software developer with experience in Python and SQL." in text
    assert "Debug software\nWork with cloud computing" in text
    for gone in ("Java", "C++", "color:red", "Home"):
        assert gone not in text


def test_text_in_windows_1252_and_utf16_is_decoded() -> None:
    assert "Lascoördinator" in read_path(DOCUMENTS / "vacature-cp1252.txt", max_bytes=BIG, max_chars=BIG)
    assert read("x.txt", "coördinatie lassen".encode("utf-16")) == "coördinatie lassen"


def test_a_binary_file_named_txt_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="binary file"):
        read_path(DOCUMENTS / "binair.txt", max_bytes=BIG, max_chars=BIG)


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"... -- !!"])
def test_an_empty_document_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyText):
        read("leeg.txt", data)


@pytest.mark.parametrize("name", ["cv.exe", "cv.doc", "README", "foto.png"])
def test_other_file_types_are_unsupported_with_the_choices_named(name: str) -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.txt, \.pdf, \.docx, \.html") as caught:
        read(name, b"hello")
    assert caught.value.status == 415


def test_too_many_bytes_or_characters_is_too_large() -> None:
    with pytest.raises(TooLarge, match="more than the limit") as caught:
        read("groot.txt", b"lassen " * 1000, max_bytes=1000)
    assert caught.value.status == 413
    with pytest.raises(TooLarge, match="of text is more than the limit"):
        read("groot.txt", b"lassen " * 1000, max_chars=5000)


def test_a_missing_path_or_a_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_path(tmp_path / "weg.txt", max_bytes=BIG, max_chars=BIG)
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path, max_bytes=BIG, max_chars=BIG)
