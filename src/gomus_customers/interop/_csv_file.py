"""The shape of a go~mus customer file: its header, and rows read without guessing.

A file whose shape is wrong is refused whole, with one line that says where: a column missing
or named twice, a quote that is never closed. A row with more or fewer fields than the header
is a problem of that row only.
"""

from __future__ import annotations

import collections
import csv
import io
from collections.abc import Iterator, Sequence

from gomus_customers.exceptions import ValidationError

__all__ = ["OLD_COLUMN", "Header", "records"]

OLD_COLUMN = "Jahreskarte"
"""The column go~mus wrote before December 2023 where ``Geburtstag`` is now."""


class Header:
    """The header of a go~mus file: which columns it has, and which of them are not kept
    (neither ``columns`` nor the optional columns in ``read``)."""

    def __init__(
        self, cells: Sequence[str], columns: Sequence[str], *, read: Sequence[str] = ()
    ) -> None:
        names = [cell.strip() for cell in cells]
        counted = collections.Counter(names)  # linear in the number of columns
        twice = sorted(name for name, count in counted.items() if name and count > 1)
        if twice:
            raise ValidationError.single(
                "header",
                f"the column {', '.join(twice)} appears more than once; keep one and delete "
                "the others",
            )
        missing = [c for c in columns if c not in counted]
        if missing == ["Geburtstag"] and OLD_COLUMN in counted:
            missing = []  # a file from before December 2023
        kept = {*columns, *read}
        if missing:
            raise ValidationError.single("header", _lacking(missing, names, kept))
        self.names = names
        self.ignored = tuple(
            name or f"(column {place} without a name)"
            for place, name in enumerate(names, start=1)
            if name not in kept
        )


def records(text: str) -> tuple[Sequence[str], Iterator[tuple[int, Sequence[str]]]]:
    """The header's cells, and each following record with its data row number (from 1).

    The separator is a comma or, when the first line has more of them, a semicolon. Raises
    ValidationError naming the line when a quote is not closed or a quoted cell goes on after
    its closing quote.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    def following() -> Iterator[tuple[int, Sequence[str]]]:
        number = 0
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _malformed(start, reader.line_num, str(error)) from None
            number += 1
            yield number, cells

    try:
        header = next(reader, [])
    except csv.Error as error:
        raise _malformed(1, reader.line_num, str(error)) from None
    return header, following()


def _malformed(start: int, end: int, reason: str) -> ValidationError:
    if reason == "unexpected end of data":
        return ValidationError.single(
            "file", f"the quote opened in line {start} is never closed; close it or remove it"
        )
    return ValidationError.single(
        "file", f"line {end} is not CSV a spreadsheet writes ({reason}); correct the quotes"
    )


def _lacking(missing: Sequence[str], names: Sequence[str], known: set[str]) -> str:
    """What a header without some go~mus columns lacks, and what to rename: the columns that
    differ from a missing one only in case (``e-mail``), and the file's columns go~mus does
    not write (``Nachname`` where go~mus writes ``Name``)."""
    parts = [f"the file lacks the go~mus columns {', '.join(missing)}"]
    wanted = {column.casefold(): column for column in missing}
    foreign = [name for name in names if name and name not in known and name != OLD_COLUMN]
    renames = [
        f"{name} to {wanted[name.casefold()]}" for name in foreign if name.casefold() in wanted
    ]
    others = [_shown(name) for name in foreign if name.casefold() not in wanted]
    if renames:
        parts.append(f"rename {', '.join(renames)}")
    if len(others) > _LISTED:  # a file that is no go~mus report at all
        others[_LISTED:] = [f"... ({len(others)} in all)"]
    if others:
        parts.append(
            f"it has {', '.join(others)}, which go~mus does not write: give them the go~mus names"
        )
    return "; ".join(parts)


_LISTED = 10  # the file's other columns named in the error at the most
_LONGEST = 40  # the characters of a column's name shown at the most


def _shown(name: str) -> str:
    """A column's name as an error shows it: on one line, and cut after 40 characters."""
    flat = " ".join(name.split())
    return flat if len(flat) <= _LONGEST else f"{flat[:_LONGEST]}..."
