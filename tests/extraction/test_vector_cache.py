"""The vector cache: a text is embedded once per model, whichever index build or test session asks for it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from techtalent.extraction.dense_cache import cached_index, index_files
from techtalent.extraction.engine import Lexicon, index_texts
from techtalent.extraction.offline import encoder as local_encoder
from techtalent.extraction.vector_cache import VectorCache, encode_cached, vector_folder
from tests.extraction.test_engine import toy_records


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.name = local_encoder().name
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.texts.extend(texts)
        return local_encoder().encode(texts)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    concepts, labels = toy_records()
    return Lexicon.build(concepts, labels, version="toy-vectors")


def test_stored_vectors_equal_fresh_ones_and_are_not_embedded_again(tmp_path: Path) -> None:
    texts = ["repair machines", "use welding equipment", "repair machines"]
    counting = CountingEncoder()
    first = encode_cached(texts, counting, tmp_path)
    assert counting.texts == ["repair machines", "use welding equipment"]
    again = encode_cached(texts[::-1], counting, tmp_path)
    assert len(counting.texts) == 2
    assert np.array_equal(again, first[::-1])  # read back bit for bit
    np.testing.assert_allclose(first, local_encoder().encode(texts), rtol=1e-6, atol=1e-6)  # as fresh ones


def test_a_damaged_chunk_is_ignored_and_its_texts_embedded_again(tmp_path: Path) -> None:
    encode_cached(["repair machines"], CountingEncoder(), tmp_path)
    (chunk,) = (tmp_path / local_encoder().name).glob("chunk-*.npz")
    chunk.write_bytes(b"not a numpy file")
    assert VectorCache(tmp_path, local_encoder().name).rows == {}
    counting = CountingEncoder()
    encode_cached(["repair machines"], counting, tmp_path)
    assert counting.texts == ["repair machines"]


def test_a_second_cache_folder_builds_its_index_from_the_shared_vectors(
    lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, labels = toy_records()
    monkeypatch.setenv("TECHTALENT_VECTOR_CACHE", str(tmp_path / "shared"))
    assert vector_folder(tmp_path / "a") == tmp_path / "shared"
    counting = CountingEncoder()
    first = cached_index(tmp_path / "a", "v1", lexicon.concepts, lambda: labels, counting, alternatives=1)
    embedded = len(counting.texts)
    assert embedded == len(set(index_texts(lexicon.concepts, labels, alternatives=1)[0])) > 0
    second = cached_index(tmp_path / "b", "v1", lexicon.concepts, lambda: labels, counting, alternatives=1)
    assert len(counting.texts) == embedded  # nothing embedded for the second session
    assert np.array_equal(np.asarray(first.vectors), np.asarray(second.vectors))
    # another number of alternative labels is another index file, with fewer rows here
    fewer = cached_index(tmp_path / "b", "v1", lexicon.concepts, lambda: labels, counting, alternatives=0)
    assert len(fewer.vectors) < len(second.vectors) and len(counting.texts) == embedded
    assert (
        index_files(tmp_path / "b", "v1", counting.name, 0)[0]
        != index_files(tmp_path / "b", "v1", counting.name, 1)[0]
    )
