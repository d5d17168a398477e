"""Reports (Auswertungen): ``module.reports``. Each loads what it needs in one unit of work.

The period reports read the orders of the period through the day index, so they cost as much
as the period has orders, not as the whole store.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from gomus_customers.exceptions import ValidationError
from gomus_customers.reports import (
    CategoryCount,
    CustomersPerCategory,
    InstitutionSummary,
    MemberCount,
    MembersPerInstitution,
    OrdersPerChannel,
    Report,
    RevenueMatrix,
    institution_summary,
    orders_per_channel,
    revenue_matrix,
    to_csv,
    to_text,
)
from gomus_customers.services._common import ServiceContext, to_currency, to_day

__all__ = ["ReportService"]


class ReportService:
    """Reports over customers, institutions and orders. Reached as ``module.reports``."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def _period(self, start: date, end: date, currency: str) -> tuple[date, date, str]:
        first, last = to_day(start, "start"), to_day(end, "end")
        if last < first:
            raise ValidationError.single("end", f"{last} is before the start {first}")
        return first, last, to_currency(currency)

    def customers_per_category(self) -> CustomersPerCategory:
        """How many customers each customer category has (every category listed)."""
        with self._ctx.unit_of_work() as uow:
            counts = tuple(
                CategoryCount(c.name, uow.customers.count(category_id=c.id))
                for c in uow.customer_categories.list()
            )
        return CustomersPerCategory(counts)

    def members_per_institution(self, *, on: date | None = None) -> MembersPerInstitution:
        """Each institution's members: all of them, and those active on ``on`` (default today)."""
        day = self._ctx.today() if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            rows = tuple(
                MemberCount(
                    institution=i.name,
                    kind=i.kind.german,
                    active=len(uow.customers.members(i.id, on=day)),
                    members=len(uow.customers.members(i.id)),
                )
                for i in uow.institutions.list()
            )
        return MembersPerInstitution(day, rows)

    def revenue_matrix(self, *, start: date, end: date, currency: str = "EUR") -> RevenueMatrix:
        """Net revenue per customer category (at order time) × offer category, for a period."""
        first, last, code = self._period(start, end, currency)
        with self._ctx.unit_of_work() as uow:
            orders = uow.orders.list(start=first, end=last)
        return revenue_matrix(orders, start=first, end=last, currency=code)

    def institution_summary(
        self, *, start: date, end: date, currency: str = "EUR"
    ) -> InstitutionSummary:
        """Per institution: members on the last day, and the orders that belong to it in the
        period with their gross, the discount granted and net.
        """
        first, last, code = self._period(start, end, currency)
        with self._ctx.unit_of_work() as uow:
            rows = [
                (
                    institution,
                    len(uow.customers.members(institution.id, on=last)),
                    uow.orders.list(institution_id=institution.id, start=first, end=last),
                )
                for institution in uow.institutions.list()
            ]
        return institution_summary(rows, start=first, end=last, currency=code)

    def orders_per_channel(
        self, *, start: date, end: date, currency: str = "EUR"
    ) -> OrdersPerChannel:
        """Orders and net revenue per sales channel, for a period."""
        first, last, code = self._period(start, end, currency)
        with self._ctx.unit_of_work() as uow:
            orders = uow.orders.list(start=first, end=last)
        return orders_per_channel(orders, start=first, end=last, currency=code)

    @staticmethod
    def to_csv(report: Report, *, locale: Literal["de", "en"] = "de") -> str:
        """The report as semicolon-separated CSV (UTF-8 with BOM when written as UTF-8), with
        German numbers (``1.234,50``) unless ``locale="en"``.
        """
        return to_csv(report, locale=locale)

    @staticmethod
    def to_text(report: Report) -> str:
        """The report as an aligned text table."""
        return to_text(report)
