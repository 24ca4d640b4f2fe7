"""Targets of transition paths (an occupation, an ISCO group, a search), the path page's form, the API and
the CLI on the toy ESCO (10 occupations, 34 skills, nl + en); GET pages do not write."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.extraction.conftest import URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db


def test_an_occupation_uri_is_a_target_of_one(toy_db: Any) -> None:
    from techtalent.matching.transitions import path_target

    target = path_target(URI["welder"], lang="nl")
    assert (target.kind, target.occupations) == ("occupation", (URI["welder"],))


def test_an_isco_code_means_every_occupation_in_the_group(toy_db: Any) -> None:
    from techtalent.matching import selectors
    from techtalent.matching.transitions import path_target

    model = selectors.match_model()
    for query in ("7212", "isco:72", "ISCO 7"):
        target = path_target(query, lang="nl")
        digits = query.split()[-1].split(":")[-1]
        assert target.kind == "isco" and URI["welder"] in target.occupations
        assert all(model.isco[u].startswith(digits) for u in target.occupations)


def test_a_search_text_means_the_occupations_found(toy_db: Any) -> None:
    from techtalent.matching.transitions import path_target

    target = path_target("lasser", lang="nl")
    assert target.kind == "search" and URI["welder"] in target.occupations


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Een doel is een beroep, een ISCO-groep of een zoekwoord."),
        ("9999", "Geen beroep in ISCO-groep 9999."),
        ("http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000", "Onbekend beroep"),
        ("qqqzzzxxx", "Geen beroep gevonden voor “qqqzzzxxx”."),
    ],
)
def test_a_bad_target_is_a_clear_dutch_error(toy_db: Any, query: str, message: str) -> None:
    from techtalent.core.errors import UserError
    from techtalent.matching.transitions import path_target

    with translation.override("nl"), pytest.raises(UserError, match=message):
        path_target(query, lang="nl")


def test_paths_toward_a_group_end_in_it_and_list_skills_to_learn(toy_db: Any) -> None:
    from techtalent.matching.transitions import path_target, paths

    skills = {URI["cnc_milling"]: "advanced", URI["engineering_drawings"]: "intermediate"}
    target = path_target("7212", lang="nl")
    found = paths(skills, lang="nl", to=target, held=[URI["cnc_operator"]])
    assert found and all(p["steps"][-1]["uri"] in target.occupations for p in found)
    assert all(len(p["steps"]) <= 3 for p in found)
    last = found[0]["steps"][-1]
    assert last["essential_total"] > 0 and all(k["label"] for k in last["to_learn"])


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_path_page_lets_the_person_choose_the_target(alice_passport: Any, alice: Any) -> None:
    page = _client(alice).get("/passport/paths/", {"to": "lasser", "steps": "3"}).content.decode()
    assert 'id="path-form"' in page and 'name="to"' in page and 'value="lasser"' in page
    assert "Waar wil je naartoe?" in page


def test_a_bad_target_on_the_page_is_a_form_error_not_a_500(alice_passport: Any, alice: Any) -> None:
    response = _client(alice).get("/passport/paths/", {"to": "9999"})
    assert response.status_code == 200
    assert "Geen beroep in ISCO-groep 9999." in response.content.decode()
    response = _client(alice).get("/passport/paths/", {"steps": "7"})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()


def test_get_pages_of_matching_do_not_create_a_passport(
    toy_db: Any, alice: Any, row_counts: Callable[[], dict[str, int]]
) -> None:
    client, before = _client(alice), row_counts()
    for url in (
        "/passport/matches/",
        "/passport/paths/",
        f"/passport/matches/occupation/?uri={URI['welder']}",
    ):
        assert client.get(url).status_code in (200, 404), url
    assert row_counts() == before


def test_the_api_gives_paths_from_a_passport_toward_a_target(alice_passport: Any, alice: Any) -> None:
    client = _client(alice)
    ok = client.get(f"/api/passports/{alice_passport.id}/paths", {"to": "72"})
    assert ok.status_code == 200
    items = ok.json()["items"]
    assert items and all(
        p["steps"][-1]["uri"].startswith("http://data.europa.eu/esco/occupation/") for p in items
    )
    assert {"to_learn", "essential_total", "similarity", "shortage_sources"} <= set(items[0]["steps"][0])
    bad = client.get(f"/api/passports/{alice_passport.id}/paths", {"to": "9999"})
    assert bad.status_code == 400 and "detail" in bad.json()
    assert Client().get(f"/api/passports/{alice_passport.id}/paths").status_code in (401, 403, 404)


def test_the_cli_takes_a_target_occupation_or_group(toy_db: Any, capsys: Any) -> None:
    from typer.testing import CliRunner

    from techtalent.cli import app

    result = CliRunner().invoke(
        app, ["match", "paths", "--from", URI["cnc_operator"], "--to", "7212", "--json", "--lang", "nl"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found and all(p["steps"][-1]["uri"] for p in found)
    result = CliRunner().invoke(app, ["match", "paths", "--from", URI["cnc_operator"], "--to", "9999"])
    assert result.exit_code != 0 and "9999" in result.output


def test_the_matches_page_shows_a_calibrated_percentage_and_its_reason(
    alice_passport: Any, alice: Any
) -> None:
    from techtalent.matching import results, selectors

    page = _client(alice).get("/passport/matches/").content.decode()
    best = results.occupation_matches(selectors.passport_skills(alice_passport), lang="nl", top=1)[0]
    reason = best["explanation"]["reason"]
    assert f'<span class="score">{best["fit"]}%</span>' in page
    assert (
        f"Dekt {reason['essential_matched']} van {reason['essential_total']} essentiële vaardigheden" in page
    )
    assert f"gebruikt {reason['skills_used']} van je {reason['skills_own']} vaardigheden" in page
    assert 0 < best["fit"] <= 100 and reason["skills_own"] == 2
