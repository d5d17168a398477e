"""The memory store's repositories: one per aggregate, over its table and indexes."""

from __future__ import annotations

import bisect
import builtins
import typing
import uuid
from collections.abc import Collection, Hashable, Iterable, Sequence
from datetime import date, datetime, timedelta
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
    AccessRequestId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Offer,
    OfferCategory,
    Order,
    SalesChannel,
)
from gomus_customers.model.orders import order_number_parts
from gomus_customers.ports import next_version
from gomus_customers.pricing import FeeTable, fee_table_in_force
from gomus_customers.privacy.cases import AccessRequest, CaseStatus
from gomus_customers.privacy.references import reference_parts

if typing.TYPE_CHECKING:
    from gomus_customers.adapters.memory._store import MemoryStore

__all__ = [
    "MemoryAccessRequests",
    "MemoryCustomerCategories",
    "MemoryCustomers",
    "MemoryFeeTables",
    "MemoryInstitutions",
    "MemoryOfferCategories",
    "MemoryOffers",
    "MemoryOrders",
]


class _MemoryRepository(Generic[E, K]):
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

    def _current(self, id_: uuid.UUID) -> E:
        if id_ in self._pending:
            entity = self._pending[id_]
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


class MemoryCustomerCategories(_MemoryRepository[CustomerCategory, CustomerCategoryId]):
    """Customer categories in memory."""

    def list(self) -> Sequence[CustomerCategory]:
        return sorted(self._all(), key=named_sort_key)

    def by_name(self, name: str) -> CustomerCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None

    def default(self) -> CustomerCategory | None:
        found = self._lookup("default", True)  # noqa: FBT003 - the index key
        return found[0] if found else None


class MemoryOfferCategories(_MemoryRepository[OfferCategory, OfferCategoryId]):
    """Offer categories in memory."""

    def list(self) -> Sequence[OfferCategory]:
        return sorted(self._all(), key=named_sort_key)

    def by_name(self, name: str) -> OfferCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None


class MemoryOffers(_MemoryRepository[Offer, OfferId]):
    """Offers in memory."""

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        found = self._all() if category_id is None else self._lookup("category_id", category_id)
        return sorted(found, key=named_sort_key)

    def count(self, *, category_id: OfferCategoryId) -> int:
        return len(self._lookup("category_id", category_id))


class MemoryInstitutions(_MemoryRepository[Institution, InstitutionId]):
    """Institutions in memory."""

    def list(self) -> Sequence[Institution]:
        return sorted(self._all(), key=named_sort_key)


class MemoryCustomers(_MemoryRepository[Customer, CustomerId]):
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


class MemoryFeeTables(_MemoryRepository[FeeTable, FeeTableId]):
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


def _order_sort_key(order: Order) -> tuple[date, datetime, str]:
    return (order.placed_on, order.created_at, str(order.id))


class MemoryOrders(_MemoryRepository[Order, OrderId]):
    """Orders in memory, indexed by customer, institution and day."""

    def list(
        self,
        *,
        customer_id: CustomerId | None = None,
        institution_id: InstitutionId | None = None,
        channel: SalesChannel | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> Sequence[Order]:
        found: Sequence[Order]
        if customer_id is not None:
            found = self._lookup("customer_id", customer_id)
        elif institution_id is not None:
            found = self._lookup("institution_id", institution_id)
        elif start is not None or end is not None:
            found = self._in_period(start, end)
        else:
            found = self._all()
        matching = [
            o
            for o in found
            if (institution_id is None or o.institution_id == institution_id)
            and (channel is None or o.channel == channel)
            and (start is None or o.placed_on >= start)
            and (end is None or o.placed_on <= end)
        ]
        return sorted(matching, key=_order_sort_key)

    def _in_period(self, start: date | None, end: date | None) -> Sequence[Order]:
        # Walk the days of the period, so that the cost grows with the period, not the store.
        days = {o.placed_on for o in self._pending.values() if o is not None}
        if start is None or end is None:
            with self._store.lock:
                # The placed_on index is keyed by date.
                days.update(typing.cast("Iterable[date]", self._table.indexes["placed_on"].entries))
        first = start or min(days, default=None)
        last = end or max(days, default=None)
        found: builtins.list[Order] = []  # "list" alone is the method here
        day = first
        while day is not None and last is not None and day <= last:
            found += self._lookup("placed_on", day)
            day += timedelta(days=1)
        return found

    def of_customers(self, customer_ids: Collection[CustomerId]) -> Sequence[Order]:
        found = {o.id: o for c in customer_ids for o in self._lookup("customer_id", c)}
        return sorted(found.values(), key=_order_sort_key)

    def by_number(self, number: str) -> Order | None:
        found = self._lookup("number", number)
        return found[0] if found else None

    def next_number(self, year: int) -> int:
        with self._store.lock:
            last = self._store.order_numbers.get(year)
            if last is None:
                keys = [k for k in self._table.indexes["number"].entries if isinstance(k, str)]
                parts = (order_number_parts(key) for key in keys)
                last = max((p[1] for p in parts if p is not None and p[0] == year), default=0)
            self._store.order_numbers[year] = last + 1
            return last + 1


def _case_sort_key(case: AccessRequest) -> tuple[date, str]:
    return (case.received_on, case.reference)


class MemoryAccessRequests(_MemoryRepository[AccessRequest, AccessRequestId]):
    """Access requests in memory, indexed by reference, e-mail, customer and status."""

    def list(
        self,
        *,
        status: CaseStatus | None = None,
        email: str | None = None,
        customer_id: CustomerId | None = None,
    ) -> Sequence[AccessRequest]:
        found: Sequence[AccessRequest]
        if customer_id is not None:
            found = self._lookup("customer_id", customer_id)
        elif email is not None:
            found = self._lookup("email", email.strip().lower())
        elif status is not None:
            found = self._lookup("status", status)
        else:
            found = self._all()
        matching = [
            c
            for c in found
            if (status is None or c.status == status)
            and (email is None or c.email == email.strip().lower())
            and (customer_id is None or customer_id in c.customer_ids)
        ]
        return sorted(matching, key=_case_sort_key)

    def by_reference(self, reference: str) -> AccessRequest | None:
        found = self._lookup("reference", reference)
        return found[0] if found else None

    def open_due(self, on: date) -> Sequence[AccessRequest]:
        found = [
            c
            for status in CaseStatus
            if status.is_open
            for c in self._lookup("status", status)
            if c.deadline <= on
        ]
        return sorted(found, key=lambda c: (c.deadline, c.reference))

    def last_reference_number(self, year: int) -> int:
        with self._store.lock:
            keys = [k for k in self._table.indexes["reference"].entries if isinstance(k, str)]
        keys += [c.reference for c in self._pending.values() if c is not None]
        parts = (reference_parts(key) for key in keys)
        return max((p[1] for p in parts if p is not None and p[0] == year), default=0)
