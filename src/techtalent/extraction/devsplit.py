"""The dev/test halves of the project's own dev sets: a fixed split by a hash of each line's id.

Parameters (thresholds, fusion weights) may be chosen on the dev half; the test half is only scored. The
split is by id, not by position, so adding lines to a set keeps every old line in its half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol, TypeVar

__all__ = ["half_of", "dev_half", "test_half"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def half_of(item_id: str) -> str:
    """ "dev" or "test" for an id (stable: the first byte of its SHA-1)."""
    return "dev" if hashlib.sha1(item_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def dev_half(items: Sequence[T]) -> list[T]:
    """The items whose id falls in the dev half."""
    return [item for item in items if half_of(item.id) == "dev"]


def test_half(items: Sequence[T]) -> list[T]:
    """The items whose id falls in the test half."""
    return [item for item in items if half_of(item.id) == "test"]
