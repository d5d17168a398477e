"""The ``Jahreskarte`` column of go~mus customer files: an annual pass per row.

go~mus files made before December 2023 have a column ``Jahreskarte`` where later ones have
``Geburtstag``, and the library's own export writes it after ``Geburtstag``. A cell is read
as follows (decided here, as go~mus documents no format):

- empty, ``nein`` or ``0``: no pass;
- ``ja``: a pass of the membership type named "Jahreskarte";
- the name of a membership type (without regard to case), such as ``Familienjahreskarte``;
- either of these followed by ``bis dd.mm.yyyy``: the pass ends on that day.

A store without membership types keeps no passes: the column is then named among the ignored
columns, as before, and the export leaves it out. A pass needs the row's ``Nummer`` (its
membership number is ``M-GOMUS-`` and the customer number, so that the next import finds it
again) and a membership type of that name in the store. A pass that names no end day is taken
to end on the day of the import, so that staff see it as one to check and renew. Whatever
cannot be read is left out with a warning; the customer is imported all the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

import attrs

from gomus_customers._checks import FIRST_DAY, LAST_DAY

__all__ = ["JAHRESKARTE", "AnnualPass", "gomus_day", "pass_cell", "pass_number", "read_pass"]

JAHRESKARTE = "Jahreskarte"
_NO = {"", "nein", "0", "-"}
_UNTIL = re.compile(r"(?P<name>.+?)\s+bis\s+(?P<day>\S+)", re.IGNORECASE)
_LEFT_OUT = "the pass is left out"


@attrs.frozen
class AnnualPass:
    """A row's pass: the membership type's name as the store spells it, and its last day
    (``None``: the file gives none)."""

    type_name: str
    ends_on: date | None


def pass_number(customer_number: str) -> str:
    """The membership number of the pass imported for a customer number."""
    return f"M-GOMUS-{customer_number}"


def gomus_day(text: str) -> date:
    """The day a go~mus file writes as ``dd.mm.yyyy``; ValueError for any other text and for
    a day that does not exist (31.02.)."""
    day, month, year = text.split(".")
    if len(year) != 4:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


def read_pass(
    value: str, *, customer_number: str | None, types: Collection[str]
) -> tuple[AnnualPass | None, str | None]:
    """The pass a cell names and what to warn of: None with the reason it is left out, or a
    pass without an end day with the day it is taken to end (None, None: no pass meant).

    ``types`` are the names of the store's membership types.
    """
    text = " ".join(value.split())
    if text.casefold() in _NO:
        return None, None
    ends_on: date | None = None
    until = _UNTIL.fullmatch(text)
    name = text
    if until is not None:
        name = until.group("name")
        ends_on, wrong = _end_day(until.group("day"))
        if wrong is not None:
            return None, f"{wrong}; {_LEFT_OUT}"
    if name.casefold() == "ja":
        name = "Jahreskarte"
    known = {t.casefold(): t for t in types}
    if name.casefold() not in known:
        return None, (
            f"names no membership type; {_LEFT_OUT} (add the type {name!r} first, "
            "then import again)"
        )
    if not customer_number:
        return None, f"a pass needs the row's Nummer to be found again; {_LEFT_OUT}"
    if ends_on is None:
        return AnnualPass(known[name.casefold()], None), (
            "names no end day; the pass is taken to end on the day of the import: check it "
            "and renew it"
        )
    return AnnualPass(known[name.casefold()], ends_on), None


def _end_day(text: str) -> tuple[date | None, str | None]:
    """The end day a cell writes, or what is wrong with it: no date that exists, or one
    outside the days the library keeps (as a sale's)."""
    try:
        day = gomus_day(text)
    except ValueError:
        return None, f"{text!r} is not a date dd.mm.yyyy that exists"
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, f"{text!r} is not a day from {FIRST_DAY:%d.%m.%Y} to {LAST_DAY:%d.%m.%Y}"
    return day, None


def pass_cell(type_name: str, ends_on: date) -> str:
    """The cell the export writes for a pass."""
    return f"{type_name} bis {ends_on:%d.%m.%Y}"
