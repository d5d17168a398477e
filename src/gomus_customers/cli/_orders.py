"""``quote`` and ``orders place|show|list|cancel``: prices and orders (Bestellungen) from the
command line.

A sale's lines are ``OFFER=QUANTITY[:KIND]``: an offer by its name (without regard to case),
the persons, and a price kind where the offer has them. ``--with TITLE`` chooses an optional
surcharge for each line whose offer (or its offer category) has one of that title. An order is
placed on ``--channel`` (default: the box office, Kasse, without a customer, and the visitor
service, Besucherservice, with one); only the box office sells without a customer. ``orders
list`` without a customer or institution lists this month's orders, as the reports do, unless
``--from`` says otherwise: a museum's every order could be millions of lines.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from datetime import date, time
from typing import NamedTuple, TypeVar

from gomus_customers._checks import MAX_QUANTITY, whole_number
from gomus_customers._words import counted
from gomus_customers.cli._commands import find_customer
from gomus_customers.cli._institutions import address_at, find_institution
from gomus_customers.cli._names import CUSTOMER_KEY, customer_category, unknown_name
from gomus_customers.exceptions import CategoryRequiredError, ValidationError
from gomus_customers.ids import AddressId, CustomerCategoryId, CustomerId
from gomus_customers.model import (
    Customer,
    Order,
    OrderLine,
    OrderStatus,
    SalesChannel,
    SurchargeCondition,
)
from gomus_customers.module import CustomerModule
from gomus_customers.services.sales import SaleLine

__all__ = ["add_order_parsers", "add_sale_arguments", "order_command", "quote"]

P = TypeVar("P", bound=argparse.ArgumentParser)
T = TypeVar("T")


def add_sale_arguments(
    parser: argparse.ArgumentParser,
    *,
    day: Callable[[str], date],
    at: Callable[[str], time],
    what: str,
) -> None:
    """The lines and options of a sale, for ``quote`` and ``orders place`` (``what``)."""
    parser.add_argument(
        "lines",
        nargs="+",
        metavar="OFFER=QUANTITY[:KIND]",
        help="offer name, persons, and a price kind such as 'ermäßigt' where the offer has them",
    )
    parser.add_argument("--category", help="customer category (default: the default one)")
    parser.add_argument("--customer", help=CUSTOMER_KEY)
    parser.add_argument(
        "--institution",
        metavar="NAME",
        help="with the customer's address at this institution: its discount applies",
    )
    parser.add_argument("--on", type=day, metavar="DAY", help=f"the day of the {what}")
    parser.add_argument("--at", type=at, metavar="HH:MM", help="the time of the visit")
    parser.add_argument("--language", help="the language of the visit, such as 'en'")
    parser.add_argument(
        "--with",
        dest="optional",
        action="append",
        default=[],
        metavar="SURCHARGE",
        help="an optional surcharge, by its title, for every line whose offer has it (repeatable)",
    )


def add_order_parsers(
    commands: argparse._SubParsersAction[P],
    *,
    day: Callable[[str], date],
    at: Callable[[str], time],
) -> None:
    """The parsers of ``orders``."""
    orders = commands.add_parser("orders", help="orders (Bestellungen): place, show, cancel")
    actions = orders.add_subparsers(dest="action", required=True)
    placed = actions.add_parser("place", help="price and place an order")
    add_sale_arguments(placed, day=day, at=at, what="sale (default: today)")
    placed.add_argument(
        "--channel",
        choices=[channel.value for channel in SalesChannel],
        help="default: box_office without a customer, back_office with one",
    )
    shown = actions.add_parser("show", help="one order, by its number")
    shown.add_argument("number")
    listed = actions.add_parser("list", help="orders by day, oldest first")
    whose = listed.add_mutually_exclusive_group()
    whose.add_argument("--customer", help=f"only this customer's ({CUSTOMER_KEY})")
    whose.add_argument("--institution", metavar="NAME", help="only this institution's")
    listed.add_argument(
        "--from",
        dest="start",
        type=day,
        metavar="DAY",
        help="first day (default: a customer's or institution's first; else the 1st of this month)",
    )
    listed.add_argument(
        "--to", dest="end", type=day, metavar="DAY", help="last day (default: the last there is)"
    )
    cancelled = actions.add_parser("cancel", help="cancel an order (it is kept, as cancelled)")
    cancelled.add_argument("number")
    cancelled.add_argument("--reason")


class _Sale(NamedTuple):
    """A sale as the command line gave it, by the library's ids."""

    lines: list[SaleLine]
    customer: Customer | None
    address: AddressId | None
    category: CustomerCategoryId | None

    @property
    def customer_id(self) -> CustomerId | None:
        return None if self.customer is None else self.customer.id


def _sale(module: CustomerModule, args: argparse.Namespace, what: str) -> _Sale:
    """The lines, customer, address and category of ``quote`` or ``orders place``."""
    offers = {o.name.casefold(): o for o in module.catalog.offers()}
    categories = {c.id: c for c in module.categories.offer_categories()}
    chosen = {title.strip().casefold(): title for title in args.optional}
    unused = dict(chosen)
    lines = []
    for line in args.lines:
        name, equals, rest = line.rpartition("=")
        if not equals:
            message = f"{line!r} has no quantity; write OFFER=QUANTITY, such as '{line}=1'"
            raise ValidationError.single("OFFER=QUANTITY", message)
        quantity, _, kind = rest.partition(":")
        offer = offers.get(name.strip().casefold())
        if offer is None:
            names = (o.name for o in offers.values())
            raise unknown_name("OFFER", name, names, kind="offer", kinds="offers")
        persons = whole_number(quantity, MAX_QUANTITY)
        if not persons:
            text = quantity.strip()
            message = f"{text!r} in {line!r} is not a whole number from 1 to {MAX_QUANTITY:,}"
            raise ValidationError.single("QUANTITY", message)
        # --with chooses an optional surcharge for each line whose offer (or its category)
        # has one of that title.
        category = categories.get(offer.category_id)
        has = {
            s.title.casefold()
            for s in (*offer.surcharges, *(category.surcharges if category else ()))
            if s.condition is SurchargeCondition.OPTIONAL
        }
        for title in has & unused.keys():
            del unused[title]
        lines.append(
            SaleLine(
                offer_id=offer.id,
                quantity=persons,
                kind=kind.strip() or None,
                surcharges=tuple(chosen[title] for title in chosen.keys() & has),
            )
        )
    if unused:
        title = next(iter(unused.values()))
        raise ValidationError.single(
            "--with", f"no offer of the {what} has an optional surcharge {title.strip()!r}"
        )
    row = None
    if args.category:
        row = customer_category(module, "--category", args.category).id
    customer = find_customer(module, args.customer) if args.customer else None
    address = None
    if args.institution is not None:
        if customer is None:
            message = f"{_a(what)} at an institution needs the customer: give --customer KEY"
            raise ValidationError.single("--institution", message)
        address = address_at(module, customer, args.institution)
    return _Sale(lines, customer, address, row)


def _a(noun: str) -> str:
    """ "a quote", "an order"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _no_category(what: str) -> ValidationError:
    """CategoryRequiredError in the command line's words, not the library's."""
    return ValidationError.single(
        "--category",
        f"{_a(what)} without a customer needs a customer category, and there is no default "
        "one; give --category NAME or --customer KEY, or choose the default with "
        "'categories set-default NAME'",
    )


def _priced(price: Callable[..., T], sale: _Sale, args: argparse.Namespace, what: str) -> T:
    """``price`` (the quote, or placing the order) called with the sale and the visit's day,
    time and language."""
    try:
        return price(
            lines=sale.lines,
            on=args.on,
            customer_id=sale.customer_id,
            address_id=sale.address,
            category_id=sale.category,
            at=args.at,
            language=args.language,
        )
    except CategoryRequiredError:
        raise _no_category(what) from None


def quote(module: CustomerModule, args: argparse.Namespace) -> None:
    """``quote``: each line with where its price came from, and the total."""
    priced = _priced(module.pricing.quote, _sale(module, args, "quote"), args, "quote")
    for line in priced.lines:
        print(line.explain())
    print(f"total: {priced.total}")


def order_command(module: CustomerModule, args: argparse.Namespace) -> int:
    """Run an ``orders`` command; return the exit code."""
    if args.action == "place":
        sale = _sale(module, args, "order")
        channel = args.channel or ("box_office" if sale.customer is None else "back_office")
        place = functools.partial(module.orders.place, channel=channel)
        _show(module, _priced(place, sale, args, "order"))
    elif args.action == "show":
        _show(module, module.orders.get_by_number(args.number))
    elif args.action == "cancel":
        order = module.orders.get_by_number(args.number)
        _show(module, module.orders.cancel(order.id, reason=args.reason))
    else:
        _list(module, args)
    return 0


def _list(module: CustomerModule, args: argparse.Namespace) -> None:
    start: date | None = args.start
    if args.customer is not None:
        orders = module.orders.of_customer(find_customer(module, args.customer).id)
    elif args.institution is not None:
        found = find_institution(module, "--institution", args.institution)
        orders = module.institutions.orders(found.id)
    else:  # the museum's every order could be millions: this month's, as the reports
        start = start or module.now().date().replace(day=1)
        orders = module.orders.list(start=start, end=args.end)
    first, last = start or date.min, args.end or date.max
    names: dict[CustomerId, str] = {}
    for order in orders:
        if not first <= order.placed_on <= last:
            continue
        if order.customer_id is not None and order.customer_id not in names:
            names[order.customer_id] = module.customers.get(order.customer_id).full_name
        who = "-" if order.customer_id is None else names[order.customer_id]
        cancelled = "" if order.status is OrderStatus.PLACED else f"  {order.status}"
        print(
            f"{order.number or order.id}  {order.placed_on:%d.%m.%Y}  {order.channel.german:<15}  "
            f"{order.total!s:>12}  {who}{cancelled}"
        )


def _show(module: CustomerModule, order: Order) -> None:
    print(
        f"{order.number or order.id}  {order.channel.german} ({order.channel})  "
        f"{order.placed_on:%d.%m.%Y}  {order.status}"
    )
    who = "no customer"
    if order.customer_id is not None:
        customer = module.customers.get(order.customer_id)
        who = f"{customer.full_name} ({customer.number or customer.id})"
    at = ""
    if order.institution_id is not None:
        institution = module.institutions.get(order.institution_id)
        rate = "" if order.discount_rate is None else f", {order.discount_rate} discount"
        at = f"; at {institution.name}{rate}"
    print(f"  {who}, row {order.customer_category_name!r}{at}")
    for line in order.lines:
        print(f"  {_line_text(line)}")
        for extra in line.surcharges:
            print(f"    plus {extra.title}: {extra.quantity} × {extra.unit_price} = {extra.net}")
    print(f"  total: {order.total} ({counted(len(order.lines), 'line', 'lines')})")
    if order.cancelled_at is not None:
        reason = f": {order.cancel_reason}" if order.cancel_reason else ""
        on = order.cancelled_at.astimezone(module.now().tzinfo)  # the museum's day
        print(f"  cancelled on {on:%d.%m.%Y}{reason}")


def _line_text(line: OrderLine) -> str:
    """A line as a receipt says it: "2 × Eintritt (ermäßigt) at 9.50 EUR = 19.00 EUR"."""
    kind = f" ({line.price_kind})" if line.price_kind else ""
    what = f"{line.quantity} × {line.offer_name}{kind}"
    if line.groups is not None:  # a price per group
        groups = counted(line.groups, "group", "groups")
        what = (
            f"{counted(line.quantity, 'person', 'persons')} in {groups} × {line.offer_name}{kind}"
        )
    text = f"{what} at {line.unit_price} = {line.gross}"
    if line.discount.amount:
        text += f" − {line.discount} discount = {line.net}"
    if line.vat_rate is not None:
        text += f" (contains {line.vat_rate} VAT: {line.vat})"
    if line.membership_number is not None:
        text += f"; membership {line.membership_number}"
    return text
