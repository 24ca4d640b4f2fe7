"""Print the learned nl→en lexicon's translations of everyday Dutch technical words (a before/after look).

Learns the lexicon from the ESCO CSV export (default ../shared/data/esco/v1.1.1) with FreeDict when installed,
as the import does, and prints each word's first translations with their probabilities:

    PYTHONPATH=src .venv/bin/python bench/lexicon_probe.py [--esco DIR] [words ...]
    PYTHONPATH=src .venv/bin/python bench/lexicon_probe.py --frequent 300   # the most frequent Dutch words

With ``--frequent N`` it prints the N most frequent Dutch words of ESCO's aligned Dutch text (stop words and
words of ≤ 2 letters left out) with their first three translations, each marked by whether FreeDict gives
it (``OK`` the first one is a FreeDict sense, ``ok?`` a later one, ``--`` FreeDict knows the word but none of
the three, ``nd`` FreeDict does not have the word), and a summary: the frequent words' senses are the ones
IBM Model 1 over-links (houden → supervise from "toezicht houden").
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
WORDS = (
    "preventief onderhoud storing storingen kantbank zagen boren lassen meetgereedschap pomp klep monster "
    "veiligheid tekening tekeningen constructiebankwerker bankwerker stalen staal aan hand montage monteur "
    "draaien frezen slijpen schuren verven isoleren leiding leidingen schakelkast bedrading kabel machine "
    "productie kwaliteit controle inspectie reparatie vervangen meten afstellen hydrauliek pneumatiek "
    "elektrisch installatie rijbewijs heftruck"
).split()


def freedict_senses() -> dict[str, set[str]]:
    """FreeDict's English senses of each single Dutch word (both directions), when installed."""
    from techtalent.taxonomy.derived_records import dictionary

    senses: dict[str, set[str]] = {}
    for pair in dictionary():
        if len(pair.nl) == 1:
            senses.setdefault(pair.nl[0], set()).add(" ".join(pair.en))
    return senses


def frequent(lexicon: object, n: int) -> None:
    """Print the ``n`` most frequent Dutch words with their first three senses against FreeDict."""
    from techtalent.core.text import STOPWORDS

    counts: dict[str, int] = lexicon.counts_nl  # type: ignore[attr-defined]
    senses = freedict_senses()
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    words = [w for w in ranked if w not in STOPWORDS["nl"] and len(w) > 2 and w.isalpha()][:n]
    marks: dict[str, int] = {}
    for word in words:
        options = [w for w, _ in lexicon.english_candidates(word)[:3]]  # type: ignore[attr-defined]
        known = senses.get(word, set())
        if not known:
            mark = "nd "
        elif options and options[0] in known:
            mark = "OK "
        elif known.intersection(options):
            mark = "ok?"
        else:
            mark = "-- "
        marks[mark] = marks.get(mark, 0) + 1
        shown = ", ".join(options) or "-"
        print(f"{mark} {word:20s} n={counts[word]:<5d} {shown}   | FreeDict: {', '.join(sorted(known)[:6])}")
    print("summary: " + "  ".join(f"{m.strip()} {k}" for m, k in sorted(marks.items())))


def learn(esco: Path) -> object:
    """The lexicon learned from the export as the import learns it."""
    from techtalent.taxonomy.derived_records import lexicon_from_records
    from techtalent.taxonomy.importers.esco import read_esco

    bundle = read_esco(esco)
    return lexicon_from_records(
        bundle.labels,
        bundle.texts,
        {uri: c["kind"] for uri, c in bundle.concepts.items()},
        skill_types={uri: c["skill_type"] for uri, c in bundle.concepts.items()},
    )


def main() -> None:
    """Print the translations of the probe words."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--frequent", type=int, default=0, help="list the N most frequent Dutch words")
    parser.add_argument("words", nargs="*")
    args = parser.parse_args()
    started = time.perf_counter()
    lexicon = learn(args.esco)
    print(f"learned in {time.perf_counter() - started:.0f} s")
    if args.frequent:
        frequent(lexicon, args.frequent)
        return
    for word in args.words or WORDS:
        options = lexicon.english_candidates(word)[:4]  # type: ignore[attr-defined]
        seen = lexicon.counts_nl.get(word, 0)  # type: ignore[attr-defined]
        shown = ", ".join(f"{w} {p:.3f}" for w, p in options) or "-"
        print(f"{word:22s} n={seen:<5d} {shown}")


if __name__ == "__main__":
    main()
