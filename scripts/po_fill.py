"""Fill empty Dutch msgstr entries from a TSV of English→Dutch pairs; report what is still untranslated.

Usage: python scripts/po_fill.py scripts/nl.tsv   (after `django-admin makemessages -l nl -l en`)
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "techtalent" / "locale"


def main(tsv: str) -> int:
    pairs = {}
    for line in Path(tsv).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            en, nl = line.split("\t")
            pairs[en.replace("\\n", "\n")] = nl.replace("\\n", "\n")
    po = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    for entry in po:
        if entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    po.save_as_mofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.mo"))
    en = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    for entry in en:
        entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    en.save()
    en.save_as_mofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.mo"))
    missing = [e.msgid for e in po if not e.msgstr or "fuzzy" in e.flags]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
