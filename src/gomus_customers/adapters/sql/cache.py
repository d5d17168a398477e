"""Aggregates read from committed rows, kept by a store for its units of work.

A fee table with a thousand cells costs more to decode than a whole sale costs otherwise; a
store keeps the few it read, by id and by the digest of their document, so that a sale's cost
does not grow with the table. Only what a transaction read before it wrote anything is kept:
that is committed data, never another unit of work's uncommitted change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence

__all__ = ["DocumentCache", "SessionState"]


class DocumentCache:
    """A small, thread-safe map from a key to a decoded aggregate; the oldest go first."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        """The value kept for ``key``, if any."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: object) -> None:
        """Keep ``value`` for ``key``, forgetting the oldest entry beyond the size."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


class SessionState:
    """What every driver's session keeps the same way: rows changed, writes done, the cache."""

    _cache: DocumentCache
    _changed: int = 0
    _wrote: bool = False
    _deferred: Sequence[object] = ()  # writes waiting to be sent

    def changed(self) -> int:
        """How many rows the last write statement changed."""
        return self._changed

    def remembered(self, key: Hashable) -> object | None:
        """What the store's cache keeps for ``key``."""
        return self._cache.get(key)

    def remember(self, key: Hashable, value: object) -> None:
        """Keep ``value`` for ``key``, while this transaction has written nothing."""
        if not self._wrote and not self._deferred:
            self._cache.put(key, value)
