"""Rate limits (429 with Retry-After, in the interface language) and size limits checked before reading."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from techtalent.core.units import megabytes
from techtalent.web.throttling import parse_rate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rate", "expected"), [("10/m", (10, 60)), ("5/h", (5, 3600)), ("3/10s", (3, 10)), ("1/d", (1, 86400))]
)
def test_rates_read_as_requests_per_window(rate: str, expected: tuple[int, int]) -> None:
    assert parse_rate(rate) == expected


def test_a_malformed_rate_fails_with_the_setting_named() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="not like 10/m"):
        parse_rate("ten per minute")


@pytest.mark.parametrize(
    ("lang", "n", "text"),
    [
        ("nl", 10_000_000, "10 MB"),
        ("en", 10_000_000, "10 MB"),
        ("nl", 2_500_000, "2,5 MB"),
        ("en", 2_500_000, "2.5 MB"),
    ],
)
def test_sizes_read_the_same_everywhere_in_the_interface_language(lang: str, n: int, text: str) -> None:
    from django.utils import translation

    with translation.override(lang):
        assert megabytes(n) == text


def test_login_attempts_over_the_rate_get_a_dutch_429_page_with_retry_after(settings: Any) -> None:
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login": "3/m"}
    client = Client()
    for _ in range(3):
        assert client.post("/accounts/login/", {"username": "x", "password": "y"}).status_code == 200
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    html = response.content.decode()
    assert '<html lang="nl">' in html and "Te veel verzoeken" in html and f"over {seconds} seconden" in html
    assert client.get("/accounts/login/").status_code == 200  # reading the form is not limited


def test_sign_ups_over_the_rate_get_an_english_429_when_english_is_chosen(settings: Any) -> None:
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "signup": "1/h"}
    client = Client()
    client.cookies["django_language"] = "en"
    client.post("/accounts/signup/", {"username": "a", "password1": "x", "password2": "y"})
    response = client.post("/accounts/signup/", {"username": "a", "password1": "x", "password2": "y"})
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert int(response["Retry-After"]) > 60


def test_the_extraction_api_answers_429_with_a_detail_and_retry_after(settings: Any) -> None:
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "extract": "2/m"}
    client = Client()
    body = json.dumps({"text": ""})
    codes = [client.post("/api/extract", body, content_type="application/json").status_code for _ in range(3)]
    assert codes[:2] == [400, 400] and codes[2] == 429
    response = client.post("/api/extract", body, content_type="application/json")
    assert response.json()["detail"].startswith("Te veel verzoeken; probeer het over ")
    assert int(response["Retry-After"]) >= 1


def test_matching_is_limited_per_user_on_the_api_and_the_pages(settings: Any) -> None:
    from django.contrib.auth.models import User

    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "match": "1/m"}
    body = json.dumps({"skills": ["http://data.europa.eu/esco/skill/x"]})
    client = Client()
    client.post("/api/match/occupations", body, content_type="application/json")
    response = client.post("/api/match/occupations", body, content_type="application/json")
    assert response.status_code == 429 and "detail" in response.json()
    signed_in = Client()
    signed_in.force_login(User.objects.create_user("carla", password="Proces-2026!x"))
    assert signed_in.get("/passport/matches/").status_code == 200  # another client, its own count
    assert signed_in.get("/passport/matches/").status_code == 429


def test_an_announced_body_over_the_limit_is_refused_before_it_is_read(settings: Any) -> None:
    settings.EXTRACT_MAX_UPLOAD_BYTES = 1_000_000
    client = Client()
    response = client.generic(
        "POST", "/api/extract", b"{}", content_type="application/json", CONTENT_LENGTH="50000000"
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "Het verzoek is groter dan de grens van 1 MB."}
    page = client.generic("POST", "/extract/analyse/", b"", CONTENT_LENGTH="50000000")
    assert page.status_code == 413 and '<html lang="nl">' in page.content.decode()


def test_a_file_over_the_limit_stops_while_it_streams_in(settings: Any) -> None:
    settings.EXTRACT_MAX_UPLOAD_BYTES = 1_000_000
    client = Client()
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("groot.txt", b"lassen " * 150_000)  # 1.05 MB: within the form overhead
    response = client.post("/api/extract/file", {"file": upload})
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is larger than the limit of 1 MB."}


def test_the_cv_upload_checks_the_size_in_the_same_words(settings: Any) -> None:
    from django.contrib.auth.models import User

    settings.EXTRACT_MAX_UPLOAD_BYTES = 1_000_000
    client = Client()
    client.force_login(User.objects.create_user("dirk", password="Proces-2026!x"))
    upload = SimpleUploadedFile("cv.txt", b"lassen " * 150_000)
    response = client.post("/passport/cv/", {"file": upload})
    assert response.status_code == 413
    assert "Het verzoek is groter dan de grens van 1 MB." in response.content.decode()


def test_the_pages_state_the_upload_limit_in_the_same_words(settings: Any) -> None:
    from django.contrib.auth.models import User

    settings.EXTRACT_MAX_UPLOAD_BYTES = 2_500_000
    client = Client()
    client.force_login(User.objects.create_user("els", password="Proces-2026!x"))
    assert "hoogstens 2,5 MB" in client.get("/passport/").content.decode()
    assert "hoogstens 2,5 MB" in client.get("/extract/").content.decode()
    client.cookies["django_language"] = "en"
    assert "at most 2.5 MB" in client.get("/passport/").content.decode()
