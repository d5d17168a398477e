"""One data row of a go~mus file as the import reads it: its cells, its problems, its repairs
and the values it drops, and the rules whole files add (the length of a row, a number two rows
share). :mod:`gomus_customers.interop.gomus_csv` builds each customer from a row.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date

from gomus_customers._csvsafe import restore
from gomus_customers._words import counted
from gomus_customers.interop.annual_passes import JAHRESKARTE, AnnualPass, gomus_day, read_pass
from gomus_customers.services.imports import CustomerRow, RowProblem, RowWarning

__all__ = [
    "COLUMNS",
    "NUMBER_AS_FLOAT",
    "Row",
    "pass_of",
    "past_day",
    "without_repeated_numbers",
    "wrong_length",
]

COLUMNS = (
    "Nummer", "Anrede", "Vorname", "Name", "E-Mail", "Telefon", "Mobil", "Fax", "Sprache",
    "Kategorie", "Straße", "PLZ", "Stadt", "Land", "Typ", "Erstellt am", "Newsletter",
    "Geburtstag",
)  # fmt: skip
"""The columns of the go~mus customer report, in order."""
_ORDER = {column: place for place, column in enumerate((*COLUMNS, JAHRESKARTE))}

NUMBER_AS_FLOAT = re.compile(r"(\d+)\.0+")
"""A number as a spreadsheet writes it back: ``241127.0``."""


class Row:
    """One data row being read: its cells, its problems, its repairs and its dropped values.

    A bad optional value is dropped (``drop``): the customer is kept without it, and the
    import warns. Should the row have a problem as well, so that it is not imported, each
    dropped value is reported as one of its problems instead.
    """

    def __init__(self, number: int, columns: Sequence[str], cells: Sequence[str]) -> None:
        self.number = number
        # Each cell as the rules read it: stripped, a neutralised formula sign restored.
        stripped = list(map(str.strip, cells))
        # Seldom a quote at all (O'Brien has one, but not first): one search of the row first.
        if "'" in "".join(stripped):
            stripped = [restore(c) if c.startswith("'") else c for c in stripped]
        self.cells = dict(zip(columns, stripped, strict=True))
        self.problems: list[RowProblem] = []
        self.warnings: list[RowWarning] = []
        self.dropped: list[tuple[str, str, str]] = []

    def drop(self, column: str, reason: str, instead: str) -> None:
        self.dropped.append((column, reason, instead))

    def findings(self) -> tuple[list[RowProblem], list[RowWarning]]:
        """The row's problems, or (when it has none) its warnings, each by column order."""
        if self.problems:
            found = self.problems + [
                RowProblem(self.number, column, self.get(column), reason)
                for column, reason, _ in self.dropped
            ]
            return sorted(found, key=lambda p: _ORDER.get(p.column, len(_ORDER))), []
        warnings = self.warnings + [
            RowWarning(self.number, column, self.get(column), f"{reason}; {instead}")
            for column, reason, instead in self.dropped
        ]
        return [], sorted(warnings, key=lambda w: _ORDER.get(w.column, len(_ORDER)))

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(RowProblem(self.number, column, self.get(column), reason))

    def warn(self, column: str, repair: str) -> None:
        self.warnings.append(RowWarning(self.number, column, self.get(column), repair))

    def digits_quietly(self, column: str) -> str:
        """Like :meth:`digits`, without a warning (for a second look at the cell)."""
        value = self.get(column)
        as_float = NUMBER_AS_FLOAT.fullmatch(value)
        return as_float.group(1) if as_float else value

    def digits(self, column: str) -> str:
        """The cell, with a number a spreadsheet wrote as ``241127.0`` read as ``241127``."""
        value = self.get(column)
        as_float = NUMBER_AS_FLOAT.fullmatch(value)
        if not as_float:
            return value
        self.warn(column, f"written as a number; read as {as_float.group(1)!r}")
        return as_float.group(1)

    def choice(
        self, column: str, choices: Mapping[str, object], allowed: str, *, instead: str = ""
    ) -> object:
        """The value the cell names; a problem if it names none, or with ``instead`` (what is
        used in its place) a dropped value.
        """
        value = self.get(column)
        key = value.casefold()
        if key in choices:
            return choices[key]
        if instead:
            self.drop(column, f"is not one of {allowed}", instead)
        else:
            self.problem(column, f"is not one of {allowed}")
        return None

    def day(self, column: str, instead: str) -> date | None:
        """The date in an optional cell; a value that is none is dropped."""
        value = self.get(column)
        if not value:
            return None
        try:
            return gomus_day(value)
        except ValueError:
            self.drop(column, "is not a date dd.mm.yyyy that exists", instead)
            return None


def pass_of(row: Row, types: Collection[str]) -> AnnualPass | None:
    """The row's pass (``Jahreskarte``), or None; one that cannot be read is a warning."""
    found, reason = read_pass(
        row.get(JAHRESKARTE), customer_number=row.digits_quietly("Nummer"), types=types
    )
    if reason is not None:
        row.warnings.append(RowWarning(row.number, JAHRESKARTE, row.get(JAHRESKARTE), reason))
    return found


def past_day(row: Row, column: str, instead: str, today: date) -> date | None:
    """The row's day in ``column``, or None: empty, not a day, or in the future (each a
    finding that says what is used ``instead``)."""
    day = row.day(column, instead)
    if day is not None and day > today:
        row.drop(column, "is in the future", instead)
        return None
    return day


def wrong_length(number: int, cells: Sequence[str], header: Sequence[str]) -> RowProblem:
    return RowProblem(
        number,
        "fields",
        str(len(cells)),
        f"the row has {counted(len(cells), 'field', 'fields')} and the header {len(header)}; "
        "a separator or a quote is missing or too many",
    )


def without_repeated_numbers(
    rows: list[CustomerRow], problems: list[RowProblem]
) -> tuple[list[CustomerRow], list[RowProblem]]:
    """Rows whose ``Nummer`` another row has too become problems, each naming the other."""
    first: dict[str, CustomerRow] = {}
    repeated: dict[int, str] = {}
    for row in rows:
        number = row.customer.number
        if number is None:
            continue
        if number in first:
            earlier = first[number]
            repeated.setdefault(earlier.row, f"the number appears again in row {row.row}")
            repeated[row.row] = f"the number appeared already in row {earlier.row}"
        else:
            first[number] = row
    if not repeated:
        return rows, problems
    numbers = {row.row: row.customer.number or "" for row in rows}
    problems = problems + [
        RowProblem(line, "Nummer", numbers[line], reason) for line, reason in repeated.items()
    ]
    return [row for row in rows if row.row not in repeated], problems
