"""Customers (Kunden): natural persons with addresses and memberships in institutions."""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

import attrs

from gomus_customers._checks import (
    EARLIEST_BIRTH_DATE,
    LANGUAGES,
    MAX_NOTE,
    MAX_VERSION,
    Problems,
    email,
    is_email,
    lower,
    name_key,
    plain_text,
    shown,
    strip,
    strip_or_none,
)
from gomus_customers.exceptions import NotFoundError, ValidationError
from gomus_customers.ids import AddressId, CustomerCategoryId, CustomerId, InstitutionId
from gomus_customers.model.addresses import Address, AddressType, Membership
from gomus_customers.model.customer_history import (
    MERGEABLE_FIELDS,
    NEWSLETTER,
    Consent,
    Erasure,
    Merge,
    Restriction,
    latest_consent,
)

__all__ = [
    "MERGEABLE_FIELDS",
    "NEWSLETTER",
    "Address",
    "AddressType",
    "Consent",
    "Customer",
    "CustomerKind",
    "Erasure",
    "Membership",
    "Merge",
    "Restriction",
    "Salutation",
    "latest_consent",
]

T = TypeVar("T")

_PHONE = re.compile(r"\+?[0-9 ()/.\-]{3,40}")


class Salutation(enum.StrEnum):
    """How a customer is addressed (Anrede)."""

    MS = "ms"
    MR = "mr"
    MX = "mx"

    @property
    def german(self) -> str:
        """The go~mus word: "Frau", "Herr" or "divers"."""
        return {"ms": "Frau", "mr": "Herr", "mx": "divers"}[self.value]


class CustomerKind(enum.StrEnum):
    """Where a customer record comes from (go~mus "Typ")."""

    NORMAL = "normal"
    SHOP = "shop"
    SHOP_GUEST = "shop_guest"

    @property
    def german(self) -> str:
        """The go~mus word: "Normal", "Shop" or "Shop-Gast"."""
        return {"normal": "Normal", "shop": "Shop", "shop_guest": "Shop-Gast"}[self.value]


def _of_type(
    items: Iterable[object], kind: type[T], path: str, problems: Problems
) -> list[tuple[int, T]]:
    """The items that are of ``kind``, with their index; the others are reported."""
    found: list[tuple[int, T]] = []
    for index, item in enumerate(items):
        if isinstance(item, kind):
            found.append((index, item))
        else:
            problems.add(f"{path}[{index}]", f"must be a {kind.__name__}, not {item!r}")
    return found


def _plain_phone(phone: object) -> bool:
    return phone is None or (type(phone) is str and _PHONE.fullmatch(phone) is not None)


def _plain_addresses(addresses: tuple[Address, ...]) -> bool:
    """Private addresses (no membership makes one at an institution valid), ids distinct."""
    if not all(type(a) is Address and a.institution_id is None for a in addresses):
        return False
    return len(addresses) < 2 or len({a.id for a in addresses}) == len(addresses)


def _plain_consents(consents: tuple[Consent, ...], newsletter: object) -> bool:
    """Consent records only, the latest newsletter record agreeing with ``newsletter``."""
    if not consents:
        return True
    if not all(type(c) is Consent for c in consents):
        return False
    latest = latest_consent(consents, NEWSLETTER)
    return latest is None or latest.given is newsletter


def _addresses(value: Iterable[Address]) -> tuple[Address, ...]:
    return tuple(value)


def _memberships(value: Iterable[Membership]) -> tuple[Membership, ...]:
    return tuple(value)


def _consents(value: Iterable[Consent]) -> tuple[Consent, ...]:
    return tuple(value)


def _merges(value: Iterable[Merge]) -> tuple[Merge, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Customer:
    """A customer (Kunde): always a natural person, in exactly one customer category.

    Names are composed to NFC, stripped, required and need a letter; ``email`` is checked and
    stored lower-cased; ``language`` is an ISO 639-1 code (default ``"de"``). Addresses and
    memberships belong to the customer and are saved with it. ``version`` counts saved changes
    (optimistic locking).

    Raises :class:`~gomus_customers.exceptions.ValidationError` with every problem at once.
    Rules that need the store or the clock (the category exists, the birth date is not in the
    future) are checked by the services.
    """

    id: CustomerId
    number: str | None = attrs.field(default=None, converter=strip_or_none)
    salutation: Salutation | None = None
    title: str | None = attrs.field(default=None, converter=strip_or_none)
    first_name: str = attrs.field(converter=strip)
    last_name: str = attrs.field(converter=strip)
    category_id: CustomerCategoryId
    email: str | None = attrs.field(default=None, converter=email)
    phone: str | None = attrs.field(default=None, converter=strip_or_none)
    mobile: str | None = attrs.field(default=None, converter=strip_or_none)
    fax: str | None = attrs.field(default=None, converter=strip_or_none)
    birth_date: date | None = None
    language: str = attrs.field(default="de", converter=lower)
    newsletter: bool = False
    note: str | None = attrs.field(default=None, converter=strip_or_none)
    kind: CustomerKind = CustomerKind.NORMAL
    addresses: tuple[Address, ...] = attrs.field(default=(), converter=_addresses)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    merges: tuple[Merge, ...] = attrs.field(default=(), converter=_merges)
    consents: tuple[Consent, ...] = attrs.field(default=(), converter=_consents)
    restriction: Restriction | None = None
    erasure: Erasure | None = None
    created_at: datetime
    version: int = 1

    def __attrs_post_init__(self) -> None:
        if not self._plainly_valid():
            self._check()

    def _plainly_valid(self) -> bool:
        """Whether every rule of :meth:`_check` holds, by the quickest tests that show it
        for the common customer (no institution, merge, restriction or erasure): a go~mus
        import builds 100,000 of them. False only means that :meth:`_check` must say what is
        wrong; a test shows that nothing passes here that it refuses.
        """
        number, title, first, last = self.number, self.title, self.first_name, self.last_name
        email, birth_date, created_at = self.email, self.birth_date, self.created_at
        phones = (self.phone, self.mobile, self.fax)
        language: object = self.language  # anything, until checked
        newsletter: object = self.newsletter
        return (
            type(self.id) is uuid.UUID
            and type(self.category_id) is uuid.UUID
            and (number is None or (type(number) is str and 0 < len(number) <= 40))
            and (title is None or (type(title) is str and 0 < len(title) <= 100))
            and type(first) is str
            and 0 < len(first) <= 100
            and first[0].isalpha()
            and type(last) is str
            and 0 < len(last) <= 100
            and last[0].isalpha()
            # The four names' text rules at once: on one line, nothing unsafe.
            and plain_text(f"{first}\t{last}\t{number or ''}\t{title or ''}", 400)
            and (self.salutation is None or type(self.salutation) is Salutation)
            and (email is None or (type(email) is str and is_email(email)))
            and (phones == (None, None, None) or all(map(_plain_phone, phones)))
            and (
                birth_date is None
                or (type(birth_date) is date and birth_date >= EARLIEST_BIRTH_DATE)
            )
            and type(language) is str
            and language in LANGUAGES
            and type(newsletter) is bool
            and (self.note is None or plain_text(self.note, MAX_NOTE, lines=True))
            and type(self.kind) is CustomerKind
            and not self.memberships
            and not self.merges
            and self.restriction is None
            and self.erasure is None
            and _plain_addresses(self.addresses)
            and _plain_consents(self.consents, newsletter)
            and type(created_at) is datetime
            and created_at.utcoffset() is not None
            and type(self.version) is int
            and 1 <= self.version <= MAX_VERSION
        )

    def _check(self) -> None:
        """Every rule, with every problem at once (ValidationError)."""
        problems = Problems()
        problems.uuid("id", self.id)
        problems.text("number", self.number, required=False, max_length=40)
        problems.one_line("number", self.number)
        if self.salutation is not None:
            problems.enum("salutation", self.salutation, Salutation)
        for path in ("title", "first_name", "last_name"):
            value = getattr(self, path)
            problems.text(path, value, required=path != "title", max_length=100)
            problems.one_line(path, value)
            if path != "title":
                problems.letter(path, value)
        problems.uuid("category_id", self.category_id)
        problems.email("email", self.email)
        for path in ("phone", "mobile", "fax"):
            value = getattr(self, path)
            if not _plain_phone(value):
                problems.add(path, f"{shown(value)} is not a phone number such as '+49 331 123456'")
        problems.day("birth_date", self.birth_date)
        if type(self.birth_date) is date and self.birth_date < EARLIEST_BIRTH_DATE:
            problems.add(
                "birth_date", f"{self.birth_date} is before {EARLIEST_BIRTH_DATE}; check the year"
            )
        problems.language("language", self.language)
        problems.boolean("newsletter", self.newsletter)
        problems.text("note", self.note, required=False, max_length=MAX_NOTE)
        problems.enum("kind", self.kind, CustomerKind)
        self._check_parts(problems)
        problems.aware("created_at", self.created_at)
        problems.version(self.version)
        problems.raise_if_any()

    def _check_parts(self, problems: Problems) -> None:
        addresses = _of_type(self.addresses, Address, "addresses", problems)
        memberships = _of_type(self.memberships, Membership, "memberships", problems)
        problems.instance("restriction", self.restriction, Restriction)
        problems.instance("erasure", self.erasure, Erasure)
        if self.erasure is not None and (
            self.addresses or any(m.until is None for _, m in memberships)
        ):
            problems.add("erasure", "an erased customer has no addresses and no open membership")
        consents = [c for _, c in _of_type(self.consents, Consent, "consents", problems)]
        newsletter = latest_consent(consents, NEWSLETTER)
        if newsletter is not None and newsletter.given is not self.newsletter:
            problems.add(
                "newsletter",
                f"is {shown(self.newsletter)}, but the latest newsletter consent of "
                f"{newsletter.on} says {newsletter.given}; record a consent to change it",
            )
        numbers = [self.number]
        for index, merge in _of_type(self.merges, Merge, "merges", problems):
            if merge.duplicate_id == self.id:
                problems.add(f"merges[{index}].duplicate_id", "is the customer's own id")
            if merge.number is not None and merge.number in numbers:
                problems.add(f"merges[{index}].number", f"number {merge.number!r} appears twice")
            numbers.append(merge.number)
        members_of = {m.institution_id for _, m in memberships}
        seen: set[AddressId] = set()
        for index, address in addresses:
            if address.id in seen:
                problems.add(f"addresses[{index}].id", f"address id {address.id} appears twice")
            seen.add(address.id)
            if address.institution_id is not None and address.institution_id not in members_of:
                problems.add(
                    f"addresses[{index}].institution_id",
                    f"the customer is not a member of institution {address.institution_id}; "
                    "join the institution first",
                )
        for position, (index, membership) in enumerate(memberships):
            if any(
                other.institution_id == membership.institution_id and other.overlaps(membership)
                for _, other in memberships[:position]
            ):
                problems.add(
                    f"memberships[{index}]",
                    f"overlaps another membership in institution {membership.institution_id}",
                )

    @property
    def full_name(self) -> str:
        """First and last name, for example "Anna Schmidt"; "Gelöscht" once erased."""
        if self.erasure is not None:
            return self.last_name
        return f"{self.first_name} {self.last_name}"

    @property
    def numbers(self) -> tuple[str, ...]:
        """The customer number and the numbers of the duplicates merged into the customer:
        each finds the customer, and none may belong to another customer.
        """
        numbers = (self.number,) if self.number is not None else ()
        return numbers + tuple(m.number for m in self.merges if m.number is not None)

    @property
    def name_keys(self) -> frozenset[str]:
        """The keys a name search matches: the full name and the last name, case-folded."""
        return frozenset({name_key(self.first_name, self.last_name), name_key(self.last_name)})

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """How customers are listed: by last name, first name (case-folded), then id.

        Every store orders by it (the SQL stores by the key columns computed from it), and a
        page of a list starts after the sort key of the customer it names.
        """
        return (name_key(self.last_name), name_key(self.first_name), str(self.id))

    def address(self, address_id: AddressId) -> Address:
        """Return the customer's address with ``address_id``; NotFoundError if it has none."""
        for address in self.addresses:
            if address.id == address_id:
                return address
        raise NotFoundError("address", address_id)

    def with_address(self, address: Address) -> Customer:
        """Return the customer with ``address`` added."""
        return attrs.evolve(self, addresses=(*self.addresses, address))

    def without_address(self, address_id: AddressId) -> Customer:
        """Return the customer without the address; NotFoundError if it has no such address."""
        self.address(address_id)
        return attrs.evolve(self, addresses=tuple(a for a in self.addresses if a.id != address_id))

    def membership_on(self, institution_id: InstitutionId, day: date) -> Membership | None:
        """Return the membership in the institution that is active on ``day``, if any."""
        for membership in self.memberships:
            if membership.institution_id == institution_id and membership.active_on(day):
                return membership
        return None

    def open_membership(self, institution_id: InstitutionId) -> Membership | None:
        """Return the membership in the institution that has no end yet, if any."""
        for membership in self.memberships:
            if membership.institution_id == institution_id and membership.until is None:
                return membership
        return None

    @property
    def institution_ids(self) -> frozenset[InstitutionId]:
        """Every institution the customer is or was a member of."""
        return frozenset(m.institution_id for m in self.memberships)

    def join(self, membership: Membership, address: Address) -> Customer:
        """Return the customer as a member with an address at the institution.

        Raises ValidationError when the customer already has an open membership there, or when
        the new membership overlaps an earlier one.
        """
        if self.open_membership(membership.institution_id) is not None:
            raise ValidationError.single(
                "institution_id",
                f"the customer is already a member of institution {membership.institution_id}",
            )
        return attrs.evolve(
            self,
            memberships=(*self.memberships, membership),
            addresses=(*self.addresses, address),
        )

    def leave(self, institution_id: InstitutionId, on: date) -> Customer:
        """Return the customer with the open membership ending on ``on`` (the last day).

        Addresses at the institution stay for the record; orders with them after ``on`` are
        refused. Raises NotFoundError when there is no open membership.
        """
        membership = self.open_membership(institution_id)
        if membership is None:
            raise NotFoundError("open membership in institution", institution_id)
        if membership.since is not None and on < membership.since:
            raise ValidationError.single(
                "on", f"{on} is before the membership began ({membership.since})"
            )
        ended = attrs.evolve(membership, until=on)
        return attrs.evolve(
            self,
            memberships=tuple(ended if m is membership else m for m in self.memberships),
        )
