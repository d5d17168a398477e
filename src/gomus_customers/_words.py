"""Words that agree with their number, for text meant for people ("1 Kunde", "2 Kunden"),
amounts as German spreadsheets write them, and long text cut to a length people read."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["bounded", "counted", "german_decimal"]


def counted(number: int, singular: str, plural: str) -> str:
    """Return ``number`` with the noun form that agrees with it, the number grouped by language.

    German and English both take the singular for exactly one, the plural otherwise (also for
    zero: "0 Kunden", "0 customers").

    >>> counted(1, "Datensatz", "Datensätze"), counted(2, "problem", "problems")
    ('1 Datensatz', '2 problems')
    """
    return f"{number} {singular if number == 1 else plural}"


def german_decimal(amount: Decimal) -> str:
    """``1.234,50``: an amount as German spreadsheets write it."""
    return f"{amount:,f}".replace(",", "_").replace(".", ",").replace("_", ".")


def bounded(text: str, limit: int) -> str:
    """``text``, or where it is longer than ``limit``, its start and end with what was left out
    between them: a value of a million characters given by mistake (or on purpose) is named
    by its start, and the end of the message, which says what to give instead, is kept.

    >>> bounded("email: '" + "x" * 1_000 + "' is not an e-mail address", limit=80)
    "email: 'xxxxxxxx… (985 characters left out) …xxxxxxx' is not an e-mail address"
    """
    if len(text) <= limit:
        return text
    # The room the marker leaves, measured with as many digits as it can need.
    room = limit - len(_LEFT_OUT.format(len(text)))
    head, tail = text[: room // 3], text[len(text) - (room - room // 3) :]
    return f"{head}{_LEFT_OUT.format(len(text) - room)}{tail}"


_LEFT_OUT = "… ({:,} characters left out) …"
