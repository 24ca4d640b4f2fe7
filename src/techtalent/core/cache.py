"""Values built from the database once per taxonomy version: kept in memory and pickled to CACHE_DIR."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.conf import settings

__all__ = ["StampedCache"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class StampedCache(Generic[T]):
    """One value per stamp: from memory, else from the disk cache, else built, then cached in both."""

    def __init__(self, name: str, build: Callable[[], T]):
        self.name, self.build = name, build
        self._lock = threading.Lock()
        self._value: tuple[str, T] | None = None

    def _path(self, stamp: str) -> os.PathLike[str]:
        db = settings.DATABASES["default"]
        where = hashlib.sha1(f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}".encode()).hexdigest()[:10]
        return settings.CACHE_DIR / f"{self.name}-{db['ENGINE'].rsplit('.', 1)[-1]}-{where}-{stamp}.pickle"

    def get(self, stamp: str) -> T:
        """The value for ``stamp``, building it only when neither memory nor disk has it."""
        if self._value is not None and self._value[0] == stamp:
            return self._value[1]
        with self._lock:
            if self._value is not None and self._value[0] == stamp:
                return self._value[1]
            path = self._path(stamp)
            value: T | None = None
            if os.path.exists(path):
                try:
                    with open(path, "rb") as handle:
                        value = pickle.load(handle)
                except Exception:  # a damaged cache file is rebuilt, never fatal
                    log.warning("%s cache %s unreadable; rebuilding", self.name, path)
            if value is None:
                value = self.build()
                self._store(path, value)
            self._value = (stamp, value)
            return value

    def put(self, stamp: str, value: T) -> None:
        """Cache ``value`` for ``stamp`` (a writer that has just computed it saves readers the work)."""
        with self._lock:
            self._store(self._path(stamp), value)
            self._value = (stamp, value)

    def _store(self, path: os.PathLike[str], value: T) -> None:
        settings.CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = f"{os.fspath(path)}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def forget(self) -> None:
        """Drop the in-memory value (tests import several toy taxonomies in one process)."""
        self._value = None
