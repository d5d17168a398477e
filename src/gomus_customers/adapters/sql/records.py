"""The SQL repositories of what happened: orders and access requests, and their queries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date
from typing import ClassVar

from gomus_customers.adapters.sql.base import CHUNK, Parts, SqlRepository, marks, text
from gomus_customers.adapters.sql.dialect import Session
from gomus_customers.ids import (
    AccessRequestId,
    CustomerId,
    InstitutionId,
    OrderId,
)
from gomus_customers.model import Order, SalesChannel
from gomus_customers.model.orders import order_number_parts, order_sort_key
from gomus_customers.privacy.cases import AccessRequest, CaseStatus
from gomus_customers.privacy.references import reference_parts

__all__ = ["SqlAccessRequests", "SqlOrders"]


class SqlOrders(SqlRepository[Order, OrderId]):
    """Orders; orders are cancelled, not deleted."""

    entity = Order
    table = "orders"
    kind = "order"
    # as order_sort_key: an order without a number has year and sequence NULL, listed first
    order = "placed_on, created_at_utc, COALESCE(year, 0), COALESCE(sequence, 0), id"
    unique: ClassVar[dict[str, str]] = {"number": "number"}

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._given: dict[int, int] = {}  # numbers given in this unit of work, by year

    def _keys(self, entity: Order) -> dict[str, object]:
        parts = None if entity.number is None else order_number_parts(entity.number)
        return {
            "customer_id": text(entity.customer_id),
            "institution_id": text(entity.institution_id),
            "channel": entity.channel.value,
            "placed_on": entity.placed_on.isoformat(),
            "created_at_utc": entity.created_at.astimezone(UTC).isoformat(),
            "number": entity.number,
            "year": None if parts is None else parts[0],
            "sequence": None if parts is None else parts[1],
        }

    def list(
        self,
        *,
        customer_id: CustomerId | None = None,
        institution_id: InstitutionId | None = None,
        channel: SalesChannel | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> Sequence[Order]:
        conditions: list[str] = []
        parameters: list[object] = []
        for column, value in (
            ("customer_id", text(customer_id)),
            ("institution_id", text(institution_id)),
            ("channel", None if channel is None else channel.value),
        ):
            if value is not None:
                conditions.append(f"{column} = ?")
                parameters.append(value)
        if start is not None:
            conditions.append("placed_on >= ?")
            parameters.append(start.isoformat())
        if end is not None:
            conditions.append("placed_on <= ?")
            parameters.append(end.isoformat())
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters)

    def by_number(self, number: str) -> Order | None:
        found = self._select("WHERE number = ?", (number,))
        return found[0] if found else None

    def next_number(self, year: int) -> int:
        # Writers that number a year's orders queue here until their transaction ends; within
        # one unit of work, numbers given already count too.
        self._session.lock_sequence(f"orders:{year}")
        rows = self._session.execute("SELECT max(sequence) FROM orders WHERE year = ?", (year,))
        number = max(int(str(rows[0][0] or 0)), self._given.get(year, 0)) + 1
        self._given[year] = number
        return number

    def of_customers(self, customer_ids: Collection[CustomerId]) -> Sequence[Order]:
        found = self._in_chunks("customer_id", [str(c) for c in customer_ids])
        if len(customer_ids) > CHUNK:
            found.sort(key=order_sort_key)
        return found


class SqlAccessRequests(SqlRepository[AccessRequest, AccessRequestId]):
    """Access requests; the customers a case is about have key rows for the search."""

    entity = AccessRequest
    table = "access_requests"
    kind = "access request"
    order = "received_on, reference"
    parts: ClassVar[dict[str, str]] = {"access_request_customers": "access_request_id"}
    unique: ClassVar[dict[str, str]] = {"reference": "reference"}

    def _keys(self, entity: AccessRequest) -> dict[str, object]:
        year, number = reference_parts(entity.reference) or (0, 0)
        return {
            "reference": entity.reference,
            "year": year,
            "number": number,
            "email": entity.email,
            "received_on": entity.received_on.isoformat(),
            "status": entity.status.value,
            "deadline": entity.deadline.isoformat(),
        }

    def _parts(self, entity: AccessRequest) -> Parts:
        case = str(entity.id)
        return {"access_request_customers": [(case, str(c)) for c in entity.customer_ids]}

    def list(
        self,
        *,
        status: CaseStatus | None = None,
        email: str | None = None,
        customer_id: CustomerId | None = None,
    ) -> Sequence[AccessRequest]:
        conditions: list[str] = []
        parameters: list[object] = []
        if status is not None:
            conditions.append("status = ?")
            parameters.append(status.value)
        if email is not None:
            conditions.append("email = ?")
            parameters.append(email.strip().lower())
        if customer_id is not None:
            conditions.append(
                "id IN (SELECT access_request_id FROM access_request_customers"
                " WHERE customer_id = ?)"
            )
            parameters.append(str(customer_id))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._select(where, parameters)

    def by_reference(self, reference: str) -> AccessRequest | None:
        found = self._select("WHERE reference = ?", (reference,))
        return found[0] if found else None

    def open_due(self, on: date) -> Sequence[AccessRequest]:
        open_states = [s.value for s in CaseStatus if s.is_open]
        found = self._select(
            f"WHERE status IN ({marks(open_states)}) AND deadline <= ?",
            [*open_states, on.isoformat()],
        )
        return sorted(found, key=lambda c: (c.deadline, c.reference))

    def last_reference_number(self, year: int) -> int:
        # Writers that number a year's cases queue here until their transaction ends, so that
        # two never take the same number.
        self._session.lock_sequence(f"access_requests:{year}")
        rows = self._session.execute(
            "SELECT max(number) FROM access_requests WHERE year = ?", (year,)
        )
        return int(str(rows[0][0] or 0))
