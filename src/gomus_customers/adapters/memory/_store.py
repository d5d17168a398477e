"""The memory store's committed state and its units of work."""

from __future__ import annotations

import threading
import uuid
from types import TracebackType
from typing import Self

from gomus_customers._checks import name_key
from gomus_customers.adapters.memory._memberships import (
    MemoryMembershipCards,
    MemoryMembershipTypes,
)
from gomus_customers.adapters.memory._records import MemoryAccessRequests, MemoryOrders
from gomus_customers.adapters.memory._repositories import (
    MemoryCustomerCategories,
    MemoryCustomers,
    MemoryFeeTables,
    MemoryInstitutions,
    MemoryOfferCategories,
    MemoryOffers,
    MemorySettings,
)
from gomus_customers.adapters.memory._tables import (
    Changes,
    E,
    Index,
    Reference,
    Table,
    default_key,
    one,
)
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import AddressId
from gomus_customers.model import Customer
from gomus_customers.ports import VersionedEntity

__all__ = ["MemoryStore", "MemoryUnitOfWork"]


def _address_ids(customer: Customer) -> tuple[AddressId, ...]:
    return tuple(a.id for a in customer.addresses)


def _address_taken(_kind: str, customer: Customer) -> AlreadyExistsError:
    return AlreadyExistsError("address", "id", [str(a.id) for a in customer.addresses])


class MemoryStore:
    """The committed state of an in-memory gomus_customers store, shared between threads.

    Open a :class:`MemoryUnitOfWork` with :meth:`unit_of_work` (it is the factory the facade
    takes).
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        # The last order number given per year: reserved under the lock, never given twice.
        self.order_numbers: dict[int, int] = {}
        self.tables: dict[str, Table[VersionedEntity]] = {}
        self._add_table(
            "customer_categories",
            "customer category",
            {
                "name": Index(lambda c: (name_key(c.name),), unique_field="name"),
                "default": Index(default_key),
            },
        )
        self._add_table(
            "offer_categories",
            "offer category",
            {"name": Index(lambda c: (name_key(c.name),), unique_field="name")},
        )
        self._add_table("offers", "offer", {"category_id": Index(lambda o: (o.category_id,))})
        self._add_table("institutions", "institution", {})
        self._add_table("settings", "museum profile", {})
        self._add_table(
            "customers",
            "customer",
            {
                "category_id": Index(lambda c: (c.category_id,)),
                "institution_id": Index(lambda c: c.institution_ids),
                "email": Index(lambda c: one(c.email)),
                "name": Index(lambda c: c.name_keys),
                # The number and the numbers of merged duplicates: each names one customer.
                "number": Index(lambda c: c.numbers, unique_field="number"),
                # Orders refer to addresses by id: an address id belongs to one customer.
                "address_id": Index(_address_ids, unique_field="addresses", taken=_address_taken),
            },
        )
        self._add_table(
            "fee_tables",
            "fee table",
            {
                "valid_from": Index(lambda t: (t.valid_from,), unique_field="valid_from"),
                "name": Index(lambda t: (name_key(t.name),), unique_field="name"),
                "customer_category_id": Index(lambda t: t.customer_category_ids),
                "offer_category_id": Index(lambda t: t.offer_category_ids),
            },
        )
        self._add_table(
            "orders",
            "order",
            {
                "customer_id": Index(lambda o: one(o.customer_id)),
                "institution_id": Index(lambda o: one(o.institution_id)),
                "placed_on": Index(lambda o: (o.placed_on,)),
                "number": Index(lambda o: one(o.number), unique_field="number"),
            },
        )
        self._add_table(
            "access_requests",
            "access request",
            {
                "reference": Index(lambda c: (c.reference,), unique_field="reference"),
                "email": Index(lambda c: one(c.email)),
                "customer_id": Index(lambda c: c.customer_ids),
                "status": Index(lambda c: (c.status,)),
            },
        )
        self._add_table(
            "membership_types",
            "membership type",
            {
                "name": Index(lambda t: (name_key(t.name),), unique_field="name"),
                "category_id": Index(lambda t: (t.category_id,)),
                "offer_id": Index(lambda t: (t.offer_id,)),
            },
        )
        self._add_table(
            "memberships",
            "membership",
            {
                "number": Index(lambda m: (m.number,), unique_field="number"),
                "type_id": Index(lambda m: (m.type_id,)),
                "buyer_id": Index(lambda m: (m.buyer_id,)),
                "holder_id": Index(lambda m: m.holder_ids),
                "ends_on": Index(lambda m: (m.end,)),
            },
        )
        self.references = (
            Reference("customers", "category_id", "customer_categories"),
            Reference("customers", "institution_id", "institutions"),
            Reference("offers", "category_id", "offer_categories"),
            Reference("fee_tables", "customer_category_id", "customer_categories"),
            Reference("fee_tables", "offer_category_id", "offer_categories"),
            Reference("orders", "customer_id", "customers"),
            Reference("orders", "institution_id", "institutions"),
            Reference("membership_types", "category_id", "customer_categories"),
            Reference("membership_types", "offer_id", "offers"),
            Reference("memberships", "type_id", "membership_types"),
            Reference("memberships", "buyer_id", "customers"),
            Reference("memberships", "holder_id", "customers"),
        )

    def _add_table(self, name: str, kind: str, indexes: dict[str, Index[E]]) -> None:
        # Each table holds one entity type; the dict is typed by the common protocol.
        self.tables[name] = Table(kind, indexes)  # type: ignore[arg-type]  # per-table E

    def unit_of_work(self) -> MemoryUnitOfWork:
        """Open a new unit of work on this store."""
        return MemoryUnitOfWork(self)

    def commit(self, changes: dict[str, Changes]) -> None:
        """Check and apply every change at once, or nothing (raises the first problem)."""
        with self.lock:
            for name, table_changes in changes.items():
                self._check_versions(self.tables[name], table_changes)
            undo: list[tuple[Table[VersionedEntity], uuid.UUID, VersionedEntity | None]] = []
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

    def _check_versions(self, table: Table[VersionedEntity], changes: Changes) -> None:
        for id_, base in changes.base.items():
            current = table.rows.get(id_)
            if base is None:
                if current is not None:
                    raise AlreadyExistsError(table.kind, "id", id_)
            elif current is None or current.version != base:
                raise ConcurrentModificationError(
                    table.kind, id_, base, None if current is None else current.version
                )

    def _check_constraints(self, changes: dict[str, Changes]) -> None:
        self._check_unique(changes)
        self._check_references(changes)

    def _check_unique(self, changes: dict[str, Changes]) -> None:
        for name, table_changes in changes.items():
            table = self.tables[name]
            for index in table.indexes.values():
                if index.unique_field is None:
                    continue
                for entity in table_changes.rows.values():
                    if entity is None:
                        continue
                    for key in index.keys(entity):
                        if len(index.ids(key)) > 1:
                            raise index.conflict(table.kind, entity)

    def _check_references(self, changes: dict[str, Changes]) -> None:
        # A reference neither of whose tables the commit changes has nothing to check (and
        # no empty Changes is made for it: a commit of a sale passes two tables of eleven).
        for reference in self.references:
            children, parents = changes.get(reference.child), changes.get(reference.parent)
            if children is None and parents is None:
                continue
            child = self.tables[reference.child]
            parent = self.tables[reference.parent]
            for id_, entity in children.rows.items() if children is not None else ():
                for key in child.indexes[reference.index].keys(entity) if entity else ():
                    if key not in parent.rows:
                        raise ReferentialIntegrityError(child.kind, id_, f"{parent.kind} {key}")
            for id_, entity in parents.rows.items() if parents is not None else ():
                referrers = child.indexes[reference.index].ids(id_)
                if entity is None and referrers:
                    referrer = next(iter(referrers))
                    raise ReferentialIntegrityError(child.kind, referrer, f"{parent.kind} {id_}")


class MemoryUnitOfWork:
    """A unit of work on a :class:`MemoryStore`: changes stay private until :meth:`commit`."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._changes: dict[str, Changes] = {name: Changes() for name in store.tables}
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
        self.settings = MemorySettings(store, "settings", changes["settings"])
        self.membership_types = MemoryMembershipTypes(
            store, "membership_types", changes["membership_types"]
        )
        self.memberships = MemoryMembershipCards(store, "memberships", changes["memberships"])

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
