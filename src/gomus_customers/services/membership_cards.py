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

from gomus_customers._checks import Problems
from gomus_customers.exceptions import (
    CustomerErasedError,
    MembershipCancelledError,
    NotFoundError,
    ValidationError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    MembershipCardId,
    MembershipTypeId,
    OfferCategoryId,
    OfferId,
    new_id,
)
from gomus_customers.model import Offer, OrderStatus, PriceKind, SalesChannel
from gomus_customers.model.memberships import (
    MembershipCard,
    MembershipPeriod,
    MembershipStatus,
    MembershipType,
)
from gomus_customers.money import Money
from gomus_customers.ports import UnitOfWork
from gomus_customers.services._common import (
    ServiceContext,
    build,
    to_day,
    to_id,
    to_member,
    to_money,
    to_text,
    to_uuid,
)
from gomus_customers.services.orders import OrderService

__all__ = [
    "JOINING",
    "RENEWAL",
    "MembershipRevenue",
    "MembershipService",
    "MembershipTypeCount",
]

JOINING = "Beitritt"
"""The price kind of the type's offer that a new membership is sold at."""
RENEWAL = "Verlängerung"
"""The price kind of the type's offer that a renewal is sold at."""

PriceInput = Money | str | int | None


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


def _card_id(value: object) -> MembershipCardId:
    return MembershipCardId(to_uuid(value, "membership_id"))


def _customer_ids(value: object, path: str, problems: Problems) -> tuple[CustomerId, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        problems.add(path, f"{value!r} is not a list of customer ids")
        return ()
    return tuple(CustomerId(to_id(item, f"{path}[{i}]", problems)) for i, item in enumerate(value))


class MembershipService:
    """Membership types, and the memberships and annual passes sold. Reached as
    ``module.memberships``; every method is one unit of work."""

    def __init__(self, context: ServiceContext, orders: OrderService) -> None:
        self._ctx = context
        self._orders = orders

    # -- types ---------------------------------------------------------------------------------
    def add_type(
        self,
        name: str,
        *,
        category_id: CustomerCategoryId,
        sold_in: OfferCategoryId,
        joining_price: PriceInput,
        renewal_price: PriceInput = None,
        offer_category_ids: Sequence[OfferCategoryId] = (),
        months: int = 12,
        period_start_month: int | None = None,
        grace_days: int = 0,
        prices_in_grace: bool = False,
        holders: int = 1,
        max_uses: int | None = None,
        transferable: bool = False,
    ) -> MembershipType:
        """Define a membership type and the offer it is sold as; return the type.

        Holders pay the fee-table row of the customer category ``category_id`` for offers of
        ``offer_category_ids`` (every category when empty). The type is sold as a new offer of
        its name in the offer category ``sold_in``, with the price kinds "Beitritt"
        (``joining_price``) and "Verlängerung" (``renewal_price``, default the joining price).
        See :class:`~gomus_customers.model.memberships.MembershipType` for the other terms.
        Raises NotFoundError for an unknown category, AlreadyExistsError for a name taken
        and ValidationError for a bad term.
        """
        problems = Problems()
        joining = to_money(joining_price, "joining_price", problems)
        renewal = to_money(renewal_price, "renewal_price", problems) or joining
        category = CustomerCategoryId(to_id(category_id, "category_id", problems))
        offer_category = OfferCategoryId(to_id(sold_in, "sold_in", problems))
        given: object = offer_category_ids
        covered: tuple[OfferCategoryId, ...] = ()
        if isinstance(given, str) or not isinstance(given, Sequence):
            problems.add("offer_category_ids", f"{given!r} is not a list of offer category ids")
        else:
            covered = tuple(
                OfferCategoryId(to_id(item, f"offer_category_ids[{i}]", problems))
                for i, item in enumerate(given)
            )
        if joining is None:
            problems.add("joining_price", "is required")
        problems.raise_if_any()
        assert joining is not None  # noqa: S101 - checked above
        assert renewal is not None  # noqa: S101 - the joining price when not given
        offer_id = OfferId(new_id())
        kind = build(
            lambda: MembershipType(
                id=MembershipTypeId(new_id()),
                name=name,
                category_id=category,
                offer_id=offer_id,
                joining_price=joining,
                renewal_price=renewal,
                offer_category_ids=covered,
                months=months,
                period_start_month=period_start_month,
                grace_days=grace_days,
                prices_in_grace=prices_in_grace,
                holders=holders,
                max_uses=max_uses,
                transferable=transferable,
            )
        )
        offer = build(
            lambda: Offer(
                offer_id,
                kind.name,
                offer_category,
                price_kinds=(
                    PriceKind(name=JOINING, price=joining),
                    PriceKind(name=RENEWAL, price=renewal),
                ),
            )
        )
        with self._ctx.unit_of_work() as uow:
            uow.customer_categories.get(category)
            uow.offer_categories.get(offer_category)
            for covered_id in covered:
                uow.offer_categories.get(covered_id)
            uow.offers.add(offer)
            uow.membership_types.add(kind)
            uow.commit()
        return kind

    def types(self) -> Sequence[MembershipType]:
        """Every membership type, ordered by name."""
        with self._ctx.unit_of_work() as uow:
            return uow.membership_types.list()

    def get_type(self, type_id: MembershipTypeId) -> MembershipType:
        """The membership type; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.membership_types.get(MembershipTypeId(to_uuid(type_id, "type_id")))

    def type_by_name(self, name: str) -> MembershipType:
        """The membership type of this name (without regard to case); NotFoundError else."""
        wanted = to_text(name, "name").strip()
        with self._ctx.unit_of_work() as uow:
            found = uow.membership_types.by_name(wanted)
        if found is None:
            raise NotFoundError("membership type", wanted)
        return found

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
        ``holders``; more may be added later. ``on`` is the day of the sale (default today);
        the membership starts on ``start`` (default: the day after the sale), which may not
        be before the sale. Its number is ``M-`` and the number of its order.
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
    ) -> MembershipCard:
        """Renew the membership for one more period, paid by its buyer at the renewal price.

        Renewed before its end or within its grace, the new period starts the day after the
        last one ends: no day is lost and none is paid twice. Renewed after its grace, it
        starts the day after the renewal, like a new membership (a lapsed member does not pay
        for the months they had no pass). MembershipCancelledError for a cancelled one.
        """
        wanted = _card_id(membership_id)
        renewed_on = self._ctx.today() if on is None else to_day(on, "on")
        sales_channel = to_member(SalesChannel, channel, "channel")
        with self._ctx.unit_of_work() as uow:
            card = self._changeable(uow, wanted)
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

    def due(self, start: date, end: date) -> Sequence[MembershipCard]:
        """The memberships to renew: not cancelled, whose last period ends from ``start`` to
        ``end`` (both inclusive), by number (for renewal letters)."""
        first, last = to_day(start, "start"), to_day(end, "end")
        if last < first:
            raise ValidationError.single("end", f"{last} is before the start {first}")
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
        first, last = to_day(start, "start"), to_day(end, "end")
        if last < first:
            raise ValidationError.single("end", f"{last} is before the start {first}")
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
