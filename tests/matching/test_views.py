"""The passport pages in Dutch: sign-up, search-as-you-type, CV upload with accept/reject, matches with
explanations, the detail page side by side, paths as an SVG graph, export and deletion."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.extraction.conftest import DOCUMENTS, URI

pytest_plugins = ["tests.matching.django_fixtures"]
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(alice: Any, toy_db: Any) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def test_sign_up_creates_an_account_with_a_passport_and_signs_in(toy_db: Any) -> None:
    client = Client()
    assert '<html lang="nl">' in client.get("/accounts/signup/").content.decode()
    response = client.post(
        "/accounts/signup/", {"username": "wim", "password1": "Proces-2026!x", "password2": "Proces-2026!x"}
    )
    assert response.status_code == 302 and response["Location"] == "/passport/"
    page = client.get("/passport/").content.decode()
    assert "Mijn vaardighedenpaspoort" in page and 'id="skill-q"' in page


def test_search_as_you_type_offers_skills_and_adding_one_returns_the_table(signed_in: Client) -> None:
    hits = signed_in.get("/passport/search/skills/?q=lassen", **HTMX).content.decode()
    assert f'data-uri="{URI["mag_welding"]}"' in hits and "<html" not in hits
    table = signed_in.post(
        "/passport/skills/add/", {"uri": URI["mag_welding"], "proficiency": "advanced"}, **HTMX
    ).content.decode()
    assert 'id="skills"' in table and "MAG-lassen uitvoeren" in table and "gevorderd" in table
    table = signed_in.post("/passport/skills/remove/", {"uri": URI["mag_welding"]}, **HTMX).content.decode()
    assert "MAG-lassen" not in table


def test_a_cv_is_read_and_only_the_accepted_skills_are_added(signed_in: Client, alice: Any) -> None:
    cv = SimpleUploadedFile("cv.pdf", (DOCUMENTS / "vacature-lasser.pdf").read_bytes())
    review = signed_in.post("/passport/cv/", {"file": cv}).content.decode()
    assert 'id="cv-review"' in review and URI["mag_welding"] in review and URI["tig_welding"] in review
    signed_in.post("/passport/cv/", {"uri": [URI["mag_welding"]], "proficiency": "expert"})
    skills = list(alice.passport.skills.values_list("uri", "source", "proficiency"))
    assert skills == [(URI["mag_welding"], "cv", "expert")]
    assert alice.passport.skills.get().evidence  # the sentence it was found in


def test_accepting_a_cv_says_what_was_added_as_a_message_not_an_error(signed_in: Client) -> None:
    cv = SimpleUploadedFile("cv.pdf", (DOCUMENTS / "vacature-lasser.pdf").read_bytes())
    signed_in.post("/passport/cv/", {"file": cv})
    chosen = [URI["mag_welding"], URI["tig_welding"]]
    page = signed_in.post("/passport/cv/", {"uri": chosen, "proficiency": "basic"}, follow=True)
    html = page.content.decode()
    assert page.redirect_chain == [("/passport/", 302)]
    assert '<p class="status" role="status">Toegevoegd uit je cv: 2 vaardigheden.</p>' in html
    assert 'role="alert"' not in html


def test_an_unreadable_cv_is_a_message_not_an_error(signed_in: Client) -> None:
    bad = SimpleUploadedFile("cv.docx", (DOCUMENTS / "kapot.docx").read_bytes())
    response = signed_in.post("/passport/cv/", {"file": bad}, follow=True)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_matches_detail_and_paths_are_explained(alice_passport: Any, alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    page = client.get("/passport/matches/").content.decode()
    assert 'id="matches"' in page and "lasser" in page and "Ontbreekt" in page and "Overeenkomend" in page
    detail = client.get(f"/passport/matches/occupation/?uri={URI['welder']}").content.decode()
    assert "Overeenkomend" in detail and "Ontbreekt" in detail and "MAG-lassen uitvoeren" in detail
    assert client.get("/passport/matches/occupation/?uri=nope").status_code == 404
    paths = client.get("/passport/paths/").content.decode()
    assert "<svg" in paths and 'role="img"' in paths and "Mijn paspoort" in paths


def test_english_labels_with_a_marked_fallback(alice_passport: Any, alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    page = client.get("/passport/?lang=en").content.decode()
    assert '<html lang="en">' in page and "perform metal active gas welding" in page


def test_export_downloads_json_and_delete_removes_everything(
    alice_passport: Any, alice: Any, row_counts: Any
) -> None:
    client = Client()
    client.force_login(alice)
    export = client.get("/passport/export.json")
    assert (
        export["Content-Disposition"].startswith("attachment")
        and export.json()["account"]["username"] == "alice"
    )
    assert "Alles verwijderen" in client.get("/passport/delete/").content.decode()
    response = client.post("/passport/delete/")
    assert response.status_code == 302
    assert set(row_counts().values()) == {0}
    assert client.get("/passport/").status_code == 302  # signed out


def test_preferences_occupations_education_and_shares_through_the_forms(
    signed_in: Client, alice: Any, bob: Any
) -> None:
    signed_in.post(
        "/passport/edit/preferences/", {"region": "Friesland", "hours_per_week": "24", "findable": "on"}
    )
    signed_in.post("/passport/edit/occupation-add/", {"uri": URI["electrician"], "years": "4"})
    signed_in.post("/passport/edit/education-add/", {"level": "mbo-4", "programme": "Elektrotechniek"})
    signed_in.post("/passport/edit/share-user/", {"username": "bob"})
    signed_in.post("/passport/edit/share-link/", {"days": "10"})
    p = alice.passport
    p.refresh_from_db()
    assert (p.region, p.hours_per_week, p.findable) == ("Friesland", 24, True)
    assert p.occupations.get().uri == URI["electrician"] and p.skills.filter(source="occupation").exists()
    assert p.education.get().programme == "Elektrotechniek" and p.shares.count() == 2
    nobody = signed_in.post(
        "/passport/edit/share-user/", {"username": "nobody"}, follow=True
    ).content.decode()
    again = signed_in.post("/passport/edit/share-user/", {"username": "bob"}, follow=True).content.decode()
    assert "&#x27;nobody&#x27;" in nobody and "&#x27;bob&#x27;" in again  # the same message for both
    assert nobody.replace("nobody", "X").count("X") >= 1 and "bestaat" in nobody and "bestaat" in again


def test_a_job_title_in_a_cv_is_offered_as_an_occupation_held_and_steers_the_matches(
    signed_in: Client, alice: Any
) -> None:
    text = (
        "Curriculum vitae — Jan de Lasser\n\nWerkervaring\n2015 – heden: softwareontwikkelaar bij een "
        "webbureau\n- Python en SQL programmeren.\n\nVaardigheden\nTechnische tekeningen lezen.\n"
    )
    cv = SimpleUploadedFile("cv.txt", text.encode())
    review = signed_in.post("/passport/cv/", {"file": cv}).content.decode()
    assert 'id="cv-jobs"' in review and URI["software_developer"] in review
    assert URI["welder"] not in review  # "de Lasser" is a surname, not a job
    accepted = [URI["software_developer"], URI["python"], URI["engineering_drawings"]]
    signed_in.post("/passport/cv/", {"uri": accepted, "proficiency": "intermediate"})
    passport = alice.passport
    assert list(passport.occupations.values_list("uri", flat=True)) == [URI["software_developer"]]
    skills = set(passport.skills.values_list("uri", flat=True))
    assert skills == {URI["python"], URI["engineering_drawings"]}  # the job's own skills are not assumed
    page = signed_in.get("/passport/matches/").content.decode()
    first = page.index('class="match"')
    heading = page[first : page.index("</h3>", first)]
    assert URI["software_developer"].rsplit("/", 1)[1] in heading  # the held job comes first
    assert "een beroep dat je hebt uitgeoefend" in heading


def test_a_job_read_from_a_cv_is_listed_without_a_made_up_zero_years(signed_in: Client, alice: Any) -> None:
    from techtalent.matching import services
    from techtalent.taxonomy.selectors import shown_name

    text = "Werkervaring\n2015 – heden: softwareontwikkelaar bij een webbureau\n- Python programmeren.\n"
    signed_in.post("/passport/cv/", {"file": SimpleUploadedFile("cv.txt", text.encode())})
    signed_in.post("/passport/cv/", {"uri": [URI["software_developer"]]})  # the CV says no years
    signed_in.post("/passport/edit/occupation-add/", {"uri": URI["electrician"], "years": "2"})
    link = services.share_link_create(passport=alice.passport, days=7)
    developer = shown_name(URI["software_developer"], "nl").label
    for url in ("/passport/", f"/passport/link/{link.token}/"):
        html = signed_in.get(url).content.decode()
        assert f">{developer}</span></li>" in html or f">{developer}</span>\n" in html, url
        assert "jaren: 2" in html and "jaren: 0" not in html and " — 0<" not in html, url


def test_the_job_of_a_work_experience_line_is_offered_ticked_at_the_surer_reading(signed_in: Client) -> None:
    from techtalent.extraction.engine.cv_titles import cv_title_occupations
    from techtalent.extraction.services import extract_text, normaliser

    text = "Werkervaring\n2015 – heden: software-ontwikkelaar, Webbureau BV\n- Python programmeren.\n"
    developer = URI["software_developer"]
    lines = {o["uri"]: o["score"] for o in cv_title_occupations(text, normaliser())}
    assert lines[developer] >= 0.6  # the line's title is an ESCO label
    read = {c["uri"]: c["score"] for c in extract_text(text)["concepts"] if c["kind"] == "occupation"}
    review = signed_in.post("/passport/cv/", {"file": SimpleUploadedFile("cv.txt", text.encode())})
    assert f'value="{developer}" id="cv-job-1" checked' in review.content.decode()
    offered = {f["uri"]: f["score"] for f in signed_in.session["cv_found"] if f["kind"] == "occupation"}
    assert offered[developer] == max(lines[developer], read.get(developer, 0.0))


def test_a_passport_with_jobs_held_but_no_skills_still_gets_matches(signed_in: Client, alice: Any) -> None:
    from techtalent.matching import services

    passport = services.passport_get_or_create(user=alice)
    services.occupation_add(passport=passport, uri=URI["welder"], years=3, derive_skills=False)
    page = signed_in.get("/passport/matches/").content.decode()
    first = page.index('class="match"')
    heading = page[first : page.index("</h3>", first)]
    assert URI["welder"].rsplit("/", 1)[1] in heading and "een beroep dat je hebt uitgeoefend" in heading
