"""The history parts of a customer's record (DESIGN 14 and 18): the consent history
(Einwilligungen), a restriction of processing (Art. 18 GDPR), and the duplicates merged into
the customer. :class:`~gomus_customers.model.customers.Customer` holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from gomus_customers._checks import Problems, strip, strip_or_none
from gomus_customers.ids import CustomerId

__all__ = [
    "MERGEABLE_FIELDS",
    "NEWSLETTER",
    "Consent",
    "Erasure",
    "Merge",
    "Restriction",
    "latest_consent",
]


def _taken(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


NEWSLETTER = "newsletter"
"""The purpose of the newsletter consent, which :attr:`Customer.newsletter` follows."""


@attrs.frozen(kw_only=True)
class Consent:
    """One record of a consent history (Einwilligung): for which ``purpose`` consent was
    ``given`` (True) or withdrawn (False), on which day, where it came from (``source``: "web
    shop", "go~mus import", ...) and, if kept, a reference to the proof (a form's number, a
    double-opt-in message id).
    """

    purpose: str = attrs.field(converter=strip)
    given: bool
    on: date
    source: str = attrs.field(converter=strip)
    proof: str | None = attrs.field(default=None, converter=strip_or_none)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.text("purpose", self.purpose, required=True, max_length=60)
        problems.one_line("purpose", self.purpose)
        problems.boolean("given", self.given)
        problems.day("on", self.on, optional=False)
        problems.text("source", self.source, required=True, max_length=200)
        problems.one_line("source", self.source)
        problems.text("proof", self.proof, required=False, max_length=200)
        problems.raise_if_any()


def latest_consent(consents: Iterable[Consent], purpose: str) -> Consent | None:
    """The record in force for ``purpose``: the latest by day, the later one on the same day."""
    found = None
    for consent in consents:
        if consent.purpose == purpose and (found is None or consent.on >= found.on):
            found = consent
    return found


@attrs.frozen(kw_only=True)
class Restriction:
    """A restriction of processing (Einschränkung, Art. 18 GDPR): since when and why. The
    customer's data are kept but not used: no new orders, no newsletter.
    """

    since: date
    reason: str = attrs.field(converter=strip)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.day("since", self.since, optional=False)
        problems.text("reason", self.reason, required=True, max_length=500)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Erasure:
    """The erasure of a customer's personal data (Löschung, Art. 17 GDPR): on which day and
    why (the request's reference, "Art. 17(1)(a): no longer needed", ...). The record stays,
    anonymised, so that the orders kept under retention duties still add up.
    """

    on: date
    reason: str = attrs.field(converter=strip)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.day("on", self.on, optional=False)
        problems.text("reason", self.reason, required=True, max_length=500)
        problems.one_line("reason", self.reason)
        problems.raise_if_any()


@attrs.frozen(kw_only=True)
class Merge:
    """A duplicate (Dublette) merged into this customer: which record it was, its customer
    number (which stays an alias of this customer), the day of the merge, and which of its
    values were taken over (``take``). It holds no personal data of the duplicate's.
    """

    duplicate_id: CustomerId
    number: str | None = attrs.field(default=None, converter=strip_or_none)
    on: date
    taken: tuple[str, ...] = attrs.field(default=(), converter=_taken)

    def __attrs_post_init__(self) -> None:
        problems = Problems()
        problems.uuid("duplicate_id", self.duplicate_id)
        problems.text("number", self.number, required=False, max_length=40)
        problems.one_line("number", self.number)
        problems.day("on", self.on)
        taken: tuple[object, ...] = self.taken  # anything, until checked
        for index, field in enumerate(taken):
            if field not in MERGEABLE_FIELDS:
                problems.add(f"taken[{index}]", f"{field!r} is not one of {MERGEABLE_FIELDS}")
        problems.raise_if_any()


MERGEABLE_FIELDS = (
    "salutation", "title", "first_name", "last_name", "category_id", "email", "phone",
    "mobile", "fax", "birth_date", "language", "newsletter", "note", "kind",
)  # fmt: skip
"""The customer's values a merge can take from the duplicate (``take``)."""
