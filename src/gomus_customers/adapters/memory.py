"""The in-memory store: a real implementation of the ports, not a mock.

It keeps the same rules as a database: unique keys, references that must exist, optimistic
locking, and isolation (a unit of work sees its own changes, others see them only after
``commit``). It is thread-safe: one lock guards the committed state, and a commit checks and
applies all of a unit of work's changes while holding it. Every query that filters by category,
institution, e-mail, name or number goes through an index.
"""

from __future__ import annotations

import builtins
import threading
import typing
import uuid
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Generic, Self, TypeVar

import attrs

from gomus_customers._checks import name_key
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
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
from gomus_customers.ports import VersionedEntity, next_version
from gomus_customers.pricing import FeeTable, fee_table_in_force
from gomus_customers.privacy import AccessRequest, CaseStatus

__all__ = ["MemoryStore", "MemoryUnitOfWork"]


E = TypeVar("E", bound=VersionedEntity)
K = TypeVar("K", bound=uuid.UUID)

KeyFunction = Callable[[E], Iterable[Hashable]]


def _one(key: Hashable | None) -> tuple[Hashable, ...]:
    return () if key is None else (key,)


@attrs.define
class _Index(Generic[E]):
    keys: Callable[[E], Iterable[Hashable]]
    unique_field: str | None = None
    entries: dict[Hashable, set[uuid.UUID]] = attrs.Factory(dict)

    def insert(self, entity: E) -> None:
        for key in self.keys(entity):
            self.entries.setdefault(key, set()).add(entity.id)

    def remove(self, entity: E) -> None:
        for key in self.keys(entity):
            ids = self.entries[key]
            ids.discard(entity.id)
            if not ids:
                del self.entries[key]


@attrs.define
class _Reference:
    """``child`` entities refer, through ``index`` of the child table, to rows of ``parent``."""

    child: str
    index: str
    parent: str


class _Table(Generic[E]):
    def __init__(self, kind: str, indexes: dict[str, _Index[E]]) -> None:
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


def _default_key(category: CustomerCategory) -> tuple[bool, ...]:
    return (True,) if category.is_default else ()


def _customer_sort_key(customer: Customer) -> tuple[str, str, str]:
    return (name_key(customer.last_name), name_key(customer.first_name), str(customer.id))


def _named_sort_key(
    entity: CustomerCategory | OfferCategory | Offer | Institution,
) -> tuple[str, str]:
    return (name_key(entity.name), str(entity.id))


class MemoryStore:
    """The committed state of an in-memory gomus_customers store, shared between threads.

    Open a :class:`MemoryUnitOfWork` with :meth:`unit_of_work` (it is the factory the facade
    takes).
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tables: dict[str, _Table[VersionedEntity]] = {}
        self._add_table(
            "customer_categories",
            "customer category",
            {
                "name": _Index(lambda c: (name_key(c.name),), unique_field="name"),
                "default": _Index(_default_key),
            },
        )
        self._add_table(
            "offer_categories",
            "offer category",
            {"name": _Index(lambda c: (name_key(c.name),), unique_field="name")},
        )
        self._add_table("offers", "offer", {"category_id": _Index(lambda o: (o.category_id,))})
        self._add_table("institutions", "institution", {})
        self._add_table(
            "customers",
            "customer",
            {
                "category_id": _Index(lambda c: (c.category_id,)),
                "institution_id": _Index(lambda c: c.institution_ids),
                "email": _Index(lambda c: _one(c.email)),
                "name": _Index(lambda c: c.name_keys),
                "number": _Index(lambda c: _one(c.number), unique_field="number"),
            },
        )
        self._add_table(
            "fee_tables",
            "fee table",
            {
                "valid_from": _Index(lambda t: (t.valid_from,), unique_field="valid_from"),
                "customer_category_id": _Index(lambda t: t.customer_category_ids),
                "offer_category_id": _Index(lambda t: t.offer_category_ids),
            },
        )
        self._add_table(
            "orders",
            "order",
            {
                "customer_id": _Index(lambda o: _one(o.customer_id)),
                "institution_id": _Index(lambda o: _one(o.institution_id)),
                "placed_on": _Index(lambda o: (o.placed_on,)),
            },
        )
        self._add_table(
            "access_requests",
            "access request",
            {
                "reference": _Index(lambda c: (c.reference,), unique_field="reference"),
                "email": _Index(lambda c: _one(c.email)),
                "customer_id": _Index(lambda c: c.customer_ids),
                "status": _Index(lambda c: (c.status,)),
            },
        )
        self.references = (
            _Reference("customers", "category_id", "customer_categories"),
            _Reference("customers", "institution_id", "institutions"),
            _Reference("offers", "category_id", "offer_categories"),
            _Reference("fee_tables", "customer_category_id", "customer_categories"),
            _Reference("fee_tables", "offer_category_id", "offer_categories"),
            _Reference("orders", "customer_id", "customers"),
            _Reference("orders", "institution_id", "institutions"),
        )

    def _add_table(self, name: str, kind: str, indexes: dict[str, _Index[E]]) -> None:
        # Each table holds one entity type; the dict is typed by the common protocol.
        self.tables[name] = _Table(kind, indexes)  # type: ignore[arg-type]  # per-table E

    def unit_of_work(self) -> MemoryUnitOfWork:
        """Open a new unit of work on this store."""
        return MemoryUnitOfWork(self)

    def commit(self, changes: dict[str, _Changes]) -> None:
        """Check and apply every change at once, or nothing (raises the first problem)."""
        with self.lock:
            for name, table_changes in changes.items():
                self._check_versions(self.tables[name], table_changes)
            undo: list[tuple[_Table[VersionedEntity], uuid.UUID, VersionedEntity | None]] = []
            try:
                for name, table_changes in changes.items():
                    table = self.tables[name]
                    for id_, entity in table_changes.rows.items():
                        undo.append((table, id_, table.rows.get(id_)))
                        if entity is None:
                            table.remove(id_)
                        else:
                            table.put(entity)
                self._check_constraints(changes)
            except BaseException:
                for table, id_, old in reversed(undo):
                    if id_ in table.rows:
                        table.remove(id_)
                    if old is not None:
                        table.put(old)
                raise

    def _check_versions(self, table: _Table[VersionedEntity], changes: _Changes) -> None:
        for id_, base in changes.base.items():
            current = table.rows.get(id_)
            if base is None:
                if current is not None:
                    raise AlreadyExistsError(table.kind, "id", id_)
            elif current is None or current.version != base:
                raise ConcurrentModificationError(
                    table.kind, id_, base, None if current is None else current.version
                )

    def _check_constraints(self, changes: dict[str, _Changes]) -> None:
        for name, table_changes in changes.items():
            table = self.tables[name]
            for index in table.indexes.values():
                if index.unique_field is None:
                    continue
                for entity in table_changes.rows.values():
                    for key in index.keys(entity) if entity is not None else ():
                        if len(index.entries[key]) > 1:
                            value = getattr(entity, index.unique_field)
                            raise AlreadyExistsError(table.kind, index.unique_field, value)
        for reference in self.references:
            child = self.tables[reference.child]
            parent = self.tables[reference.parent]
            for id_, entity in changes.get(reference.child, _Changes()).rows.items():
                for key in child.indexes[reference.index].keys(entity) if entity else ():
                    if key not in parent.rows:
                        raise ReferentialIntegrityError(child.kind, id_, f"{parent.kind} {key}")
            for id_, entity in changes.get(reference.parent, _Changes()).rows.items():
                if entity is None and child.indexes[reference.index].entries.get(id_):
                    referrer = next(iter(child.indexes[reference.index].entries[id_]))
                    raise ReferentialIntegrityError(child.kind, referrer, f"{parent.kind} {id_}")


@attrs.define
class _Changes:
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


class _MemoryRepository(Generic[E, K]):
    def __init__(self, store: MemoryStore, table: str, changes: _Changes) -> None:
        self._store = store
        # The table holds E; the store types it by the common protocol.
        self._table: _Table[E] = store.tables[table]  # type: ignore[assignment]  # per-table E
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
                    value = getattr(entity, index.unique_field)
                    raise AlreadyExistsError(self._table.kind, index.unique_field, value)

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
            found = [
                self._table.rows[i] for i in index.entries.get(key, ()) if i not in pending_ids
            ]
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
        return sorted(self._all(), key=_named_sort_key)

    def by_name(self, name: str) -> CustomerCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None

    def default(self) -> CustomerCategory | None:
        found = self._lookup("default", True)  # noqa: FBT003 - the index key
        return found[0] if found else None


class MemoryOfferCategories(_MemoryRepository[OfferCategory, OfferCategoryId]):
    """Offer categories in memory."""

    def list(self) -> Sequence[OfferCategory]:
        return sorted(self._all(), key=_named_sort_key)

    def by_name(self, name: str) -> OfferCategory | None:
        found = self._lookup("name", name_key(name))
        return found[0] if found else None


class MemoryOffers(_MemoryRepository[Offer, OfferId]):
    """Offers in memory."""

    def list(self, *, category_id: OfferCategoryId | None = None) -> Sequence[Offer]:
        found = self._all() if category_id is None else self._lookup("category_id", category_id)
        return sorted(found, key=_named_sort_key)

    def count(self, *, category_id: OfferCategoryId) -> int:
        return len(self._lookup("category_id", category_id))


class MemoryInstitutions(_MemoryRepository[Institution, InstitutionId]):
    """Institutions in memory."""

    def list(self) -> Sequence[Institution]:
        return sorted(self._all(), key=_named_sort_key)


class MemoryCustomers(_MemoryRepository[Customer, CustomerId]):
    """Customers in memory, with indexes by category, institution, e-mail, name and number."""

    def list(
        self,
        *,
        category_id: CustomerCategoryId | None = None,
        email: str | None = None,
        name: str | None = None,
        number: str | None = None,
    ) -> Sequence[Customer]:
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
            return sorted(self._all(), key=_customer_sort_key)
        (first, key), rest = filters[0], filters[1:]
        found = [
            c
            for c in self._lookup(first, key)
            if all(k in set(self._table.indexes[i].keys(c)) for i, k in rest)
        ]
        return sorted(found, key=_customer_sort_key)

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        found = [
            c
            for c in self._lookup("institution_id", institution_id)
            if on is None or c.membership_on(institution_id, on) is not None
        ]
        return sorted(found, key=_customer_sort_key)

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
        prefix = f"AR-{year}-"
        with self._store.lock:
            keys = [k for k in self._table.indexes["reference"].entries if isinstance(k, str)]
        keys += [c.reference for c in self._pending.values() if c is not None]
        numbers = [
            int(k[len(prefix) :])
            for k in keys
            if k.startswith(prefix) and k[len(prefix) :].isdigit()
        ]
        return max(numbers, default=0)


class MemoryUnitOfWork:
    """A unit of work on a :class:`MemoryStore`: changes stay private until :meth:`commit`."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._changes: dict[str, _Changes] = {name: _Changes() for name in store.tables}
        self._bind()

    def _bind(self) -> None:
        store, changes = self._store, self._changes
        self.customer_categories = MemoryCustomerCategories(
            store, "customer_categories", changes["customer_categories"]
        )
        self.offer_categories = MemoryOfferCategories(
            store, "offer_categories", changes["offer_categories"]
        )
        self.offers = MemoryOffers(store, "offers", changes["offers"])
        self.institutions = MemoryInstitutions(store, "institutions", changes["institutions"])
        self.customers = MemoryCustomers(store, "customers", changes["customers"])
        self.fee_tables = MemoryFeeTables(store, "fee_tables", changes["fee_tables"])
        self.orders = MemoryOrders(store, "orders", changes["orders"])
        self.access_requests = MemoryAccessRequests(
            store, "access_requests", changes["access_requests"]
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        """Apply every change at once; on any error nothing is applied and the changes stay."""
        self._store.commit({n: c for n, c in self._changes.items() if c.rows})
        self.rollback()

    def rollback(self) -> None:
        """Forget every change since the last commit."""
        for changes in self._changes.values():
            changes.clear()
