"""The production profile from environment variables: `check --deploy` is clean, and unsafe set-ups fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRODUCTION = {
    "TECHTALENT_PRODUCTION": "1",
    "TECHTALENT_SECRET_KEY": "k3y-" + "x7Qp2" * 12,
    "TECHTALENT_ALLOWED_HOSTS": "techtalent.example.nl",
    "TECHTALENT_CSRF_TRUSTED_ORIGINS": "https://techtalent.example.nl",
    "TECHTALENT_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
}


def _django(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TECHTALENT_")}
    base.update(TECHTALENT_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="techtalent.site.settings", **env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args], env=base, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_the_production_profile(tmp_path: Path) -> None:
    result = _django(tmp_path, "check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_the_warnings_without_it(tmp_path: Path) -> None:
    result = _django(tmp_path, "check", "--deploy")
    for code in ("W004", "W008", "W012", "W016"):
        assert f"security.{code}" in result.stdout + result.stderr


def test_the_profile_sets_what_a_proxied_https_site_needs(tmp_path: Path) -> None:
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_PROXY_SSL_HEADER, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DEBUG)"
    )
    result = _django(tmp_path, "shell", "-c", script, **PRODUCTION, TECHTALENT_HSTS_SECONDS="3600")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True 3600 ('HTTP_X_FORWARDED_PROTO', 'https') ['techtalent.example.nl'] "
        "['https://techtalent.example.nl'] False"
    )


def test_production_without_a_secret_key_or_with_debug_refuses_to_start(tmp_path: Path) -> None:
    no_key = {k: v for k, v in PRODUCTION.items() if k != "TECHTALENT_SECRET_KEY"}
    result = _django(tmp_path, "check", **no_key)
    assert result.returncode != 0 and "needs TECHTALENT_SECRET_KEY" in result.stderr
    result = _django(tmp_path, "check", **PRODUCTION, TECHTALENT_DEBUG="1")
    assert result.returncode != 0 and "cannot be combined" in result.stderr
