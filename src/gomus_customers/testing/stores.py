"""Stores by address, so that a test and the processes it starts open the same store.

An address is ``"memory"`` (this process only), ``"sqlite:PATH"`` or ``"postgresql:DSN"``.
The contract's process tests hand the address to :mod:`gomus_customers.testing.workers`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from gomus_customers.module import CustomerModule
from gomus_customers.ports import UnitOfWorkFactory

__all__ = ["OpenedStore", "open_module", "open_store"]


@attrs.frozen
class OpenedStore:
    """An open store: its unit-of-work factory, how to close it, and its address.

    ``address`` is None for a store other processes cannot open (the memory store).
    """

    unit_of_work: UnitOfWorkFactory
    close: Callable[[], None]
    address: str | None


def open_store(address: str, *, busy_timeout: float = 30.0) -> OpenedStore:
    """Open the store at ``address`` (see the module docstring)."""
    kind, _, where = address.partition(":")
    if kind == "memory":
        from gomus_customers.adapters.memory import MemoryStore

        return OpenedStore(MemoryStore().unit_of_work, lambda: None, None)
    if kind == "sqlite":
        from gomus_customers.adapters.sqlite import SqliteStore

        sqlite = SqliteStore(Path(where), busy_timeout=busy_timeout)
        return OpenedStore(sqlite.unit_of_work, sqlite.close, address)
    if kind == "postgresql":
        from gomus_customers.adapters.postgresql import PostgresStore

        postgres = PostgresStore(where, pool_size=4, busy_timeout=busy_timeout)
        return OpenedStore(postgres.unit_of_work, postgres.close, address)
    message = f"{address!r} is no store address: use memory, sqlite:PATH or postgresql:DSN"
    raise ValueError(message)


def open_module(address: str, *, busy_timeout: float = 30.0) -> CustomerModule:
    """A module on the store at ``address``, as the facade opens it (writers queue)."""
    kind, _, where = address.partition(":")
    if kind == "sqlite":
        return CustomerModule.sqlite(Path(where), busy_timeout=busy_timeout)
    if kind == "postgresql":
        return CustomerModule.postgresql(where, pool_size=4, busy_timeout=busy_timeout)
    store = open_store(address, busy_timeout=busy_timeout)
    return CustomerModule(store.unit_of_work, close=store.close)
