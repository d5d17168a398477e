"""``institutions add|list|show|set-discount`` and ``customers add|join|leave``: institutions
(Institutionen), customers and their addresses at institutions, from the command line.

The command line names an institution by its name, without regard to case, so it refuses to
add a second institution of a name that is taken (the library allows two, told apart by id).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from gomus_customers._words import counted
from gomus_customers.cli._names import CUSTOMER_KEY, customer_category, unknown_name
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import AddressId, new_id
from gomus_customers.model import Address, Customer, Institution, InstitutionKind, Order
from gomus_customers.module import CustomerModule

__all__ = [
    "add_customer_parsers",
    "add_institution_parsers",
    "address_at",
    "customer_command",
    "find_institution",
    "institution_command",
]

FindCustomer = Callable[[CustomerModule, str], Customer]
P = TypeVar("P", bound=argparse.ArgumentParser)
_KINDS = [kind.value for kind in InstitutionKind]
_NO_DISCOUNT = {"none", "-", "keiner"}


def add_institution_parsers(
    commands: argparse._SubParsersAction[P],
    *,
    day: Callable[[str], date],
    amount: Callable[[str], str],
) -> None:
    """The parsers of ``institutions``."""
    institutions = commands.add_parser(
        "institutions", help="institutions (Institutionen): schools, companies, clubs"
    )
    actions = institutions.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every institution with its discount and members")
    added = actions.add_parser("add", help="add an institution")
    added.add_argument("name")
    added.add_argument("--kind", choices=_KINDS, default="other", help="default: other")
    added.add_argument(
        "--discount", type=amount, metavar="PERCENT", help="on orders placed with an address there"
    )
    added.add_argument("--note")
    shown = actions.add_parser("show", help="one institution: its members and orders")
    shown.add_argument("name")
    shown.add_argument(
        "--on", type=day, metavar="DAY", help="only members on DAY (default: every member)"
    )
    discount = actions.add_parser("set-discount", help="change or remove the discount")
    discount.add_argument("name")
    discount.add_argument(
        "percent",
        metavar="PERCENT",
        type=lambda text: None if text.strip().casefold() in _NO_DISCOUNT else amount(text),
        help="such as 10 or 7,5; 'none' removes the discount",
    )


def add_customer_parsers(
    customers: argparse._SubParsersAction[P], *, day: Callable[[str], date]
) -> None:
    """The parsers of ``customers add``, ``customers join`` and ``customers leave``."""
    added = customers.add_parser("add", help="add a customer, with a private address if given")
    added.add_argument("--first-name", required=True)
    added.add_argument("--last-name", required=True)
    added.add_argument("--category", help="the customer category (default: the default category)")
    added.add_argument("--number", help="the customer number (default: none)")
    added.add_argument("--email")
    added.add_argument("--phone")
    _address_options(added, required=False)
    joined = customers.add_parser(
        "join", help="make a customer a member of an institution, with an address there"
    )
    joined.add_argument("customer", help=CUSTOMER_KEY)
    joined.add_argument("institution", help="the institution's name")
    _address_options(joined, required=True)
    joined.add_argument("--role", help="such as Lehrerin")
    joined.add_argument("--since", type=day, metavar="DAY", help="first day (default: open)")
    left = customers.add_parser("leave", help="end a customer's membership of an institution")
    left.add_argument("customer", help=CUSTOMER_KEY)
    left.add_argument("institution", help="the institution's name")
    left.add_argument("--on", type=day, metavar="DAY", required=True, help="the last day")


def _address_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--street", required=required)
    parser.add_argument("--postal-code", required=required, metavar="PLZ")
    parser.add_argument("--city", required=required)
    parser.add_argument("--country", default="DE", help="ISO code (default: DE)")


def find_institution(module: CustomerModule, option: str, name: str) -> Institution:
    """The institution named ``name`` (without regard to case), or the error that lists the
    institutions there are."""
    every = module.institutions.list()
    found = [i for i in every if i.name.casefold() == name.strip().casefold()]
    if len(found) > 1:
        message = f"{len(found)} institutions are named {name.strip()!r}; rename one in Python"
        raise ValidationError.single(option, message)
    if not found:
        names = (i.name for i in every)
        raise unknown_name(option, name, names, kind="institution", kinds="institutions")
    return found[0]


def address_at(module: CustomerModule, customer: Customer, name: str) -> AddressId:
    """The customer's address at the institution named ``name`` (``--institution``): a sale
    with it belongs to the institution and gets its discount."""
    institution = find_institution(module, "--institution", name)
    for address in customer.addresses:
        if address.institution_id == institution.id:
            return address.id
    message = (
        f"{customer.full_name} has no address at {institution.name}; add one with 'customers join'"
    )
    raise ValidationError.single("--institution", message)


def _discount(institution: Institution) -> str:
    return "no discount" if institution.discount is None else f"{institution.discount} discount"


def _total(orders: Sequence[Order]) -> str:
    """How many orders there are, and their sum where they have one currency; cancelled ones
    are counted apart, as the reports leave them out."""
    placed = [order for order in orders if not order.is_cancelled]
    text = counted(len(placed), "order", "orders")
    if len({order.total.currency for order in placed}) == 1:
        text += f", {sum((o.total for o in placed[1:]), start=placed[0].total)}"
    if len(placed) < len(orders):
        text += f" (and {len(orders) - len(placed)} cancelled)"
    return text


def institution_command(module: CustomerModule, args: argparse.Namespace) -> int:
    """Run an ``institutions`` command; return the exit code."""
    if args.action == "add":
        name = args.name.strip().casefold()
        taken = next((i for i in module.institutions.list() if i.name.casefold() == name), None)
        if taken is not None:
            message = f"there is an institution {taken.name!r} already"
            raise ValidationError.single("NAME", message)
        made = module.institutions.add(
            args.name, kind=args.kind, discount=args.discount, note=args.note
        )
        print(f"added institution {made.name!r} ({made.kind}, {_discount(made)})")
    elif args.action == "list":
        for institution in module.institutions.list():
            members = len(module.institutions.members(institution.id))
            inactive = "" if institution.active else ", inactive"
            print(
                f"{institution.name}: {institution.kind}, {_discount(institution)}{inactive}; "
                f"{counted(members, 'member', 'members')}"
            )
    elif args.action == "set-discount":
        institution = find_institution(module, "NAME", args.name)
        saved = module.institutions.set_discount(institution.id, args.percent)
        print(f"{saved.name}: {_discount(saved)}")
    else:
        _show(module, find_institution(module, "NAME", args.name), args.on)
    return 0


def _show(module: CustomerModule, institution: Institution, on: date | None) -> None:
    inactive = "" if institution.active else ", inactive"
    print(f"{institution.name} ({institution.kind}, {_discount(institution)}{inactive})")
    members = module.institutions.members(institution.id, on=on)
    when = "" if on is None else f" on {on:%d.%m.%Y}"
    print(f"  {counted(len(members), 'member', 'members')}{when}")
    for member in members:
        # The one of the day, or the latest (a member may have left and joined again).
        latest = [m for m in member.memberships if m.institution_id == institution.id][-1]
        found = (None if on is None else member.membership_on(institution.id, on)) or latest
        role = f" ({found.role})" if found.role else ""
        since = "" if found.since is None else f", since {found.since:%d.%m.%Y}"
        until = "" if found.until is None else f", until {found.until:%d.%m.%Y}"
        print(f"    {member.number or member.id}  {member.full_name}{role}{since}{until}")
    print(f"  orders with an address there: {_total(module.institutions.orders(institution.id))}")
    print(f"  orders of its members: {_total(module.institutions.member_orders(institution.id))}")


def customer_command(
    module: CustomerModule, args: argparse.Namespace, *, find: FindCustomer
) -> int:
    """Run ``customers add``, ``customers join`` or ``customers leave``; return the exit code."""
    if args.action == "add":
        _add_customer(module, args)
        return 0
    customer = find(module, args.customer)
    institution = find_institution(module, "INSTITUTION", args.institution)
    if args.action == "join":
        address = module.customers.join_institution(
            customer.id,
            institution.id,
            street=args.street,
            postal_code=args.postal_code,
            city=args.city,
            country=args.country,
            role=args.role,
            since=args.since,
        )
        print(f"{customer.full_name} is a member of {institution.name}; address there: "
              f"{', '.join(address.lines())}")  # fmt: skip
    else:
        module.customers.leave_institution(customer.id, institution.id, on=args.on)
        print(f"{customer.full_name} is a member of {institution.name} until {args.on:%d.%m.%Y}")
    return 0


def _add_customer(module: CustomerModule, args: argparse.Namespace) -> None:
    if args.category is not None:
        category = customer_category(module, "--category", args.category)
    else:
        default = module.categories.default_customer_category()
        if default is None:
            message = "there is no default customer category; give --category NAME"
            raise ValidationError.single("--category", message)
        category = default
    address = (args.street, args.postal_code, args.city)
    if any(address) and not all(address):
        message = "an address needs --street, --postal-code and --city"
        raise ValidationError.single("--street", message)
    if all(address):  # checked before the customer is added: a bad address adds nothing
        Address(
            id=AddressId(new_id()),
            street=args.street,
            postal_code=args.postal_code,
            city=args.city,
            country=args.country,
        )
    customer = module.customers.add(
        first_name=args.first_name,
        last_name=args.last_name,
        category_id=category.id,
        number=args.number,
        email=args.email,
        phone=args.phone,
    )
    if all(address):
        module.customers.add_address(
            customer.id,
            street=args.street,
            postal_code=args.postal_code,
            city=args.city,
            country=args.country,
        )
    print(f"added customer {customer.number or customer.id} {customer.full_name} ({category.name})")
