"""``membership-types add|list`` and ``memberships sell|show|renew|cancel|add-holder|due``:
memberships and annual passes (Mitgliedschaften, Jahreskarten) from the command line.

``memberships show`` takes a membership's number, or a customer (number, e-mail or id), whose
memberships, bought or held, it shows; the other actions take a membership's number."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from gomus_customers._words import counted
from gomus_customers.cli._institutions import address_at
from gomus_customers.cli._names import CUSTOMER_KEY, customer_category, offer_category
from gomus_customers.exceptions import MembershipRenewedError, NotFoundError, ValidationError
from gomus_customers.ids import OrderId
from gomus_customers.model import Customer, Order
from gomus_customers.model.memberships import MembershipCard, MembershipPeriod, MembershipType
from gomus_customers.module import CustomerModule

__all__ = ["add_membership_parsers", "membership_command"]

FindCustomer = Callable[[CustomerModule, str], Customer]
P = TypeVar("P", bound=argparse.ArgumentParser)


def add_membership_parsers(
    commands: argparse._SubParsersAction[P],
    *,
    day: Callable[[str], date],
    count: Callable[[str], int],
    amount: Callable[[str], str],
) -> None:
    """The parsers of ``membership-types`` and ``memberships``."""
    types = commands.add_parser(
        "membership-types", help="kinds of memberships and annual passes (Jahreskarte, ...)"
    )
    type_actions = types.add_subparsers(dest="action", required=True)
    type_actions.add_parser("list", help="every type with its terms")
    added = type_actions.add_parser("add", help="define a type and the offer it is sold as")
    added.add_argument("name")
    added.add_argument("--category", required=True, help="the customer category holders pay")
    added.add_argument("--sold-in", required=True, help="the offer category it is sold in")
    added.add_argument("--price", required=True, type=amount, help="the joining price (Beitritt)")
    added.add_argument(
        "--renewal-price", type=amount, help="the renewal price (default: the joining price)"
    )
    added.add_argument(
        "--covers",
        action="append",
        default=[],
        metavar="OFFER_CATEGORY",
        help="an offer category holders pay the category's row for (repeatable; default: all)",
    )
    added.add_argument("--months", type=count, default=12, help="a period (default: 12)")
    added.add_argument(
        "--period-start-month", type=count, metavar="MONTH", help="fixed periods from the 1st"
    )
    added.add_argument("--grace-days", type=int, default=0, help="days of grace (default: 0)")
    added.add_argument("--prices-in-grace", action="store_true", help="prices in grace too")
    added.add_argument("--holders", type=count, default=1, help="named holders (default: 1)")
    added.add_argument("--max-uses", type=count, help="persons it may price in all")
    added.add_argument("--transferable", action="store_true", help="holders may be replaced")

    cards = commands.add_parser("memberships", help="sell, show, renew and cancel memberships")
    actions = cards.add_subparsers(dest="action", required=True)
    sold = actions.add_parser("sell", help="sell a membership (places its order)")
    sold.add_argument("type", help="the membership type's name")
    sold.add_argument("buyer", help=CUSTOMER_KEY)
    named = sold.add_mutually_exclusive_group()
    named.add_argument(
        "--holder", action="append", default=[], help="a holder (repeatable; default: the buyer)"
    )
    named.add_argument(
        "--gift", action="store_true", help="name no holder yet; add one later with add-holder"
    )
    sold.add_argument("--on", type=day, metavar="DAY", help="the day of the sale (default: today)")
    sold.add_argument("--start", type=day, metavar="DAY", help="default: the day after the sale")
    sold.add_argument(
        "--institution",
        metavar="NAME",
        help="bought with the buyer's address at this institution, which pays (and its discount)",
    )
    shown = actions.add_parser(
        "show", help="a membership by its number, or a customer's memberships"
    )
    shown.add_argument(
        "number",
        metavar="KEY",
        help=f"a membership's number (M-2026-000001), or a {CUSTOMER_KEY}",
    )
    shown.add_argument("--on", type=day, metavar="DAY", help="the status on DAY (default: today)")
    renewed = actions.add_parser("renew", help="renew for one more period (places its order)")
    renewed.add_argument("number")
    renewed.add_argument("--on", type=day, metavar="DAY", help="default: today")
    renewed.add_argument(
        "--ahead",
        action="store_true",
        help="pay one more period ahead while the last one has not begun (renewed already)",
    )
    cancelled = actions.add_parser("cancel", help="cancel a membership")
    cancelled.add_argument("number")
    cancelled.add_argument("--reason", required=True)
    cancelled.add_argument("--on", type=day, metavar="DAY", help="effective from (default: today)")
    holder = actions.add_parser("add-holder", help="name one more holder")
    holder.add_argument("number")
    holder.add_argument("customer", help=CUSTOMER_KEY)
    due = actions.add_parser("due", help="memberships whose last period ends in a period")
    due.add_argument("--from", dest="start", type=day, metavar="DAY", help="default: today")
    due.add_argument(
        "--days", type=count, default=30, help="how many days from --from (default: 30)"
    )


def _terms(kind: MembershipType, names: dict[object, str]) -> str:
    period = counted(kind.months, "month", "months")
    if kind.period_start_month is not None:
        period += f" from the 1st of month {kind.period_start_month}"
    covers = ", ".join(names.get(c, str(c)) for c in kind.offer_category_ids) or "every offer"
    parts = [
        period,
        counted(kind.holders, "holder", "holders"),
        f"row {names.get(kind.category_id, '?')!r} for {covers}",
        f"{kind.joining_price} (renewal {kind.renewal_price})",
    ]
    if kind.grace_days:
        prices = ", with prices" if kind.prices_in_grace else ""
        parts.append(f"{counted(kind.grace_days, 'day', 'days')} of grace{prices}")
    if kind.max_uses is not None:
        parts.append(counted(kind.max_uses, "use", "uses"))
    if kind.transferable:
        parts.append("transferable")
    return "; ".join(parts)


def _order(module: CustomerModule, order_id: OrderId | None) -> Order | None:
    """The order that paid for a period; None for a period imported from go~mus (paid there),
    or whose order was deleted after its retention."""
    if order_id is None:
        return None
    try:
        return module.orders.get(order_id)
    except NotFoundError:
        return None


def _paid_by(module: CustomerModule, first: Order | None) -> str:
    """ " at Goethe-Gymnasium" where the order that sold the membership (``first``) is an
    institution's; "" otherwise."""
    if first is None or first.institution_id is None:
        return ""
    return f" at {module.institutions.get(first.institution_id).name}"


def _paid(period: MembershipPeriod, order: Order | None) -> str:
    """How a period was paid: "  order 2026-000001, 120.00 EUR", or that it was paid in
    go~mus; "" where its order was deleted after its retention."""
    if period.order_id is None:
        return "  paid in go~mus (imported)"
    return "" if order is None else f"  order {order.number or order.id}, {order.total}"


def _show(module: CustomerModule, card: MembershipCard, day: date) -> None:
    holders = ", ".join(module.customers.get(h).full_name for h in card.holder_ids)
    holders = holders or "nobody yet"
    orders = [_order(module, period.order_id) for period in card.periods]  # each read once
    print(f"{card.number}  {card.type_name}  {card.status_on(day)} on {day:%d.%m.%Y}")
    buyer = module.customers.get(card.buyer_id).full_name
    print(f"  bought by {buyer}{_paid_by(module, orders[0])}; held by {holders}")
    for period, order in zip(card.periods, orders, strict=True):
        print(f"  {period.start:%d.%m.%Y} to {period.end:%d.%m.%Y}{_paid(period, order)}")
    if card.grace_days:
        print(f"  grace until {card.grace_end:%d.%m.%Y}")
    if card.max_uses is not None:
        print(f"  used {card.uses} of {card.max_uses} times")
    if card.cancelled_on is not None:
        print(f"  cancelled from {card.cancelled_on:%d.%m.%Y}: {card.cancel_reason}")


def _cards(module: CustomerModule, key: str, find: FindCustomer) -> Sequence[MembershipCard]:
    """The membership numbered ``key``, or else the memberships of the customer it names (a
    number, e-mail, id or name, see find_customer); NotFoundError when it is neither."""
    try:
        return [module.memberships.get_by_number(key)]
    except NotFoundError:
        pass
    try:
        customer = find(module, key)
    except NotFoundError:
        raise NotFoundError("membership or customer", key.strip()) from None
    cards = module.memberships.of_customer(customer.id)
    if not cards:  # said on stderr: stdout stays a list, empty
        print(f"{customer.full_name} has no memberships", file=sys.stderr)
    return cards


def membership_command(
    module: CustomerModule, args: argparse.Namespace, *, find: FindCustomer
) -> int:
    """Run a ``membership-types`` or ``memberships`` command; return the exit code."""
    if args.command == "membership-types":
        _type_command(module, args)
    else:
        _card_command(module, args, find=find)
    return 0


def _type_command(module: CustomerModule, args: argparse.Namespace) -> None:
    if args.action == "add":
        kind = module.memberships.add_type(
            args.name,
            category_id=customer_category(module, "--category", args.category).id,
            sold_in=offer_category(module, "--sold-in", args.sold_in).id,
            joining_price=args.price,
            renewal_price=args.renewal_price,
            offer_category_ids=[
                offer_category(module, "--covers", name).id for name in args.covers
            ],
            months=args.months,
            period_start_month=args.period_start_month,
            grace_days=args.grace_days,
            prices_in_grace=args.prices_in_grace,
            holders=args.holders,
            max_uses=args.max_uses,
            transferable=args.transferable,
        )
        print(f"added membership type {kind.name!r}")
        return
    names: dict[object, str] = {c.id: c.name for c in module.categories.customer_categories()}
    names |= {c.id: c.name for c in module.categories.offer_categories()}
    for kind in module.memberships.types():
        print(f"{kind.name}: {_terms(kind, names)}")


def _card_command(module: CustomerModule, args: argparse.Namespace, *, find: FindCustomer) -> None:
    today = module.now().date()
    if args.action == "sell":
        buyer = find(module, args.buyer)
        holders = [] if args.gift else [find(module, key).id for key in args.holder] or None
        address = None if args.institution is None else address_at(module, buyer, args.institution)
        card = module.memberships.sell(
            module.memberships.type_by_name(args.type).id,
            buyer_id=buyer.id,
            holder_ids=holders,
            on=args.on,
            start=args.start,
            address_id=address,
        )
        _show(module, card, args.on or today)
    elif args.action == "due":
        start = args.start or today
        end = start + timedelta(days=args.days - 1)
        due = module.memberships.due(start, end)
        for card in due:
            buyer = module.customers.get(card.buyer_id)
            print(f"{card.number}  {card.type_name}  ends {card.end:%d.%m.%Y}  {buyer.full_name}")
        if not due:  # said on stderr: stdout stays a list, empty
            print(f"no membership ends from {start:%d.%m.%Y} to {end:%d.%m.%Y}", file=sys.stderr)
    elif args.action == "show":
        for card in _cards(module, args.number, find):
            _show(module, card, args.on or today)
    else:
        card = module.memberships.get_by_number(args.number)
        if args.action == "renew":
            card = _renew(module, card, args.on, ahead=args.ahead)
        elif args.action == "cancel":
            card = module.memberships.cancel(card.id, reason=args.reason, on=args.on)
        elif args.action == "add-holder":
            card = module.memberships.add_holder(card.id, find(module, args.customer).id)
        _show(module, card, getattr(args, "on", None) or today)


def _renew(
    module: CustomerModule, card: MembershipCard, on: date | None, *, ahead: bool
) -> MembershipCard:
    """``memberships renew``: MembershipRenewedError in the command line's words."""
    try:
        return module.memberships.renew(card.id, on=on, ahead=ahead)
    except MembershipRenewedError as error:
        message = (
            f"membership {card.number} is paid until {error.end:%d.%m.%Y}: its period from "
            f"{error.start:%d.%m.%Y} has not begun on {error.on:%d.%m.%Y}; give --ahead to "
            "pay for one more period ahead"
        )
        raise ValidationError.single("--ahead", message) from None
