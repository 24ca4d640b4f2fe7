"""Session 9 doubts on the real ESCO v1.1.1 export with FreeDict, as the import learns them: a rare
dictionary sense that shares no Dutch text with the label's other words ("apart") marks labels whose token
F1 against the official Dutch labels is lower, and lowers their confidence by a learned factor."""

from __future__ import annotations

import zlib
from collections import defaultdict
from pathlib import Path

import pytest

from techtalent.taxonomy.derivation import corpus_from_records, targets_from_records
from techtalent.taxonomy.engine.derive import best_f1, learn_label_model
from techtalent.taxonomy.freedict import dictionary_pairs
from techtalent.taxonomy.importers.esco import read_esco

pytestmark = pytest.mark.realdata


def test_words_apart_from_their_label_lower_f1_and_confidence_on_a_dev_fold(esco_real: Path) -> None:
    """Learned without the withheld skills' Dutch labels (the test half and dev fold a of
    bench/dutch_labels.py); scored on dev fold a only."""
    extra = dictionary_pairs()
    if not extra:
        pytest.skip("FreeDict (dict-freedict-eng-nld) is not installed: the apart doubt needs its senses")
    bundle = read_esco(esco_real)
    kinds = {uri: c["kind"] for uri, c in bundle.concepts.items()}
    skill_types = {uri: c["skill_type"] for uri, c in bundle.concepts.items()}
    official: dict[str, list[str]] = defaultdict(list)
    for uri, lang, kind, text in sorted(bundle.labels, key=lambda lab: (lab[2] != "preferred", lab)):
        if lang == "nl" and kinds.get(uri) == "skill" and kind in ("preferred", "alternative"):
            official[uri].append(text)
    held = {u for u in official if zlib.crc32(u.encode()) % 2 or zlib.crc32(u.encode()) % 4 == 0}
    fold = {u: v for u, v in official.items() if zlib.crc32(u.encode()) % 4 == 0}
    corpus = corpus_from_records(
        bundle.labels, bundle.texts, kinds, exclude=held, extra_pairs=extra, skill_types=skill_types
    )
    model = learn_label_model(corpus)
    targets = targets_from_records(bundle.labels, kinds, exclude=set(official), skill_types=skill_types)
    groups: dict[bool, list[float]] = {True: [], False: []}
    for target in (t for t in targets if t.uri in fold):
        if found := model.candidates(target, limit=1):
            groups["apart" in found[0].doubts].append(best_f1(found[0].text, fold[target.uri]))
    assert len(groups[True]) >= 10, {k: len(v) for k, v in groups.items()}
    f1_apart, f1_rest = (sum(groups[flag]) / len(groups[flag]) for flag in (True, False))
    # a small gap on this fold (0.53 against 0.54 on v1.1.1): the factor follows the held-out examples
    assert f1_apart < f1_rest, (f1_apart, f1_rest)
    assert 0.0 < model.doubts["apart"] < 1.0
    derived = [d for d in model.derive(targets) if d.rank == 1]
    doubted = [d for d in derived if "doubt-apart" in d.method]
    assert doubted
    mean_doubted = sum(d.confidence for d in doubted) / len(doubted)
    assert mean_doubted < sum(d.confidence for d in derived) / len(derived)
    by_label = {bundle.preferred[(d.uri, "en")]: d for d in derived}
    inert = by_label["perform metal inert gas welding"]
    assert "bewegingloos" not in inert.text or "doubt-apart" in inert.method
