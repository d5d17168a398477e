"""``offer-categories add|list``, ``offers add|list`` and ``fee-table show|set``: what a museum
sells and the prices of its fee table (Angebotskategorien, Angebote, Entgelttabelle), from the
command line. The fee table's CSV is read and written by ``gomus_customers.cli._fee_file``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from gomus_customers._csvsafe import spreadsheet_csv
from gomus_customers._words import counted
from gomus_customers.cli._commands import shortened
from gomus_customers.cli._exits import EXIT_BAD_INPUT
from gomus_customers.cli._fee_file import amount, fee_rows, read_fee_file
from gomus_customers.cli._names import customer_category, offer_category
from gomus_customers.cli._surcharges import describe, price_kind, surcharge_parser
from gomus_customers.exceptions import ValidationError
from gomus_customers.model import CustomerCategory, Surcharge
from gomus_customers.module import CustomerModule

__all__ = ["add_catalog_parsers", "catalog_command"]

P = TypeVar("P", bound=argparse.ArgumentParser)

# What ``fee-table set --help`` says of the file (the rules of cli/_fee_file.py).
_FEE_FILE = """\
Add a fee table (Entgelttabelle) from a CSV matrix, as a spreadsheet saves it:
the first row names the offer categories (its first cell is anything), each
further row starts with a customer category and gives its prices, one per
offer category. Cells are separated by ';', ',' or a tab, as the first row
shows. A price is written 12,00 or 12.00, a group price 45,00/group<=10; an
empty cell or '-' has no price. 'Name (fallback)' marks the row that customer
categories without a row of their own pay.

  Kundenkategorie;Eintritt;Führung
  Erwachsene (fallback);12,00;5,00
  Ermäßigt;8,00;-
  Schulklasse;-;45,00/group<=30

'fee-table show --csv FILE' writes the table in force in this form, to edit
and set again as next year's table."""


def add_catalog_parsers(
    commands: argparse._SubParsersAction[P], *, day: Callable[[str], date]
) -> None:
    """The parsers of ``offer-categories``, ``offers`` and ``fee-table``."""
    kinds = commands.add_parser(
        "offer-categories", help="offer categories (Angebotskategorien): the fee table's columns"
    )
    kind_actions = kinds.add_subparsers(dest="action", required=True)
    kind_actions.add_parser("list", help="every offer category, its VAT and its offers")
    kind = kind_actions.add_parser("add", help="add an offer category")
    kind.add_argument("name")
    kind.add_argument(
        "--vat-rate", type=amount, metavar="PERCENT", help="the VAT its prices contain, e.g. 7"
    )
    kind.add_argument(
        "--no-discount", action="store_true", help="institution discounts do not apply to it"
    )
    _add_surcharges(kind, "every offer of the category")

    offers = commands.add_parser("offers", help="offers (Angebote): what is sold")
    offer_actions = offers.add_subparsers(dest="action", required=True)
    listed = offer_actions.add_parser("list", help="every offer and what prices it")
    listed.add_argument("--category", metavar="OFFER_CATEGORY", help="only this category's")
    offer = offer_actions.add_parser("add", help="add an offer")
    offer.add_argument("name")
    offer.add_argument("--category", required=True, metavar="OFFER_CATEGORY")
    offer.add_argument(
        "--price", type=amount, help="its own price for everyone (default: the fee table's)"
    )
    offer.add_argument(
        "--per-group",
        type=int,
        metavar="SIZE",
        help="priced per group of at most SIZE persons (default: per person)",
    )
    offer.add_argument(
        "--kind",
        dest="price_kinds",
        action="append",
        default=[],
        type=price_kind(amount),
        metavar="NAME=AMOUNT",
        help="a price kind (Preisstufe) such as ermäßigt=9,50 (repeatable; the first the default)",
    )
    _add_surcharges(offer, "the offer")
    offer.add_argument("--language", default="de", help="the language it is given in (default: de)")

    fee_table = commands.add_parser("fee-table", help="the fee table (Entgelttabelle)")
    fee_actions = fee_table.add_subparsers(dest="action", required=True)
    shown = fee_actions.add_parser("show", help="the table in force, as a matrix")
    shown.add_argument("--on", type=day, metavar="DAY", help="the day (default: today)")
    shown.add_argument(
        "--csv", type=Path, metavar="FILE", help="write it as CSV, to edit and set again"
    )
    added = fee_actions.add_parser(
        "set",
        help="add a fee table from a CSV matrix",
        description=_FEE_FILE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    added.add_argument(
        "file", type=Path, help="the CSV matrix: customer categories x offer categories"
    )
    added.add_argument("--name", required=True, help="the table's name, e.g. 'Entgelte 2027'")
    added.add_argument(
        "--from", dest="valid_from", required=True, type=day, metavar="DAY", help="valid from"
    )
    added.add_argument("--until", type=day, metavar="DAY", help="valid until (default: open)")
    added.add_argument("--currency", default="EUR", help="default: EUR")
    added.add_argument(
        "--fallback", metavar="CATEGORY", help="the row for customer categories without one"
    )


def _add_surcharges(parser: argparse.ArgumentParser, what: str) -> None:
    """The repeatable ``--surcharge`` option of a parser that adds ``what``."""
    parser.add_argument(
        "--surcharge",
        dest="surcharges",
        action="append",
        default=[],
        type=surcharge_parser(amount),
        metavar="TITLE=AMOUNT[/group]@WHEN",
        help=(
            f"a surcharge (Zuschlag) on {what}, such as Sonntagszuschlag=2,00@sunday_or_holiday;"
            " WHEN is sunday_or_holiday, weekdays=6,7, from_time=18:00, until_time=10:00, "
            "language or optional (repeatable)"
        ),
    )


def catalog_command(module: CustomerModule, args: argparse.Namespace) -> int:
    """Run an ``offer-categories``, ``offers`` or ``fee-table`` command; return the exit code."""
    if args.command == "offer-categories":
        _offer_categories(module, args)
    elif args.command == "offers":
        _offers(module, args)
    elif args.action == "show":
        _show_fee_table(module, args.on, args.csv)
    else:
        return _set_fee_table(module, args)
    return 0


def _offer_categories(module: CustomerModule, args: argparse.Namespace) -> None:
    if args.action == "add":
        made = module.categories.add_offer_category(
            args.name,
            vat_rate=args.vat_rate,
            discountable=not args.no_discount,
            surcharges=args.surcharges,
        )
        vat = "no VAT" if made.vat_rate is None else f"VAT {made.vat_rate}"
        print(f"added offer category {made.name!r} ({vat})")
        return
    offers = Counter(offer.category_id for offer in module.catalog.offers())
    for category in module.categories.offer_categories():
        vat = "no VAT" if category.vat_rate is None else f"VAT {category.vat_rate}"
        discount = "" if category.discountable else "; no institution discount"
        count = counted(offers[category.id], "offer", "offers")
        print(f"{category.name}: {vat}{discount}; {count}{_surcharges(category.surcharges)}")


def _surcharges(surcharges: Sequence[Surcharge]) -> str:
    """The surcharges after a listed offer or offer category ("" for none)."""
    return "".join(f"; {describe(surcharge)}" for surcharge in surcharges)


def _offers(module: CustomerModule, args: argparse.Namespace) -> None:
    if args.action == "add":
        category = offer_category(module, "--category", args.category)
        kinds = dict(args.price_kinds)
        given = Counter(name.casefold() for name, _ in args.price_kinds)
        twice = [name for name, _ in args.price_kinds if given[name.casefold()] > 1]
        if twice:  # as the library compares the names of price kinds
            raise ValidationError.single("--kind", f"{twice[-1]!r} is given twice")
        made = module.catalog.add_offer(
            args.name,
            category_id=category.id,
            price=args.price,
            basis="per_person" if args.per_group is None else "per_group",
            max_group_size=args.per_group,
            price_kinds=kinds,
            surcharges=args.surcharges,
            language=args.language,
        )
        print(f"added offer {made.name!r} in {category.name!r}")
        return
    names = {c.id: c.name for c in module.categories.offer_categories()}
    wanted = None
    if args.category is not None:
        wanted = offer_category(module, "--category", args.category).id
    for offer in module.catalog.offers(category_id=wanted):
        price = "priced by the fee table" if offer.price is None else str(offer.price)
        if offer.price_kinds:
            price = ", ".join(f"{kind.name} {kind.price}" for kind in offer.price_kinds)
        group = "" if offer.max_group_size is None else f", per group of {offer.max_group_size}"
        listed = f"{offer.name} ({names.get(offer.category_id, '?')}): {price}{group}"
        print(listed + _surcharges(offer.surcharges))


def _show_fee_table(module: CustomerModule, on: date | None, path: Path | None) -> None:
    matrix = module.pricing.fee_matrix(on=on)
    if path is None:
        print(matrix.to_text())
        return
    rows = fee_rows(matrix)
    path.write_text(spreadsheet_csv(rows), encoding="utf-8")
    print(f"wrote {path}: {matrix.table.name}")


def _set_fee_table(module: CustomerModule, args: argparse.Namespace) -> int:
    try:
        fees, sizes, marked = read_fee_file(module, args.file)
    except ValidationError as error:
        # A file's every bad cell, one a line, as an import lists its rows' problems.
        for where, message in error.problems:
            print(shortened(f"{where}: {message}"), file=sys.stderr)
        count = counted(len(error.problems), "problem", "problems")
        print(f"gomus-customers: error: nothing added: {count} in {args.file}", file=sys.stderr)
        return EXIT_BAD_INPUT
    fallback = _fallback(module, args.fallback, marked, args.file)
    table = module.pricing.set_fee_table(
        args.name,
        valid_from=args.valid_from,
        valid_until=args.until,
        currency=args.currency,
        fees=fees,
        fallback_category_id=None if fallback is None else fallback.id,
        group_sizes=sizes,
    )
    until = "open" if table.valid_until is None else f"{table.valid_until}"
    falls_back = "" if fallback is None else f"; fallback row {fallback.name!r}"
    print(
        f"added fee table {table.name!r} ({table.currency}, valid {table.valid_from} to "
        f"{until}): {counted(len(fees), 'price', 'prices')}{falls_back}"
    )
    return 0


def _fallback(
    module: CustomerModule, option: str | None, marked: CustomerCategory | None, path: Path
) -> CustomerCategory | None:
    """The fallback row: the one ``--fallback`` names, or the one the file marks; both only
    when they agree."""
    if option is None:
        return marked
    named = customer_category(module, "--fallback", option)
    if marked is not None and marked.id != named.id:
        raise ValidationError.single(
            "--fallback",
            f"names {named.name!r}, but {path} marks {marked.name!r} as the fallback row; "
            "leave out one of them",
        )
    return named
