"""Orders (Bestellungen): place, cancel, look up. ``module.orders``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time

import attrs

from gomus_customers.exceptions import (
    CustomerRequiredError,
    NotFoundError,
    OrderRestrictedError,
    RestrictedError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    MembershipCardId,
    OrderId,
    new_id,
)
from gomus_customers.model import Order, OrderLine, SalesChannel
from gomus_customers.model.orders import OrderSurcharge, _priced_line, order_number
from gomus_customers.money import Money
from gomus_customers.ports import UnitOfWork
from gomus_customers.pricing import Quote
from gomus_customers.pricing.quotes import SurchargeLine, fast_money
from gomus_customers.services._common import (
    ServiceContext,
    build,
    to_day,
    to_member,
    to_text,
    to_uuid,
)
from gomus_customers.services.sales import LineInput, PricedSale, price_sale
from gomus_customers.services.settings import ProfileHolidays

__all__ = ["OrderService"]


_NO_CARD = (None, None)  # a line no membership priced: no membership id and number


def order_lines(quote: Quote) -> tuple[OrderLine, ...]:
    """The quote's lines as order lines, with everything they were priced with.

    Read from each line's fields and basis directly (not through its properties, a call
    each): this runs for every line of every order placed.
    """
    made = []
    for line in quote.lines:
        quantity, currency, gross, discount, net, vat, basis, groups, surcharges, trace = line
        offer, category, source = basis.offer, basis.category, basis.trace
        membership = (
            (trace.membership_id, trace.number) if trace is not None and trace.applied else _NO_CARD
        )
        values = (
            offer.id, offer.name, category.id, category.name, quantity,
            fast_money(basis.unit, currency), fast_money(gross, currency),
            fast_money(discount, currency), fast_money(net, currency), category.vat_rate,
            fast_money(vat, currency), source.source, source.fee_table_id, source.fallback_used,
            source.price_kind, groups, _surcharges(surcharges) if surcharges else (),
            *membership,
        )  # fmt: skip
        made.append(_priced_line(values))
    return tuple(made)


def _surcharges(lines: Sequence[SurchargeLine]) -> tuple[OrderSurcharge, ...]:
    return tuple(
        OrderSurcharge(
            title=sub.title,
            condition=sub.condition,
            quantity=sub.quantity,
            unit_price=Money(sub.unit_amount, sub.currency),
            gross=sub.gross,
            discount=sub.discount,
            net=sub.net,
            vat=sub.vat,
        )
        for sub in lines
    )


def count_uses(uow: UnitOfWork, persons: Mapping[MembershipCardId, int], sign: int = 1) -> None:
    """Count (``sign`` 1) or give back (-1) the persons memberships with a use limit priced.

    The pricing never covers more persons than a membership has uses left; two sales that
    read the same count cannot both save it (ConcurrentModificationError), so no limit is
    ever passed, on any store.
    """
    for card_id, count in persons.items():
        card = uow.memberships.get(card_id)
        if card.max_uses is not None and count:
            uow.memberships.update(attrs.evolve(card, uses=max(0, card.uses + sign * count)))


class OrderService:
    """Place and cancel orders. Reached as ``module.orders``; every method is one unit of work."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def place(
        self,
        *,
        channel: SalesChannel | str,
        lines: Sequence[LineInput],
        on: date | None = None,
        customer_id: CustomerId | None = None,
        address_id: AddressId | None = None,
        category_id: CustomerCategoryId | None = None,
        at: time | None = None,
        language: str | None = None,
    ) -> Order:
        """Price and place an order; returns it.

        ``lines`` are ``(offer id, quantity)``, ``(offer id, quantity, price kind)`` or
        :class:`~gomus_customers.services.sales.SaleLine`; ``on`` is the day of the sale
        (default today), ``at`` and ``language`` the time and language of the visit.
        Only the box office (Kasse) sells without a customer (CustomerRequiredError otherwise);
        it prices with ``category_id``, else the default category. With an address at an
        institution the order belongs to the institution and gets its discount. Raises the
        errors of :meth:`~gomus_customers.services.pricing.PricingService.quote` too. A failed
        order leaves nothing behind.
        """
        sales_channel = to_member(SalesChannel, channel, "channel")
        if sales_channel.needs_customer and customer_id is None:
            raise CustomerRequiredError(sales_channel)
        day = self._ctx.today() if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            order = self.place_in(
                uow,
                channel=sales_channel,
                lines=lines,
                day=day,
                customer_id=customer_id,
                address_id=address_id,
                category_id=category_id,
                at=at,
                language=language,
            )
            uow.commit()
        return order

    def place_in(
        self,
        uow: UnitOfWork,
        *,
        channel: SalesChannel,
        lines: Sequence[LineInput],
        day: date,
        customer_id: CustomerId | None = None,
        address_id: AddressId | None = None,
        category_id: CustomerCategoryId | None = None,
        at: time | None = None,
        language: str | None = None,
    ) -> Order:
        """Price and add an order in the caller's unit of work (which commits it), counting
        the uses of the memberships that priced it; see :meth:`place`."""
        sale = price_sale(
            uow,
            lines=lines,
            day=day,
            customer_id=customer_id,
            address_id=address_id,
            category_id=category_id,
            at=at,
            language=language,
            holidays=self._ctx.holidays or ProfileHolidays(uow),
            cache=self._ctx.price_cache,
        )
        restriction = None if sale.customer is None else sale.customer.restriction
        if restriction is not None:
            raise RestrictedError(customer_id, restriction.since, restriction.reason)
        number = order_number(day.year, uow.orders.next_number(day.year))
        order = build(lambda: self._order(channel, sale, number))
        uow.orders.add(order)
        count_uses(uow, sale.membership_persons)
        return order

    def _order(self, channel: SalesChannel, sale: PricedSale, number: str) -> Order:
        quote = sale.quote
        return Order(
            id=OrderId(new_id()),
            number=number,
            channel=channel,
            placed_on=quote.day,
            customer_id=None if sale.customer is None else sale.customer.id,
            address_id=None if sale.address is None else sale.address.id,
            institution_id=None if sale.institution is None else sale.institution.id,
            customer_category_id=sale.category.id,
            customer_category_name=sale.category.name,
            discount_rate=None if sale.institution is None else sale.institution.discount,
            lines=order_lines(quote),
            currency=quote.currency,
            total=quote.total,
            created_at=self._ctx.now(),
        )

    def get(self, order_id: OrderId) -> Order:
        """Return the order; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.orders.get(OrderId(to_uuid(order_id, "order_id")))

    def get_by_number(self, number: str) -> Order:
        """Return the order with ``number`` (such as ``2026-000123``, as printed on the
        receipt); NotFoundError when there is none.
        """
        wanted = to_text(number, "number").strip()
        with self._ctx.unit_of_work() as uow:
            found = uow.orders.by_number(wanted)
        if found is None:
            raise NotFoundError("order", wanted)
        return found

    def cancel(self, order_id: OrderId, *, reason: str | None = None) -> Order:
        """Cancel the order and return it; the order is kept, with status CANCELLED.

        Reports leave cancelled orders out. ValidationError when it is cancelled already.
        """
        wanted = OrderId(to_uuid(order_id, "order_id"))
        with self._ctx.unit_of_work() as uow:
            order = uow.orders.get(wanted)
            if order.restricted_until is not None:
                raise OrderRestrictedError(order.number or order.id, order.restricted_until)
            cancelled = build(lambda: order.cancel(self._ctx.now(), reason))
            saved = uow.orders.update(cancelled)
            # A cancelled visit gives its membership uses back.
            given: dict[MembershipCardId, int] = {}
            for line in order.lines:
                if line.membership_id is not None:
                    given[line.membership_id] = given.get(line.membership_id, 0) + line.quantity
            count_uses(uow, given, -1)
            uow.commit()
        return saved

    def of_customer(self, customer_id: CustomerId) -> Sequence[Order]:
        """The customer's orders, oldest first; NotFoundError for an unknown customer."""
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            uow.customers.get(wanted)
            return uow.orders.list(customer_id=wanted)

    def list(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        channel: SalesChannel | str | None = None,
    ) -> Sequence[Order]:
        """Orders placed from ``start`` to ``end`` (both inclusive), on ``channel`` if given."""
        wanted = None if channel is None else to_member(SalesChannel, channel, "channel")
        with self._ctx.unit_of_work() as uow:
            return uow.orders.list(
                channel=wanted,
                start=None if start is None else to_day(start, "start"),
                end=None if end is None else to_day(end, "end"),
            )
