"""``offer-categories add|list``, ``offers add|list`` and ``fee-table show|set``: what a museum
sells and the prices of its fee table (Angebotskategorien, Angebote, Entgelttabelle), from the
command line.

A fee table is read from a spreadsheet's CSV: the first row names the offer categories (its
first cell is the corner, anything), each further row starts with a customer category and
gives its prices, one per offer category; an empty cell or ``-`` has no price. Cells are
separated by ``;``, ``,`` or a tab, as the first row shows; prices are written ``12,00`` or
``12.00`` (``1.234,50`` and ``1,234.50`` too), a group price ``45,00/group≤10``. The row of the
fallback category (whose prices customer categories without a row pay) is marked ``Name
(fallback)``, as the matrix shows it. ``fee-table show --csv FILE`` writes the table in force in
that form, so that next year's table starts as a copy of this year's.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from gomus_customers._csvsafe import restore, spreadsheet_csv
from gomus_customers._files import read_text
from gomus_customers._words import counted, german_decimal
from gomus_customers.cli._commands import shortened
from gomus_customers.cli._exits import EXIT_BAD_INPUT
from gomus_customers.cli._names import customer_category, offer_category, unknown_name
from gomus_customers.cli._surcharges import describe, price_kind, surcharge_parser
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import OfferCategoryId
from gomus_customers.model import CustomerCategory, OfferCategory, Surcharge
from gomus_customers.module import CustomerModule
from gomus_customers.pricing import FeeKey

__all__ = ["add_catalog_parsers", "amount", "catalog_command", "read_fee_file"]

P = TypeVar("P", bound=argparse.ArgumentParser)

# An amount as people write it: 12, 12.00, 12,00, 1.234,50 or 1,234.50.
_AMOUNT = r"\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:,\d{3})+\.\d+"
_PRICE = re.compile(
    rf"(?P<amount>{_AMOUNT})(?:\s*/\s*(?:group|Gruppe)\s*(?:≤|<=)\s*(?P<size>\d+))?"
)
_NO_PRICE = {"", "-", "–"}
_FALLBACK = "(fallback)"  # after the name of the fallback row, as FeeMatrix.to_text shows it


def amount(text: str) -> str:
    """An option's amount or rate, as staff type it (``45,00``, ``45.00``, ``7,5``), as the
    text of a decimal number."""
    if not re.fullmatch(_AMOUNT, text.strip()):
        message = f"{text!r} is not an amount such as 12.00 or 12,00"
        raise argparse.ArgumentTypeError(message)
    return _decimal_text(text.strip())


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
    added = fee_actions.add_parser("set", help="add a fee table from a CSV matrix")
    added.add_argument("file", type=Path, help="customer categories x offer categories")
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
    rows = [["Kundenkategorie", *(column.name for column in matrix.offer_categories)]]
    fallback = matrix.table.fallback_category_id
    for row, cells in zip(matrix.customer_categories, matrix.cells, strict=True):
        rows.append([
            f"{row.name} {_FALLBACK}" if row.id == fallback else row.name,
            *(matrix.cell_text(row, column, cell, amount=german_decimal, empty="")
              for column, cell in zip(matrix.offer_categories, cells, strict=True)),
        ])  # fmt: skip
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


def read_fee_file(
    module: CustomerModule, path: Path
) -> tuple[dict[FeeKey, str], dict[FeeKey, int], CustomerCategory | None]:
    """The prices and group sizes of a fee table's CSV (see the module's docstring), by the
    ids of its categories, and the row marked ``(fallback)``, if any. Raises ValidationError
    with every bad cell, row and column."""
    lines = read_text(path).splitlines()
    first = lines[0] if lines else ""
    reader = csv.reader(lines, delimiter=max(";,\t", key=first.count) if first else ";")
    # Each row with its line in the file (a row without any cell is left out).
    rows = [
        (reader.line_num, cells)
        for row in reader
        if any(cells := [restore(cell.strip()) for cell in row])
    ]
    if len(rows) < 2 or len(rows[0][1]) < 2:
        raise ValidationError.single(
            str(path), "a fee table needs a row of offer categories and a row of prices"
        )
    problems: list[tuple[str, str]] = []
    header = rows[0][1]
    columns = _columns(module, header, f"{path} row {rows[0][0]}", problems)
    known = {c.name.casefold(): c for c in module.categories.customer_categories()}
    fees: dict[FeeKey, str] = {}
    sizes: dict[FeeKey, int] = {}
    seen: set[str] = set()
    fallback: CustomerCategory | None = None
    for number, row in rows[1:]:
        where = f"{path} row {number}"
        name, marked = row[0], False
        category = known.get(name.casefold())
        if category is None and name.casefold().endswith(_FALLBACK):
            # A category's own name first: one may end so.
            name, marked = name[: -len(_FALLBACK)].rstrip(), True
            category = known.get(name.casefold())
        if category is None:
            problems.append(_unknown(where, name, known.values(), "customer category"))
            continue
        if name.casefold() in seen:
            problems.append((where, f"{name!r} has a row already"))
            continue
        seen.add(name.casefold())
        if marked and fallback is not None:
            problems.append((
                where,
                f"{fallback.name!r} is marked as the fallback row already; only one row can be",
            ))  # fmt: skip
        elif marked:
            fallback = category
        if len(row) > len(header):
            problems.append((where, f"{len(row) - 1} prices for {len(header) - 1} columns"))
        _prices(
            category,
            row,
            header=header,
            columns=columns,
            where=where,
            found=(fees, sizes, problems),
        )
    if problems:
        raise ValidationError(problems)
    return fees, sizes, fallback


def _prices(
    category: CustomerCategory,
    row: Sequence[str],
    *,
    header: Sequence[str],
    columns: Sequence[tuple[OfferCategoryId, str] | None],
    where: str,
    found: tuple[dict[FeeKey, str], dict[FeeKey, int], list[tuple[str, str]]],
) -> None:
    """Read the prices of one row (``where`` in the file) into ``found``: the fees, the group
    sizes and the problems."""
    fees, sizes, problems = found
    for place, (column, cell) in enumerate(zip(columns, row[1:], strict=False), start=2):
        if cell in _NO_PRICE:
            continue
        if column is None:  # an unknown offer category's, reported, or an unnamed one's
            if not header[place - 1]:
                problems.append((f"{where}, column {place}", "a price without an offer category"))
            continue
        price = _PRICE.fullmatch(cell)
        if price is None:
            problems.append((
                f"{where}, column {column[1]!r}",
                f"{cell!r} is not a price such as 12,00 or 12.00 (or 45,00/group≤10)",
            ))  # fmt: skip
            continue
        key = (category.id, column[0])
        fees[key] = _decimal_text(price["amount"])
        if price["size"] is not None:
            sizes[key] = int(price["size"])


def _columns(
    module: CustomerModule, header: Sequence[str], row: str, problems: list[tuple[str, str]]
) -> list[tuple[OfferCategoryId, str] | None]:
    """The offer category of each column after the first (None: a bad one, reported, or one
    without a name, as spreadsheets leave after the last)."""
    known = {c.name.casefold(): c for c in module.categories.offer_categories()}
    columns: list[tuple[OfferCategoryId, str] | None] = []
    seen: set[OfferCategoryId] = set()
    for number, name in enumerate(header[1:], start=2):
        category = known.get(name.casefold())
        where = f"{row}, column {number}"
        if not name:
            columns.append(None)
        elif category is None:
            problems.append(_unknown(where, name, known.values(), "offer category"))
            columns.append(None)
        elif category.id in seen:
            problems.append((where, f"{name!r} has a column already"))
            columns.append(None)
        else:
            seen.add(category.id)
            columns.append((category.id, category.name))
    return columns


def _unknown(
    where: str, name: str, known: Iterable[CustomerCategory | OfferCategory], kind: str
) -> tuple[str, str]:
    """The problem of a category name that is none of ``known``, which it lists."""
    names = (category.name for category in known)
    error = unknown_name(
        where, name, names, kind=kind, kinds=kind.replace("category", "categories")
    )
    return error.problems[0]


def _decimal_text(amount: str) -> str:
    """``12,00``, ``12.00``, ``1.234,50`` or ``1,234.50`` as a decimal number's text."""
    if "," in amount and "." in amount:
        thousands = "." if amount.index(".") < amount.index(",") else ","
        amount = amount.replace(thousands, "")
    return amount.replace(",", ".")
