"""The go~mus customer report as an Excel workbook (XLSX), read with openpyxl.

go~mus offers its reports as XLSX downloads. Numbers arrive as numbers and dates as dates;
this module turns each cell into the text the CSV reader expects (``241127``, ``14.03.1985``)
and leaves every rule to it, so that a workbook and a CSV file of the same rows import alike.
openpyxl is the optional extra ``xlsx``; without it, reading raises MissingExtraError.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

from gomus_customers.exceptions import FileAccessError, MissingExtraError
from gomus_customers.services.imports import Table

__all__ = ["read_workbook"]


def read_workbook(path: Path) -> Table:
    """The first sheet's header and data rows as text cells, each row with its number.

    Rows are read in openpyxl's read-only mode, one at a time, so a large sheet is not held in
    memory. Raises MissingExtraError without openpyxl, FileAccessError when the file is
    missing or no workbook.
    """
    try:
        import openpyxl
    except ImportError as missing:
        raise MissingExtraError("xlsx", "go~mus XLSX import") from missing
    from openpyxl.utils.exceptions import InvalidFileException

    # A ZIP with junk inside fails anywhere from opening to the last row: every such failure
    # is the file's, and says so.
    broken = (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError,
              InvalidFileException, ParseError)  # fmt: skip

    def unreadable(error: Exception) -> FileAccessError:
        reason = f"it is not an Excel workbook (XLSX) ({type(error).__name__}: {error})"
        return FileAccessError(str(path), "read", reason[:300])

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise FileAccessError(str(path), "read", "there is no such file") from None
    except broken as error:
        raise unreadable(error) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_text(cell) for cell in next(rows, ())]
    except broken as error:
        book.close()
        raise unreadable(error) from None

    def data() -> Iterator[tuple[int, Sequence[str]]]:
        try:
            for number, values in enumerate(rows, start=1):
                cells = [_text(cell) for cell in values]
                # A sheet has no separators to miscount: fit each row to the header.
                cells = (cells + [""] * len(header))[: len(header)]
                yield number, cells
        except broken as error:
            raise unreadable(error) from None
        finally:
            book.close()

    return header, data()


def _text(cell: object) -> str:
    """A cell as the text go~mus's CSV export would hold."""
    match cell:
        case None:
            text = ""
        case bool():
            text = "ja" if cell else "nein"
        case datetime() | date():
            text = cell.strftime("%d.%m.%Y")
        case time():
            text = cell.isoformat()
        case int():
            text = str(cell)
        case float() | Decimal() if not math.isfinite(cell):
            # Infinity or NaN, which a workbook made by hand may hold and int() refuses: a
            # bad value of its row.
            text = str(cell)
        case float() | Decimal():
            text = str(int(cell)) if cell == int(cell) else str(cell)
        case _:
            text = str(cell)
    return text
