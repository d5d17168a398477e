"""What the command line says when a name it was given is no record's: the names there are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gomus_customers.exceptions import ValidationError

if TYPE_CHECKING:
    from gomus_customers import CustomerCategory, CustomerModule, OfferCategory

__all__ = ["customer_category", "offer_category", "unknown_name"]

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
