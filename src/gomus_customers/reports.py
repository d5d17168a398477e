"""Reports (Auswertungen): typed values built from the data they are given, no I/O.

Each report is a table: :meth:`headers` and :meth:`rows` give it as cells (text, whole numbers
and exact amounts), :func:`to_text` aligns it for a terminal and :func:`to_csv` writes it for
spreadsheets, with German numbers (``1.234,50``) by default. A period includes its first and
its last day; cancelled orders are left out. Prices are gross prices, so amounts say what they
are: gross before discount ("Brutto"), the discount granted, sales after discount including
VAT ("Umsatz inkl. USt.") and the VAT they contain ("darin USt."); never "netto" for an amount
that includes VAT.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol

import attrs

from gomus_customers._checks import shown
from gomus_customers._csvsafe import spreadsheet_csv
from gomus_customers._words import german_decimal
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import CustomerCategoryId, OfferCategoryId
from gomus_customers.model import Institution, Order, SalesChannel
from gomus_customers.money import Money

__all__ = [
    "CategoryCount",
    "Cell",
    "ChannelRow",
    "CustomersPerCategory",
    "InstitutionRow",
    "InstitutionSummary",
    "MemberCount",
    "MembersPerInstitution",
    "OrdersPerChannel",
    "Report",
    "RevenueMatrix",
    "institution_summary",
    "orders_per_channel",
    "period_label",
    "revenue_matrix",
    "to_csv",
    "to_text",
]


Cell = str | int | Decimal
"""A report's cell: text, a whole number or an exact amount (written by the renderer)."""

SALES = "Umsatz inkl. USt."
VAT = "darin USt."


class Report(Protocol):
    """What every report offers: a title, column headers and rows of cells."""

    @property
    def title(self) -> str: ...

    def headers(self) -> tuple[str, ...]: ...

    def rows(self) -> list[tuple[Cell, ...]]: ...


def period_label(start: date, end: date) -> str:
    """A report's period as its German title shows it: ``01.03.2026 – 31.03.2026``."""
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


@attrs.frozen
class CategoryCount:
    """One customer category and how many customers are in it."""

    name: str
    customers: int


@attrs.frozen
class CustomersPerCategory:
    """Kunden je Kategorie: how many customers each customer category has."""

    categories: tuple[CategoryCount, ...]

    @property
    def title(self) -> str:
        return "Kunden je Kategorie (customers per category)"

    @property
    def total(self) -> int:
        """All customers."""
        return sum(c.customers for c in self.categories)

    def headers(self) -> tuple[str, ...]:
        return ("Kategorie", "Kunden")

    def rows(self) -> list[tuple[Cell, ...]]:
        return [*((c.name, c.customers) for c in self.categories), ("Summe", self.total)]


@attrs.frozen
class MemberCount:
    """One institution and its members: all of them, and those active on the report's day."""

    institution: str
    kind: str
    active: int
    members: int


@attrs.frozen
class MembersPerInstitution:
    """Mitglieder je Institution, on a day."""

    on: date
    institutions: tuple[MemberCount, ...]

    @property
    def title(self) -> str:
        return f"Mitglieder je Institution (members per institution) am {self.on:%d.%m.%Y}"

    def headers(self) -> tuple[str, ...]:
        return ("Institution", "Art", "aktiv", "alle")

    def rows(self) -> list[tuple[Cell, ...]]:
        return [(m.institution, m.kind, m.active, m.members) for m in self.institutions]


@attrs.frozen
class RevenueMatrix:
    """Umsatzmatrix: sales per customer category (at order time) × offer category.

    ``cells[r][c]`` is the sales of row r and column c: the lines' amounts after discount,
    including VAT (the orders' ``net``); rows and columns are listed by name, as the orders
    recorded them.
    """

    start: date
    end: date
    currency: str
    customer_categories: tuple[str, ...]
    offer_categories: tuple[str, ...]
    cells: tuple[tuple[Money, ...], ...]

    @property
    def title(self) -> str:
        return (
            f"{SALES} (sales including VAT, {self.currency}) {period_label(self.start, self.end)}"
        )

    @property
    def row_totals(self) -> tuple[Money, ...]:
        """The net revenue of each customer category."""
        return tuple(sum(row, Money.zero(self.currency)) for row in self.cells)

    @property
    def column_totals(self) -> tuple[Money, ...]:
        """The net revenue of each offer category."""
        return tuple(
            sum((row[i] for row in self.cells), Money.zero(self.currency))
            for i in range(len(self.offer_categories))
        )

    @property
    def total(self) -> Money:
        """All net revenue of the period."""
        return sum(self.row_totals, Money.zero(self.currency))

    def cell(self, customer_category: str, offer_category: str) -> Money:
        """The net revenue of one customer category and one offer category."""
        row = self.customer_categories.index(customer_category)
        return self.cells[row][self.offer_categories.index(offer_category)]

    def headers(self) -> tuple[str, ...]:
        return ("Kundenkategorie", *self.offer_categories, "Summe")

    def rows(self) -> list[tuple[Cell, ...]]:
        rows: list[tuple[Cell, ...]] = [
            (name, *(c.amount for c in cells), total.amount)
            for name, cells, total in zip(
                self.customer_categories, self.cells, self.row_totals, strict=True
            )
        ]
        rows.append(("Summe", *(t.amount for t in self.column_totals), self.total.amount))
        return rows


@attrs.frozen
class InstitutionRow:
    """One institution in a period: members on its last day, and the orders that belong to it."""

    institution: str
    members: int
    orders: int
    gross: Money
    discount: Money
    net: Money
    """Sales after discount, including VAT (the orders' totals)."""
    vat: Money
    """The VAT contained in ``net``."""


@attrs.frozen
class InstitutionSummary:
    """Institutionen: members, orders, gross, discount granted, sales including VAT and the VAT
    they contain, per institution.
    """

    start: date
    end: date
    currency: str
    institutions: tuple[InstitutionRow, ...]

    @property
    def title(self) -> str:
        return f"Institutionen (institutions, {self.currency}) {period_label(self.start, self.end)}"

    def headers(self) -> tuple[str, ...]:
        return ("Institution", "Mitglieder", "Bestellungen", "Brutto", "Rabatt", SALES, VAT)

    def rows(self) -> list[tuple[Cell, ...]]:
        return [
            (
                r.institution,
                r.members,
                r.orders,
                r.gross.amount,
                r.discount.amount,
                r.net.amount,
                r.vat.amount,
            )
            for r in self.institutions
        ]


@attrs.frozen
class ChannelRow:
    """One sales channel in a period: its orders, their sales including VAT, and that VAT."""

    channel: SalesChannel
    orders: int
    net: Money
    vat: Money


@attrs.frozen
class OrdersPerChannel:
    """Bestellungen je Vertriebskanal: orders, sales including VAT and VAT per sales channel."""

    start: date
    end: date
    currency: str
    channels: tuple[ChannelRow, ...]

    @property
    def title(self) -> str:
        period = period_label(self.start, self.end)
        return f"Vertriebskanäle (sales channels, {self.currency}) {period}"

    @property
    def total(self) -> Money:
        """All sales of the period, including VAT."""
        return sum((c.net for c in self.channels), Money.zero(self.currency))

    def headers(self) -> tuple[str, ...]:
        return ("Kanal", "Bestellungen", SALES, VAT)

    def rows(self) -> list[tuple[Cell, ...]]:
        vat = sum((c.vat for c in self.channels), Money.zero(self.currency))
        return [
            *((c.channel.german, c.orders, c.net.amount, c.vat.amount) for c in self.channels),
            ("Summe", sum(c.orders for c in self.channels), self.total.amount, vat.amount),
        ]


def _counted(orders: Iterable[Order], currency: str) -> list[Order]:
    return [o for o in orders if not o.is_cancelled and o.currency == currency]


def revenue_matrix(
    orders: Iterable[Order], *, start: date, end: date, currency: str
) -> RevenueMatrix:
    """The revenue matrix of the orders placed from ``start`` to ``end`` in ``currency``."""
    sums: dict[tuple[CustomerCategoryId, OfferCategoryId], Money] = {}
    rows: dict[CustomerCategoryId, str] = {}
    columns: dict[OfferCategoryId, str] = {}
    for order in _counted(orders, currency):
        if not start <= order.placed_on <= end:
            continue
        rows[order.customer_category_id] = order.customer_category_name
        for line in order.lines:
            columns[line.offer_category_id] = line.offer_category_name
            key = (order.customer_category_id, line.offer_category_id)
            # A surcharge is revenue of its line's offer category.
            net = sum((sub.net for sub in line.surcharges), line.net)
            sums[key] = sums.get(key, Money.zero(currency)) + net
    row_ids = sorted(rows, key=lambda i: (rows[i].casefold(), str(i)))
    column_ids = sorted(columns, key=lambda i: (columns[i].casefold(), str(i)))
    return RevenueMatrix(
        start=start,
        end=end,
        currency=currency,
        customer_categories=tuple(rows[i] for i in row_ids),
        offer_categories=tuple(columns[i] for i in column_ids),
        cells=tuple(
            tuple(sums.get((r, c), Money.zero(currency)) for c in column_ids) for r in row_ids
        ),
    )


def institution_summary(
    institutions: Sequence[tuple[Institution, int, Sequence[Order]]],
    *,
    start: date,
    end: date,
    currency: str,
) -> InstitutionSummary:
    """The summary of ``(institution, members on the last day, its orders)`` for a period."""
    rows = []
    for institution, members, orders in institutions:
        counted = [o for o in _counted(orders, currency) if start <= o.placed_on <= end]
        zero = Money.zero(currency)
        rows.append(
            InstitutionRow(
                institution=institution.name,
                members=members,
                orders=len(counted),
                gross=sum((o.gross for o in counted), zero),
                discount=sum((o.discount for o in counted), zero),
                net=sum((o.total for o in counted), zero),
                vat=sum((o.vat for o in counted), zero),
            )
        )
    return InstitutionSummary(start=start, end=end, currency=currency, institutions=tuple(rows))


def orders_per_channel(
    orders: Iterable[Order], *, start: date, end: date, currency: str
) -> OrdersPerChannel:
    """Orders and net revenue per sales channel, every channel listed."""
    counts = dict.fromkeys(SalesChannel, 0)
    sums = dict.fromkeys(SalesChannel, Money.zero(currency))
    vats = dict.fromkeys(SalesChannel, Money.zero(currency))
    for order in _counted(orders, currency):
        if start <= order.placed_on <= end:
            counts[order.channel] += 1
            sums[order.channel] += order.total
            vats[order.channel] += order.vat
    return OrdersPerChannel(
        start=start,
        end=end,
        currency=currency,
        channels=tuple(ChannelRow(c, counts[c], sums[c], vats[c]) for c in SalesChannel),
    )


def _plain(cell: Cell) -> str:
    return str(cell)


def _german(cell: Cell) -> str:
    """``1.234,50`` for an amount; whole numbers and text as they are."""
    return german_decimal(cell) if isinstance(cell, Decimal) else str(cell)


def _checked(report: object) -> Report:
    if not all(callable(getattr(report, name, None)) for name in ("headers", "rows")):
        raise ValidationError.single("report", f"{shown(report)} is not a report of module.reports")
    return report  # type: ignore[return-value]  # it has what a Report has


def to_text(report: Report) -> str:
    """The report as an aligned text table: text left, numbers right."""
    report = _checked(report)
    headers = report.headers()
    cells = report.rows()
    rows = [tuple(_plain(cell) for cell in row) for row in cells]
    widths = [max(len(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    # A column of numbers (an empty cell aside, as a total row has) is aligned right; the
    # first column, and any column of text, left.
    numeric = [
        i > 0
        and any(isinstance(row[i], int | Decimal) for row in cells)
        and all(isinstance(row[i], int | Decimal) or row[i] == "" for row in cells)
        for i in range(len(headers))
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([report.title, "", line(headers), rule, *map(line, rows)]) + "\n"


def to_csv(report: Report, *, locale: Literal["de", "en"] = "de") -> str:
    """The report as semicolon-separated CSV with a byte order mark; formulas neutralised.

    ``locale="de"`` (the default) writes amounts as German Excel reads them (``1.234,50``);
    ``"en"`` writes plain decimals (``1234.50``). Write the text with ``encoding="utf-8"``: the
    BOM makes spreadsheets read it as UTF-8.
    """
    report = _checked(report)
    given: object = locale  # anything, until checked
    if not isinstance(given, str) or given not in {"de", "en"}:
        raise ValidationError.single("locale", f"{shown(locale)} is not 'de' or 'en'")
    cell = _german if locale == "de" else _plain
    return spreadsheet_csv([report.headers(), *([cell(c) for c in row] for row in report.rows())])
