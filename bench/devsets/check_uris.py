"""Check that every gold URI of the extraction and title dev sets exists in the ESCO CSVs.

Reads `skills_en.csv` and `occupations_en.csv` of the taxonomy version, then each set given (default: every
`*.jsonl` next to this script) through `load_gold` / `load_gold_titles` (so the format is validated too), and
lists each URI that is not an ESCO skill or occupation, with the id of the line that uses it. With
`--labels` it also prints each line's concepts by their English preferred label (for reviewing a set).
Exit status 1 when any URI is unknown.

    .venv/bin/python bench/devsets/check_uris.py [--esco DIR] [--labels] [SET.jsonl ...]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.evaluation import load_gold, load_gold_titles  # noqa: E402

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CSVS = ("skills_en.csv", "occupations_en.csv")


def esco_labels(esco: Path) -> dict[str, str]:
    """conceptUri → English preferred label of every ESCO skill and occupation."""
    labels: dict[str, str] = {}
    for name in CSVS:
        with (esco / "en" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                labels[row["conceptUri"]] = row["preferredLabel"]
    return labels


def set_uris(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(line id, URIs) of each line of a dev set; titles sets are recognised by their file name."""
    if path.name.startswith("titles"):
        return [(t.id, t.uris) for t in load_gold_titles(path)]
    return [(d.id, d.uris) for d in load_gold(path)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--labels", action="store_true", help="print each line's concepts by label")
    parser.add_argument("sets", nargs="*", type=Path, help="dev sets (default: every *.jsonl here)")
    args = parser.parse_args(argv)
    labels = esco_labels(args.esco)
    unknown = 0
    for path in args.sets or sorted(HERE.glob("*.jsonl")):
        lines = set_uris(path)
        bad = [(line_id, uri) for line_id, uris in lines for uri in uris if uri not in labels]
        unknown += len(bad)
        pairs = sum(len(uris) for _, uris in lines)
        print(f"{path.name}: {len(lines)} lines, {pairs} URIs, {len(bad)} not in ESCO")
        for line_id, uri in bad:
            print(f"  {line_id}: {uri}")
        if args.labels:
            for line_id, uris in lines:
                print(f"  {line_id}: {'; '.join(labels.get(u, '?' + u) for u in uris)}")
    return 1 if unknown else 0


if __name__ == "__main__":
    raise SystemExit(main())
