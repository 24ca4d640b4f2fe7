"""The home page: what techtalent holds now and where to go."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from techtalent.taxonomy import selectors


def home(request: HttpRequest) -> HttpResponse:
    """Show the state of the taxonomy and the entry points."""
    return render(request, "web/home.html", {"status": selectors.taxonomy_status()})
