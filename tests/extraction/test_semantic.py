"""The semantic path on the toy taxonomy with the real local MiniLM encoder: index, cache, fusion, ranking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from techtalent.extraction.dense_cache import build_index, cached_index, index_files
from techtalent.extraction.engine import Calibration, DenseIndex, Extractor, Lexicon, index_texts
from techtalent.extraction.engine.ranking import fuse
from techtalent.extraction.engine.semantic import fragments
from techtalent.extraction.offline import encoder as local_encoder
from tests.extraction.test_engine import OCC, S, toy_records


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    concepts, labels = toy_records()
    return Lexicon.build(concepts, labels, version="toy-semantic")


@pytest.fixture(scope="module")
def dense(lexicon: Lexicon, tmp_path_factory: pytest.TempPathFactory) -> DenseIndex:
    _, labels = toy_records()
    cache = tmp_path_factory.mktemp("dense")
    return cached_index(cache, lexicon.version, lexicon.concepts, lambda: labels, local_encoder())


@pytest.fixture(scope="module")
def semantic(lexicon: Lexicon, dense: DenseIndex) -> Extractor:
    return Extractor(lexicon, encoder=local_encoder(), dense=dense)


def test_the_encoder_gives_unit_vectors_that_put_paraphrases_close() -> None:
    vectors = local_encoder().encode(["repair machines", "fix broken machinery", "bake bread"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2


def test_the_encoder_does_not_depend_on_batch_composition() -> None:
    texts = ["use welding equipment", "a much longer sentence about maintaining CNC milling machines daily"]
    together = local_encoder().encode(texts)
    alone = np.vstack([local_encoder().encode([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_index_texts_are_english_preferred_labels_grouped_by_concept(lexicon: Lexicon) -> None:
    concepts, labels = toy_records()
    texts, owners = index_texts(lexicon.concepts, labels)
    assert owners == sorted(owners)
    assert "perform tungsten inert gas welding" in texts and "TIG-lassen" not in texts
    with_alternatives, _ = index_texts(lexicon.concepts, labels, alternatives=1)
    assert "Java" in with_alternatives and "Java" not in texts


def test_a_dense_index_takes_the_best_label_of_each_concept() -> None:
    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    index = DenseIndex(vectors, [3, 3, 7], "test", ["a", "b", "c"])
    best = index.best(np.array([[0, 1]], dtype=np.float32))
    assert list(index.concepts) == [3, 7] and best.tolist() == pytest.approx([1.0, 0.8])
    assert index.label_of(7) == "c" and index.label_of(9) == ""
    with pytest.raises(ValueError):
        DenseIndex(vectors, [7, 3, 3], "test")


def test_the_cached_index_is_memory_mapped_and_rebuilt_when_the_concepts_change(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    _, labels = toy_records()
    first = cached_index(tmp_path, "v1", lexicon.concepts, lambda: labels, local_encoder())
    assert isinstance(first.vectors, np.memmap)
    calls: list[int] = []

    def counted() -> list:  # type: ignore[type-arg]
        calls.append(1)
        return labels

    again = cached_index(tmp_path, "v1", lexicon.concepts, counted, local_encoder())
    assert calls == [] and np.array_equal(np.asarray(again.vectors), np.asarray(first.vectors))
    cached_index(tmp_path, "v1", lexicon.concepts[:-1], counted, local_encoder())
    assert calls == [1]
    assert all(path.exists() for path in index_files(tmp_path, "v1", local_encoder().name))


def test_building_the_index_reports_progress(lexicon: Lexicon) -> None:
    _, labels = toy_records()
    seen: list[tuple[int, int]] = []
    index, texts = build_index(
        lexicon.concepts, labels, local_encoder(), progress=lambda _, d, t: seen.append((d, t))
    )
    assert len(index.vectors) == len(texts) and seen[-1] == (len(texts), len(texts))


def test_a_paraphrase_ranks_the_concept_no_label_names(semantic: Extractor, lexicon: Lexicon) -> None:
    text = "You will be writing and testing computer programs for our clients."
    plain = Extractor(lexicon).extract(text, lang="en", top=10)
    result = semantic.extract(text, lang="en", top=5)
    assert S["softdev"] not in {c.uri for c in plain.ranking}
    top = [c.uri for c in result.ranking]
    assert S["softdev"] in top[:3]
    hit = next(c for c in result.ranking if c.uri == S["softdev"])
    assert hit.evidence["rule"] == "semantic" and 0 < hit.evidence["similarity"] <= 1
    assert hit.spans == [(0, len(text))]


def test_a_literal_label_confirmed_by_meaning_outranks_either_alone(semantic: Extractor) -> None:
    result = semantic.extract("We need a welder who can perform tungsten inert gas welding.", lang="en")
    accepted = [c.uri for c in result.concepts]
    assert accepted[:2] == sorted(
        accepted[:2], key=lambda u: -next(c.score for c in result.concepts if c.uri == u)
    )
    tig = next(c for c in result.concepts if c.uri == S["tig"])
    assert tig.score >= tig.evidence["lexical_score"] and "similarity" in tig.evidence
    assert OCC["welder"] in accepted


def test_the_ranking_has_top_entries_and_contains_every_accepted_concept(semantic: Extractor) -> None:
    text = "Our developer writes Python and SQL and manages projects."
    result = semantic.extract(text, lang="en", top=8)
    assert len(result.ranking) == 8
    scores = [c.score for c in result.ranking]
    assert scores == sorted(scores, reverse=True)
    assert {c.uri for c in result.concepts} <= {c.uri for c in result.ranking} | {
        c.uri for c in result.concepts if c.score < result.ranking[-1].score
    }
    assert semantic.extract(text, lang="en", top=0).ranking == []


def test_dutch_texts_are_not_read_by_the_english_model(semantic: Extractor, lexicon: Lexicon) -> None:
    text = "Wij zoeken een lasser die TIG-lassen beheerst en technische tekeningen leest."
    assert (
        semantic.extract(text, lang="nl").to_dict() == Extractor(lexicon).extract(text, lang="nl").to_dict()
    )


def test_only_the_asked_kinds_are_ranked(semantic: Extractor) -> None:
    result = semantic.extract("We need a welder for welding work.", lang="en", kinds=("occupation",))
    assert result.ranking and all(c.kind == "occupation" for c in result.ranking)


def test_fusion_is_a_noisy_or_and_calibration_ramps_between_its_bounds() -> None:
    assert fuse(0.0, 0.0) == 0.0 and fuse(0.5, 0.5) == 0.75 and fuse(1.0, 0.2) == 1.0
    ramp = Calibration(low=0.4, high=0.8, cap=0.8).score(np.array([0.3, 0.6, 0.9], dtype=np.float32))
    assert ramp.tolist() == pytest.approx([0.0, 0.4, 0.8])


def test_fragments_split_enumerations_but_keep_the_sentence() -> None:
    pieces = fragments("Experience with welding, reading drawings and maintaining CNC machines.")
    assert pieces[0].startswith("Experience with welding")
    assert "reading drawings" in pieces and "maintaining CNC machines." in pieces


def test_an_encoder_without_an_index_is_refused(lexicon: Lexicon) -> None:
    with pytest.raises(ValueError, match="both"):
        Extractor(lexicon, encoder=local_encoder())


def test_a_batch_gives_exactly_the_results_of_one_document_at_a_time(semantic: Extractor) -> None:
    from techtalent.extraction.engine import extract_many

    texts = [
        "You will be writing and testing computer programs for our clients.",
        "We need a welder who can perform tungsten inert gas welding, and a nurse.",
        "Wij zoeken een lasser met kennis van Python.",
        "Project management and logistics, or customer service.",
    ]
    documents = [(f"d{i}", t) for i, t in enumerate(texts)]
    batched = [r.to_dict() for r in extract_many(semantic, documents, lang="auto", top=6)]
    single = [semantic.extract(t, lang="auto", doc_id=i, top=6).to_dict() for i, t in documents]
    assert batched == single


def test_a_fragment_offset_and_an_occupation_factor_reweigh_dense_hits(
    lexicon: Lexicon, dense: DenseIndex
) -> None:
    from techtalent.extraction.engine.ranking import dense_hits

    sentence = "We need a welder, someone who writes computer programs, and a nurse for the night shift."
    occupations = np.array([lexicon.concepts[c].kind == "occupation" for c in dense.concepts])
    plain = dense_hits([sentence], local_encoder(), dense, Calibration(), occupations=occupations)
    assert any(hit.query != sentence for hit in plain.values())  # some concepts are best met by a fragment
    whole_only = dense_hits(
        [sentence], local_encoder(), dense, Calibration(fragment=-2.0), occupations=occupations
    )
    assert all(hit.query == sentence for hit in whole_only.values())
    halved = dense_hits(
        [sentence], local_encoder(), dense, Calibration(occupation=0.5), occupations=occupations
    )
    kinds = {c: lexicon.concepts[c].kind for c in plain}
    assert any(kind == "occupation" and plain[c].score > 0 for c, kind in kinds.items())
    for concept, hit in plain.items():
        factor = 0.5 if kinds[concept] == "occupation" else 1.0
        assert halved[concept].similarity == hit.similarity
        assert halved[concept].score == pytest.approx(hit.score * factor, abs=1e-4)


def test_a_section_heading_is_no_dense_query_and_an_offer_line_weighs_as_its_section(
    semantic: Extractor,
) -> None:
    line = "You repair welding machines."  # the welder occupation is found by meaning only
    # The same line under a tasks heading keeps its dense score; the heading itself queries nothing.
    alone = next(c for c in semantic.extract(line, lang="en").ranking if c.uri == OCC["welder"])
    assert alone.evidence["rule"] == "semantic" and alone.score > 0.2
    under_tasks = semantic.extract(f"Your tasks:\n{line}", lang="en", top=10)
    hit = next(c for c in under_tasks.ranking if c.uri == OCC["welder"])
    assert hit.score == pytest.approx(alone.score) and hit.evidence["sentence"] == line
    assert all(c.evidence.get("sentence") != "Your tasks:" for c in under_tasks.ranking)
    # Under "What we offer" the same line is an offer: its dense score falls with the section's weight.
    offered = semantic.extract(f"What we offer:\n{line}", lang="en", top=10)
    low = next((c.score for c in offered.ranking if c.uri == OCC["welder"]), 0.0)
    assert low < 0.2 * alone.score


def test_another_model_folder_gets_its_own_cache_name(tmp_path: Path) -> None:
    """A fine-tuned or other model (TECHTALENT_MODEL_DIR) must not read the base model's stored vectors."""
    import json
    import shutil

    from safetensors.numpy import load_file, save_file

    from techtalent.extraction.encoder import MODEL_NAME, MiniLMEncoder, model_dir, model_name

    base = model_dir()
    assert model_name(base) == MODEL_NAME == local_encoder().name
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(base / name, tmp_path / name)
    weights = load_file(str(base / "model.safetensors"))
    weights["encoder.layer.5.output.dense.weight"] = weights["encoder.layer.5.output.dense.weight"] * 1.5
    save_file(weights, str(tmp_path / "model.safetensors"))
    other = MiniLMEncoder(tmp_path)
    assert other.name.startswith(MODEL_NAME + "-") and other.name != MODEL_NAME
    assert index_files(tmp_path, "v1", other.name, 0) != index_files(tmp_path, "v1", MODEL_NAME, 0)
    text = ["repair machines"]
    assert np.abs(other.encode(text) - local_encoder().encode(text)).max() > 1e-3
    (tmp_path / "techtalent-model.json").write_text(json.dumps({"name": "tuned-x"}), encoding="utf-8")
    assert MiniLMEncoder(tmp_path).name == "tuned-x"
