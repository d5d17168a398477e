"""Duplicates (Dubletten): finding customers recorded twice, and merging them.

Finding compares customers only within blocks, groups of customers that share a value a
duplicate would share too: the normalised e-mail, a phone number, or the Kölner Phonetik code
of a name part together with a postal code or the birthday. A customer is in a handful of
blocks, so the work grows with the number of customers, not with its square. Each pair found
in a block is scored once (see :func:`score`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

from gomus_customers.ids import AddressId
from gomus_customers.matching import cologne, email_key, name_similarity, phone_key, spelled
from gomus_customers.model import Address, Customer, Membership

__all__ = [
    "MAX_BLOCK",
    "DuplicatePair",
    "find_duplicates",
    "merged_addresses",
    "merged_memberships",
    "score",
]

MAX_BLOCK = 200
"""A value more customers share than this says nothing about who is whom (a shop's own
e-mail address on every guest order, the museum's phone number): its block is skipped."""

_PLACES = Decimal("0.001")

_NAMES_ALIKE = 0.8
"""From here on two names count as alike: sounding the same (0.9), or one typo in seven
letters (1 - 1/7 ≈ 0.86)."""


@attrs.frozen
class DuplicatePair:
    """Two customers that may be one person: ``first`` is the one recorded first (a natural
    one to keep), ``score`` from 0 to 1 (three places), and the ``reasons`` it rests on.
    """

    first: Customer
    second: Customer
    score: Decimal
    reasons: tuple[str, ...]


@attrs.frozen
class _Profile:
    """What a customer is compared by, computed once per customer."""

    customer: Customer
    first: str
    last: str
    email: str | None
    phones: frozenset[str]
    postal_codes: frozenset[str]

    @classmethod
    def of(cls, customer: Customer) -> _Profile:
        phones = {phone_key(customer.phone), phone_key(customer.mobile)}
        return cls(
            customer,
            spelled(customer.first_name),
            spelled(customer.last_name),
            email_key(customer.email),
            frozenset(p for p in phones if p is not None),
            frozenset(a.postal_code for a in customer.addresses if a.is_private),
        )

    def blocks(self) -> Iterable[Hashable]:
        if self.email is not None:
            yield ("e-mail", self.email)
        for phone in self.phones:
            yield ("phone", phone)
        codes = {cologne(part) for part in (*self.first.split(), *self.last.split())}
        born = self.customer.birth_date
        for code in codes - {""}:
            for postal_code in self.postal_codes:
                yield ("name", code, postal_code)
            if born is not None:
                yield ("name", code, born)


def _names(one: _Profile, other: _Profile) -> tuple[float, str | None]:
    """How alike the two full names are, and the reason to give (None: not alike)."""
    direct = (name_similarity(one.first, other.first) + name_similarity(one.last, other.last)) / 2
    swapped = (name_similarity(one.first, other.last) + name_similarity(one.last, other.first)) / 2
    names = max(direct, swapped)
    if names < _NAMES_ALIKE:
        return names, None
    if swapped > direct:
        return names, "first and last name swapped"
    if one.first == other.first and one.last == other.last:
        return names, "same name"
    return names, "names alike"


def score(one: Customer, other: Customer) -> tuple[Decimal, tuple[str, ...]]:
    """How likely two customers are one person, from 0 to 1, with the reasons.

    - The same e-mail address or phone number scores 0.5 plus 0.45 times how alike the names
      are (:func:`~gomus_customers.matching.name_similarity`, the better of the names as given
      and swapped): the same name 0.95, a family sharing an address 0.725.
    - Alike names (0.8 and more) with the same postal code of a private address or the same
      birthday score 0.5 plus 0.4 times the names' likeness, 0.1 more with both, 0.05 more
      with a shared e-mail or phone as well.
    - Two known birthdays that differ are two people: at most 0.5.

    The names' likeness is rounded to three places first, the score is worked out exactly from
    it and rounded to three places, half up (0.5 + 0.45 × 0.95 = 0.9275 is 0.928).

    >>> from datetime import UTC, datetime
    >>> from gomus_customers import Address, CustomerCategoryId, CustomerId
    >>> def person(first, last, plz):
    ...     home = Address(id=uuid4(), street="Lindenstraße 1", postal_code=plz, city="Potsdam")
    ...     return Customer(id=CustomerId(uuid4()), first_name=first, last_name=last,
    ...         category_id=CustomerCategoryId(uuid4()), addresses=(home,),
    ...         created_at=datetime(2026, 1, 2, tzinfo=UTC))
    >>> from uuid import uuid4
    >>> from decimal import Decimal
    >>> score(person("Anna", "Meier", "14467"), person("Anna", "Maier", "14467"))
    (Decimal('0.880'), ('names alike', 'same postal code'))
    """
    return _score(_Profile.of(one), _Profile.of(other))


def _score(one: _Profile, other: _Profile) -> tuple[Decimal, tuple[str, ...]]:
    likeness, name_reason = _names(one, other)
    names = Decimal(repr(likeness)).quantize(_PLACES, ROUND_HALF_UP)
    reasons = [name_reason] if name_reason else []
    same_email = one.email is not None and one.email == other.email
    same_phone = bool(one.phones & other.phones)
    reasons += ["same e-mail"] * same_email + ["same phone number"] * same_phone
    contact = same_email or same_phone
    points = Decimal("0.5") + Decimal("0.45") * names if contact else Decimal(0)
    same_place = bool(one.postal_codes & other.postal_codes)
    born, other_born = one.customer.birth_date, other.customer.birth_date
    same_birthday = born is not None and born == other_born
    if name_reason and (same_place or same_birthday):
        reasons += ["same postal code"] * same_place + ["same birthday"] * same_birthday
        alike = Decimal("0.5") + Decimal("0.4") * names
        alike += Decimal("0.1") * (same_place and same_birthday) + Decimal("0.05") * contact
        points = max(points, alike)
    if born is not None and other_born is not None and born != other_born:
        points = min(points, Decimal("0.5"))
    return min(points, Decimal(1)).quantize(_PLACES, ROUND_HALF_UP), tuple(reasons)


def find_duplicates(
    customers: Iterable[Customer], *, min_score: Decimal = Decimal("0.8"), limit: int | None = None
) -> list[DuplicatePair]:
    """The pairs among ``customers`` that score ``min_score`` or more, best first (then by the
    first customer's sort key), each pair once; at most ``limit`` of them.
    """
    profiles = [_Profile.of(customer) for customer in customers]
    blocks: defaultdict[Hashable, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for block in set(profile.blocks()):
            blocks[block].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            candidates.update(itertools.combinations(members, 2))
    pairs: list[DuplicatePair] = []
    for one, other in candidates:
        points, reasons = _score(profiles[one], profiles[other])
        if points >= min_score:
            first, second = profiles[one].customer, profiles[other].customer
            if (second.created_at, second.sort_key) < (first.created_at, first.sort_key):
                first, second = second, first
            pairs.append(DuplicatePair(first, second, points, reasons))
    pairs.sort(key=lambda p: (-p.score, p.first.sort_key, p.second.sort_key))
    return pairs if limit is None else pairs[:limit]


def _same_place(one: Address, other: Address) -> bool:
    """The same address: the same place, for the same addressee, at the same institution."""
    return (one.place, one.addressee, one.institution_id) == (
        other.place,
        other.addressee,
        other.institution_id,
    )


def merged_addresses(
    kept: Sequence[Address], duplicate: Sequence[Address]
) -> tuple[tuple[Address, ...], dict[AddressId, AddressId]]:
    """The kept customer's addresses and the duplicate's that are new (an identical one is
    kept once), and which address id of the duplicate's became which of the kept customer's.
    """
    addresses = list(kept)
    moved: dict[AddressId, AddressId] = {}
    for address in duplicate:
        same = next((a for a in addresses if _same_place(a, address)), None)
        if same is None:
            addresses.append(address)
        else:
            moved[address.id] = same.id
    return tuple(addresses), moved


def merged_memberships(
    kept: Sequence[Membership], duplicate: Sequence[Membership]
) -> tuple[Membership, ...]:
    """Both customers' memberships; two in the same institution that overlap become one from
    the earlier start to the later end (an open side stays open), with the kept one's role.
    """
    result = list(kept)
    for membership in duplicate:
        for index, other in enumerate(result):
            if other.institution_id == membership.institution_id and other.overlaps(membership):
                result[index] = Membership(
                    institution_id=other.institution_id,
                    role=other.role or membership.role,
                    since=_earlier(other.since, membership.since),
                    until=_later(other.until, membership.until),
                )
                break
        else:
            result.append(membership)
    return tuple(result)


def _earlier(one: date | None, other: date | None) -> date | None:
    return None if one is None or other is None else min(one, other)


def _later(one: date | None, other: date | None) -> date | None:
    return None if one is None or other is None else max(one, other)
