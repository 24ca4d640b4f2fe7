"""What the extraction engine returns on the English dev sets, to prove that a speed-up changes nothing.

Runs techtalent (lexical and semantic paths) over the validation splits of TECH and HOUSE and the own
English dev set, once document by document (the page/API case) and once as batches of the chosen size (the
CLI/Dask case), checks that both give the same JSON, and writes it (``--write``) or compares it with a
snapshot written before a change (``--compare``): same concepts, ranking order, scores and evidence.

    .venv/bin/python bench/extraction_outputs.py --write /tmp/before.jsonl
    .venv/bin/python bench/extraction_outputs.py --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techtalent.extraction.engine import extract_many  # noqa: E402
from techtalent.extraction.evaluation import load_gold  # noqa: E402
from techtalent.extraction.offline import esco_extractor  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
DEVSETS = ROOT / "bench" / "devsets"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))


def documents() -> list[tuple[str, str, str]]:
    """(set, id, text) of every English dev document."""
    out = []
    for name in ("tech", "house"):
        out += [(name, d.id, d.text) for d in load_gold(DEV / f"{name}_val.jsonl", lang="en")]
    out += [("own-en", d.id, d.text) for d in load_gold(DEVSETS / "extraction_en.jsonl") if d.lang == "en"]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--batch", type=int, default=50, help="documents per extract_many call")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    docs = documents()
    lines: list[str] = []
    for semantic in (False, True):
        extractor = esco_extractor(args.esco, CACHE, semantic=semantic)
        started = time.process_time()
        single = [extractor.extract(text, lang="en", doc_id=i).to_dict() for _, i, text in docs]
        single_s = time.process_time() - started
        started = time.process_time()
        batched = []
        for at in range(0, len(docs), args.batch):
            part = [(i, text) for _, i, text in docs[at : at + args.batch]]
            batched += [r.to_dict() for r in extract_many(extractor, part, lang="en")]
        batch_s = time.process_time() - started
        path = "semantic" if semantic else "lexical"
        print(f"{path}: {len(docs)} documents, {single_s:.2f} s CPU one by one, {batch_s:.2f} s CPU batched")
        for (name, _, _), one, many in zip(docs, single, batched, strict=True):
            if one != many:
                print(f"{path} {name} {one['id']}: batched differs from one at a time", file=sys.stderr)
                return 1
            lines.append(json.dumps({"path": path, "set": name, **one}, ensure_ascii=False, sort_keys=True))
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} results to {args.write}")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    differing = [i for i, (a, b) in enumerate(zip(before, lines, strict=True)) if a != b]
    for i in differing[:5]:
        print(f"differs: {json.loads(lines[i])['path']} {json.loads(lines[i])['id']}", file=sys.stderr)
    print(f"{len(lines) - len(differing)} of {len(lines)} results identical to {args.compare}")
    return 1 if differing or len(before) != len(lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
