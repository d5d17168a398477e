"""Price kinds and surcharges (Preisstufen, Zuschläge) as staff write them on the command line.

A price kind is ``NAME=AMOUNT`` (``ermäßigt=9,50``). A surcharge is
``TITLE=AMOUNT[/group]@WHEN``: its title, its amount per person (or per group started, with
``/group``) and when it applies, by the names of
:class:`~gomus_customers.model.offers.SurchargeCondition`:

- ``sunday_or_holiday``: on Sundays and the museum's public holidays;
- ``weekdays=6,7``: on these weekdays (Monday 1 … Sunday 7);
- ``from_time=18:00``: at or after a time of day; ``until_time=10:00``: before it;
- ``language``: when the visit's language is not the offer's;
- ``optional``: when the line chooses it (``quote --with TITLE``).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import time

from gomus_customers._checks import whole_number
from gomus_customers.exceptions import ValidationError
from gomus_customers.model import PriceBasis, Surcharge, SurchargeCondition
from gomus_customers.money import Money

__all__ = ["describe", "price_kind", "surcharge_parser"]

_EXAMPLE = "such as 'Sonntagszuschlag=2,00@sunday_or_holiday'"
_WHENS = (
    "sunday_or_holiday, weekdays=6,7 (Monday 1 ... Sunday 7), from_time=18:00, "
    "until_time=10:00, language or optional"
)
_WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def price_kind(amount: Callable[[str], str]) -> Callable[[str], tuple[str, str]]:
    """The option type of ``--kind NAME=AMOUNT``: the name and the amount's decimal text,
    read by ``amount``."""

    def read(text: str) -> tuple[str, str]:
        name, equals, price = text.rpartition("=")
        if not equals or not name.strip():
            message = f"{text!r} is not NAME=AMOUNT, such as 'ermäßigt=9,50'"
            raise argparse.ArgumentTypeError(message)
        return name.strip(), amount(price)

    return read


def surcharge_parser(amount: Callable[[str], str]) -> Callable[[str], Surcharge]:
    """The option type of ``--surcharge TITLE=AMOUNT[/group]@WHEN`` (see the module's
    docstring), with amounts read by ``amount``. A bad one is named whole, then what is wrong
    with it."""

    def read(text: str) -> Surcharge:
        head, at, when = text.rpartition("@")
        title, equals, price = head.partition("=")
        if not at or not equals:
            message = f"{text!r} is not TITLE=AMOUNT[/group]@WHEN, {_EXAMPLE}"
            raise argparse.ArgumentTypeError(message)
        try:
            return _surcharge(title, price, when.strip(), amount)
        except argparse.ArgumentTypeError as error:
            raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None
        except ValidationError as error:
            told = "; ".join(f"{path}: {message}" for path, message in error.problems)
            raise argparse.ArgumentTypeError(f"{text!r}: {told}") from None

    return read


def _surcharge(title: str, price: str, when: str, amount: Callable[[str], str]) -> Surcharge:
    basis = PriceBasis.PER_PERSON
    found = re.fullmatch(r"(.*?)\s*/\s*(?:group|Gruppe)", price.strip())
    if found is not None:
        price, basis = found[1], PriceBasis.PER_GROUP
    condition, _, value = when.partition("=")
    try:
        kind = SurchargeCondition(condition.strip().lower().replace("-", "_"))
    except ValueError:
        message = f"{when!r} is not when a surcharge applies: {_WHENS}"
        raise argparse.ArgumentTypeError(message) from None
    value = value.strip()
    weekdays: tuple[int, ...] = ()
    at = None
    if kind is SurchargeCondition.WEEKDAYS:
        days = [whole_number(day, 99) for day in value.split(",")]
        if None in days:
            message = f"{when!r} is not weekdays such as weekdays=6,7 (Monday 1 ... Sunday 7)"
            raise argparse.ArgumentTypeError(message)
        weekdays = tuple(day for day in days if day is not None)
    elif kind in {SurchargeCondition.FROM_TIME, SurchargeCondition.UNTIL_TIME}:
        try:
            at = time.fromisoformat(value)
        except ValueError:
            message = f"{when!r} is not a time of day such as {kind}=18:00"
            raise argparse.ArgumentTypeError(message) from None
    elif value:
        message = f"{kind} takes no value; only weekdays, from_time and until_time have one"
        raise argparse.ArgumentTypeError(message)
    return Surcharge(
        title=title,
        amount=Money(amount(price)),
        condition=kind,
        basis=basis,
        weekdays=weekdays,
        time=at,
    )


def describe(surcharge: Surcharge) -> str:
    """A surcharge in words: "Sonntagszuschlag 2.00 EUR per person on Sundays and public
    holidays"."""
    per = "per group" if surcharge.basis is PriceBasis.PER_GROUP else "per person"
    condition = surcharge.condition
    if condition is SurchargeCondition.SUNDAY_OR_HOLIDAY:
        when = "on Sundays and public holidays"
    elif condition is SurchargeCondition.WEEKDAYS:
        *others, last = [_WEEKDAYS[day - 1] for day in sorted(set(surcharge.weekdays))]
        when = f"on {', '.join(others)} and {last}" if others else f"on {last}"
    elif condition is SurchargeCondition.FROM_TIME:
        when = f"from {surcharge.time:%H:%M}"
    elif condition is SurchargeCondition.UNTIL_TIME:
        when = f"before {surcharge.time:%H:%M}"
    elif condition is SurchargeCondition.LANGUAGE:
        when = "in a language other than the offer's"
    else:
        when = "when chosen"
    return f"{surcharge.title} {surcharge.amount} {per} {when}"
