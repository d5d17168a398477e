"""The memory store's repositories: one per aggregate, over its table and indexes."""

from __future__ import annotations

import bisect
import builtins
import typing
import uuid
from collections.abc import Hashable, Sequence
from datetime import date
from typing import Generic

from gomus_customers._checks import name_key
from gomus_customers.adapters.memory._tables import (
    Changes,
    E,
    K,
    Table,
    customer_sort_key,
    named_sort_key,
)
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
)
from gomus_customers.ids import (
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MuseumProfileId,
    OfferCategoryId,
    OfferId,
)
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
)
from gomus_customers.model.museum import MuseumProfile
from gomus_customers.ports import next_version
from gomus_customers.pricing import FeeTable, fee_table_in_force

if typing.TYPE_CHECKING:
    from gomus_customers.adapters.memory._store import MemoryStore

__all__ = [
    "MemoryCustomerCategories",
    "MemoryCustomers",
    "MemoryFeeTables",
    "MemoryInstitutions",
    "MemoryOfferCategories",
    "MemoryOffers",
    "MemoryRepository",
]


class MemoryRepository(Generic[E, K]):
    def __init__(self, store: MemoryStore, table: str, changes: Changes) -> None:
        self._store = store
        # The table holds E; the store types it by the common protocol.
        self._table: Table[E] = store.tables[table]  # type: ignore[assignment]  # per-table E
        self._changes = changes

    @property
    def _pending(self) -> dict[uuid.UUID, E | None]:
        return self._changes.rows  # type: ignore[return-value]  # per-table E

    def get(self, id: K) -> E:  # noqa: A002 - the ports' name
        return self._current(id)

    def get_many(self, ids: typing.Collection[K]) -> dict[K, E]:
        """The entities with these ids; NotFoundError for the first one that is missing."""
        # One lock for all ids; the unit of work's own changes are asked only when it has
        # some (a UUID's hash is computed in Python, for every dict it is looked up in).
        pending: dict[uuid.UUID, E | None] = self._changes.rows  # type: ignore[assignment]  # per-table E
        rows = self._table.rows
        found: dict[K, E] = {}
        with self._store.lock:
            for key in ids:
                entity = pending[key] if pending and key in pending else rows.get(key)
                if entity is None:
                    raise NotFoundError(self._table.kind, key)
                found[key] = entity
        return found

    def _current(self, id_: uuid.UUID) -> E:
        pending: dict[uuid.UUID, E | None] = self._changes.rows  # type: ignore[assignment]  # per-table E
        if pending and id_ in pending:
            entity = pending[id_]
        else:
            with self._store.lock:
                entity = self._table.rows.get(id_)
        if entity is None:
            raise NotFoundError(self._table.kind, id_)
        return entity

    def _exists(self, id_: uuid.UUID) -> bool:
        if id_ in self._pending:
            return self._pending[id_] is not None
        with self._store.lock:
            return id_ in self._table.rows

    def _check_unique(self, entity: E) -> None:
        for name, index in self._table.indexes.items():
            if index.unique_field is None:
                continue
            for key in index.keys(entity):
                if any(other.id != entity.id for other in self._lookup(name, key)):
                    raise index.conflict(self._table.kind, entity)

    def add(self, entity: E) -> None:
        if self._exists(entity.id):
            raise AlreadyExistsError(self._table.kind, "id", entity.id)
        self._check_unique(entity)
        self._put(entity.id, entity)
        self._changes.base.setdefault(entity.id, None)

    def update(self, entity: E) -> E:
        current = self._current(entity.id)
        if current.version != entity.version:
            raise ConcurrentModificationError(
                self._table.kind, entity.id, entity.version, current.version
            )
        self._check_unique(entity)
        saved = next_version(entity)
        self._put(entity.id, saved)
        self._changes.base.setdefault(entity.id, current.version)
        return saved

    def delete(self, id: K) -> None:  # noqa: A002 - the ports' name
        current = self.get(id)
        self._put(id, None)
        self._changes.base.setdefault(id, current.version)

    def _put(self, id_: uuid.UUID, entity: E | None) -> None:
        """Record a pending row (None: deleted) and keep the pending indexes in step."""
        found = self._changes.found
        old = self._pending.get(id_)
        for name, index in self._table.indexes.items():
            keys = found.setdefault(name, {})
            if old is not None:
                for key in index.keys(old):
                    keys[key].discard(id_)
            if entity is not None:
                for key in index.keys(entity):
                    keys.setdefault(key, set()).add(id_)
        self._pending[id_] = entity

    def _lookup(self, index_name: str, key: Hashable) -> list[E]:
        index = self._table.indexes[index_name]
        with self._store.lock:
            # Not "entries - pending.keys()": that turns every pending id into a set first.
            pending_ids = self._pending
            found = [self._table.rows[i] for i in index.ids(key) if i not in pending_ids]
        pending = self._changes.found.get(index_name, {}).get(key, ())
        found += [e for i in pending if (e := self._pending[i]) is not None]
        return found

    def _all(self) -> list[E]:
        with self._store.lock:
            found = [e for i, e in self._table.rows.items() if i not in self._pending]
        found += [e for e in self._pending.values() if e is not None]
        return found


class MemoryCustomerCategories(MemoryRepository[CustomerCategory, CustomerCategoryId]):
    """Customer categories in memory."""

    def list(self) -> Sequence[CustomerCategory]:
        return sorted(self._all(), key=named_sort_key)

    def by_name(self, name: str) -> CustomerCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None

    def default(self) -> CustomerCategory | None:
        found = self._lookup("default", True)  # noqa: FBT003 - the index key
        return found[0] if found else None


class MemoryOfferCategories(MemoryRepository[OfferCategory, OfferCategoryId]):
    """Offer categories in memory."""

    def list(self) -> Sequence[OfferCategory]:
        return sorted(self._all(), key=named_sort_key)

    def by_name(self, name: str) -> OfferCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None


class MemoryOffers(MemoryRepository[Offer, OfferId]):
    """Offers in memory."""

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        found = self._all() if category_id is None else self._lookup("category_id", category_id)
        return sorted(found, key=named_sort_key)

    def count(self, *, category_id: OfferCategoryId) -> int:
        return len(self._lookup("category_id", category_id))


class MemorySettings(MemoryRepository[MuseumProfile, MuseumProfileId]):
    """The museum's profile in memory."""


class MemoryInstitutions(MemoryRepository[Institution, InstitutionId]):
    """Institutions in memory."""

    def list(self) -> Sequence[Institution]:
        return sorted(self._all(), key=named_sort_key)


class MemoryCustomers(MemoryRepository[Customer, CustomerId]):
    """Customers in memory, with indexes by category, institution, e-mail, name and number."""

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        email: str | None = None,
        name: str | None = None,
        number: str | None = None,
        limit: int | None = None,
        after: CustomerId | None = None,
    ) -> Sequence[Customer]:
        found = self._filtered(category_id=category_id, email=email, name=name, number=number)
        if after is not None:
            start = self._current(after).sort_key
            found = found[bisect.bisect_right(found, start, key=customer_sort_key) :]
        return found if limit is None else found[:limit]

    def _filtered(
        self,
        *,
        category_id: CustomerCategoryId | None,
        email: str | None,
        name: str | None,
        number: str | None,
    ) -> builtins.list[Customer]:  # "list" alone is the method here
        # Start from the most selective index given; check the other filters on the result.
        filters: list[tuple[str, Hashable]] = []
        if number is not None:
            filters.append(("number", number.strip()))
        if email is not None:
            filters.append(("email", email.strip().lower()))
        if name is not None:
            filters.append(("name", name_key(name)))
        if category_id is not None:
            filters.append(("category_id", category_id))
        if not filters:
            return sorted(self._all(), key=customer_sort_key)
        (first, key), rest = filters[0], filters[1:]
        found = [
            c
            for c in self._lookup(first, key)
            if all(k in set(self._table.indexes[i].keys(c)) for i, k in rest)
        ]
        return sorted(found, key=customer_sort_key)

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        found = [
            c
            for c in self._lookup("institution_id", institution_id)
            if on is None or c.membership_on(institution_id, on) is not None
        ]
        return sorted(found, key=customer_sort_key)

    def count(self, *, category_id: CustomerCategoryId | None = None) -> int:
        if category_id is None:
            with self._store.lock:
                committed = len(self._table.rows) - sum(
                    1 for i in self._pending if i in self._table.rows
                )
            return committed + sum(1 for e in self._pending.values() if e is not None)
        return len(self._lookup("category_id", category_id))


class MemoryFeeTables(MemoryRepository[FeeTable, FeeTableId]):
    """Fee tables in memory."""

    def list(self) -> Sequence[FeeTable]:
        return sorted(self._all(), key=lambda t: (t.valid_from, str(t.id)))

    def in_force(self, day: date) -> FeeTable | None:
        return fee_table_in_force(self._all(), day)

    def count(
        self,
        *,
        customer_category_id: CustomerCategoryId | None = None,
        offer_category_id: OfferCategoryId | None = None,
    ) -> int:
        found = {t.id for t in self._lookup("customer_category_id", customer_category_id)}
        found |= {t.id for t in self._lookup("offer_category_id", offer_category_id)}
        return len(found)
