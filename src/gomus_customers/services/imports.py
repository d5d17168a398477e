"""Importing and exporting customer files: the values exchanged and the format a service needs.

The go~mus CSV format itself lives at the edge (:mod:`gomus_customers.interop.gomus_csv`); the
composition root hands it to the customer service, whose ``import_gomus_csv`` and
``export_gomus_csv`` call :class:`CustomerFiles`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol

import attrs

from gomus_customers._checks import name_key, shown
from gomus_customers._files import read_text
from gomus_customers._words import bounded
from gomus_customers.exceptions import FileAccessError, MissingExtraError, ValidationError
from gomus_customers.ids import CustomerCategoryId, CustomerId, new_id
from gomus_customers.interop.annual_passes import AnnualPass
from gomus_customers.model import Address, Customer, CustomerCategory
from gomus_customers.services._common import ServiceContext, collector_paused, to_path
from gomus_customers.services.import_matching import (
    IMPORT_SOURCE,
    export_passes,
    import_consent,
    save_rows,
)

__all__ = [
    "IMPORT_SOURCE",
    "CustomerFileFormat",
    "CustomerFiles",
    "CustomerRow",
    "FileReading",
    "ImportResult",
    "RowProblem",
    "RowWarning",
    "import_consent",
]


_SHOWN = 200
"""How much of a bad value a problem's or warning's line shows."""


@attrs.frozen
class RowProblem:
    """A bad value in an imported file: data row (counted from 1, header excluded), column,
    the value as it stands in the file, and what is wrong with it. A row with more or fewer
    fields than the header has the column ``fields`` and its number of fields as the value.
    """

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        """The problem in one line; a long value by its start and end (``value`` is whole)."""
        return f"row {self.row}, {self.column} {bounded(repr(self.value), _SHOWN)}: {self.reason}"


@attrs.frozen
class RowWarning:
    """A value an import repaired and kept: data row, column, the value as it stands in the
    file, and what was read instead (a postal code written ``1277.0`` is read as ``01277``).
    """

    row: int
    column: str
    value: str
    repair: str

    def __str__(self) -> str:
        """The warning in one line; a long value by its start and end (``value`` is whole)."""
        return f"row {self.row}, {self.column} {bounded(repr(self.value), _SHOWN)}: {self.repair}"


@attrs.frozen
class CustomerRow:
    """A valid row: the customer (with a stand-in id and category), its category's name and
    its address. ``dated`` says whether the file gave the day the customer was created; a row
    without one keeps a known customer's day, so that importing it again changes nothing.
    ``annual_pass`` is the pass its ``Jahreskarte`` column names, if any.
    """

    row: int
    customer: Customer
    category: str | None
    address: Address | None
    dated: bool = True
    annual_pass: AnnualPass | None = None


@attrs.frozen
class FileReading:
    """What a file format read: the valid rows, the problems of the bad ones (those rows are
    not imported), the warnings about values it repaired in rows it kept, and the file's
    columns it does not keep.
    """

    rows: Sequence[CustomerRow]
    problems: Sequence[RowProblem] = ()
    warnings: Sequence[RowWarning] = ()
    ignored_columns: tuple[str, ...] = ()


@attrs.frozen
class ImportResult:
    """What an import did: customers created, updated and unchanged, categories created, every
    problem found and every value repaired (``warnings``). With ``strict=True`` and any problem
    or warning, nothing was imported.
    """

    created: int
    updated: int
    unchanged: int
    categories_created: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    imported: bool
    warnings: tuple[RowWarning, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    """The file's columns that are not kept, each named once (``Jahreskarte``)."""

    @property
    def ok(self) -> bool:
        """True when every row was good."""
        return not self.problems


class CustomerFileFormat(Protocol):
    """Reads and writes customer files of one layout (such as the go~mus customer report)."""

    def read(
        self,
        text: str,
        *,
        now: datetime,
        time_zone: tzinfo,
        category_of: Callable[[str | None], CustomerCategoryId | None],
        membership_types: Collection[str] = (),
    ) -> FileReading:
        """Every valid row, every problem of the bad ones, and every repaired value.

        ``category_of(name)`` gives the id of the customer category a row names (None: the
        row names none and there is no default; ValidationError: the name is no category's);
        ``membership_types`` are the names of the store's types, for annual passes.
        """
        ...

    def read_table(
        self,
        header_cells: Sequence[str],
        data: Iterable[tuple[int, Sequence[str]]],
        *,
        now: datetime,
        time_zone: tzinfo,
        category_of: Callable[[str | None], CustomerCategoryId | None],
        membership_types: Collection[str] = (),
    ) -> FileReading:
        """Like :meth:`read`, for a table already split into cells, each row with its number."""
        ...

    def write(
        self,
        customers: Sequence[Customer],
        categories: Mapping[CustomerCategoryId, str],
        *,
        time_zone: tzinfo,
        passes: Mapping[CustomerId, str] | None = None,
    ) -> str:
        """The customers as a file's text, with the cells of their annual passes."""
        ...


Progress = Callable[[int, int], None]

Table = tuple[Sequence[str], Iterable[tuple[int, Sequence[str]]]]
"""A file's header cells, and its data rows (each with its number, from 1) as text cells."""

WorkbookReader = Callable[[Path], Table]
"""Reads a workbook's first sheet as a :data:`Table`."""


class CustomerFiles:
    """Imports and exports customer files of one format, each in one unit of work."""

    def __init__(
        self,
        context: ServiceContext,
        file_format: CustomerFileFormat,
        workbook: WorkbookReader | None = None,
    ) -> None:
        self._ctx = context
        self._format = file_format
        self._workbook = workbook

    def import_file(
        self, path: str | Path, *, strict: bool = False, progress: Progress | None = None
    ) -> ImportResult:
        """Import a customer file and say what happened.

        Every bad row is reported with row number, column, value and reason; every repaired value
        (a postal code written as a number) is a warning. The valid rows are imported, unless
        ``strict=True``, which imports nothing (not even new categories) when there is any
        problem or warning. Customers are matched on their customer number, so importing the same
        file again changes nothing. Unknown categories are created; an empty category means
        the default one. ``progress(done, total)`` is called as rows are saved. The import is
        one unit of work: a failure leaves the store as it was. Raises FileAccessError when the
        file cannot be read.
        """
        _options(strict, progress)
        text = read_text(to_path(path, "path"))
        return self._import(
            lambda **options: self._format.read(text, **options),
            strict=strict,
            progress=progress,
        )

    def import_workbook(
        self, path: str | Path, *, strict: bool = False, progress: Progress | None = None
    ) -> ImportResult:
        """Import the first sheet of a workbook (XLSX) exactly as :meth:`import_file` imports
        a CSV file: the same columns, repairs, warnings, problems and strict mode.

        Raises MissingExtraError when the ``xlsx`` extra is not installed, FileAccessError
        when the file cannot be read as a workbook.
        """
        if self._workbook is None:
            raise MissingExtraError("xlsx", "go~mus XLSX import")
        _options(strict, progress)
        header, data = self._workbook(to_path(path, "path"))
        return self._import(
            lambda **options: self._format.read_table(header, data, **options),
            strict=strict,
            progress=progress,
        )

    def _import(
        self, read: Callable[..., FileReading], *, strict: bool, progress: Progress | None
    ) -> ImportResult:
        with collector_paused():
            return self._import_rows(read, strict=strict, progress=progress)

    def _import_rows(
        self, read: Callable[..., FileReading], *, strict: bool, progress: Progress | None
    ) -> ImportResult:
        with self._ctx.unit_of_work() as uow:
            categories = _Categories(uow.customer_categories.list())
            matching = uow.customers.count() > 0  # an empty store has nothing to match
            types = [t.name for t in uow.membership_types.list()]
        reading = read(
            now=self._ctx.now(),
            time_zone=self._ctx.time_zone,
            category_of=categories.id_of,
            membership_types=types,
        )
        rows, found = reading.rows, sorted(reading.problems, key=lambda p: p.row)
        warnings = tuple(sorted(reading.warnings, key=lambda w: w.row))
        if strict and (found or warnings):
            return ImportResult(
                0, 0, 0, (), tuple(found), imported=False, warnings=warnings,
                ignored_columns=reading.ignored_columns,
            )  # fmt: skip
        with self._ctx.unit_of_work() as uow:
            created = categories.new_ones({row.customer.category_id for row in rows})
            for category in created:
                uow.customer_categories.add(category)
            created_rows, updated, unchanged, erased = save_rows(
                uow, rows, matching=matching, progress=progress, today=self._ctx.today()
            )
            uow.commit()
        names = tuple(c.name for c in created)
        problems = tuple(sorted([*found, *erased], key=lambda p: p.row))
        return ImportResult(
            created_rows, updated, unchanged, names, problems, imported=True, warnings=warnings,
            ignored_columns=reading.ignored_columns,
        )  # fmt: skip

    def export_file(self, path: str | Path) -> int:
        """Write every customer to a file; returns how many. FileAccessError if it cannot."""
        with self._ctx.unit_of_work() as uow:
            customers = uow.customers.list()
            names = {c.id: c.name for c in uow.customer_categories.list()}
            # The Jahreskarte column only where the museum keeps passes.
            passes = export_passes(uow.memberships.list()) if uow.membership_types.list() else None
        text = self._format.write(customers, names, time_zone=self._ctx.time_zone, passes=passes)
        target = to_path(path, "path")
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            raise FileAccessError(str(path), "write", error.strerror or str(error)) from None
        return len(customers)


def _options(strict: object, progress: object) -> None:
    """Check an import's options before any file is read."""
    if not isinstance(strict, bool):
        raise ValidationError.single("strict", f"must be True or False, not {shown(strict)}")
    if progress is not None and not callable(progress):
        raise ValidationError.single(
            "progress", f"{shown(progress)} is not a function (done, total)"
        )


class _Categories:
    """The customer categories a file names: the store's, and new ones made on the way."""

    def __init__(self, known: Iterable[CustomerCategory]) -> None:
        self._known = {c.key: c for c in known}
        self._default = next((c for c in self._known.values() if c.is_default), None)
        self._new: dict[str, CustomerCategory] = {}
        self._by_text: dict[str, CustomerCategoryId] = {}  # each cell's text, as found

    def id_of(self, name: str | None) -> CustomerCategoryId | None:
        """The category named ``name`` (a new one if the store has none); the default for
        None. Raises ValidationError for a name no category can have.
        """
        if name is None:
            return None if self._default is None else self._default.id
        known = self._by_text.get(name)  # a file names a few categories in many rows
        if known is not None:
            return known
        key = name_key(name)
        found = self._known.get(key) or self._new.get(key)
        if found is None:
            found = self._new[key] = CustomerCategory(CustomerCategoryId(new_id()), name)
        self._by_text[name] = found.id
        return found.id

    def new_ones(self, used: Collection[CustomerCategoryId]) -> list[CustomerCategory]:
        """The new categories that imported rows use, in the order the file named them."""
        return [c for c in self._new.values() if c.id in used]
