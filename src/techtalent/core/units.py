"""Sizes as people read them, in the interface language: "10 MB", "2,5 MB" (nl), "2.5 MB" (en)."""

from __future__ import annotations

from django.utils import formats

__all__ = ["megabytes"]


def megabytes(n: float) -> str:
    """``n`` bytes in decimal megabytes, one decimal at most, with the active language's decimal mark."""
    value = round(n / 1_000_000, 1)
    places = 0 if value == int(value) else 1
    return f"{formats.number_format(value, decimal_pos=places, use_l10n=True)} MB"
