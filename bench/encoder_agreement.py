"""The NumPy MiniLM encoder against sentence-transformers (torch) on the same model files.

Prints the largest absolute difference of any embedding coordinate and the smallest cosine between the
two embeddings of a text, over ESCO labels and the validation sentences, plus texts/second of both.
Needs torch and sentence-transformers (the `peer` extra; torch==2.13.0 is a local CPU wheel):

    .venv/bin/python bench/encoder_agreement.py [--sample 400]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=400, help="ESCO labels to compare")
    args = parser.parse_args(argv)
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from techtalent.extraction.encoder import MiniLMEncoder, model_dir
    from techtalent.extraction.offline import esco_records

    _, labels = esco_records(ESCO)
    english = sorted({label.text for label in labels if label.lang == "en"})
    texts = random.Random(11).sample(english, min(args.sample, len(english)))
    for name in ("tech_val.jsonl", "house_val.jsonl"):
        texts += [json.loads(line)["text"] for line in (DEV / name).read_text(encoding="utf-8").splitlines()]
    ours = MiniLMEncoder()
    theirs = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)
    started = time.perf_counter()
    a = ours.encode(texts)
    ours_speed = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    b = theirs.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=64)
    theirs_speed = len(texts) / (time.perf_counter() - started)
    difference = float(np.abs(a - b).max())
    cosine = float((a * b).sum(axis=1).min())
    print(f"{len(texts)} texts: max |difference| {difference:.2e}, min cosine {cosine:.6f}")
    print(f"texts/s: numpy {ours_speed:.1f}, sentence-transformers {theirs_speed:.1f}")
    return 0 if difference < 1e-4 else 1


if __name__ == "__main__":
    raise SystemExit(main())
