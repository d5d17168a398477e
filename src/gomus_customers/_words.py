"""Words that agree with their number, for text meant for people ("1 Kunde", "2 Kunden")."""

from __future__ import annotations

__all__ = ["counted"]


def counted(number: int, singular: str, plural: str) -> str:
    """Return ``number`` with the noun form that agrees with it, the number grouped by language.

    German and English both take the singular for exactly one, the plural otherwise (also for
    zero: "0 Kunden", "0 customers").

    >>> counted(1, "Datensatz", "Datensätze"), counted(2, "problem", "problems")
    ('1 Datensatz', '2 problems')
    """
    return f"{number} {singular if number == 1 else plural}"
