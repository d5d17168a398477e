"""The unit of work of every SQL store: one transaction on one session, every repository."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from gomus_customers.adapters.sql.dialect import Session
from gomus_customers.adapters.sql.memberships import SqlMembershipCards, SqlMembershipTypes
from gomus_customers.adapters.sql.records import SqlAccessRequests, SqlOrders
from gomus_customers.adapters.sql.repositories import (
    SqlCustomerCategories,
    SqlCustomers,
    SqlFeeTables,
    SqlInstitutions,
    SqlOfferCategories,
    SqlOffers,
    SqlSettings,
)

__all__ = ["SqlUnitOfWork"]


class SqlUnitOfWork:
    """A unit of work on a SQL store: its session's transaction, begun at the first statement.

    Leaving the ``with`` block rolls back what was not committed and gives the connection back.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self.customer_categories = SqlCustomerCategories(session)
        self.offer_categories = SqlOfferCategories(session)
        self.offers = SqlOffers(session)
        self.institutions = SqlInstitutions(session)
        self.customers = SqlCustomers(session)
        self.fee_tables = SqlFeeTables(session)
        self.orders = SqlOrders(session)
        self.access_requests = SqlAccessRequests(session)
        self.settings = SqlSettings(session)
        self.membership_types = SqlMembershipTypes(session)
        self.memberships = SqlMembershipCards(session)

    @property
    def session(self) -> Session:
        """The session the repositories run their statements in."""
        return self._session

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._session.close()

    def commit(self) -> None:
        """Make every change durable and visible at once; a failed commit rolls back."""
        self._session.commit()

    def rollback(self) -> None:
        """Forget every change since the last commit."""
        self._session.rollback()
