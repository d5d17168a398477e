"""Importing and exporting customer files: the values exchanged and the format a service needs.

The go~mus CSV format itself lives at the edge (:mod:`gomus_customers.interop.gomus_csv`); the
composition root hands it to the customer service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Protocol

import attrs

from gomus_customers.ids import CustomerCategoryId
from gomus_customers.model import Address, Customer

__all__ = ["CustomerFileFormat", "CustomerRow", "ImportResult", "RowProblem"]


@attrs.frozen
class RowProblem:
    """A bad value in an imported file: data row (counted from 1, header excluded), column,
    the value as it stands in the file, and what is wrong with it.
    """

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column} {self.value!r}: {self.reason}"


@attrs.frozen
class CustomerRow:
    """A valid row: the customer (with a stand-in id and category), its category's name and
    its address.
    """

    row: int
    customer: Customer
    category: str | None
    address: Address | None


@attrs.frozen
class ImportResult:
    """What an import did: customers created, updated and unchanged, categories created, and
    every problem found. With ``strict=True`` and any problem, nothing was imported.
    """

    created: int
    updated: int
    unchanged: int
    categories_created: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    imported: bool

    @property
    def ok(self) -> bool:
        """True when every row was good."""
        return not self.problems


class CustomerFileFormat(Protocol):
    """Reads and writes customer files of one layout (such as the go~mus customer report)."""

    def read(
        self, text: str, *, now: datetime, time_zone: tzinfo
    ) -> tuple[Sequence[CustomerRow], Sequence[RowProblem]]:
        """Every valid row, and every problem of the bad ones."""
        ...

    def write(
        self,
        customers: Sequence[Customer],
        categories: Mapping[CustomerCategoryId, str],
        *,
        time_zone: tzinfo,
    ) -> str:
        """The customers as a file's text."""
        ...
