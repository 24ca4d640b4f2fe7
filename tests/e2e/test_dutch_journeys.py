"""Journeys 2–4 walked in Dutch in a real Chromium on full ESCO v1.1.1 with its derived Dutch labels: every
skill has a Dutch name, the machine-translated ones are marked "automatisch vertaald" with the English
label in the mark's title, and no skill is left in English with an "EN" badge.

The session's server (tests/e2e/conftest.py) imports full ESCO once with the CLI, which derives the labels;
every test here reuses it. Screenshots go to /tmp (not committed)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from techtalent.taxonomy.engine.search import DERIVED_SHOWN_FROM
from tests.conftest import ESCO_REAL
from tests.e2e.accounts import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.realdata]

FIXTURES = Path(__file__).parents[1] / "fixtures" / "journeys"
DERIVED_TITLE = re.compile(r"^Automatisch vertaald uit het Engelse label “[^”]+”")
SLOW = 180_000  # the first request of a session builds the extraction and matching caches


@pytest.fixture(autouse=True)
def _full_esco() -> None:
    if not (ESCO_REAL / "en" / "skills_en.csv").exists():
        pytest.fail(f"full ESCO v1.1.1 is needed at {ESCO_REAL} (../shared/data)")


def _no_english_only_names(area: Any) -> None:
    """No skill or occupation in ``area`` is shown in English with a language badge, unless all its derived
    Dutch labels are below the display cut (session 8: mostly wrong, never shown as a name)."""
    badges = area.locator(".badge.other-lang")
    for i in range(badges.count()):
        shown = badges.nth(i).locator("xpath=preceding-sibling::*[@lang][1]").inner_text().strip()
        found = area.page.request.get(f"/api/esco/search?q={quote(shown)}&lang=en&limit=5").json()
        uris = [h["uri"] for h in found["items"] if h["label"] == shown]
        assert uris, f"shown in English: {shown!r}"
        concept = area.page.request.get(f"/api/esco/concept?uri={quote(uris[0])}&lang=nl").json()
        confidences = [d["confidence"] for d in concept["derived_labels"] if d["lang"] == "nl"]
        assert confidences and max(confidences) < DERIVED_SHOWN_FROM, (shown, confidences)


def _derived_marks(area: Any) -> list[str]:
    """The English labels behind the "automatisch vertaald" marks in ``area`` (at least one must be there)."""
    from playwright.sync_api import expect

    badges = area.locator(".badge.derived")
    expect(badges.first).to_have_text("automatisch vertaald")
    titles = [badges.nth(i).get_attribute("title") or "" for i in range(badges.count())]
    assert titles and all(DERIVED_TITLE.match(t) for t in titles), titles
    return [t.split("“", 1)[1].split("”", 1)[0] for t in titles]


def _cv_pdf(tmp_path: Path) -> Path:
    """The Dutch CV of the fixtures as a real PDF (rendered by WeasyPrint), as a worker would upload it."""
    from html import escape

    from weasyprint import HTML

    text = (FIXTURES / "cv_procesoperator_nl.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in text.split("\n\n"))
    path = tmp_path / "cv-wim.pdf"
    HTML(string=f'<html lang="nl"><body>{body}</body></html>').write_pdf(path)
    return path


def _add_by_typing(page: Any, query: str, rows: int) -> list[str]:
    """Type ``query`` in the skill search, check the hits are Dutch, add the first; the hits' names."""
    from playwright.sync_api import expect

    page.fill("#skill-q", query)
    hits = page.locator("#skill-hits")
    expect(hits).to_contain_text(query.split()[0][:5], ignore_case=True, timeout=30_000)  # this query's hits
    _no_english_only_names(hits)
    names = [hits.locator("li").nth(i).inner_text() for i in range(hits.locator("li").count())]
    held = set(page.locator("#skills tbody tr").evaluate_all("rows => rows.map(r => r.dataset.uri)"))
    buttons = hits.locator("button.add-skill")
    new = next(i for i in range(buttons.count()) if buttons.nth(i).get_attribute("data-uri") not in held)
    buttons.nth(new).click()
    expect(page.locator("#skills tbody tr")).to_have_count(rows, timeout=30_000)
    return names


def test_journey_2_a_dutch_vacancy_gets_dutch_skill_names_one_removed_and_saved(page: Any) -> None:
    from playwright.sync_api import expect

    vacancy = (FIXTURES / "vacature_constructiebankwerker.txt").read_text(encoding="utf-8")
    page.goto("/extract/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.locator("#extract-text").fill(vacancy)
    page.locator("#extract-submit").click()
    found = page.locator("#found")
    expect(found).to_be_visible(timeout=SLOW)
    expect(page.locator("#doc mark").first).to_be_visible()
    _no_english_only_names(page.locator("#result"))
    originals = _derived_marks(found)
    rows = found.locator("tbody tr")
    assert rows.count() >= 2
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    for original in originals:  # the English label is only in the mark's title, never as the name
        assert not any(name.startswith(original) for name in names), (original, names)
    # a derived name is also the tooltip of its mark in the text
    # (concepts found through a whole sentence, by meaning or by its translation, are listed, not marked)
    marked = set(page.locator("#doc mark").evaluate_all("marks => marks.map(m => m.dataset.uri)"))
    derived = found.locator("tbody tr:has(.badge.derived)")
    uris = [derived.nth(i).get_attribute("data-uri") for i in range(derived.count())]
    uri = next(u for u in uris if u in marked)
    expect(page.locator(f'#doc mark[data-uri="{uri}"]').first).to_have_attribute(
        "title", re.compile(r"\(automatisch vertaald\)")
    )

    # the evidence behind a found concept reads in Dutch: no raw keys, no Python values
    details = found.locator("tbody tr").first.locator("details")
    details.locator("summary").click()
    facts = details.locator(".facts")
    expect(facts).to_contain_text("hoe gevonden: ")
    assert not re.search(
        r"\b(rule|label_type|label_lang|lexical_score|dense_score|False|True):?", facts.inner_text()
    )

    # remove the first one as wrong, accept the others, save the accepted skills
    wrong = rows.nth(0).get_attribute("data-uri")
    rows.nth(0).locator("button.reject").click()
    expect(found.locator(f'tr[data-uri="{wrong}"]')).to_have_class("rejected")
    for i in range(1, found.locator("tbody tr").count()):
        row = page.locator("#found tbody tr").nth(i)
        row.locator("button.accept").click()
        expect(page.locator("#found tbody tr").nth(i)).to_have_class("accepted")
    page.screenshot(path="/tmp/techtalent-journey2-nl.png", full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Geaccepteerde als JSON exporteren").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    concepts = saved["concepts"]
    assert concepts and wrong not in {c["uri"] for c in concepts}
    assert all(c["display_lang"] == "nl" for c in concepts), concepts
    derived = [c for c in concepts if c["display_derived"]]
    assert derived and all(
        c["display_original"] and c["display_label"] != c["display_original"] for c in derived
    )


def test_journey_3_cv_skills_search_matches_and_export_in_dutch(page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    sign_up(page, f"wim-{uuid.uuid4().hex[:8]}", "Proces-Operator-45!")
    page.set_input_files("#cv-file", str(_cv_pdf(tmp_path)))
    page.locator("#cv-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Vaardigheden gevonden in je cv", timeout=SLOW)
    review = page.locator("#cv-review")
    found = review.locator("#cv-skills tbody tr").count()  # the jobs table below becomes occupations held
    assert found >= 2
    _no_english_only_names(review)
    _derived_marks(review)
    review.locator("button[type=submit]").click()
    expect(page.locator("#skills tbody tr")).to_have_count(found, timeout=30_000)
    said = page.locator("#messages p.status")  # what was added, as a message, not as a red alert
    expect(said).to_have_text(
        re.compile(rf"^Toegevoegd uit je cv: {found} vaardigheden( en \d+ uitgeoefende? beroepe?n?)?\.$")
    )
    expect(page.locator("#messages [role=alert]")).to_have_count(0)

    _add_by_typing(page, "storingen verhelpen", found + 1)
    _add_by_typing(page, "pompen onderhouden", found + 2)
    skills = page.locator("#skills")
    _no_english_only_names(skills)
    _derived_marks(skills)

    page.click("#to-matches")
    expect(page.locator("h1")).to_have_text("Beroepen die passen")
    matches = page.locator("#matches")
    expect(matches.locator("li.match").first).to_contain_text("Ontbreekt", timeout=SLOW)
    _no_english_only_names(matches)
    _derived_marks(matches)
    page.screenshot(path="/tmp/techtalent-journey3-matches-nl.png", full_page=False)
    matches.locator("li.match h3 a").first.click()  # what this occupation still needs
    main = page.locator("main")
    expect(main.locator(".score").first).to_contain_text("%", timeout=SLOW)
    _no_english_only_names(main)
    assert not re.search(r"\S\s+,", main.inner_text())  # "lassen, boren", never "lassen , boren"

    page.goto("/passport/")
    with page.expect_download() as info:
        page.click("#export")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    skills_out = exported["skills"]
    assert len(skills_out) == found + 2
    # the export names skills by the pages' one rule: in Dutch, or in English only for a skill whose derived
    # Dutch labels are all below the display cut (a near skill the CV page offers may be one of those)
    assert sum(s["label_lang"] == "nl" for s in skills_out) > len(skills_out) / 2, skills_out
    for s in skills_out:
        if s["label_lang"] != "nl":
            concept = page.request.get(f"/api/esco/concept?uri={quote(s['uri'])}&lang=nl").json()
            assert concept["label_lang"] == s["label_lang"] == "en", s
            dutch = [d["confidence"] for d in concept["derived_labels"] if d["lang"] == "nl"]
            assert all(c < DERIVED_SHOWN_FROM for c in dutch), (s, dutch)
    assert any(s["label_derived"] for s in skills_out) and any(not s["label_derived"] for s in skills_out)

    page.click("#delete-account")
    page.click("#delete-form button[type=submit]")
    expect(page.locator("#messages")).to_have_text(
        "Je account en paspoort zijn verwijderd; er is niets van bewaard."
    )
    expect(page.locator("#signup")).to_be_visible()  # signed out


def test_journey_4_elektricien_in_dutch_then_english_then_a_skill_to_its_occupations(page: Any) -> None:
    from playwright.sync_api import expect

    failed: list[str] = []  # e.g. the /favicon.ico every page asked for: "Failed to load resource: … 404"
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # ESCO names no occupation "elektricien"; it is an alternative label of the building electrician
    page.goto("/esco/?q=elektricien&kind=occupation")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    first = page.locator("#results .results li").first
    expect(first).to_contain_text("elektricien", timeout=30_000)
    occupation = first.locator("a").first.inner_text()
    first.locator("a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(occupation)
    expect(page.locator("section[lang=nl]")).to_contain_text("elektricien")  # its Dutch labels
    expect(page.locator(".cols section[lang]").first).to_have_attribute("lang", "nl")  # before the English
    lists = page.locator("#essential-skills, #optional-skills")
    expect(page.locator("#essential-skills li").first).to_be_visible()
    _no_english_only_names(lists)
    originals = _derived_marks(lists)
    page.screenshot(path="/tmp/techtalent-journey4-nl.png", full_page=False)
    concept_url = page.url

    page.click("#switch-language")  # for an international student
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if page.url != concept_url:
        page.goto(concept_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("electrician")
    lists = page.locator("#essential-skills, #optional-skills")
    expect(lists.locator(".badge.derived")).to_have_count(0)
    _no_english_only_names(lists)
    expect(lists.first).to_be_visible()
    shown = (
        lists.inner_text() if lists.count() == 1 else " ".join(lists.nth(i).inner_text() for i in range(2))
    )
    assert originals[0] in shown  # the English label behind a derived Dutch name is the English name

    page.click("#switch-language")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    if page.url != concept_url:
        page.goto(concept_url)
    skill = page.locator("#essential-skills li:has(.badge.derived) a").first
    name = skill.inner_text()
    skill.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(name)
    meta = page.locator("main > p.muted").first.inner_text()
    assert re.search(r"· (transversaal|sectoroverschrijdend|sectorspecifiek|beroepsspecifiek) ·", meta), meta
    methods = page.locator("#derived-labels tbody tr td:nth-child(3)")
    expect(methods.first).to_contain_text("woord")
    shown = " ".join(methods.all_inner_texts())
    assert "+" not in shown and "reorder" not in shown, shown  # the method in words, its code on hover
    occupations = page.locator("#occupations")
    expect(occupations.locator("li").first).to_be_visible()
    assert occupations.locator("li").count() >= 2  # the other occupations that need this skill
    expect(occupations).to_contain_text(occupation)
    _no_english_only_names(occupations)
    assert not failed, failed  # no page of the journey had a failed request or a console error


PYTHON_SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
HR_PASSWORD = "Metaal-Oost-HR-2026!"
EMPLOYER = """
from techtalent.core.django_setup import setup
setup()
from techtalent.orgs import services as orgs
from techtalent.orgs.accounts import user_create
hr = user_create(username="hr-metaal", password="{pw}")
org = orgs.organisation_create(name="Metaal Oost BV", kind="employer", owner=hr, region="Oost-Brabant")
orgs.organisation_verify(organisation=org)
"""
PASSPORTS = """
import sys
from techtalent.core.django_setup import setup
setup()
from techtalent.matching.services import passport_get_or_create, skill_add
from techtalent.orgs import services as orgs
from techtalent.orgs.accounts import user_create
from techtalent.orgs.selectors import organisation_get
org = organisation_get(key="metaal-oost-bv")
ids = []
for name, skills in (("bankwerker-kees", sys.argv[1:3]), ("ontwikkelaar-pim", ["{py}"])):
    passport = passport_get_or_create(user=user_create(username=name, password="Paspoort-2026-lang!"))
    for uri in skills:
        skill_add(passport=passport, uri=uri)
    orgs.consent_grant(passport=passport, organisation=org)
    ids.append(passport.id)
print(*ids)
"""


def _setup(server_data: Path, script: str, *args: str) -> str:
    import subprocess
    import sys

    from tests.e2e.conftest import server_env

    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=server_env(server_data), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_journey_2_the_hr_adviser_saves_the_vacancy_without_the_wrong_skill_and_sees_who_fits(
    page: Any, server_data: Path
) -> None:
    from playwright.sync_api import expect

    _setup(server_data, EMPLOYER.replace("{pw}", HR_PASSWORD))
    page.goto("/accounts/login/?next=/extract/")
    page.fill("#id_username", "hr-metaal")
    page.fill("#id_password", HR_PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#extract-text")).to_be_visible()
    page.locator("#extract-text").fill((FIXTURES / "vacature_constructiebankwerker.txt").read_text("utf-8"))
    page.locator("#extract-submit").click()
    found = page.locator("#found")
    expect(found).to_be_visible(timeout=SLOW)
    expect(page.locator("#save-vacancy-submit")).to_be_disabled()  # nothing accepted yet
    rows = found.locator("tbody tr")
    skill_rows = found.locator("tbody tr:has(.badge:text-is('vaardigheid'))")
    wrong = skill_rows.nth(0).get_attribute("data-uri")
    found.locator(f'tr[data-uri="{wrong}"] button.reject').click()
    expect(found.locator(f'tr[data-uri="{wrong}"]')).to_have_class("rejected")
    for i in range(rows.count()):
        row = page.locator("#found tbody tr").nth(i)
        if row.get_attribute("data-uri") != wrong:
            row.locator("button.accept").click()
            expect(page.locator("#found tbody tr").nth(i)).to_have_class("accepted")
    accepted = set(skill_rows.evaluate_all("rows => rows.map(r => r.dataset.uri)")) - {wrong}
    assert accepted, "the vacancy text yields more than one skill"
    expect(page.locator("#id_title")).to_have_value(re.compile(r"^Constructiebankwerker"))
    expect(page.locator("#save-vacancy-submit")).to_have_text("Vacature opslaan")
    page.click("#save-vacancy-submit")

    # the vacancy page: the accepted skills by Dutch name, the rejected one not among them
    expect(page.locator("#vacancy-title")).to_contain_text("Constructiebankwerker")
    expect(page.locator(".messages")).to_contain_text("Vacature opgeslagen met")
    skills = page.locator("#skills tbody tr")
    expect(skills).to_have_count(len(accepted))
    saved = set(skills.evaluate_all("rows => rows.map(r => r.dataset.uri)"))
    assert saved == accepted and wrong not in saved
    _no_english_only_names(page.locator("#skills"))
    # one more by search-as-you-type (the passport's search), then removed again
    _add_by_typing(page, "lassen", len(accepted) + 1)
    added = set(skills.evaluate_all("rows => rows.map(r => r.dataset.uri)")) - saved
    (extra,) = added
    page.locator(f'#skills tr[data-uri="{extra}"] button.remove-skill').click()
    expect(skills).to_have_count(len(accepted))
    page.screenshot(path="/tmp/techtalent-journey2-vacancy-nl.png", full_page=True)
    page.goto("/vacancies/")
    expect(page.locator("table.vacancies")).to_contain_text("Constructiebankwerker")
    page.locator("table.vacancies a").first.click()

    # two opted-in passports: one shares two of the vacancy's skills, the other none of them
    fits, other = _setup(server_data, PASSPORTS.replace("{py}", PYTHON_SKILL), *sorted(saved)[:2]).split()
    page.click("#to-vacancy-candidates")
    candidates = page.locator("#candidates li.match")
    expect(candidates).to_have_count(1, timeout=SLOW)
    expect(candidates.first).to_have_attribute("data-passport", fits)
    assert page.locator(f'li.match[data-passport="{other}"]').count() == 0
    expect(candidates.first.locator("ul.skills.matched li")).to_have_count(2)
    expect(candidates.first.locator("h4").first).to_have_text("Overeenkomend")
    _no_english_only_names(page.locator("#candidates"))
    page.screenshot(path="/tmp/techtalent-journey2-candidates-nl.png", full_page=True)
