"""The speed-ups of the semantic path change no result beyond float32 rounding: encoder, products, batches.

The batched path relies on two properties of the matrix products: a text's vector does not depend on the
other texts encoded with it (nor on the number of BLAS threads), and a row of a product of two or more
query rows with the index does not depend on the other rows. Bit for bit this holds on some BLAS builds
and CPUs and not on others (OpenBLAS picks its float32 kernels by CPU, and on some a row's last bits depend
on how many rows one call gets), so these tests check the properties to float32 precision (a relative
difference of at most about 1e-6), then that ``extract_many`` gives the one-at-a-time results, also when a
batch is split into several groups of queries and with documents of a single query.
"""

from __future__ import annotations

import numpy as np
import pytest

from techtalent.extraction.encoder import MiniLMEncoder
from techtalent.extraction.engine import DenseIndex, Extractor, batching, extract_many
from techtalent.extraction.offline import encoder as local_encoder
from tests.extraction.test_semantic import dense, lexicon, semantic  # noqa: F401 - module fixtures


def same(got: np.ndarray, expected: np.ndarray, atol: float = 1e-6) -> None:
    """Equal to float32 precision (unit vectors: ~1e-7 apart at most; products: a relative 1e-6)."""
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-6, atol=atol)


TEXTS = [
    "use welding equipment",
    "a much longer sentence about maintaining CNC milling machines every day of the week",
    "Python",
    "repair machines",
    "fix broken machinery",
    "You will be writing and testing computer programs for our clients, and documenting them.",
]


def test_a_text_gets_the_same_bits_alone_in_any_batch_and_on_two_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoder = local_encoder()
    alone = np.vstack([encoder.encode([t]) for t in TEXTS])
    same(encoder.encode(TEXTS), alone)
    same(encoder.encode(TEXTS[::-1])[::-1], alone)
    assert isinstance(encoder, MiniLMEncoder)
    same(encoder.encode(TEXTS, batch_size=1), alone)
    two = MiniLMEncoder(threads=2)
    same(two.encode(TEXTS * 8)[: len(TEXTS)], alone)
    monkeypatch.setattr("techtalent.extraction.encoder._TOKENS", 12)  # one forward pass per text or two
    same(encoder.encode(TEXTS), alone)


def test_a_row_of_the_index_product_does_not_depend_on_the_other_rows() -> None:
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((6000, 384)).astype(np.float32)
    index = DenseIndex(vectors, np.repeat(np.arange(3000), 2), "test")
    queries = rng.standard_normal((300, 384)).astype(np.float32)
    full = index.best_per_query(queries)
    for start, end in ((0, 2), (7, 10), (40, 104), (100, 300)):
        # random vectors of norm ~20: a sum of 384 products carries ~1e-5 of float32 rounding
        same(index.best_per_query(queries[start:end]), full[start:end], atol=1e-4)


def test_a_batch_split_into_query_groups_gives_the_one_at_a_time_results(
    semantic: Extractor,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = [
        (f"d{i}", text)
        for i, text in enumerate(
            [
                *TEXTS,
                "Welding.",  # one query
                "We need a welder who can perform tungsten inert gas welding, and a nurse.",
                "Wij zoeken een lasser met kennis van Python.",
                "Project management and logistics, or customer service.",
                "Welding.",
            ]
        )
    ]
    single = [semantic.extract(t, lang="auto", doc_id=i, top=8).to_dict() for i, t in documents]
    assert [r.to_dict() for r in extract_many(semantic, documents, lang="auto", top=8)] == single
    monkeypatch.setattr(batching, "GROUP_QUERIES", 3)  # several groups, and documents larger than one
    assert [r.to_dict() for r in extract_many(semantic, documents, lang="auto", top=8)] == single
