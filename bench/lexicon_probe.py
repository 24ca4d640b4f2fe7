"""Print the learned nl→en lexicon's translations of everyday Dutch technical words (a before/after look).

Learns the lexicon from the ESCO CSV export (default ../shared/data/esco/v1.1.1) with FreeDict when installed,
as the import does, and prints each word's first translations with their probabilities:

    PYTHONPATH=src .venv/bin/python bench/lexicon_probe.py [--esco DIR] [words ...]
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
    parser.add_argument("words", nargs="*")
    args = parser.parse_args()
    started = time.perf_counter()
    lexicon = learn(args.esco)
    print(f"learned in {time.perf_counter() - started:.0f} s")
    for word in args.words or WORDS:
        options = lexicon.english_candidates(word)[:4]  # type: ignore[attr-defined]
        seen = lexicon.counts_nl.get(word, 0)  # type: ignore[attr-defined]
        shown = ", ".join(f"{w} {p:.3f}" for w, p in options) or "-"
        print(f"{word:22s} n={seen:<5d} {shown}")


if __name__ == "__main__":
    main()
