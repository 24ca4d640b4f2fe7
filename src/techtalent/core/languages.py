"""The interface and content languages techtalent speaks."""

from typing import Final

LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"


def other_language(lang: str) -> str:
    """Return the other of the two supported languages."""
    return "en" if lang == "nl" else "nl"


def check_language(lang: str) -> str:
    """Return ``lang`` when supported, else raise ValueError naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    return lang
