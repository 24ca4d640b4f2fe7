"""Plain text out of the documents people upload: .txt, .pdf (pypdf), .docx (python-docx), .html (selectolax).

Every failure is an ``InputError`` with a message for the user and the HTTP status the API answers with.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _

from techtalent.core.errors import UserError
from techtalent.core.units import megabytes

__all__ = [
    "InputError",
    "UnsupportedFormat",
    "TooLarge",
    "UnreadableDocument",
    "EmptyText",
    "SUFFIXES",
    "read_document",
    "read_path",
    "check_text",
]

SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
_DROP_TAGS = ["script", "style", "nav", "noscript", "template", "svg", "head"]
_BLOCK_END = re.compile(
    r"(?i)(<br\s*/?>|</(?:p|div|li|h[1-6]|tr|td|th|section|article|header|footer|aside|blockquote|pre|table|ul|ol"
    r"|dd|dt|main|form|figure|figcaption)\s*>)"
)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
log = logging.getLogger(__name__)


class InputError(UserError):
    """Input the extractor cannot take; ``status`` is the HTTP status the API answers with."""

    status = 422


class UnsupportedFormat(InputError):
    """A file type the extractor does not read."""

    status = 415


class TooLarge(InputError):
    """More text or bytes than the configured limit."""

    status = 413


class UnreadableDocument(InputError):
    """A binary, corrupt or image-only document."""


class EmptyText(InputError):
    """A document without any words."""

    status = 400


def _count(n: int) -> str:
    return formats.number_format(n, force_grouping=True, use_l10n=True)


def _too_large(name: str, size: int, limit: int) -> str:
    return _("%(name)s: the file is %(size)s, more than the limit of %(limit)s") % {
        "name": name,
        "size": megabytes(size),
        "limit": megabytes(limit),
    }


def check_text(text: str, *, name: str, max_chars: int) -> str:
    """Return ``text`` when it has words and fits the limit, else raise EmptyText or TooLarge."""
    if len(text) > max_chars:
        raise TooLarge(
            _(
                "%(name)s: %(chars)s characters of text is more than the limit of %(limit)s per document; "
                "split it into smaller parts"
            )
            % {"name": name, "chars": _count(len(text)), "limit": _count(max_chars)}
        )
    if not any(ch.isalnum() for ch in text):
        raise EmptyText(_("%(name)s: there is no text to read") % {"name": name})
    return text


def _tidy(text: str) -> str:
    lines = (
        _SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _plain(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise UnreadableDocument(
            _("%(name)s: is a binary file, not text; upload .txt, .pdf, .docx or .html") % {"name": name}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older Windows exports of Dutch texts


def _pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(_("%(name)s: the PDF is protected with a password") % {"name": name})
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        log.info("unreadable PDF %s: %r", name, exc)
        raise UnreadableDocument(
            _("%(name)s: is not a readable PDF (the file is damaged or is no PDF)") % {"name": name}
        ) from None
    text = "\n\n".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise UnreadableDocument(
            _(
                "%(name)s: the PDF has no text layer (a scan or images only); "
                "run OCR on it first or paste the text"
            )
            % {"name": name}
        )
    return text


def _docx(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, XML and package errors alike mean a damaged file
        log.info("unreadable docx %s: %r", name, exc)
        raise UnreadableDocument(
            _("%(name)s: is not a readable Word (.docx) file (the file is damaged or is no .docx)")
            % {"name": name}
        ) from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _html(data: bytes, name: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    markup = _plain(data, name)
    tree = LexborHTMLParser(_BLOCK_END.sub(lambda m: "\n" + m.group(1), markup))
    tree.strip_tags(_DROP_TAGS)
    root = tree.body or tree.root
    return root.text(separator="") if root is not None else ""


_READERS = {".txt": _plain, ".pdf": _pdf, ".docx": _docx, ".html": _html, ".htm": _html}


def read_document(data: bytes, *, name: str, max_bytes: int, max_chars: int) -> str:
    """The plain text of an uploaded document, told apart by its file name's suffix."""
    suffix = Path(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(
            _("%(name)s: cannot read %(suffix)s; use one of %(suffixes)s")
            % {"name": name, "suffix": suffix or _("files without a suffix"), "suffixes": ", ".join(SUFFIXES)}
        )
    if len(data) > max_bytes:
        raise TooLarge(_too_large(name, len(data), max_bytes))
    if not data.strip():
        raise EmptyText(_("%(name)s: the file is empty") % {"name": name})
    return check_text(_tidy(reader(data, name)), name=name, max_chars=max_chars)


def read_path(path: Path, *, max_bytes: int, max_chars: int) -> str:
    """The plain text of a document on disk."""
    if path.is_dir():
        raise InputError(_("%(name)s: is a folder; give the files in it") % {"name": path})
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(
            _("%(name)s: cannot be read (%(reason)s)") % {"name": path, "reason": exc.strerror or exc}
        ) from None
    if size > max_bytes:
        raise TooLarge(_too_large(str(path), size, max_bytes))
    return read_document(path.read_bytes(), name=str(path), max_bytes=max_bytes, max_chars=max_chars)
