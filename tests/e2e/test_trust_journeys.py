"""Journeys 8 and 9 in a real Chromium against `techtalent serve` (toy ESCO, set up with the CLI):
HR joins a verified employer through an invitation link and sees only the passport that chose this
employer, a colleague outside sees none; an analyst creates a token on the page, uses it from a plain
HTTP client and gets 401 once it is revoked; a new invitee signs up from the link and lands back on it."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import TECHTALENT, running_server
from tests.extraction.conftest import TOY_ESCO

pytestmark = pytest.mark.e2e
PASSWORD = "Lange-zin-als-wachtwoord-7"


@pytest.fixture(scope="module")
def trust_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A server on the toy ESCO, with users and a verified employer made by the CLI; (base URL, env)."""
    data = tmp_path_factory.mktemp("trust-e2e")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "TECHTALENT_CACHE_DIR")}
    env.update(TECHTALENT_DATA_DIR=str(data), DATABASE_URL=f"sqlite:///{data / 'e2e.sqlite3'}")
    with running_server(data, TOY_ESCO) as base:

        def cli(*args: str, stdin: str | None = None) -> str:
            done = subprocess.run([TECHTALENT, *args], env=env, input=stdin, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            return done.stdout.strip()

        for name in ("alice", "olga", "hana", "otto"):
            cli("users", "create", name, "--password-stdin", stdin=PASSWORD + "\n")
        assert cli("orgs", "create", "Acme Metaal", "--kind", "employer", "--owner", "olga") == "acme-metaal"
        cli("orgs", "verify", "acme-metaal")
        yield base, env


def _signed_in(browser: Any, base: str, name: str) -> Any:
    from playwright.sync_api import expect

    context = browser.new_context(locale="nl-NL", base_url=base)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#logout")).to_be_visible()
    return page


def test_hr_of_a_verified_employer_sees_only_the_passport_that_chose_it(
    browser: Any, trust_server: tuple[str, dict[str, str]]
) -> None:
    from playwright.sync_api import expect

    base, _env = trust_server
    alice = _signed_in(browser, base, "alice")
    alice.goto("/passport/")
    alice.fill("#skill-q", "MAG-lassen")
    alice.locator("#skill-hits button.add-skill").first.click()
    expect(alice.locator("#skills tbody tr")).to_have_count(1, timeout=20_000)
    alice.click("#to-consents")
    expect(alice.locator("h1")).to_have_text("Wie mijn paspoort mag vinden")
    alice.select_option("#id_audience", label="Acme Metaal (werkgever)")
    alice.click("#consent-form button[type=submit]")
    expect(alice.locator("#consents tbody tr")).to_have_count(1)
    expect(alice.locator("#consents")).to_contain_text("Acme Metaal")

    olga = _signed_in(browser, base, "olga")
    olga.click("#nav-orgs")
    olga.click("text=Acme Metaal")
    expect(olga.locator("#verified")).to_be_visible()
    olga.fill("#invite-form #id_username", "hana")
    olga.select_option("#invite-form #id_role", "hr")
    olga.click("#invite-form button[type=submit]")
    link = olga.locator("#invitation-link").input_value()
    assert "/orgs/invitations/" in link

    hana = _signed_in(browser, base, "hana")
    hana.goto(link)
    hana.click("#accept-form button")
    expect(hana.locator("#members")).to_contain_text("HR / recruiter")
    hana.click("#to-candidates")
    hana.fill("#vac-q", "lasser")
    hana.locator("#vacancy-hits button.pick-occupation").first.click()
    expect(hana.locator(".picked")).to_have_text("lasser")
    hana.click("#vacancy-form button[type=submit]")
    candidates = hana.locator("#candidates li.match")
    expect(candidates).to_have_count(1)
    expect(candidates.first).to_contain_text("MAG-lassen")

    otto = _signed_in(browser, base, "otto")
    otto.goto("/candidates/")
    expect(otto.locator("#refusal")).to_contain_text("geverifieerde organisatie")
    expect(otto.locator("#candidates")).to_have_count(0)
    for page in (alice, olga, hana, otto):
        page.context.close()


def _get(url: str, token: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _pandas(base: str, token: str) -> tuple[Any, Any]:
    """Exactly what the API description tells a data analyst to write (HOST filled in)."""
    import pandas as pd

    auth = {"Authorization": f"Bearer {token}"}
    obs = pd.read_csv(f"{base}/api/monitor/observations?format=csv", storage_options=auth)
    hits = pd.json_normalize(pd.read_json(f"{base}/api/esco/search?q=lassen", storage_options=auth)["items"])
    return obs, hits


def test_an_analyst_makes_a_token_on_the_page_uses_it_from_a_script_and_revokes_it(
    browser: Any, trust_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base, _env = trust_server
    page = _signed_in(browser, base, "otto")
    page.goto("/orgs/")
    page.click("#to-tokens")
    page.fill("#id_name", "notebook")
    page.check("input[name=scopes][value='monitor:read']")
    page.check("input[name=scopes][value='taxonomy:read']")
    page.click("#token-form button[type=submit]")
    token = page.locator("#token-secret").input_value()
    assert token.startswith("tt_")

    status, body = _get(f"{base}/api/monitor/observations?format=csv", token)
    assert status == 200 and body.splitlines()[0].startswith(b"indicator")
    status, body = _get(f"{base}/api/esco/search?q=lassen", token)
    assert status == 200 and json.loads(body)["count"] >= 1
    status, body = _get(f"{base}/api/passports/me", token)
    assert status == 403 and "passport:read" in json.loads(body)["detail"]
    observations, hits = _pandas(base, token)  # the three lines of the API docs
    assert list(observations.columns[:3]) == ["indicator", "region", "period"] and len(observations) > 0
    assert "uri" in hits.columns and len(hits) >= 1

    page.goto("/orgs/tokens/")
    expect(page.locator("#tokens")).to_contain_text(token[:10])
    assert token not in page.content()  # shown once only
    page.click("button.revoke-token")
    expect(page.locator(".status").first).to_contain_text("401")
    status, body = _get(f"{base}/api/monitor/observations?format=csv", token)
    assert status == 401 and "ingetrokken" in json.loads(body)["detail"]
    with pytest.raises(urllib.error.HTTPError, match="401"):
        _pandas(base, token)
    page.context.close()


def test_a_new_invitee_signs_up_from_the_link_and_lands_back_on_the_invitation(
    browser: Any, trust_server: tuple[str, dict[str, str]]
) -> None:
    from playwright.sync_api import expect

    base, _env = trust_server
    olga = _signed_in(browser, base, "olga")
    olga.goto("/orgs/acme-metaal/")
    olga.fill("#invite-form #id_email", "nina@example.nl")
    olga.click("#invite-form button[type=submit]")
    link = olga.locator("#invitation-link").input_value()

    nina = browser.new_context(locale="nl-NL", base_url=base).new_page()
    nina.goto(link)
    expect(nina.locator("#login-form")).to_be_visible()  # no account yet: the sign-in page first
    nina.click("#signup-link")
    nina.fill("#id_username", "nina")
    nina.fill("#id_password1", PASSWORD)
    nina.fill("#id_password2", PASSWORD)
    nina.click("#signup-form button[type=submit]")
    expect(nina.locator("#accept-form")).to_be_visible()  # back on the invitation, signed in
    assert nina.url == link
    nina.click("#accept-form button")
    expect(nina.locator("#members")).to_contain_text("nina")
    for page in (olga, nina):
        page.context.close()
