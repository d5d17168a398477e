"""CSV cells that spreadsheets will not run as formulas (CSV injection), and back again.

A cell that starts with ``=``, ``@``, a tab or a carriage return, or with ``+`` or ``-``
without being a plain number or a phone number, gets a leading ``'``; :func:`restore` removes
that prefix again when the file is imported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

__all__ = ["neutralise", "restore", "spreadsheet_csv"]

_ALWAYS = ("=", "@", "\t", "\r")
# A plain number, also in German (``-1.234,50``) and English (``-1,234.50``) writing.
_NUMBER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)(?:[.,]\d+)?")
_PHONE = re.compile(r"\+\d[\d ()/.-]*")


def _formula(cell: str) -> bool:
    if cell.startswith(_ALWAYS):
        return True
    return cell.startswith(("+", "-")) and not (_NUMBER.fullmatch(cell) or _PHONE.fullmatch(cell))


def neutralise(cell: str) -> str:
    """The cell with a leading ``'`` when a spreadsheet would read it as a formula.

    A cell that already starts with quotes before a formula sign gets one more, so that
    :func:`restore` gives back exactly what was written.
    """
    if _formula(cell.lstrip("'")):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: drop the ``'`` that was put in front of a formula sign."""
    if cell.startswith("'") and _formula(cell.lstrip("'")):
        return cell[1:]
    return cell


def spreadsheet_csv(rows: Iterable[Sequence[object]]) -> str:
    """Rows as semicolon-separated CSV with a byte order mark, every cell neutralised.

    Written with ``encoding="utf-8"``, the BOM makes spreadsheets read it as UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([neutralise(str(cell)) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()
