"""Every page names the site's icon, so a browser does not ask for a missing /favicon.ico (a 404 and a
console error on each page)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/esco/", "/extract/", "/accounts/login/", "/bestaat-niet/"])
def test_pages_link_the_svg_icon_that_is_served_as_a_static_file(client: Client, url: str) -> None:
    html = client.get(url).content.decode()
    assert '<link rel="icon" href="/static/techtalent/favicon.svg" type="image/svg+xml">' in html
    path = finders.find("techtalent/favicon.svg")
    assert path, "the icon is not among the static files"
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 32 32"
