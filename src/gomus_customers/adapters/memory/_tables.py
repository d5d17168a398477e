"""The memory store's tables: rows by id, their indexes, the references between them, and
a unit of work's pending changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Hashable, Iterable
from typing import Generic, TypeVar

import attrs

from gomus_customers._checks import name_key
from gomus_customers.exceptions import AlreadyExistsError
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
)
from gomus_customers.ports import VersionedEntity

__all__ = [
    "Changes",
    "E",
    "Index",
    "K",
    "Reference",
    "Table",
    "customer_sort_key",
    "default_key",
    "named_sort_key",
    "one",
]

E = TypeVar("E", bound=VersionedEntity)
K = TypeVar("K", bound=uuid.UUID)


def one(key: Hashable | None) -> tuple[Hashable, ...]:
    return () if key is None else (key,)


@attrs.define
class Index(Generic[E]):
    """Ids by key. With ``unique_field`` a key belongs to one entity at most; ``taken`` makes
    the error for an entity whose key is taken (default: its table's kind and the field).
    """

    keys: Callable[[E], Iterable[Hashable]]
    unique_field: str | None = None
    # A key with one entity holds its id itself, a set only from the second on: most keys
    # (an e-mail, a number) have one, and a set costs ten times an id's memory.
    entries: dict[Hashable, uuid.UUID | set[uuid.UUID]] = attrs.Factory(dict)
    taken: Callable[[str, E], AlreadyExistsError] | None = None

    def ids(self, key: Hashable) -> Collection[uuid.UUID]:
        """The ids of the entities with ``key``."""
        found = self.entries.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, uuid.UUID) else found

    def insert(self, entity: E) -> None:
        entries = self.entries
        for key in self.keys(entity):
            found = entries.get(key)
            if found is None:
                entries[key] = entity.id
            elif isinstance(found, uuid.UUID):
                if found != entity.id:
                    entries[key] = {found, entity.id}
            else:
                found.add(entity.id)

    def remove(self, entity: E) -> None:
        entries = self.entries
        for key in self.keys(entity):
            found = entries.get(key)
            if found is None:
                continue  # a key the entity gave twice
            if isinstance(found, uuid.UUID):
                if found == entity.id:
                    del entries[key]
                continue
            found.discard(entity.id)
            if len(found) == 1:
                entries[key] = next(iter(found))

    def conflict(self, kind: str, entity: E) -> AlreadyExistsError:
        """The error for ``entity``, whose unique key another entity has."""
        if self.taken is not None:
            return self.taken(kind, entity)
        field = self.unique_field or "id"
        return AlreadyExistsError(kind, field, getattr(entity, field))


@attrs.define
class Reference:
    """``child`` entities refer, through ``index`` of the child table, to rows of ``parent``."""

    child: str
    index: str
    parent: str


class Table(Generic[E]):
    def __init__(self, kind: str, indexes: dict[str, Index[E]]) -> None:
        self.kind = kind
        self.rows: dict[uuid.UUID, E] = {}
        self.indexes = indexes

    def put(self, entity: E) -> None:
        old = self.rows.get(entity.id)
        if old is not None:
            for index in self.indexes.values():
                index.remove(old)
        self.rows[entity.id] = entity
        for index in self.indexes.values():
            index.insert(entity)

    def remove(self, id: uuid.UUID) -> None:  # noqa: A002 - an entity id
        old = self.rows.pop(id)
        for index in self.indexes.values():
            index.remove(old)


def default_key(category: CustomerCategory) -> tuple[bool, ...]:
    return (True,) if category.is_default else ()


def customer_sort_key(customer: Customer) -> tuple[str, str, str]:
    return customer.sort_key


def named_sort_key(
    entity: CustomerCategory | OfferCategory | Offer | Institution,
) -> tuple[str, str]:
    return (name_key(entity.name), str(entity.id))


@attrs.define
class Changes:
    """A unit of work's changes to one table: new rows (None: deleted) and the versions read."""

    rows: dict[uuid.UUID, VersionedEntity | None] = attrs.Factory(dict)
    # None: the row must not exist at commit (an add); an int: the version it must still have.
    base: dict[uuid.UUID, int | None] = attrs.Factory(dict)
    # The pending rows by index and key, so that a unit of work with many changes (a bulk
    # import) finds its own rows without scanning them.
    found: dict[str, dict[Hashable, set[uuid.UUID]]] = attrs.Factory(dict)

    def clear(self) -> None:
        self.rows.clear()
        self.base.clear()
        self.found.clear()
