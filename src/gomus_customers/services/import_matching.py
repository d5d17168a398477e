"""How an imported row meets the store: which stored customer it is (by number, e-mail, or
name and PLZ), what changes when it is imported again, and the consent a ``Newsletter`` value
records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs
from dateutil.relativedelta import relativedelta

from gomus_customers._checks import FIRST_DAY
from gomus_customers.ids import CustomerId, MembershipCardId, new_id
from gomus_customers.interop.annual_passes import AnnualPass, pass_cell, pass_number
from gomus_customers.model import Consent, Customer
from gomus_customers.model.customers import NEWSLETTER
from gomus_customers.model.memberships import MembershipCard, MembershipPeriod
from gomus_customers.ports import UnitOfWork
from gomus_customers.services._common import evolve

if TYPE_CHECKING:
    from gomus_customers.services.imports import CustomerRow, Progress, RowProblem

__all__ = ["IMPORT_SOURCE", "export_passes", "import_consent", "save_rows"]

IMPORT_SOURCE = "go~mus import"
"""The source of a consent an import records: "Newsletter: ja" in a go~mus file."""


def import_consent(*, given: bool, on: date) -> Consent:
    """The newsletter consent (or withdrawal) a go~mus file's ``Newsletter`` column says."""
    return Consent(purpose=NEWSLETTER, given=given, on=on, source=IMPORT_SOURCE)


def save_rows(
    uow: UnitOfWork,
    rows: Sequence[CustomerRow],
    *,
    matching: bool,
    progress: Progress | None,
    today: date,
) -> tuple[int, int, int, list[RowProblem]]:
    """Add or update the rows' customers; a row of an erased customer is left out, with a
    problem (the person's data must not come back from an old file)."""
    from gomus_customers.services.imports import RowProblem  # imports.py imports this module

    created = updated = unchanged = 0
    erased: list[RowProblem] = []
    for done, row in enumerate(rows, start=1):
        existing = _match(uow, row) if matching else None
        if existing is not None and existing.erasure is not None:
            erased.append(
                RowProblem(
                    row.row,
                    "Nummer",
                    row.customer.number or "",
                    f"the customer was erased on {existing.erasure.on} (Art. 17 GDPR); "
                    "the row is not imported",
                )
            )
        elif existing is not None:
            number = row.customer.number
            # A number that is now an alias: the row is a duplicate merged into ``existing``,
            # and an old file imported again leaves the merge as it is.
            merged_away = number is not None and number != existing.number
            merged = existing if merged_away else _merged(existing, row, today)
            if merged == existing:
                unchanged += 1
            else:
                uow.customers.update(merged)
                updated += 1
        else:
            uow.customers.add(row.customer)
            created += 1
        if row.annual_pass is not None and (existing is None or existing.erasure is None):
            _save_pass(uow, existing or row.customer, row.annual_pass, today)
        if progress is not None:
            progress(done, len(rows))
    return created, updated, unchanged, erased


_IMPORTED_FIELDS = (
    "salutation", "first_name", "last_name", "category_id", "email", "phone", "mobile", "fax",
    "birth_date", "language", "newsletter", "kind", "created_at",
)  # fmt: skip


def _match(uow: UnitOfWork, row: CustomerRow) -> Customer | None:
    """The stored customer a row describes: by customer number; for a row without one, by
    e-mail, else by full name and the PLZ of a private address. A match must be the only
    candidate: when two customers fit, the row is imported as a new customer rather than
    written over the wrong person.
    """
    incoming = row.customer
    if incoming.number is not None:
        found = list(uow.customers.list(number=incoming.number))
    elif incoming.email is not None:
        found = list(uow.customers.list(email=incoming.email))
    elif row.address is not None:
        postal_code = row.address.postal_code
        found = [
            customer
            for customer in uow.customers.list(name=incoming.full_name)
            if any(a.is_private and a.postal_code == postal_code for a in customer.addresses)
        ]
    else:
        return None
    return found[0] if len(found) == 1 else None


def _merged(existing: Customer, row: CustomerRow, today: date) -> Customer:
    """The existing customer with the row's values (its creation day only when the file
    gives one). A changed ``Newsletter`` is recorded as a consent or a withdrawal of
    ``today`` from the go~mus import; an unchanged one records nothing.

    A changed address replaces the first private address, the one an import gave and an
    export writes, in its place and with its id (orders refer to addresses by id); addresses
    at institutions stay. A customer without a private address gets the file's.
    """
    incoming, address = row.customer, row.address
    fields = _IMPORTED_FIELDS if row.dated else _IMPORTED_FIELDS[:-1]
    values = {name: getattr(incoming, name) for name in fields}
    if incoming.newsletter is not existing.newsletter:
        record = import_consent(given=incoming.newsletter, on=today)
        values["consents"] = (*existing.consents, record)
    merged = evolve(existing, values)
    if address is None or any(a.place == address.place for a in existing.addresses):
        return merged
    private = next((a for a in existing.addresses if a.is_private), None)
    if private is None:
        return merged.with_address(address)
    moved = attrs.evolve(address, id=private.id)
    return evolve(
        merged, {"addresses": tuple(moved if a.id == private.id else a for a in merged.addresses)}
    )


def _save_pass(uow: UnitOfWork, customer: Customer, found: AnnualPass, today: date) -> None:
    """Add the pass a row names, once: a pass imported before (found by its number) stays as
    it is, so that importing a file again changes nothing."""
    number = pass_number(customer.number or "")
    if uow.memberships.by_number(number) is not None:
        return
    kind = uow.membership_types.by_name(found.type_name)
    if kind is None:  # deleted since the file was read: nothing to make the pass of
        return
    end = found.ends_on or today
    # A pass that ends in the first months of 1900 begins on the first day the library keeps.
    start = max(end + timedelta(days=1) - relativedelta(months=kind.months), FIRST_DAY)
    uow.memberships.add(
        MembershipCard(
            id=MembershipCardId(new_id()),
            number=number,
            type_id=kind.id,
            type_name=kind.name,
            buyer_id=customer.id,
            holder_ids=(customer.id,),
            periods=(MembershipPeriod(start=start, end=end),),
            created_at=datetime.combine(today, time(), tzinfo=UTC),
            category_id=kind.category_id,
            offer_category_ids=kind.offer_category_ids,
            grace_days=kind.grace_days,
            prices_in_grace=kind.prices_in_grace,
            max_holders=kind.holders,
            max_uses=kind.max_uses,
            transferable=kind.transferable,
        )
    )


def export_passes(cards: Iterable[MembershipCard]) -> dict[CustomerId, str]:
    """The ``Jahreskarte`` cell of each customer who holds a pass that is not cancelled: the
    one that ends last."""
    latest: dict[CustomerId, MembershipCard] = {}
    for card in cards:
        if card.cancelled_on is not None:
            continue
        for holder in card.holder_ids:
            if holder not in latest or latest[holder].end < card.end:
                latest[holder] = card
    return {holder: pass_cell(card.type_name, card.end) for holder, card in latest.items()}
