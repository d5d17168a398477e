"""Memberships and annual passes (Mitgliedschaften, Jahreskarten): ``module.memberships``.

Types are defined by the museum; a membership is sold, renewed and cancelled here. Selling
and renewing place an order for the type's offer (price kind "Beitritt" or "Verlängerung")
in the same unit of work as the membership, so that every membership is paid for by an
order line and counts in the revenue reports; a sale that fails leaves neither behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import attrs

from gomus_customers._checks import Problems, shown
from gomus_customers._words import counted
from gomus_customers.exceptions import (
    CustomerErasedError,
    MembershipCancelledError,
    MembershipRenewedError,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerId,
    MembershipCardId,
    MembershipTypeId,
    new_id,
)
from gomus_customers.model import SalesChannel
from gomus_customers.model.memberships import (
    MembershipCard,
    MembershipPeriod,
    MembershipStatus,
)
from gomus_customers.ports import UnitOfWork
from gomus_customers.services._common import (
    ServiceContext,
    build,
    to_day,
    to_id,
    to_member,
    to_text,
    to_uuid,
)
from gomus_customers.services.membership_reports import (
    RENEWAL,
    MembershipReports,
    MembershipRevenue,
    MembershipTypeCount,
)
from gomus_customers.services.membership_types import JOINING, MembershipTypes
from gomus_customers.services.orders import OrderService

__all__ = [
    "JOINING",
    "RENEWAL",
    "MembershipRevenue",
    "MembershipService",
    "MembershipTypeCount",
]


def _card_id(value: object) -> MembershipCardId:
    return MembershipCardId(to_uuid(value, "membership_id"))


def _customer_ids(value: object, path: str, problems: Problems) -> tuple[CustomerId, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        problems.add(path, f"{shown(value)} is not a list of customer ids")
        return ()
    return tuple(CustomerId(to_id(item, f"{path}[{i}]", problems)) for i, item in enumerate(value))


class MembershipService(MembershipTypes, MembershipReports):
    """Membership types, and the memberships and annual passes sold. Reached as
    ``module.memberships``; every method is one unit of work."""

    def __init__(self, context: ServiceContext, orders: OrderService) -> None:
        self._ctx = context
        self._orders = orders

    # -- selling -------------------------------------------------------------------------------
    def sell(
        self,
        type_id: MembershipTypeId,
        *,
        buyer_id: CustomerId,
        holder_ids: Sequence[CustomerId] | None = None,
        on: date | None = None,
        start: date | None = None,
        channel: SalesChannel | str = SalesChannel.BACK_OFFICE,
        address_id: AddressId | None = None,
    ) -> MembershipCard:
        """Sell a membership of the type and return it, with the order that paid for it.

        ``buyer_id`` pays (with ``address_id`` at an institution, the institution does);
        ``holder_ids`` are the customers it names (default: the buyer), at most the type's
        ``holders``; more may be added later (:meth:`add_holder`). An empty ``holder_ids``
        sells a membership that names nobody yet (a gift whose holders are not known): it
        prices no one's visit until a holder is added. ``on`` is the day of the sale (default
        today); the membership starts on ``start`` (default: the day after the sale), which
        may not be before the sale. Its number is ``M-`` and the number of its order.
        """
        problems = Problems()
        kind_id = MembershipTypeId(to_id(type_id, "type_id", problems))
        buyer = CustomerId(to_id(buyer_id, "buyer_id", problems))
        holders = (
            (buyer,) if holder_ids is None else _customer_ids(holder_ids, "holder_ids", problems)
        )
        sold_on = self._ctx.today() if on is None else to_day(on, "on")
        begins = sold_on + timedelta(days=1) if start is None else to_day(start, "start")
        if begins < sold_on:
            problems.add("start", f"{begins} is before the day of the sale {sold_on}")
        sales_channel = to_member(SalesChannel, channel, "channel")
        problems.raise_if_any()
        with self._ctx.unit_of_work() as uow:
            kind = uow.membership_types.get(kind_id)
            self._check_holders(uow, holders)
            order = self._orders.place_in(
                uow,
                channel=sales_channel,
                lines=[(kind.offer_id, 1, JOINING)],
                day=sold_on,
                customer_id=buyer,
                address_id=address_id,
            )
            card = build(
                lambda: MembershipCard(
                    id=MembershipCardId(new_id()),
                    number=f"M-{order.number}",
                    type_id=kind.id,
                    type_name=kind.name,
                    buyer_id=buyer,
                    holder_ids=holders,
                    periods=(
                        MembershipPeriod(
                            start=begins, end=kind.period_end(begins), order_id=order.id
                        ),
                    ),
                    created_at=self._ctx.now(),
                    category_id=kind.category_id,
                    offer_category_ids=kind.offer_category_ids,
                    grace_days=kind.grace_days,
                    prices_in_grace=kind.prices_in_grace,
                    max_holders=kind.holders,
                    max_uses=kind.max_uses,
                    transferable=kind.transferable,
                )
            )
            uow.memberships.add(card)
            uow.commit()
        return card

    @staticmethod
    def _check_holders(uow: UnitOfWork, holders: Sequence[CustomerId]) -> None:
        for holder in holders:
            customer = uow.customers.get(holder)
            if customer.erasure is not None:
                raise CustomerErasedError(customer.id, customer.erasure.on)

    def renew(
        self,
        membership_id: MembershipCardId,
        *,
        on: date | None = None,
        channel: SalesChannel | str = SalesChannel.BACK_OFFICE,
        address_id: AddressId | None = None,
        ahead: bool = False,
    ) -> MembershipCard:
        """Renew the membership for one more period, paid by its buyer at the renewal price.

        Renewed before its end or within its grace, the new period starts the day after the
        last one ends: no day is lost and none is paid twice. Renewed after its grace, it
        starts the day after the renewal, like a new membership (a lapsed member does not pay
        for the months they had no pass). MembershipCancelledError for a cancelled one.

        A membership whose last period has not begun on ``on`` (renewed already, or sold to
        start later) is renewed only with ``ahead=True``, a further period paid ahead;
        otherwise MembershipRenewedError: such a renewal is mostly the same sale made twice.
        """
        wanted = _card_id(membership_id)
        renewed_on = self._ctx.today() if on is None else to_day(on, "on")
        sales_channel = to_member(SalesChannel, channel, "channel")
        given: object = ahead  # anything, until checked
        if not isinstance(given, bool):
            raise ValidationError.single("ahead", f"must be True or False, not {shown(given)}")
        with self._ctx.unit_of_work() as uow:
            card = self._changeable(uow, wanted)
            waiting = card.periods[-1]
            if waiting.start > renewed_on and not ahead:
                raise MembershipRenewedError(card.number, waiting.start, waiting.end, renewed_on)
            kind = uow.membership_types.get(card.type_id)
            if renewed_on <= card.grace_end:
                begins = card.end + timedelta(days=1)
            else:
                begins = renewed_on + timedelta(days=1)
            order = self._orders.place_in(
                uow,
                channel=sales_channel,
                lines=[(kind.offer_id, 1, RENEWAL)],
                day=renewed_on,
                customer_id=card.buyer_id,
                address_id=address_id,
            )
            period = MembershipPeriod(start=begins, end=kind.period_end(begins), order_id=order.id)
            saved = uow.memberships.update(
                build(lambda: attrs.evolve(card, periods=(*card.periods, period)))
            )
            uow.commit()
        return saved

    def cancel(
        self, membership_id: MembershipCardId, *, reason: str, on: date | None = None
    ) -> MembershipCard:
        """Cancel the membership from ``on`` (default today) with ``reason``; return it.

        From that day it gives no prices and cannot be renewed; the orders that paid for it
        stay (a refund is an order matter). MembershipCancelledError when it is cancelled.
        """
        wanted = _card_id(membership_id)
        text = to_text(reason, "reason").strip()
        if not text:
            raise ValidationError.single("reason", "say why the membership is cancelled")
        day = self._ctx.today() if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            card = self._changeable(uow, wanted)
            saved = uow.memberships.update(
                build(lambda: attrs.evolve(card, cancelled_on=day, cancel_reason=text))
            )
            uow.commit()
        return saved

    def add_holder(
        self, membership_id: MembershipCardId, customer_id: CustomerId
    ) -> MembershipCard:
        """Name one more holder, up to the number the type allows; return the membership."""
        wanted = _card_id(membership_id)
        holder = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            card = self._changeable(uow, wanted)
            if holder in card.holder_ids:
                raise ValidationError.single(
                    "customer_id", f"customer {holder} holds membership {card.number} already"
                )
            if len(card.holder_ids) >= card.max_holders:
                places = counted(card.max_holders, "holder", "holders")
                remedy = "replace one (replace_holder)" if card.transferable else "sell another"
                raise ValidationError.single(
                    "customer_id",
                    f"membership {card.number} of {card.type_name!r} names its {places} "
                    f"already; {remedy}",
                )
            self._check_holders(uow, [holder])
            saved = uow.memberships.update(
                build(lambda: attrs.evolve(card, holder_ids=(*card.holder_ids, holder)))
            )
            uow.commit()
        return saved

    def replace_holder(
        self, membership_id: MembershipCardId, old: CustomerId, new: CustomerId
    ) -> MembershipCard:
        """Give a holder's place to another customer; only a transferable membership allows it."""
        wanted = _card_id(membership_id)
        leaving = CustomerId(to_uuid(old, "old"))
        coming = CustomerId(to_uuid(new, "new"))
        with self._ctx.unit_of_work() as uow:
            card = self._changeable(uow, wanted)
            if not card.transferable:
                raise ValidationError.single(
                    "membership_id",
                    f"membership {card.number} of {card.type_name!r} is not transferable; "
                    "its holders can only be added to",
                )
            if leaving not in card.holder_ids:
                raise ValidationError.single("old", f"customer {leaving} holds no place on it")
            if coming in card.holder_ids:
                raise ValidationError.single("new", f"customer {coming} holds it already")
            self._check_holders(uow, [coming])
            holders = tuple(coming if h == leaving else h for h in card.holder_ids)
            saved = uow.memberships.update(build(lambda: attrs.evolve(card, holder_ids=holders)))
            uow.commit()
        return saved

    @staticmethod
    def _changeable(uow: UnitOfWork, card_id: MembershipCardId) -> MembershipCard:
        card = uow.memberships.get(card_id)
        if card.cancelled_on is not None:
            raise MembershipCancelledError(card.number, card.cancelled_on)
        return card

    # -- looking up ----------------------------------------------------------------------------
    def get(self, membership_id: MembershipCardId) -> MembershipCard:
        """The membership; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.memberships.get(_card_id(membership_id))

    def get_by_number(self, number: str) -> MembershipCard:
        """The membership with the number on its card; NotFoundError when there is none."""
        wanted = to_text(number, "number").strip()
        with self._ctx.unit_of_work() as uow:
            found = uow.memberships.by_number(wanted)
        if found is None:
            raise NotFoundError("membership", wanted)
        return found

    def of_customer(self, customer_id: CustomerId) -> Sequence[MembershipCard]:
        """The memberships the customer bought or holds, by number; NotFoundError for an
        unknown customer."""
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            uow.customers.get(wanted)
            return uow.memberships.of_customer(wanted)

    def status(
        self, membership_id: MembershipCardId, *, on: date | None = None
    ) -> MembershipStatus:
        """The membership's status on ``on`` (default today)."""
        day = self._ctx.today() if on is None else to_day(on, "on")
        return self.get(membership_id).status_on(day)
