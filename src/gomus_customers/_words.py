"""Words that agree with their number, for text meant for people ("1 Kunde", "2 Kunden"), and
amounts as German spreadsheets write them."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["counted", "german_decimal"]


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
