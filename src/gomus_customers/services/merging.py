"""Finding and merging duplicates (Dubletten), as methods of ``module.customers``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import attrs

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import CustomerErasedError, ValidationError
from gomus_customers.ids import AddressId, CustomerId
from gomus_customers.model import Customer, Order
from gomus_customers.model.customers import (
    MERGEABLE_FIELDS,
    NEWSLETTER,
    Merge,
    latest_consent,
)
from gomus_customers.privacy.case_parts import CaseEvent
from gomus_customers.services._common import ServiceContext, evolve, to_uuid
from gomus_customers.services.duplicates import (
    DuplicatePair,
    find_duplicates,
    merged_addresses,
    merged_memberships,
)

__all__ = ["CustomerMerging"]


class CustomerMerging:
    """``duplicates`` and ``merge``: see the guide "Duplicates" for the rules."""

    _ctx: ServiceContext

    def duplicates(
        self, *, min_score: float | Decimal | str = "0.8", limit: int | None = None
    ) -> Sequence[DuplicatePair]:
        """Pairs of customers that may be one person, best first, each pair once.

        Each pair has a score from 0 to 1 and the reasons for it (the same e-mail or phone
        number; names alike by Kölner Phonetik or edit distance with the same postal code or
        birthday); only pairs scoring ``min_score`` or more, at most ``limit`` of them.
        Customers are compared within blocks (e-mail, phone, a name's sound with the postal
        code or the birthday), so the time grows with the number of customers.
        """
        problems = Problems()
        least = _score_of(min_score)
        if least is None:
            problems.add("min_score", f"{shown(min_score)} is not a number from 0 to 1 such as 0.8")
        if limit is not None and (type(limit) is not int or limit < 1):
            problems.add("limit", f"{shown(limit)} is not a whole number of at least 1")
        problems.raise_if_any()
        with self._ctx.unit_of_work() as uow:
            customers = uow.customers.list()
        return find_duplicates(customers, min_score=least or Decimal(0), limit=limit)

    def merge(
        self,
        keep_id: CustomerId,
        duplicate_id: CustomerId,
        *,
        on: date | None = None,
        take: Iterable[str] = (),
    ) -> Customer:
        """Merge the duplicate into the kept customer, in one unit of work, and return it.

        The duplicate's orders, memberships (in institutions, and memberships and annual passes
        it bought or holds), addresses (an identical one only once) and the access requests
        linked to it move to the kept customer, and both consent histories
        become one (the newsletter follows its latest record). The kept customer's values
        stay, except the fields named in ``take`` (see ``MERGEABLE_FIELDS``), which take the
        duplicate's, and empty ones, which take the duplicate's when it has one. The duplicate
        record is deleted; its customer number stays an alias that finds the kept customer,
        and the kept customer's ``merges`` records the merge (the duplicate's id and number,
        the day ``on`` (default today), the fields taken; no personal data).

        ValidationError when both ids are the same or ``take`` names an unknown field;
        NotFoundError for an unknown id. A failure changes nothing.
        """
        keep = CustomerId(to_uuid(keep_id, "keep_id"))
        duplicate = CustomerId(to_uuid(duplicate_id, "duplicate_id"))
        taken = _taken(take)
        day = self._ctx.today() if on is None else on
        problems = Problems()
        if keep == duplicate:
            problems.add("duplicate_id", f"{duplicate} is the kept customer itself")
        problems.day("on", day)
        problems.raise_if_any()
        with self._ctx.unit_of_work() as uow:
            kept, twin = uow.customers.get(keep), uow.customers.get(duplicate)
            for either in (kept, twin):
                if either.erasure is not None:
                    raise CustomerErasedError(either.id, either.erasure.on)
            merged, moved = _merged(kept, twin, taken, day)
            for order in uow.orders.list(customer_id=duplicate):
                uow.orders.update(_moved_order(order, keep, moved))
            event = CaseEvent(
                type="customer_merged",
                at=self._ctx.now(),
                actor="staff",
                details=(("duplicate_id", str(duplicate)), ("kept_id", str(keep))),
            )
            for case in uow.access_requests.list(customer_id=duplicate):
                uow.access_requests.update(case.merged(duplicate, keep, event))
            for card in uow.memberships.of_customer(duplicate):
                uow.memberships.update(card.merged(duplicate, keep))
            uow.customers.delete(duplicate)
            saved = uow.customers.update(merged)
            uow.commit()
        return saved


def _score_of(value: object) -> Decimal | None:
    """A score given as a number or its text (``0.8``, ``"0.8"``); None if it is none."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        return None
    try:
        score = Decimal(repr(value) if isinstance(value, float) else value)
    except ArithmeticError:
        return None
    return score if score.is_finite() and 0 <= score <= 1 else None


def _taken(take: Iterable[str]) -> tuple[str, ...]:
    if isinstance(take, str):
        raise ValidationError.single("take", f"give field names as a list, not the text {take!r}")
    given: object = take  # anything, until checked
    if not isinstance(given, Iterable) or isinstance(given, bytes):
        raise ValidationError.single("take", f"{shown(take)} is not a list of field names")
    fields: tuple[object, ...] = tuple(given)
    unknown = [f for f in fields if not isinstance(f, str) or f not in MERGEABLE_FIELDS]
    if unknown:
        raise ValidationError.single(
            "take", f"{shown(unknown)} are not fields a merge takes; choose from {MERGEABLE_FIELDS}"
        )
    return tuple(dict.fromkeys(str(f) for f in fields))


def _merged(
    kept: Customer, duplicate: Customer, taken: tuple[str, ...], day: date
) -> tuple[Customer, dict[AddressId, AddressId]]:
    """The kept customer after the merge, and which of the duplicate's address ids became
    which of the kept customer's.
    """
    values: dict[str, object] = {}
    for field in MERGEABLE_FIELDS:
        mine, theirs = getattr(kept, field), getattr(duplicate, field)
        if field in taken or (mine is None and theirs is not None):
            values[field] = theirs
    # Both histories of consent, by day; the newsletter follows the latest record of them.
    consents = tuple(sorted((*kept.consents, *duplicate.consents), key=lambda c: c.on))
    newsletter = latest_consent(consents, NEWSLETTER)
    if newsletter is not None:
        values["newsletter"] = newsletter.given
    addresses, moved = merged_addresses(kept.addresses, duplicate.addresses)
    merge = Merge(duplicate_id=duplicate.id, number=duplicate.number, on=day, taken=taken)
    merged = evolve(
        kept,
        {
            **values,
            "addresses": addresses,
            "memberships": merged_memberships(kept.memberships, duplicate.memberships),
            "consents": consents,
            # A restriction of either record still holds for the person.
            "restriction": kept.restriction or duplicate.restriction,
            # The duplicate's own earlier merges come along: its old numbers still find it.
            "merges": (*kept.merges, merge, *duplicate.merges),
        },
    )
    return merged, moved


def _moved_order(order: Order, keep: CustomerId, moved: dict[AddressId, AddressId]) -> Order:
    address = order.address_id
    return attrs.evolve(
        order,
        customer_id=keep,
        address_id=moved.get(address, address) if address is not None else None,
    )
