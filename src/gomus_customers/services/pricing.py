"""Fee tables (Entgelttabellen) and quotes: ``module.pricing``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, time
from decimal import Decimal

import attrs

from gomus_customers._checks import MAX_AMOUNT, Problems
from gomus_customers.exceptions import (
    ValidationError,
)
from gomus_customers.ids import (
    AddressId,
    CustomerCategoryId,
    CustomerId,
    FeeTableId,
    OfferCategoryId,
    new_id,
)
from gomus_customers.model import (
    CustomerCategory,
    OfferCategory,
)
from gomus_customers.money import CURRENCIES, Money
from gomus_customers.ports import UnitOfWork
from gomus_customers.pricing import FeeKey, FeeTable, Quote
from gomus_customers.pricing.fee_tables import cell_path
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    no_fee_table,
    to_day,
    to_uuid,
)
from gomus_customers.services.sales import LineInput, price_sale
from gomus_customers.services.settings import ProfileHolidays

__all__ = ["FeeMatrix", "PricingService"]

FeeInput = Money | Decimal | int | str
# Builds a fee table, recording input problems in the Problems it is given.
_TableFactory = Callable[[Problems], FeeTable]


@attrs.frozen
class FeeMatrix:
    """A fee table for display: rows are customer categories, columns offer categories.

    ``cells[r][c]`` is the fee of row r and column c, or None where the table has no cell (the
    fallback category's fee, if any, then applies when pricing). In the text, a fee per group
    reads ``90.00/group≤25``.
    """

    table: FeeTable
    customer_categories: tuple[CustomerCategory, ...]
    offer_categories: tuple[OfferCategory, ...]
    cells: tuple[tuple[Money | None, ...], ...]

    def to_text(self) -> str:
        """The matrix as an aligned text table; amounts without currency, "-" for no cell."""
        header = ["", *(c.name for c in self.offer_categories)]
        rows = [header]
        for category, cells in zip(self.customer_categories, self.cells, strict=True):
            label = category.name
            if category.id == self.table.fallback_category_id:
                label += " (fallback)"
            rows.append(
                [
                    label,
                    *(
                        self.cell_text(category, offer, cell)
                        for offer, cell in zip(self.offer_categories, cells, strict=True)
                    ),
                ]
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = [
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        ]
        until = self.table.valid_until.isoformat() if self.table.valid_until else "open"
        title = (
            f"{self.table.name} ({self.table.currency}, valid {self.table.valid_from.isoformat()}"
            f" to {until})"
        )
        return "\n".join([title, *lines])

    def cell_text(
        self,
        row: CustomerCategory,
        column: OfferCategory,
        cell: Money | None,
        *,
        amount: Callable[[Decimal], str] = str,
        empty: str = "-",
    ) -> str:
        """One cell as text: its amount written by ``amount``, ``/group≤N`` after a fee per
        group, ``empty`` where the table has no cell."""
        if cell is None:
            return empty
        size = self.table.group_size(row.id, column.id)
        text = amount(cell.amount)
        return text if size is None else f"{text}/group≤{size}"


class PricingService:
    """Fee tables and quotes. Reached as ``module.pricing``; every method is one unit of work."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def set_fee_table(
        self,
        name: str,
        *,
        valid_from: date,
        valid_until: date | None = None,
        currency: str = "EUR",
        fees: Mapping[FeeKey, FeeInput],
        fallback_category_id: CustomerCategoryId | None = None,
        group_sizes: Mapping[FeeKey, int] | None = None,
    ) -> FeeTable:
        """Add a fee table and return it.

        ``fees`` maps ``(customer category id, offer category id)`` to the gross price (a
        Decimal, str, int or Money in ``currency``). ``group_sizes`` names the cells whose fee
        is a price per group, with the largest group (a school class's tour: one price per
        group of at most 25). A newer table takes over from an older one
        on its ``valid_from``. Raises ValidationError naming every bad cell (unknown category,
        other currency, negative or more places than the currency has) and naming both tables
        when another one starts on the same day.
        """
        with self._ctx.unit_of_work() as uow:
            table = self._checked(
                uow,
                lambda problems: FeeTable(
                    id=FeeTableId(new_id()),
                    name=name,
                    valid_from=to_day(valid_from, "valid_from"),
                    valid_until=None if valid_until is None else to_day(valid_until, "valid_until"),
                    currency=currency,
                    fees=_cells(fees, currency, problems),
                    # Without a currency the cells are not read: their sizes are not told.
                    group_sizes=_group_cells(group_sizes or {}, problems)
                    if _currency_known(currency)
                    else {},
                    fallback_category_id=None
                    if fallback_category_id is None
                    else CustomerCategoryId(to_uuid(fallback_category_id, "fallback_category_id")),
                ),
            )
            uow.fee_tables.add(table)
            uow.commit()
        return table

    def replace_fee_table(
        self,
        fee_table_id: FeeTableId,
        *,
        name: str | Unset = UNSET,
        valid_from: date | Unset = UNSET,
        valid_until: date | Unset | None = UNSET,
        fees: Mapping[FeeKey, FeeInput] | Unset = UNSET,
        fallback_category_id: CustomerCategoryId | Unset | None = UNSET,
        group_sizes: Mapping[FeeKey, int] | Unset = UNSET,
    ) -> FeeTable:
        """Change the given parts of a fee table and return it.

        Orders already placed keep the prices they were placed with. The same checks as
        :meth:`set_fee_table` apply.
        """
        wanted = FeeTableId(to_uuid(fee_table_id, "fee_table_id"))
        with self._ctx.unit_of_work() as uow:
            current = uow.fee_tables.get(wanted)

            def changed(problems: Problems) -> FeeTable:
                changes: dict[str, object] = {}
                if not isinstance(name, Unset):
                    changes["name"] = name
                if not isinstance(valid_from, Unset):
                    changes["valid_from"] = to_day(valid_from, "valid_from")
                if not isinstance(valid_until, Unset):
                    changes["valid_until"] = (
                        None if valid_until is None else to_day(valid_until, "valid_until")
                    )
                if not isinstance(fees, Unset):
                    changes["fees"] = _cells(fees, current.currency, problems)
                if not isinstance(group_sizes, Unset):
                    changes["group_sizes"] = _group_cells(group_sizes, problems)
                if not isinstance(fallback_category_id, Unset):
                    changes["fallback_category_id"] = (
                        None
                        if fallback_category_id is None
                        else CustomerCategoryId(
                            to_uuid(fallback_category_id, "fallback_category_id")
                        )
                    )
                return evolve(current, changes)

            saved = uow.fee_tables.update(self._checked(uow, changed))
            uow.commit()
        return saved

    def _checked(self, uow: UnitOfWork, make: _TableFactory) -> FeeTable:
        """Build a table and check it against the store; problems name cells by category names."""
        problems = Problems()
        customer_categories = {c.id: c for c in uow.customer_categories.list()}
        offer_categories = {c.id: c for c in uow.offer_categories.list()}
        names: dict[uuid.UUID, str] = {i: c.name for i, c in customer_categories.items()}
        names.update({i: c.name for i, c in offer_categories.items()})
        try:
            table = build(lambda: make(problems), problems)
        except ValidationError as error:
            raise _named(error, names) from None
        for customer, offer in table.fees:
            if customer not in customer_categories:
                problems.add(cell_path((customer, offer)), f"no customer category {customer}")
            if offer not in offer_categories:
                problems.add(cell_path((customer, offer)), f"no offer category {offer}")
        fallback = table.fallback_category_id
        if fallback is not None and fallback not in customer_categories:
            problems.add("fallback_category_id", f"no customer category {fallback}")
        for other in uow.fee_tables.list():
            if other.id != table.id and other.valid_from == table.valid_from:
                problems.add(
                    "valid_from",
                    f"fee tables {table.name!r} and {other.name!r} both start on "
                    f"{table.valid_from}; give one another day",
                )
        if problems.items:
            raise _named(ValidationError(problems.items), names)
        return table

    def fee_tables(self) -> Sequence[FeeTable]:
        """Every fee table, ordered by ``valid_from``."""
        with self._ctx.unit_of_work() as uow:
            return uow.fee_tables.list()

    def get_fee_table(self, fee_table_id: FeeTableId) -> FeeTable:
        """Return the fee table; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.fee_tables.get(FeeTableId(to_uuid(fee_table_id, "fee_table_id")))

    def delete_fee_table(self, fee_table_id: FeeTableId) -> None:
        """Delete a fee table; orders priced with it keep their prices."""
        with self._ctx.unit_of_work() as uow:
            uow.fee_tables.delete(FeeTableId(to_uuid(fee_table_id, "fee_table_id")))
            uow.commit()

    def fee_table_on(self, day: date) -> FeeTable:
        """The table in force on ``day``; NoFeeTableError when there is none."""
        wanted = to_day(day, "day")
        with self._ctx.unit_of_work() as uow:
            table = uow.fee_tables.in_force(wanted)
            if table is None:
                raise no_fee_table(uow, wanted)
        return table

    def fee_matrix(
        self, *, on: date | None = None, fee_table_id: FeeTableId | None = None
    ) -> FeeMatrix:
        """The fee table in force on ``on`` (default today), or the one given, as a matrix.

        Rows are every customer category, columns every offer category, both by name; giving
        both ``on`` and ``fee_table_id`` is a ValidationError.
        """
        day = self._ctx.today() if on is None else to_day(on, "on")
        if on is not None and fee_table_id is not None:
            raise ValidationError.single("on", "give the day or the fee table, not both")
        with self._ctx.unit_of_work() as uow:
            if fee_table_id is not None:
                table = uow.fee_tables.get(FeeTableId(to_uuid(fee_table_id, "fee_table_id")))
            else:
                found = uow.fee_tables.in_force(day)
                if found is None:
                    raise no_fee_table(uow, day)
                table = found
            rows = tuple(uow.customer_categories.list())
            columns = tuple(uow.offer_categories.list())
        cells = tuple(tuple(table.fees.get((r.id, c.id)) for c in columns) for r in rows)
        return FeeMatrix(table, rows, columns, cells)

    def quote(
        self,
        *,
        lines: Sequence[LineInput],
        on: date | None = None,
        customer_id: CustomerId | None = None,
        address_id: AddressId | None = None,
        category_id: CustomerCategoryId | None = None,
        at: time | None = None,
        language: str | None = None,
    ) -> Quote:
        """Price ``lines`` without placing an order.

        A line is ``(offer id, quantity)``, ``(offer id, quantity, price kind)`` or a
        :class:`~gomus_customers.services.sales.SaleLine`. ``at`` and ``language`` are the
        time and language of the visit, for surcharges that depend on them (a line may give
        its own). The same rules as placing an order apply
        (:func:`~gomus_customers.services.sales.price_sale`); ``on`` defaults to today.
        Raises NoFeeTableError, NoFeeError, CategoryRequiredError, AddressNotOwnedError or
        MembershipInactiveError as placing would.
        """
        day = self._ctx.today() if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            return price_sale(
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
            ).quote


def _currency_known(currency: object) -> bool:
    return isinstance(currency, str) and currency.strip().upper() in CURRENCIES


def _cells(
    fees: Mapping[FeeKey, FeeInput], currency: str, problems: Problems
) -> Mapping[FeeKey, Money]:
    given: object = fees
    if not isinstance(given, Mapping):
        problems.add("fees", "give the fees as a mapping of (customer, offer category) to a price")
        return {}
    cells: dict[FeeKey, Money] = {}
    if not _currency_known(currency):
        return cells  # the table itself reports the currency
    for key, value in given.items():
        path = cell_path(key)
        try:
            cell = _cell(key, path)
            if cell is None:
                problems.add(path, "a cell is (customer category id, offer category id)")
                continue
            fee = value if isinstance(value, Money) else Money(value, currency)
            # 45 and 45.00 are the same fee; keep it with the currency's places for display.
            keep = fee.is_rounded() and abs(fee.amount) < MAX_AMOUNT  # else the table says why
            cells[cell] = fee.rounded() if keep else fee
        except ValidationError as error:
            problems.items.extend((path, message) for _, message in error.problems)
    return cells


def _cell(key: object, path: str) -> FeeKey | None:
    """A cell's key with its ids as UUIDs; None when it is not a pair."""
    if not (isinstance(key, tuple) and len(key) == 2):
        return None
    return (
        CustomerCategoryId(to_uuid(key[0], f"{path}.customer_category_id")),
        OfferCategoryId(to_uuid(key[1], f"{path}.offer_category_id")),
    )


def _group_cells(sizes: Mapping[FeeKey, int], problems: Problems) -> Mapping[FeeKey, int]:
    given: object = sizes
    if not isinstance(given, Mapping):
        problems.add("group_sizes", "give a mapping of (customer, offer category) to a group size")
        return {}
    cells: dict[FeeKey, int] = {}
    for key, size in given.items():
        path = "group_sizes" + cell_path(key).removeprefix("fees")
        try:
            cell = _cell(key, path)
        except ValidationError as error:
            problems.items.extend(error.problems)
            continue
        if cell is None:
            problems.add(path, "a cell is (customer category id, offer category id)")
        else:
            cells[cell] = size
    return cells


def _named(error: ValidationError, names: Mapping[uuid.UUID, str]) -> ValidationError:
    """The same problems with category ids in cell paths replaced by the categories' names."""

    def rename(text: str) -> str:
        for category_id, name in names.items():
            text = text.replace(str(category_id), name)
        return text

    return ValidationError((rename(path), message) for path, message in error.problems)
