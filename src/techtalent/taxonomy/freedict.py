"""Read Debian's FreeDict English↔Dutch dictionaries, when installed, as extra word pairs for the lexicon.

The packages dict-freedict-eng-nld and dict-freedict-nld-eng are GPL data: they are read where apt put them
(/usr/share/dictd) at run time and never copied into the repository. Without them the result is empty.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from pathlib import Path

from techtalent.taxonomy.engine.derive import SentencePair
from techtalent.taxonomy.engine.derive.tokens import words

__all__ = ["DICTD", "dictionary_pairs"]

DICTD = Path("/usr/share/dictd")
_FILES = {"freedict-eng-nld.dict.dz": "en", "freedict-nld-eng.dict.dz": "nl"}
_HEAD = re.compile(r"^(?P<head>[^/\n]+?)\s*/[^/\n]*/\s*$")
_SENSE = re.compile(r"^\s*\d+\.\s*")
_MAX_WORDS = 3


def _entries(text: str) -> list[tuple[str, list[str]]]:
    """(headword, translations) for each dictionary entry of a dictd source text."""
    entries: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if match := _HEAD.match(line):
            entries.append((match.group("head").strip(), []))
        elif entries and line.strip() and not line.startswith("00"):
            body = _SENSE.sub("", line)
            entries[-1][1].extend(part.strip() for part in body.split(",") if part.strip())
    return entries


def dictionary_pairs(root: Path = DICTD) -> list[SentencePair]:
    """Headword ↔ translation pairs of both FreeDict directions (short ones only); [] when not installed."""
    pairs: list[SentencePair] = []
    for name, head_lang in sorted(_FILES.items()):
        path = root / name
        if not path.is_file():
            continue
        try:
            text = unicodedata.normalize("NFKC", gzip.decompress(path.read_bytes()).decode("utf-8"))
        except (OSError, UnicodeDecodeError, EOFError):
            continue  # a damaged optional dictionary is skipped, not fatal
        for head, translations in _entries(text):
            head_words = words(head)
            if not head_words or len(head_words) > _MAX_WORDS:
                continue
            for translation in translations:
                other = words(translation)
                if not other or len(other) > _MAX_WORDS:
                    continue
                en, nl = (head_words, other) if head_lang == "en" else (other, head_words)
                pairs.append(SentencePair(en, nl, "dictionary"))
    return sorted(set(pairs), key=lambda p: (p.en, p.nl))
