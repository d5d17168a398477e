"""Fee tables (Entgelttabellen): a price per customer category and offer category, for a period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TypeVar

import attrs

from gomus_customers._checks import Problems, shown, strip, upper
from gomus_customers._frozen import FrozenDict
from gomus_customers.ids import CustomerCategoryId, FeeTableId, OfferCategoryId
from gomus_customers.model.offers import MAX_GROUP_SIZE
from gomus_customers.money import CURRENCIES, Money

__all__ = ["FeeKey", "FeeTable", "Validity", "fee_table_in_force", "in_force"]

T = TypeVar("T")

FeeKey = tuple[CustomerCategoryId, OfferCategoryId]
"""A cell of a fee table: (customer category id, offer category id)."""


def _fees(value: Mapping[FeeKey, Money]) -> Mapping[FeeKey, Money]:
    # A read-only copy: a caller's dict changed later must not change the table.
    try:
        return FrozenDict(value)
    except (TypeError, ValueError):
        return value


def _sizes(value: Mapping[FeeKey, int]) -> Mapping[FeeKey, int]:
    try:
        return FrozenDict(value)
    except (TypeError, ValueError):
        return value


def cell_path(key: object) -> str:
    """The path of a cell in problems: ``fees[<customer category id>, <offer category id>]``."""
    if isinstance(key, tuple) and len(key) == 2:
        return f"fees[{key[0]}, {key[1]}]"
    return f"fees[{key!r}]"


@attrs.frozen(kw_only=True)
class FeeTable:
    """A fee table (Entgelttabelle): the gross price of each customer category × offer category.

    The table applies from ``valid_from`` to ``valid_until`` (both inclusive; ``None``: open
    ended). ``fees`` maps ``(customer_category_id, offer_category_id)`` to a
    :class:`~gomus_customers.money.Money` in the table's ``currency``, never negative and with
    at most the currency's minor-unit places. When a cell is missing, the cell of
    ``fallback_category_id`` for the same offer category is used, if set.

    A cell's fee is per person unless ``group_sizes`` names the cell: then the fee is a price
    per group (:attr:`~gomus_customers.model.PriceBasis.PER_GROUP`) of at most that many
    persons, charged once per group started (DESIGN 17). Such a cell decides the basis of
    every offer it prices; the other cells take the offer's own basis.

    Raises :class:`~gomus_customers.exceptions.ValidationError` naming every bad cell.
    """

    id: FeeTableId
    name: str = attrs.field(converter=strip)
    valid_from: date
    valid_until: date | None = None
    currency: str = attrs.field(default="EUR", converter=upper)
    fees: Mapping[FeeKey, Money] = attrs.field(factory=dict, converter=_fees)
    fallback_category_id: CustomerCategoryId | None = None
    version: int = 1
    group_sizes: Mapping[FeeKey, int] = attrs.field(factory=dict, converter=_sizes, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("name", self.name, required=True)
        problems.one_line("name", self.name)
        problems.day("valid_from", self.valid_from, optional=False)
        problems.day("valid_until", self.valid_until)
        if (
            not problems.items
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            problems.add("valid_until", f"{self.valid_until} is before {self.valid_from}")
        currency: object = self.currency  # anything, until checked
        if not isinstance(currency, str) or currency not in CURRENCIES:
            problems.add("currency", f"{shown(self.currency)} is not an ISO 4217 currency code")
        self._check_fees(problems)
        self._check_group_sizes(problems)
        if self.fallback_category_id is not None:
            problems.uuid("fallback_category_id", self.fallback_category_id)
        problems.version(self.version)
        problems.raise_if_any()

    def _check_fees(self, problems: Problems) -> None:
        fees: object = self.fees
        if not isinstance(fees, Mapping):
            problems.add("fees", f"must be a mapping of cells to Money, not {fees!r}")
            return
        for key, fee in fees.items():
            path = cell_path(key)
            if not (isinstance(key, tuple) and len(key) == 2):
                problems.add(path, "a cell is (customer category id, offer category id)")
                continue
            problems.uuid(f"{path}.customer_category_id", key[0])
            problems.uuid(f"{path}.offer_category_id", key[1])
            if not isinstance(fee, Money):
                problems.add(path, f"must be Money, not {fee!r}")
            elif fee.currency != self.currency:
                problems.add(path, f"{fee} is in {fee.currency}; the table is in {self.currency}")
            else:
                problems.money(path, fee)

    def _check_group_sizes(self, problems: Problems) -> None:
        sizes: object = self.group_sizes
        if not isinstance(sizes, Mapping):
            problems.add("group_sizes", f"must be a mapping of cells to group sizes, not {sizes!r}")
            return
        fees: object = self.fees
        for key, size in sizes.items():
            path = "group_sizes" + cell_path(key).removeprefix("fees")
            if isinstance(fees, Mapping) and key not in fees:
                problems.add(path, "has no fee; a group size belongs to a cell of the table")
            if type(size) is not int or not 1 <= size <= MAX_GROUP_SIZE:
                problems.add(
                    path, f"{shown(size)} is not a group size from 1 to {MAX_GROUP_SIZE:,}"
                )

    def group_size(
        self, customer_category_id: CustomerCategoryId, offer_category_id: OfferCategoryId
    ) -> int | None:
        """The largest group of a cell priced per group; None for a cell priced per person."""
        return self.group_sizes.get((customer_category_id, offer_category_id))

    def covers(self, day: date) -> bool:
        """Tell whether the table's validity includes ``day``."""
        return self.valid_from <= day and (self.valid_until is None or self.valid_until >= day)

    def fee(
        self, customer_category_id: CustomerCategoryId, offer_category_id: OfferCategoryId
    ) -> tuple[Money, bool] | None:
        """The fee of a cell and whether the fallback category gave it; None if neither has one."""
        fee = self.fees.get((customer_category_id, offer_category_id))
        if fee is not None:
            return fee, False
        if self.fallback_category_id is not None:
            fee = self.fees.get((self.fallback_category_id, offer_category_id))
            if fee is not None:
                return fee, True
        return None

    @property
    def customer_category_ids(self) -> frozenset[CustomerCategoryId]:
        """Every customer category the table names (in a cell or as the fallback)."""
        ids = {customer for customer, _ in self.fees}
        if self.fallback_category_id is not None:
            ids.add(self.fallback_category_id)
        return frozenset(ids)

    @property
    def offer_category_ids(self) -> frozenset[OfferCategoryId]:
        """Every offer category the table has a cell for."""
        return frozenset(offer for _, offer in self.fees)


Validity = tuple[T, date, date | None]
"""Something valid from a first day to a last day (None: open-ended), with its key first."""


def in_force(periods: Iterable[Validity[T]], day: date) -> T | None:
    """The key of the period in force on ``day``: the latest start among those covering it.

    The rule of DESIGN 3.5, on plain ``(key, valid_from, valid_until)`` triples, so that a store
    can apply it to the validity columns alone before it loads the one table it needs.

    >>> in_force([("2025", date(2025, 1, 1), None), ("2026", date(2026, 1, 1), None)],
    ...          date(2026, 3, 2))
    '2026'
    """
    covering = [p for p in periods if p[1] <= day and (p[2] is None or p[2] >= day)]
    return max(covering, key=lambda p: p[1], default=(None, day, None))[0]


def fee_table_in_force(tables: Iterable[FeeTable], day: date) -> FeeTable | None:
    """The table in force on ``day``: the latest ``valid_from`` among those that cover the day.

    A newer table therefore takes over from an open-ended older one on its first day.
    """
    return in_force(((t, t.valid_from, t.valid_until) for t in tables), day)
