"""Orders (Bestellungen) from sales channels, with everything they were priced with."""

from __future__ import annotations

import enum
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

import attrs

from gomus_customers._checks import Problems, strip, strip_or_none
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    InstitutionId,
    MembershipCardId,
    OfferCategoryId,
    OfferId,
    OrderId,
)
from gomus_customers.model.offers import PriceSource, SurchargeCondition
from gomus_customers.money import MONEY_CONTEXT, Money, Percentage

__all__ = [
    "LineTotals",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderSurcharge",
    "SalesChannel",
    "order_number",
    "order_number_parts",
    "order_sort_key",
]

_NUMBER = re.compile(r"(\d{4})-(\d{6,})")


def order_number(year: int, sequence: int) -> str:
    """The number a visitor can read out: ``2026-000123`` for the 123rd order of 2026.

    >>> order_number(2026, 123)
    '2026-000123'
    """
    return f"{year:04d}-{sequence:06d}"


def order_number_parts(number: str) -> tuple[int, int] | None:
    """The year and sequence of a number made by :func:`order_number`, else None.

    >>> order_number_parts("2026-000123"), order_number_parts("123")
    ((2026, 123), None)
    """
    match = _NUMBER.fullmatch(number)
    return None if match is None else (int(match.group(1)), int(match.group(2)))


def order_sort_key(order: Order) -> tuple[date, datetime, tuple[int, int], str]:
    """How every store lists orders: by day, creation and number (orders placed at one instant,
    as under a fixed clock, in the order they were numbered; those without a number first),
    then id."""
    return (order.placed_on, order.created_at, _parts_of(order.number), str(order.id))


def _parts_of(number: str | None) -> tuple[int, int]:
    # An order's number is checked to be yyyy-nnnnnn when the order is made.
    return (0, 0) if number is None else (int(number[:4]), int(number[5:]))


class _Amounts(Protocol):
    @property
    def gross(self) -> Money: ...

    @property
    def discount(self) -> Money: ...

    @property
    def vat(self) -> Money: ...


class _PricedLine(_Amounts, Protocol):
    @property
    def surcharges(self) -> Sequence[_Amounts]: ...


class LineTotals:
    """The sums over priced lines and their surcharge sub-lines that an order and a quote
    both show.
    """

    __slots__ = ()
    currency: str
    lines: Sequence[_PricedLine]

    def _amounts(self) -> Iterator[_Amounts]:
        for line in self.lines:
            yield line
            yield from line.surcharges

    @property
    def gross(self) -> Money:
        """The sum of the lines' and surcharges' gross amounts."""
        return sum((line.gross for line in self._amounts()), Money.zero(self.currency))

    @property
    def discounted(self) -> bool:
        """Whether any line or surcharge has a discount (without summing them)."""
        return any(line.discount.amount for line in self._amounts())

    @property
    def discount(self) -> Money:
        """The discount granted on all lines and surcharges together."""
        return sum((line.discount for line in self._amounts()), Money.zero(self.currency))

    @property
    def vat(self) -> Money:
        """The VAT contained in the lines and surcharges."""
        return sum((line.vat for line in self._amounts()), Money.zero(self.currency))


class SalesChannel(enum.StrEnum):
    """Where an order was placed. Only the box office (Kasse) may sell without a customer."""

    BOX_OFFICE = "box_office"
    ONLINE_SHOP = "online_shop"
    BACK_OFFICE = "back_office"
    RESELLER = "reseller"

    @property
    def german(self) -> str:
        """The word staff use: Kasse, Onlineshop, Besucherservice, Wiederverkäufer."""
        return _GERMAN_CHANNELS[self]

    @property
    def needs_customer(self) -> bool:
        """True for every channel but the box office."""
        return self is not SalesChannel.BOX_OFFICE


_GERMAN_CHANNELS = {
    SalesChannel.BOX_OFFICE: "Kasse",
    SalesChannel.ONLINE_SHOP: "Onlineshop",
    SalesChannel.BACK_OFFICE: "Besucherservice",
    SalesChannel.RESELLER: "Wiederverkäufer",
}


class OrderStatus(enum.StrEnum):
    """An order is placed, and may be cancelled; a cancelled order is kept."""

    PLACED = "placed"
    CANCELLED = "cancelled"


def _check_amounts(
    problems: Problems, amounts: dict[str, object], units: int, unit_name: str
) -> None:
    """The rules every priced (sub-)line keeps: Money in one currency, gross = unit × units,
    0 <= discount <= gross, net = gross − discount.
    """
    for path, amount in amounts.items():
        if not isinstance(amount, Money):
            problems.add(path, f"must be Money, not {amount!r}")
        else:
            problems.money(path, amount, negative=True)  # the arithmetic below says why
    if problems.items:
        return
    unit, gross, discount, net, vat = (
        typing.cast("Money", amounts[k]) for k in (unit_name, "gross", "discount", "net", "vat")
    )
    currency = unit.currency
    if not currency == gross.currency == discount.currency == net.currency == vat.currency:
        currencies = {m.currency for m in (unit, gross, discount, net, vat)}
        problems.add("currency", f"the amounts mix currencies {sorted(currencies)}")
        return
    # In one currency, the rules hold of the amounts: checked on them, as Money would.
    if gross.amount != MONEY_CONTEXT.multiply(unit.amount, Decimal(units)):
        problems.add("gross", f"{gross} is not {units} × {unit}")
    if not 0 <= discount.amount <= gross.amount:
        problems.add("discount", f"{discount} is not between 0 and {gross}")
    if net.amount != MONEY_CONTEXT.subtract(gross.amount, discount.amount):
        problems.add("net", f"{net} is not {gross} − {discount}")


@attrs.frozen(kw_only=True)
class OrderSurcharge:
    """A surcharge (Zuschlag) of an order line as it was priced: ``quantity`` persons or
    groups at ``unit_price``, with its own discount and VAT.
    """

    title: str = attrs.field(converter=strip)
    condition: SurchargeCondition
    quantity: int
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    vat: Money

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("title", self.title, required=True)
        problems.enum("condition", self.condition, SurchargeCondition)
        problems.quantity("quantity", self.quantity)
        if not problems.items:
            amounts: dict[str, object] = {
                "unit_price": self.unit_price,
                "gross": self.gross,
                "discount": self.discount,
                "net": self.net,
                "vat": self.vat,
            }
            _check_amounts(problems, amounts, self.quantity, "unit_price")
        problems.raise_if_any()


def _order_surcharges(value: Iterable[OrderSurcharge]) -> tuple[OrderSurcharge, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class OrderLine:
    """A line of an order as it was priced: the offer, quantity, amounts and where they came from.

    The amounts keep ``gross = unit_price × quantity`` (``× groups`` for a group price),
    ``net = gross − discount`` and ``0 <= discount <= gross``; names are copies, so that later
    renames never change the order. ``price_kind`` is the scale price sold, ``surcharges``
    the sub-lines; the line's own amounts exclude them. ``membership_id`` and
    ``membership_number`` name the membership (Jahreskarte) whose row priced the line.
    """

    offer_id: OfferId
    offer_name: str = attrs.field(converter=strip)
    offer_category_id: OfferCategoryId
    offer_category_name: str = attrs.field(converter=strip)
    quantity: int
    unit_price: Money
    gross: Money
    discount: Money
    net: Money
    vat_rate: Percentage | None = None
    vat: Money
    price_source: PriceSource
    fee_table_id: FeeTableId | None = None
    fallback_used: bool = False
    price_kind: str | None = attrs.field(default=None, converter=strip_or_none)
    groups: int | None = None
    surcharges: tuple[OrderSurcharge, ...] = attrs.field(default=(), converter=_order_surcharges)
    membership_id: MembershipCardId | None = None
    membership_number: str | None = attrs.field(default=None, converter=strip_or_none)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("offer_id", self.offer_id)
        if self.membership_id is not None:
            problems.uuid("membership_id", self.membership_id)
        problems.text("membership_number", self.membership_number, required=False, max_length=40)
        problems.text("offer_name", self.offer_name, required=True)
        problems.uuid("offer_category_id", self.offer_category_id)
        problems.text("offer_category_name", self.offer_category_name, required=True)
        problems.quantity("quantity", self.quantity)
        if self.groups is not None:
            problems.quantity("groups", self.groups)
        problems.instance("vat_rate", self.vat_rate, Percentage)
        problems.enum("price_source", self.price_source, PriceSource)
        problems.boolean("fallback_used", self.fallback_used)
        problems.text("price_kind", self.price_kind, required=False, max_length=60)
        parts: tuple[object, ...] = self.surcharges
        for index, part in enumerate(parts):
            if not isinstance(part, OrderSurcharge):
                problems.add(f"surcharges[{index}]", f"must be an OrderSurcharge, not {part!r}")
        if not problems.items:
            amounts: dict[str, object] = {
                "unit_price": self.unit_price,
                "gross": self.gross,
                "discount": self.discount,
                "net": self.net,
                "vat": self.vat,
            }
            _check_amounts(problems, amounts, self.groups or self.quantity, "unit_price")
        problems.raise_if_any()


_LINE_FIELDS = tuple(field.name for field in attrs.fields(OrderLine))
# The slots' own setters: the frozen class's __setattr__ refuses, and object.__setattr__
# looks each name up again.
_LINE_SETTERS = tuple(OrderLine.__dict__[name].__set__ for name in _LINE_FIELDS)


def _priced_line(values: tuple[object, ...]) -> OrderLine:
    """An order line of a line the pricing engine priced, without checking it again: for
    the order service only (private, so that no caller builds an unchecked line by mistake).

    The engine's lines keep every rule of :class:`OrderLine` by construction (amounts from
    one basis, rounded to the currency, in one currency; names and ids of checked offers), so
    the checks would only cost: a third of placing an order. ``values`` are the fields in
    the order :class:`OrderLine` declares them, every one; the tests build each such line
    through the checking constructor as well and compare, and pin that order.
    """
    if len(values) != len(_LINE_FIELDS):
        raise TypeError(f"OrderLine has {len(_LINE_FIELDS)} fields, not {len(values)}")
    line = object.__new__(OrderLine)
    for setter, value in zip(_LINE_SETTERS, values, strict=True):
        setter(line, value)
    return line


def _lines(value: Iterable[OrderLine]) -> tuple[OrderLine, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Order(LineTotals):
    """An order (Bestellung) and everything it was priced with.

    ``number`` (such as ``2026-000123``) is given when the order is placed: unique, increasing
    within the year of ``placed_on``; orders from before numbers existed have none. The order
    keeps the customer category, the institution and its discount rate, and each
    line's prices as they were on ``placed_on``; later changes to fee tables, categories or
    discounts never change it. An order with an ``address_id`` at an institution belongs to
    that institution (``institution_id``). Cancelling keeps the order with status CANCELLED.

    ``restricted_until`` is set when the customer's data were erased while the order must
    still be kept (a booking record, 8 years): the order is kept, counted in reports and
    shown, but not processed (not cancelled) until that day, the end of its retention.
    """

    id: OrderId
    channel: SalesChannel
    placed_on: date
    customer_id: CustomerId | None = None
    address_id: AddressId | None = None
    institution_id: InstitutionId | None = None
    customer_category_id: CustomerCategoryId
    customer_category_name: str = attrs.field(converter=strip)
    discount_rate: Percentage | None = None
    lines: tuple[OrderLine, ...] = attrs.field(converter=_lines)
    currency: str
    total: Money
    status: OrderStatus = OrderStatus.PLACED
    created_at: datetime
    cancelled_at: datetime | None = None
    cancel_reason: str | None = attrs.field(default=None, converter=strip_or_none)
    number: str | None = None
    version: int = 1
    restricted_until: date | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.day("restricted_until", self.restricted_until)
        number: object = self.number
        if number is not None and (
            not isinstance(number, str) or order_number_parts(number) is None
        ):
            problems.add("number", f"{number!r} is not an order number such as 2026-000123")
        problems.enum("channel", self.channel, SalesChannel)
        problems.day("placed_on", self.placed_on, optional=False)
        for path in ("customer_id", "address_id", "institution_id"):
            value = getattr(self, path)
            if value is not None:
                problems.uuid(path, value)
        if self.customer_id is None and isinstance(self.channel, SalesChannel):
            if self.channel.needs_customer:
                problems.add("customer_id", f"orders on channel {self.channel} need a customer")
            if self.address_id is not None:
                problems.add("address_id", "an order without a customer has no address")
        # An order kept after its customer's erasure keeps its institution without the address.
        if (
            self.institution_id is not None
            and self.address_id is None
            and self.restricted_until is None
        ):
            problems.add("institution_id", "an order belongs to an institution by its address")
        problems.uuid("customer_category_id", self.customer_category_id)
        problems.text("customer_category_name", self.customer_category_name, required=True)
        problems.instance("discount_rate", self.discount_rate, Percentage)
        self._check_lines(problems)
        problems.enum("status", self.status, OrderStatus)
        problems.aware("created_at", self.created_at)
        if self.cancelled_at is not None:
            problems.aware("cancelled_at", self.cancelled_at)
        if (self.status is OrderStatus.CANCELLED) != (self.cancelled_at is not None):
            problems.add("cancelled_at", "is set exactly when the order is cancelled")
        problems.text("cancel_reason", self.cancel_reason, required=False, max_length=2000)
        problems.version(self.version)
        problems.raise_if_any()

    def _check_lines(self, problems: Problems) -> None:
        lines: tuple[object, ...] = self.lines
        if not lines:
            problems.add("lines", "an order needs at least one line")
            return
        for index, line in enumerate(lines):
            if not isinstance(line, OrderLine):
                problems.add(f"lines[{index}]", f"must be an OrderLine, not {line!r}")
                return
            if line.net.currency != self.currency:
                problems.add(f"lines[{index}]", f"is in {line.net.currency}, not {self.currency}")
                return
            for number, sub in enumerate(line.surcharges):
                if sub.net.currency != self.currency:
                    problems.add(
                        f"lines[{index}].surcharges[{number}]",
                        f"is in {sub.net.currency}, not {self.currency}",
                    )
                    return
        total: object = self.total
        nets = [line.net for line in self.lines]
        nets += [sub.net for line in self.lines for sub in line.surcharges]
        # Summed as Decimals (every net is in the order's currency, checked above), in the
        # money context: a Money per addition costs more than the check.
        amount = Money.zero(self.currency).amount
        for net in nets:
            amount = MONEY_CONTEXT.add(amount, net.amount)
        if not (
            isinstance(total, Money) and total.currency == self.currency and total.amount == amount
        ):
            expected = Money(amount, self.currency)
            problems.add(
                "total", f"{total} is not the sum of the lines' and surcharges' nets {expected}"
            )

    @property
    def is_cancelled(self) -> bool:
        """True once the order is cancelled."""
        return self.status is OrderStatus.CANCELLED

    def cancel(self, at: datetime, reason: str | None = None) -> Order:
        """Return the order cancelled at ``at``; ValidationError when it is cancelled already."""
        if self.is_cancelled:
            named = self.number or self.id  # as on the receipt
            raise ValidationError.single("status", f"order {named} is cancelled already")
        return attrs.evolve(
            self, status=OrderStatus.CANCELLED, cancelled_at=at, cancel_reason=reason
        )
