"""Dutch education levels as written in files ("mbo 4", "Ad", "hbo bachelor", "NLQF 6") → offer level."""

from __future__ import annotations

import re

__all__ = ["NLQF", "parse_level"]

NLQF = {"mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "ad": 5, "bachelor": 6, "master": 7}
_BY_NLQF = {v: k for k, v in NLQF.items()}
_WORDS = {
    "ad": "ad",
    "associate degree": "ad",
    "associate-degree": "ad",
    "bachelor": "bachelor",
    "hbo bachelor": "bachelor",
    "wo bachelor": "bachelor",
    "master": "master",
    "hbo master": "master",
    "wo master": "master",
    "": "",
}


def parse_level(text: str) -> tuple[str, int | None, int | None]:
    """(level, NLQF, EQF) of a level text; ValueError when it is not one we know."""
    value = " ".join(text.strip().lower().replace("_", " ").split())
    if value in _WORDS:
        level = _WORDS[value]
        return level, NLQF.get(level), NLQF.get(level)
    mbo = re.fullmatch(r"mbo[ -]?(?:niveau )?([1-4])", value)
    if mbo:
        level = f"mbo{mbo.group(1)}"
        return level, NLQF[level], NLQF[level]
    frame = re.fullmatch(r"(nlqf|eqf)[ -]?([1-8])", value)
    if frame:
        number = int(frame.group(2))
        return _BY_NLQF.get(number, ""), number, number
    raise ValueError(text)
