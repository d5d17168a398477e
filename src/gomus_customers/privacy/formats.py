"""Values as a letter writes them, in German and in English (DESIGN 13, "letters read as letters").

German: ``31.01.2026``, ``20.02.2026, 10:00 Uhr``, ``1.234,50 €``, "Deutschland", "Deutsch".
English: ``31 January 2026``, ``20 February 2026, 10:00``, ``€1,234.50``, "Germany", "German".
Times are shown in the museum's time zone. Each function returns a :class:`Text` with both
forms, so that a report holds what either letter shows.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo
from decimal import Decimal

from gomus_customers._iso import ISO_COUNTRIES, ISO_COUNTRIES_EN, ISO_LANGUAGES, ISO_LANGUAGES_EN
from gomus_customers.money import CURRENCIES, Money
from gomus_customers.privacy.collectors import Text

__all__ = ["amount", "country", "day", "language", "moment", "records"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_SYMBOLS = {"EUR": "€", "CHF": "CHF ", "GBP": "£", "USD": "$"}
# A copy of thousands of orders writes the same few days and amounts again and again; each is
# written once (the values are immutable, and equal values are written alike).
_WRITTEN = 4096


@functools.lru_cache(maxsize=_WRITTEN)
def day(value: date) -> Text:
    """A date: ``31.01.2026`` / ``31 January 2026``.

    >>> day(date(2026, 1, 31))
    Text(de='31.01.2026', en='31 January 2026')
    """
    return Text(
        f"{value.day:02d}.{value.month:02d}.{value.year}",
        f"{value.day} {_MONTHS[value.month - 1]} {value.year}",
    )


def moment(value: datetime, time_zone: tzinfo) -> Text:
    """A point in time on the museum's clock: ``20.02.2026, 10:00 Uhr`` / ``20 February 2026,
    10:00``.

    >>> from datetime import UTC
    >>> from zoneinfo import ZoneInfo
    >>> moment(datetime(2026, 2, 20, 23, 30, tzinfo=UTC), ZoneInfo("Europe/Berlin"))
    Text(de='21.02.2026, 00:30 Uhr', en='21 February 2026, 00:30')
    """
    local = value.astimezone(time_zone)
    shown = day(local.date())
    clock = f"{local.hour:02d}:{local.minute:02d}"
    return Text(f"{shown.de}, {clock} Uhr", f"{shown.en}, {clock}")


@functools.lru_cache(maxsize=_WRITTEN)
def amount(money: Money) -> Text:
    """An amount with its currency: ``1.234,50 €`` / ``€1,234.50``.

    >>> amount(Money("1234.5")), amount(Money("-3", "CHF"))
    (Text(de='1.234,50 €', en='€1,234.50'), Text(de='-3,00 CHF', en='-CHF 3.00'))
    """
    places = CURRENCIES.get(money.currency, 2)
    value: Decimal = money.amount
    english = f"{abs(value):,.{places}f}"
    german = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "-" if value < 0 else ""
    symbol = _SYMBOLS.get(money.currency, f"{money.currency} ")
    return Text(f"{sign}{german} {symbol.strip()}", f"{sign}{symbol}{english}")


def country(code: str) -> Text:
    """A country by its name: "Deutschland" / "Germany"; an unknown code as it is.

    >>> country("DE"), country("XK")
    (Text(de='Deutschland', en='Germany'), Text(de='XK', en='XK'))
    """
    names = ISO_COUNTRIES.get(code)
    if names is None:
        return Text(code, code)
    return Text(names["name"], ISO_COUNTRIES_EN.get(code, names["name"]))


def language(code: str) -> Text:
    """A language by its name: "Deutsch" / "German"; an unknown code as it is.

    >>> language("de")
    Text(de='Deutsch', en='German')
    """
    german = ISO_LANGUAGES.get(code)
    if german is None:
        return Text(code, code)
    return Text(german, ISO_LANGUAGES_EN.get(code, german))


def records(count: int) -> Text:
    """How many records, the noun agreeing: "1 Datensatz", "2 Datensätze" / "1 record".

    >>> records(1), records(0)
    (Text(de='1 Datensatz', en='1 record'), Text(de='0 Datensätze', en='0 records'))
    """
    return Text(
        f"{count} {'Datensatz' if count == 1 else 'Datensätze'}",
        f"{count} {'record' if count == 1 else 'records'}",
    )
