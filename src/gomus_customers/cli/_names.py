"""What the command line says when a name it was given is no record's (the names there are),
and the names of its options in the library's messages."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gomus_customers.exceptions import ValidationError

if TYPE_CHECKING:
    from gomus_customers import CustomerCategory, CustomerModule, OfferCategory

__all__ = ["CUSTOMER_KEY", "customer_category", "in_options", "offer_category", "unknown_name"]

CUSTOMER_KEY = "customer number, e-mail, id or name"
"""How the commands' help names a customer (see ``find_customer``)."""

SHOWN = 10
"""At most this many names are listed; the message says how many there are in all."""


def unknown_name(
    option: str, name: str, names: Iterable[str], *, kind: str, kinds: str
) -> ValidationError:
    """The error for ``name`` given as ``option``, which is no ``kind``'s: it lists the names
    there are (``kinds``, the plural; sorted, the first ten and how many in all), or says
    there are none yet."""
    known = sorted(set(names), key=lambda text: (text.casefold(), text))
    if not known:
        listed = f"there are no {kinds} yet"
    elif len(known) <= SHOWN:
        listed = f"the {kinds} are {', '.join(known)}"
    else:
        listed = f"the {kinds} are {', '.join(known[:SHOWN])}, ... ({len(known)} in all)"
    return ValidationError.single(option, f"there is no {kind} {name.strip()!r}; {listed}")


def customer_category(module: CustomerModule, option: str, name: str) -> CustomerCategory:
    """The customer category named ``name`` (given as ``option``), or the error that lists
    the categories there are."""
    found = module.categories.customer_category_by_name(name)
    if found is None:
        names = (category.name for category in module.categories.customer_categories())
        raise unknown_name(
            option, name, names, kind="customer category", kinds="customer categories"
        )
    return found


def offer_category(module: CustomerModule, option: str, name: str) -> OfferCategory:
    """The offer category named ``name`` (given as ``option``; without regard to case), or the
    error that lists the offer categories there are."""
    wanted = name.strip().casefold()
    categories = module.categories.offer_categories()
    for category in categories:
        if category.name.casefold() == wanted:
            return category
    names = (c.name for c in categories)
    raise unknown_name(option, name, names, kind="offer category", kinds="offer categories")


# The library's arguments whose option has another name.
_OPTION_OF = {
    "discount": "percent",
    "joining_price": "price",
    "max_group_size": "per_group",
    "requester_name": "name",
}


def in_options(
    error: ValidationError, parser: argparse.ArgumentParser, args: argparse.Namespace
) -> ValidationError:
    """``error`` with each problem named by what the user gave on the command line, where the
    library's name for it is one of the command's options or arguments: ``--grace-days`` for
    ``grace_days``, ``--price`` for ``joining_price``, ``NAME`` for ``name``."""
    given: dict[str, str] = {}
    current: argparse.ArgumentParser | None = parser
    while current is not None:  # the command's parsers, from the top to the one that ran
        chosen = None
        for action in current._actions:  # noqa: SLF001 - argparse keeps no public list
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001 - the same
                chosen = action.choices.get(getattr(args, action.dest, None) or "")
            elif action.option_strings:
                given[action.dest] = max(action.option_strings, key=len)
            elif isinstance(action.metavar, str):
                given[action.dest] = action.metavar
            else:
                given[action.dest] = action.dest.upper()
        current = chosen
    for library, dest in _OPTION_OF.items():
        if dest in given:
            given.setdefault(library, given[dest])
    if not any(path in given for path, _ in error.problems):
        return error
    return ValidationError((given.get(path, path), message) for path, message in error.problems)
