"""Reports of memberships and annual passes: renewals due, members per type and status on a
day, and revenue per type, as rows and as report tables (:func:`~gomus_customers.reports.to_text`,
:func:`~gomus_customers.reports.to_csv`). The base of
:class:`~gomus_customers.services.membership_cards.MembershipService`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import MembershipTypeId
from gomus_customers.model import OrderStatus
from gomus_customers.model.memberships import MembershipCard, MembershipStatus
from gomus_customers.money import Money
from gomus_customers.reports import SALES, Cell, period_label
from gomus_customers.services._common import ServiceContext, to_currency, to_day

__all__ = [
    "RENEWAL",
    "MembersPerType",
    "MembershipReports",
    "MembershipRevenue",
    "MembershipSales",
    "MembershipTypeCount",
]

RENEWAL = "Verlängerung"
"""The price kind of the type's offer that a renewal is sold at."""


@attrs.frozen
class MembershipRevenue:
    """What a membership type sold in a period (a report row): new memberships, renewals,
    and their net revenue."""

    type_name: str
    joined: int
    renewed: int
    revenue: Money


@attrs.frozen
class MembershipTypeCount:
    """How many memberships of a type had a status on a day (a report row)."""

    type_name: str
    status: MembershipStatus
    count: int


STATUS_GERMAN = {
    MembershipStatus.PENDING: "noch nicht begonnen",
    MembershipStatus.CURRENT: "gültig",
    MembershipStatus.GRACE: "in der Nachfrist",
    MembershipStatus.EXPIRED: "abgelaufen",
    MembershipStatus.CANCELLED: "gekündigt",
}
"""Each status in the German of the members' report."""


@attrs.frozen
class MembersPerType:
    """Mitgliederstatistik: how many memberships of each type have each status on a day (a
    report); a status no membership of a type has is left out."""

    on: date
    counts: tuple[MembershipTypeCount, ...]

    @property
    def title(self) -> str:
        return (
            "Mitgliedschaften je Art und Status (memberships per type and status) am "
            f"{self.on:%d.%m.%Y}"
        )

    @property
    def total(self) -> int:
        """All memberships counted."""
        return sum(c.count for c in self.counts)

    def headers(self) -> tuple[str, ...]:
        return ("Art", "Status", "Anzahl")

    def rows(self) -> list[tuple[Cell, ...]]:
        rows: list[tuple[Cell, ...]] = [
            (c.type_name, f"{STATUS_GERMAN[c.status]} ({c.status})", c.count) for c in self.counts
        ]
        return [*rows, ("Summe", "", self.total)]


@attrs.frozen
class MembershipSales:
    """What each membership type sold in a period (a report): new memberships, renewals and
    their sales including VAT, in one currency."""

    start: date
    end: date
    currency: str
    types: tuple[MembershipRevenue, ...]

    @property
    def title(self) -> str:
        period = period_label(self.start, self.end)
        return f"Mitgliedschaften: Verkäufe je Art (membership sales, {self.currency}) {period}"

    @property
    def total(self) -> Money:
        """The sales of all types."""
        return sum((t.revenue for t in self.types), Money.zero(self.currency))

    def headers(self) -> tuple[str, ...]:
        return ("Art", "Beitritte", "Verlängerungen", SALES)

    def rows(self) -> list[tuple[Cell, ...]]:
        rows: list[tuple[Cell, ...]] = [
            (t.type_name, t.joined, t.renewed, t.revenue.amount) for t in self.types
        ]
        joined = sum(t.joined for t in self.types)
        renewed = sum(t.renewed for t in self.types)
        return [*rows, ("Summe", joined, renewed, self.total.amount)]


def _period(start: date, end: date) -> tuple[date, date]:
    first, last = to_day(start, "start"), to_day(end, "end")
    if last < first:
        raise ValidationError.single("end", f"{last} is before the start {first}")
    return first, last


class MembershipReports:
    """What the museum reads about its memberships; every method is one unit of work."""

    _ctx: ServiceContext

    def due(self, start: date, end: date) -> Sequence[MembershipCard]:
        """The memberships to renew: not cancelled, whose last period ends from ``start`` to
        ``end`` (both inclusive), by number (for renewal letters)."""
        first, last = _period(start, end)
        with self._ctx.unit_of_work() as uow:
            found = uow.memberships.ending(first, last)
        return [card for card in found if card.cancelled_on is None]

    def counts(self, *, on: date | None = None) -> Sequence[MembershipTypeCount]:
        """How many memberships of each type have each status on ``on`` (default today):
        the members' report (Mitgliederstatistik), by type name and status."""
        day = self._ctx.today() if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            kinds = uow.membership_types.list()
            cards = uow.memberships.list()
        counted: dict[tuple[MembershipTypeId, MembershipStatus], int] = {}
        for card in cards:
            key = (card.type_id, card.status_on(day))
            counted[key] = counted.get(key, 0) + 1
        return [
            MembershipTypeCount(kind.name, status, counted[(kind.id, status)])
            for kind in kinds
            for status in MembershipStatus
            if (kind.id, status) in counted
        ]

    def revenue(self, start: date, end: date) -> Sequence[MembershipRevenue]:
        """What each membership type sold from ``start`` to ``end`` (both inclusive): new
        memberships ("Beitritt"), renewals ("Verlängerung") and their net revenue, by type
        name; cancelled orders are left out, as in every revenue report."""
        first, last = _period(start, end)
        with self._ctx.unit_of_work() as uow:
            kinds = uow.membership_types.list()
            orders = uow.orders.list(start=first, end=last)
        by_offer = {kind.offer_id: kind for kind in kinds}
        sold: dict[MembershipTypeId, tuple[int, int, Money]] = {
            kind.id: (0, 0, Money.zero(kind.joining_price.currency)) for kind in kinds
        }
        for order in orders:
            if order.status is OrderStatus.CANCELLED:
                continue
            for line in order.lines:
                kind = by_offer.get(line.offer_id)
                if kind is None:
                    continue
                joined, renewed, total = sold[kind.id]
                renewal = line.price_kind == RENEWAL
                sold[kind.id] = (
                    joined + (0 if renewal else line.quantity),
                    renewed + (line.quantity if renewal else 0),
                    total + line.net,
                )
        return [MembershipRevenue(kind.name, *sold[kind.id]) for kind in kinds]

    def members_report(self, *, on: date | None = None) -> MembersPerType:
        """:meth:`counts` as a report table (Mitgliederstatistik)."""
        day = self._ctx.today() if on is None else to_day(on, "on")
        return MembersPerType(day, tuple(self.counts(on=day)))

    def sales_report(self, start: date, end: date, *, currency: str = "EUR") -> MembershipSales:
        """:meth:`revenue` as a report table, for the types sold in ``currency``."""
        code = to_currency(currency)
        first, last = _period(start, end)
        rows = [r for r in self.revenue(first, last) if r.revenue.currency == code]
        return MembershipSales(first, last, code, tuple(rows))
