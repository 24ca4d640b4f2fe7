"""The encoder's options for other model folders: prefix, CLS pooling, MPNet weights and position bias.

Each test builds a model folder from the shipped all-MiniLM-L6-v2 files (real weights, no download) and
checks the option against the default forward pass, which stays that of the shipped model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from techtalent.extraction.encoder import MiniLMEncoder, _bucket, model_dir
from techtalent.extraction.offline import encoder as local_encoder

TEXTS = ["repair machines", "fix broken machinery on the production line", "bake bread"]


def _folder(tmp_path: Path, options: dict[str, object], *, config: dict[str, object] | None = None) -> Path:
    """A copy of the shipped model's files with ``options`` as its techtalent-model.json."""
    base = model_dir()
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        shutil.copy(base / name, tmp_path / name)
    if config is not None:
        merged = {**json.loads((base / "config.json").read_text(encoding="utf-8")), **config}
        (tmp_path / "config.json").write_text(json.dumps(merged), encoding="utf-8")
    (tmp_path / "techtalent-model.json").write_text(json.dumps(options), encoding="utf-8")
    return tmp_path


def test_a_prefix_is_put_before_every_text(tmp_path: Path) -> None:
    prefixed = MiniLMEncoder(_folder(tmp_path, {"name": "p", "prefix": "query: "}))
    assert prefixed.name == "p"
    got = prefixed.encode(TEXTS)
    want = local_encoder().encode(["query: " + t for t in TEXTS])
    assert got.tobytes() == want.tobytes()
    assert np.abs(got - local_encoder().encode(TEXTS)).max() > 1e-3


def test_cls_pooling_gives_other_unit_vectors_the_same_alone_as_in_a_batch(tmp_path: Path) -> None:
    cls = MiniLMEncoder(_folder(tmp_path, {"name": "c", "pooling": "cls"}))
    batch = cls.encode(TEXTS)
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    assert np.abs(batch - local_encoder().encode(TEXTS)).max() > 1e-2
    for i, text in enumerate(TEXTS):
        assert np.abs(cls.encode([text])[0] - batch[i]).max() < 1e-6


def test_an_unknown_pooling_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pooling"):
        MiniLMEncoder(_folder(tmp_path, {"name": "x", "pooling": "max"}))


def test_mpnet_names_and_a_zero_position_bias_give_the_bert_vectors(tmp_path: Path) -> None:
    """MiniLM's weights under MPNet's names, with a zero relative position bias and positions from 0."""
    from safetensors.numpy import load_file, save_file

    folder = _folder(tmp_path, {"name": "m"}, config={"model_type": "mpnet", "pad_token_id": -1})
    weights = load_file(str(folder / "model.safetensors"))
    renamed = {}
    for key, value in weights.items():
        for bert, mpnet in (
            (".attention.self.query.", ".attention.attn.q."),
            (".attention.self.key.", ".attention.attn.k."),
            (".attention.self.value.", ".attention.attn.v."),
            (".attention.output.dense.", ".attention.attn.o."),
            (".attention.output.LayerNorm.", ".attention.LayerNorm."),
        ):
            key = key.replace(bert, mpnet)
        renamed[key] = value
    assert "encoder.layer.0.attention.attn.q.weight" in renamed
    heads = int(json.loads((folder / "config.json").read_text(encoding="utf-8"))["num_attention_heads"])
    renamed["encoder.relative_attention_bias.weight"] = np.zeros((32, heads), np.float32)
    save_file(renamed, str(folder / "model.safetensors"))
    assert MiniLMEncoder(folder).encode(TEXTS).tobytes() == local_encoder().encode(TEXTS).tobytes()
    renamed["encoder.relative_attention_bias.weight"] = np.linspace(
        -2, 2, 32 * heads, dtype=np.float32
    ).reshape(32, heads)
    save_file(renamed, str(folder / "model.safetensors"))
    assert np.abs(MiniLMEncoder(folder).encode(TEXTS) - local_encoder().encode(TEXTS)).max() > 1e-3


def test_relative_position_buckets_follow_the_t5_scheme() -> None:
    # bucket(relative) for 32 buckets, max distance 128: |relative| < 8 exact, then logarithmic up to 15;
    # a key after the query (relative > 0) adds 16. Values worked out by hand from the formula
    # 8 + floor(log(n / 8) / log(128 / 8) * 8), capped at 15.
    relative = np.array([0, -1, -7, -8, -20, -50, -127, -128, -1000, 1, 7, 20, 1000])
    want = np.array([0, 1, 7, 8, 10, 13, 15, 15, 15, 17, 23, 26, 31])
    assert _bucket(relative).tolist() == want.tolist()
