"""A fee table's CSV as spreadsheets save it, and amounts as staff type them.

The first row names the offer categories (its first cell is the corner, anything), each
further row starts with a customer category and gives its prices, one per offer category; an
empty cell or ``-`` has no price. Cells are separated by ``;``, ``,`` or a tab, as the first
row shows; prices are written ``12,00`` or ``12.00`` (``1.234,50`` and ``1,234.50`` too), a
group price ``45,00/group≤10``. The row of the fallback category (whose prices customer
categories without a row pay) is marked ``Name (fallback)``, as the matrix shows it.
``fee-table show --csv FILE`` writes the table in force in that form (:func:`fee_rows`), so
that next year's table starts as a copy of this year's; ``fee-table set`` reads it
(:func:`read_fee_file`).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from gomus_customers._checks import whole_number
from gomus_customers._csvsafe import restore
from gomus_customers._files import read_text
from gomus_customers._words import german_decimal
from gomus_customers.cli._names import unknown_name
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import OfferCategoryId
from gomus_customers.model import CustomerCategory, OfferCategory
from gomus_customers.model.offers import MAX_GROUP_SIZE
from gomus_customers.module import CustomerModule
from gomus_customers.pricing import FeeKey
from gomus_customers.services.pricing import FeeMatrix

__all__ = ["amount", "fee_rows", "read_fee_file"]

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


def fee_rows(matrix: FeeMatrix) -> list[list[str]]:
    """The matrix as the rows of its CSV: German amounts, the fallback row marked."""
    rows = [["Kundenkategorie", *(column.name for column in matrix.offer_categories)]]
    fallback = matrix.table.fallback_category_id
    for row, cells in zip(matrix.customer_categories, matrix.cells, strict=True):
        rows.append([
            f"{row.name} {_FALLBACK}" if row.id == fallback else row.name,
            *(matrix.cell_text(row, column, cell, amount=german_decimal, empty="")
              for column, cell in zip(matrix.offer_categories, cells, strict=True)),
        ])  # fmt: skip
    return rows


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
        size = None if price["size"] is None else whole_number(price["size"], MAX_GROUP_SIZE)
        if price["size"] is not None and size is None:
            problems.append((
                f"{where}, column {column[1]!r}",
                f"{cell!r}: a group has at most {MAX_GROUP_SIZE:,} persons",
            ))  # fmt: skip
            continue
        fees[key] = _decimal_text(price["amount"])
        if size is not None:
            sizes[key] = size


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
