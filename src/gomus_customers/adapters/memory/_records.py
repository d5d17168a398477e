"""The memory store's repositories of what happened: orders and access requests."""

from __future__ import annotations

import builtins
import typing
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta

from gomus_customers.adapters.memory._repositories import MemoryRepository
from gomus_customers.ids import (
    AccessRequestId,
    CustomerId,
    InstitutionId,
    OrderId,
)
from gomus_customers.model import (
    Order,
    SalesChannel,
)
from gomus_customers.model.orders import order_number_parts, order_sort_key
from gomus_customers.privacy.cases import AccessRequest, CaseStatus
from gomus_customers.privacy.references import reference_parts

__all__ = ["MemoryAccessRequests", "MemoryOrders"]


class MemoryOrders(MemoryRepository[Order, OrderId]):
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
        return sorted(matching, key=order_sort_key)

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
        return sorted(found.values(), key=order_sort_key)

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


class MemoryAccessRequests(MemoryRepository[AccessRequest, AccessRequestId]):
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
