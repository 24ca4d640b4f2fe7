"""Batch top-k: identical to one-by-one matching, independent of chunking, JSONL in/out, and on Dask."""

from __future__ import annotations

import json
import random

import pytest

from techtalent.matching.engine import (
    PROFICIENCIES,
    MatchModel,
    batch_top_k,
    dask_top_k,
    match_occupations,
    matches_to_jsonl,
    passports_from_jsonl,
)


def random_passports(model: MatchModel, n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [
        {
            s: rng.choice(PROFICIENCIES)
            for s in rng.sample(model.skills, rng.randint(0, min(6, len(model.skills))))
        }
        for _ in range(n)
    ]


def as_tuples(result: list[list]) -> list[list[tuple[str, float]]]:
    return [[(m.uri, m.score) for m in row] for row in result]


def test_batch_results_equal_one_by_one_matching(toy: MatchModel) -> None:
    passports = random_passports(toy, 40, seed=1)
    batch = batch_top_k(toy, passports, 2)
    for passport, row in zip(passports, batch, strict=True):
        single = match_occupations(toy, passport, top=2)
        assert [(m.uri, m.score) for m in single] == [(m.uri, m.score) for m in row]


def test_batch_results_do_not_depend_on_the_chunk_size(toy: MatchModel) -> None:
    passports = random_passports(toy, 50, seed=2)
    assert as_tuples(batch_top_k(toy, passports, 3, chunk=7)) == as_tuples(
        batch_top_k(toy, passports, 3, chunk=1000)
    )


def test_ties_go_to_the_occupation_listed_first(toy: MatchModel) -> None:
    (row,) = batch_top_k(toy, [{}], 3)
    assert [m.uri for m in row] == list(toy.occupations)


def test_jsonl_in_and_out(toy: MatchModel) -> None:
    lines = [
        json.dumps({"id": "p1", "skills": {"skill:welding": "expert"}}),
        "",
        json.dumps({"id": "p2", "skills": {"skill:python": "basic", "skill:sql": "advanced"}}),
    ]
    records = passports_from_jsonl(lines)
    out = [
        json.loads(line)
        for line in matches_to_jsonl(records, batch_top_k(toy, [r.skills for r in records], 1))
    ]
    assert [(o["id"], o["matches"][0]["occupation"]) for o in out] == [
        ("p1", "occ:welder"),
        ("p2", "occ:developer"),
    ]


@pytest.mark.parametrize(
    "line",
    ['{"id": "p1"}', '{"id": "p1", "skills": {"skill:x": "guru"}}', "not json", '{"id": "p1", "skills": []}'],
)
def test_a_bad_jsonl_line_is_refused_with_its_number(line: str) -> None:
    with pytest.raises(ValueError, match="line 2"):
        passports_from_jsonl(['{"id": "p0", "skills": {}}', line])


@pytest.fixture(scope="module")
def dask_client():  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_gives_identical_results_to_in_process(toy: MatchModel, dask_client) -> None:  # type: ignore[no-untyped-def]
    passports = random_passports(toy, 300, seed=3)
    in_process = batch_top_k(toy, passports, 3)
    on_cluster = dask_top_k(toy, passports, 3, client=dask_client, part_size=40)
    assert len(dask_client.scheduler_info()["workers"]) == 2
    assert as_tuples(on_cluster) == as_tuples(in_process)


@pytest.mark.realdata
def test_dask_gives_identical_results_on_real_esco(esco: MatchModel, dask_client) -> None:  # type: ignore[no-untyped-def]
    from techtalent.matching.engine import synthetic_passports

    passports = [p.skills for p in synthetic_passports(esco, n=3000, seed=7)]
    in_process = batch_top_k(esco, passports, 10)
    on_cluster = dask_top_k(esco, passports, 10, client=dask_client, part_size=700)
    assert as_tuples(on_cluster) == as_tuples(in_process)
