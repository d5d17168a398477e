"""A customer's addresses and memberships (DESIGN 3): where a customer can be reached, and
the institutions they belong to. :class:`~gomus_customers.model.customers.Customer` holds them.
"""

from __future__ import annotations

import enum
import re
import uuid
from datetime import date

import attrs

from gomus_customers._checks import (
    COUNTRIES,
    MAX_TEXT,
    Problems,
    plain_text,
    strip,
    strip_or_none,
    upper,
)
from gomus_customers.ids import AddressId, InstitutionId

__all__ = ["Address", "AddressType", "Membership", "postal_code_problem"]

_POSTAL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{1,11}")
_GERMAN_POSTAL_CODE = re.compile(r"[0-9]{5}")


def postal_code_problem(postal_code: str, country: str | None) -> str | None:
    """What is wrong with ``postal_code`` as a postal code of ``country`` (None: a country not
    known), or None when nothing is.

    A German one has five digits. Elsewhere a postal code is letters, digits, ``-`` or spaces
    and has at least one digit: every postal code system has digits, so a code written out in
    words ("vierzehn") is none, whatever the country.
    """
    if country == "DE":
        if _GERMAN_POSTAL_CODE.fullmatch(postal_code):
            return None
        expected = "five digits"
    elif _POSTAL_CODE.fullmatch(postal_code) and any(c.isdigit() for c in postal_code):
        return None
    else:
        expected = "letters, digits, - or spaces, with at least one digit"
    of = f" of {country}" if country else ""
    return f"{postal_code!r} is not a postal code{of}: expected {expected}"


class AddressType(enum.StrEnum):
    """What an address is used for."""

    CUSTOMER = "customer"
    INVOICE = "invoice"
    DELIVERY = "delivery"


@attrs.frozen(kw_only=True)
class Address:
    """A postal address of a customer; at an institution when ``institution_id`` is set.

    ``country`` is an ISO 3166-1 alpha-2 code (default ``"DE"``); German postal codes have five
    digits. An address at an institution needs a membership of its customer there.
    """

    id: AddressId
    type: AddressType = AddressType.CUSTOMER
    addressee: str | None = attrs.field(default=None, converter=strip_or_none)
    street: str = attrs.field(converter=strip)
    postal_code: str = attrs.field(converter=strip)
    city: str = attrs.field(converter=strip)
    country: str = attrs.field(default="DE", converter=upper)
    institution_id: InstitutionId | None = None

    def __attrs_post_init__(self) -> None:
        if not self._plainly_valid():
            self._check()

    def _plainly_valid(self) -> bool:
        """Whether every rule of :meth:`_check` holds, by the quickest tests that show it for
        the common address. False only means that :meth:`_check` must say what is wrong; a
        test shows that nothing passes here that it refuses."""
        street, city, postal_code, addressee = (
            self.street,
            self.city,
            self.postal_code,
            self.addressee,
        )
        return (
            type(self.id) is uuid.UUID
            and type(self.type) is AddressType
            and type(street) is str
            and 0 < len(street) <= MAX_TEXT
            and type(city) is str
            and 0 < len(city) <= MAX_TEXT
            and (addressee is None or (type(addressee) is str and 0 < len(addressee) <= MAX_TEXT))
            # The three lines' text rules at once: on one line, nothing unsafe.
            and plain_text(f"{street}\t{city}\t{addressee or ''}", 3 * MAX_TEXT + 2)
            and type(self.country) is str
            and self.country in COUNTRIES
            and type(postal_code) is str
            and 0 < len(postal_code) <= 12
            and postal_code_problem(postal_code, self.country) is None
            and (self.institution_id is None or type(self.institution_id) is uuid.UUID)
        )

    def _check(self) -> None:
        """Every rule, with every problem at once (ValidationError)."""
        problems = Problems()
        problems.uuid("id", self.id)
        problems.enum("type", self.type, AddressType)
        for path in ("addressee", "street", "city"):
            value = getattr(self, path)
            problems.text(path, value, required=path != "addressee")
            problems.one_line(path, value)
        problems.country("country", self.country)
        problems.text("postal_code", self.postal_code, required=True, max_length=12)
        postal_code: object = self.postal_code
        if isinstance(postal_code, str) and postal_code:
            wrong = postal_code_problem(postal_code, self.country)
            if wrong:
                problems.add("postal_code", wrong)
        if self.institution_id is not None:
            problems.uuid("institution_id", self.institution_id)
        problems.raise_if_any()

    @property
    def is_private(self) -> bool:
        """True for a private address, False for an address at an institution."""
        return self.institution_id is None

    @property
    def place(self) -> tuple[str, str, str, str]:
        """Where the address is: street, postal code, city and country, for comparing two."""
        return (self.street, self.postal_code, self.city, self.country)

    def lines(self) -> tuple[str, ...]:
        """The address as printed on a letter, without the recipient's name."""
        lines = [self.addressee] if self.addressee else []
        lines += [self.street, f"{self.postal_code} {self.city}"]
        if self.country != "DE":
            lines.append(self.country)
        return tuple(lines)


@attrs.frozen
class Membership:
    """A customer's membership in an institution.

    ``since`` and ``until`` are both inclusive; ``None`` leaves that side open. A membership is
    active on a day D when ``since`` is None or <= D and ``until`` is None or >= D.
    """

    institution_id: InstitutionId
    role: str | None = attrs.field(default=None, converter=strip_or_none)
    since: date | None = None
    until: date | None = None

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("institution_id", self.institution_id)
        problems.text("role", self.role, required=False)
        problems.one_line("role", self.role)
        problems.day("since", self.since)
        problems.day("until", self.until)
        if not problems.items and self.since and self.until and self.until < self.since:
            problems.add("until", f"{self.until} is before the start of membership {self.since}")
        problems.raise_if_any()

    def active_on(self, day: date) -> bool:
        """Tell whether the membership is active on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or self.until >= day
        )

    def overlaps(self, other: Membership) -> bool:
        """Tell whether both memberships share at least one day."""
        return (self.since is None or other.until is None or self.since <= other.until) and (
            other.since is None or self.until is None or other.since <= self.until
        )
