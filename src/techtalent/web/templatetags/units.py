"""Template filters for sizes: ``{{ limits.max_bytes|megabytes }}`` → "10 MB" in the interface language."""

from django import template

from techtalent.core.units import megabytes as _megabytes

register = template.Library()


@register.filter
def megabytes(n: int) -> str:
    """Bytes as decimal megabytes ("10 MB", "2,5 MB")."""
    return _megabytes(n)
