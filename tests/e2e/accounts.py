"""Signing up in the browser, as a new person does: the Dutch home page, the sign-up form, the passport."""

from __future__ import annotations

from typing import Any


def sign_up(page: Any, name: str, password: str) -> None:
    """Create an account through the sign-up form and land on the (Dutch) passport page."""
    from playwright.sync_api import expect

    page.goto("/")
    page.click("#signup")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.fill("#id_username", name)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.click("#signup-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Mijn vaardighedenpaspoort")
