"""What the command line says when a name it was given is no record's: the names there are."""

from __future__ import annotations

from collections.abc import Iterable

from gomus_customers.exceptions import ValidationError

__all__ = ["unknown_name"]

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
