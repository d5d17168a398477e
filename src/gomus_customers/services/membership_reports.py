"""Reports of memberships and annual passes: renewals due, members per type and status on a
day, and revenue per type. The base of
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
from gomus_customers.services._common import ServiceContext, to_day

__all__ = ["RENEWAL", "MembershipReports", "MembershipRevenue", "MembershipTypeCount"]

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
