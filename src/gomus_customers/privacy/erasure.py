"""Erasure (Löschung, Art. 17 GDPR) that respects retention duties (DESIGN 14): the plan of
what goes, what is anonymised and what must be kept until when, and the changed records.

Pure functions of the records they are given; :class:`~gomus_customers.services.privacy.
PrivacyService` loads the records, shows the plan (``erasure_plan``) and carries it out in
one unit of work (``erase``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from gomus_customers.exceptions import CustomerErasedError, ValidationError
from gomus_customers.ids import CustomerId, InstitutionId
from gomus_customers.model import Customer, Institution, Order
from gomus_customers.model.customers import Erasure, Membership
from gomus_customers.model.memberships import MembershipCard
from gomus_customers.privacy.cases import AccessRequest, CaseKind
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.retention import CASE_FILES, RetentionRule

__all__ = [
    "ERASED_NAME",
    "ErasureAction",
    "ErasureItem",
    "ErasurePlan",
    "erase_case",
    "erase_customer",
    "erase_order",
    "plan_erasure",
]

ERASED_NAME = "Gelöscht"
"""The first and last name of an erased customer's anonymised record."""


class ErasureAction(enum.StrEnum):
    """What erasure does with a part of the person's data."""

    DELETE = "delete"  # gone at once
    ANONYMISE = "anonymise"  # the record stays; its personal values go
    KEEP = "keep"  # kept, restricted, until its retention ends; its personal values go
    END = "end"  # a membership ends on the day of the erasure


@attrs.frozen(kw_only=True)
class ErasureItem:
    """One part of the person's data and what erasure does with it: ``kind`` ("customer",
    "address", "membership", "membership card", "consent", "order", "case"), a ``label`` for
    staff, the ``action``, and for a kept record the last day it is kept (``until``) under which
    ``rule``.
    """

    kind: str
    label: str
    action: ErasureAction
    until: date | None = None
    rule: RetentionRule | None = None

    def to_text(self) -> str:
        """The item in one line, for example "keep order 2026-000123 until 2034-12-31
        (booking records: § 147 ...)"."""
        text = f"{self.action} {self.kind} {self.label}"
        if self.until is not None and self.rule is not None:
            text += f" until {self.until} ({self.rule.title.en}: {self.rule.provisions})"
        return text


@attrs.frozen(kw_only=True)
class ErasurePlan:
    """What erasing the customer on ``on`` does (a dry run until it is carried out), and whom
    to tell (Art. 19 GDPR: every recipient the data were disclosed to).

    ``held_back_by`` names the person's own requests that are still open and whose answer
    needs the data (an access or portability request): while there are any, the plan says
    what erasure would do, and erasing refuses until they are answered and closed.
    """

    customer_id: CustomerId
    on: date
    items: tuple[ErasureItem, ...]
    notify: tuple[Text, ...]
    held_back_by: tuple[str, ...] = ()

    @property
    def can_erase(self) -> bool:
        """Whether nothing holds the erasure back on :attr:`on`."""
        return not self.held_back_by

    def check_can_erase(self) -> None:
        """Raise ValidationError naming the open requests that hold the erasure back."""
        if self.held_back_by:
            raise ValidationError.single(
                "customer_id",
                f"the person's request {', '.join(self.held_back_by)} is still open and its "
                "answer needs the data; answer and close it (or reject it) first",
            )

    def of(self, action: ErasureAction) -> tuple[ErasureItem, ...]:
        """The items erasure handles with ``action``."""
        return tuple(item for item in self.items if item.action is action)

    @property
    def deleted(self) -> tuple[ErasureItem, ...]:
        """What goes at once."""
        return self.of(ErasureAction.DELETE)

    @property
    def anonymised(self) -> tuple[ErasureItem, ...]:
        """What stays without its personal values."""
        return self.of(ErasureAction.ANONYMISE)

    @property
    def kept(self) -> tuple[ErasureItem, ...]:
        """What must be kept (restricted, without personal values) until its ``until``."""
        return self.of(ErasureAction.KEEP)

    def to_text(self, language: str = "en") -> str:
        """The plan as lines for staff; the recipients in ``language`` ("de" or "en")."""
        lines = [f"Erasure of customer {self.customer_id} on {self.on}:"]
        if self.held_back_by:
            lines.append(
                f"  held back by the open request {', '.join(self.held_back_by)}: answer and "
                "close it first"
            )
        lines += [f"  {item.to_text()}" for item in self.items]
        if self.notify:
            lines.append("Tell these recipients (Art. 19 GDPR):")
            lines += [f"  {recipient.get(language)}" for recipient in self.notify]
        return "\n".join(lines)


def plan_erasure(
    customer: Customer,
    orders: Sequence[Order],
    cases: Sequence[AccessRequest],
    institutions: Mapping[InstitutionId, Institution],
    recipients: Sequence[Text],
    *,
    on: date,
    order_rule: RetentionRule,
    cards: Sequence[MembershipCard] = (),
) -> ErasurePlan:
    """The plan of erasing ``customer`` on ``on``, with their ``orders`` and the ``cases`` of
    their own requests. ``recipients`` are those the museum's processing catalogue names;
    ``cards`` the memberships and annual passes the person bought or holds (see
    :meth:`~gomus_customers.model.memberships.MembershipCard.erased`).

    Raises CustomerErasedError when the customer was erased before. A request of the
    person's that is still open and needs the data for its answer is named in the plan's
    ``held_back_by``.
    """
    if customer.erasure is not None:
        raise CustomerErasedError(customer.id, customer.erasure.on)
    # An open access or portability request needs the data for its answer; the erasure
    # request being carried out, and a pending restriction or objection, do not.
    still_open = [
        case.reference
        for case in cases
        if case.status.is_open and case.kind in {CaseKind.ACCESS, CaseKind.PORTABILITY}
    ]
    number = f" {customer.number}" if customer.number else ""
    items = [
        ErasureItem(
            kind="customer",
            label=f"{customer.full_name}{number} ({customer.id})",
            action=ErasureAction.ANONYMISE,
        )
    ]
    for address in customer.addresses:
        at = institutions.get(address.institution_id) if address.institution_id else None
        where = f"at {at.name}" if at is not None else "private"
        items.append(
            ErasureItem(
                kind="address",
                label=f"{address.street}, {address.postal_code} {address.city} ({where})",
                action=ErasureAction.DELETE,
            )
        )
    for membership in customer.memberships:
        institution = institutions.get(membership.institution_id)
        name = institution.name if institution is not None else str(membership.institution_id)
        if membership.until is None or membership.until > on:
            items.append(ErasureItem(kind="membership", label=name, action=ErasureAction.END))
    for card in cards:
        alone = card.holder_ids == (customer.id,)
        items.append(
            ErasureItem(
                kind="membership card",
                label=f"{card.type_name} {card.number}"
                + (
                    " (no other holder; its orders are kept)"
                    if alone
                    else " (the person leaves it; its orders are kept)"
                ),
                action=ErasureAction.END if alone else ErasureAction.ANONYMISE,
            )
        )
    items += [
        ErasureItem(
            kind="consent",
            label=f"{consent.purpose} {'given' if consent.given else 'withdrawn'} {consent.on}",
            action=ErasureAction.DELETE,
        )
        for consent in customer.consents
    ]
    for order in orders:
        label = f"{order.number or order.id} of {order.placed_on}"
        if order_rule.due(order.placed_on, on):
            items.append(ErasureItem(kind="order", label=label, action=ErasureAction.DELETE))
        else:
            until = order_rule.end(order.placed_on)
            items.append(
                ErasureItem(
                    kind="order",
                    label=label,
                    action=ErasureAction.KEEP,
                    until=until,
                    rule=order_rule,
                )
            )
    for case in cases:
        ended = case.ended_on or on
        items.append(
            ErasureItem(
                kind="case",
                label=f"{case.reference} (its copy goes; the file stays as proof)",
                action=ErasureAction.KEEP,
                until=CASE_FILES.end(ended),
                rule=CASE_FILES,
            )
        )
    return ErasurePlan(
        customer_id=customer.id,
        on=on,
        items=tuple(items),
        notify=_recipients(customer, orders, institutions, recipients),
        held_back_by=tuple(still_open),
    )


def _recipients(
    customer: Customer,
    orders: Sequence[Order],
    institutions: Mapping[InstitutionId, Institution],
    recipients: Sequence[Text],
) -> tuple[Text, ...]:
    """The institutions that received the person's orders or addresses, then the catalogue's
    recipients."""
    ids = {a.institution_id for a in customer.addresses if a.institution_id is not None}
    ids |= {o.institution_id for o in orders if o.institution_id is not None}
    named = sorted((institutions[i].name for i in ids if i in institutions), key=str.casefold)
    told = [
        Text(
            de=f"{name} (Institution: Bestellungen und Anschrift der Person dort)",
            en=f"{name} (institution: the person's orders and address there)",
        )
        for name in named
    ]
    return (*told, *dict.fromkeys(recipients))


def erase_customer(customer: Customer, *, on: date, reason: str) -> Customer:
    """The customer anonymised: names "Gelöscht", contact data, birthday, note, addresses
    and consents gone, open memberships ended on ``on``, a restriction superseded."""
    memberships = tuple(
        _ended(membership, on)
        for membership in customer.memberships
        if membership.since is None or membership.since <= on
    )
    return attrs.evolve(
        customer,
        salutation=None,
        title=None,
        first_name=ERASED_NAME,
        last_name=ERASED_NAME,
        email=None,
        phone=None,
        mobile=None,
        fax=None,
        birth_date=None,
        newsletter=False,
        note=None,
        addresses=(),
        memberships=memberships,
        consents=(),
        restriction=None,
        erasure=Erasure(on=on, reason=reason),
    )


def _ended(membership: Membership, on: date) -> Membership:
    if membership.until is not None and membership.until <= on:
        return membership
    return attrs.evolve(membership, until=on)


def erase_order(order: Order, *, until: date) -> Order:
    """The order kept for its retention duty until ``until``: its amounts, lines, day,
    channel and institution stay; the address it used and a cancellation's reason (free text
    that may name the person) go."""
    return attrs.evolve(order, address_id=None, cancel_reason=None, restricted_until=until)


def erase_case(case: AccessRequest, *, on: date) -> AccessRequest:
    """The case file without its copy: the collection, the request's text, the withheld
    passages and the staff's notes on them go; reference, dates, steps, requester's name and
    e-mail stay, restricted until the end of the third year after the case ended (for a case
    still open, set when it ends)."""
    withheld = tuple(attrs.evolve(item, reason="(erased)", passage=None) for item in case.withheld)
    return attrs.evolve(
        case,
        collection=None,
        frozen=(),  # the answer as sent goes too; its SHA-256 per document (sent) stays
        text=None,
        withheld=withheld,
        override_reason=None,
        copy_erased_on=on,
        restricted_until=None if case.ended_on is None else CASE_FILES.end(case.ended_on),
    )
