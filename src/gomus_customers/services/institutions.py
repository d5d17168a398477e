"""Institutions (Institutionen): companies, clubs, schools, and their members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from gomus_customers._checks import Problems
from gomus_customers.ids import InstitutionId, new_id
from gomus_customers.model import Customer, Institution, InstitutionKind, Order
from gomus_customers.money import Percentage
from gomus_customers.services._common import (
    UNSET,
    ServiceContext,
    Unset,
    build,
    evolve,
    to_day,
    to_enum,
    to_percentage,
    to_uuid,
)

__all__ = ["InstitutionService"]

DiscountInput = Percentage | Decimal | int | str | None


def _institution_id(value: object) -> InstitutionId:
    return InstitutionId(to_uuid(value, "institution_id"))


class InstitutionService:
    """Institutions and their members. Reached as ``module.institutions``.

    Every method is one unit of work.
    """

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add(
        self,
        name: str,
        *,
        kind: InstitutionKind | str = InstitutionKind.OTHER,
        discount: DiscountInput = None,
        note: str | None = None,
    ) -> Institution:
        """Add an institution and return it.

        ``discount`` (a Percentage, or a number such as ``"10"``) applies to orders placed with
        a member's address at the institution. Raises ValidationError for an empty name, an
        unknown kind or a discount outside 0-100.
        """
        problems = Problems()
        rate = to_percentage(discount, "discount", problems)
        institution_kind = to_enum(InstitutionKind, kind, "kind", problems) or InstitutionKind.OTHER
        institution = build(
            lambda: Institution(
                InstitutionId(new_id()),
                name,
                institution_kind,
                rate,
                note,
            ),
            problems,
        )
        with self._ctx.unit_of_work() as uow:
            uow.institutions.add(institution)
            uow.commit()
        return institution

    def get(self, institution_id: InstitutionId) -> Institution:
        """Return the institution; NotFoundError when there is none."""
        with self._ctx.unit_of_work() as uow:
            return uow.institutions.get(_institution_id(institution_id))

    def list(self) -> Sequence[Institution]:
        """Every institution, ordered by name."""
        with self._ctx.unit_of_work() as uow:
            return uow.institutions.list()

    def update(
        self,
        institution_id: InstitutionId,
        *,
        name: str | Unset = UNSET,
        kind: InstitutionKind | str | Unset = UNSET,
        note: str | Unset | None = UNSET,
        active: bool | Unset = UNSET,
    ) -> Institution:
        """Change the given fields and return the saved institution.

        An inactive institution keeps its members and history but takes no new members.
        Use :meth:`set_discount` for the discount.
        """
        changes: dict[str, object] = {}
        problems = Problems()
        if not isinstance(name, Unset):
            changes["name"] = name
        if not isinstance(kind, Unset):
            changes["kind"] = (
                to_enum(InstitutionKind, kind, "kind", problems) or InstitutionKind.OTHER
            )
        if not isinstance(note, Unset):
            changes["note"] = note
        if not isinstance(active, Unset):
            changes["active"] = active
        return self._change(institution_id, changes, problems)

    def set_discount(self, institution_id: InstitutionId, discount: DiscountInput) -> Institution:
        """Set the institution's discount (``None`` removes it); returns the saved institution.

        Orders already placed keep the discount they were priced with.
        """
        problems = Problems()
        rate = to_percentage(discount, "discount", problems)
        return self._change(institution_id, {"discount": rate}, problems)

    def _change(
        self, institution_id: InstitutionId, changes: dict[str, object], problems: Problems
    ) -> Institution:
        wanted = _institution_id(institution_id)
        with self._ctx.unit_of_work() as uow:
            current = uow.institutions.get(wanted)
            saved = uow.institutions.update(build(lambda: evolve(current, changes), problems))
            uow.commit()
        return saved

    def members(
        self, institution_id: InstitutionId, *, on: date | None = None
    ) -> Sequence[Customer]:
        """The institution's members (those active on ``on``, when given), ordered by name.

        Raises NotFoundError for an unknown institution.
        """
        wanted = _institution_id(institution_id)
        day = None if on is None else to_day(on, "on")
        with self._ctx.unit_of_work() as uow:
            uow.institutions.get(wanted)
            return uow.customers.members(wanted, on=day)

    def orders(self, institution_id: InstitutionId) -> Sequence[Order]:
        """The orders that belong to the institution: placed with an address at it.

        Oldest first; NotFoundError for an unknown institution.
        """
        wanted = _institution_id(institution_id)
        with self._ctx.unit_of_work() as uow:
            uow.institutions.get(wanted)
            return uow.orders.list(institution_id=wanted)

    def member_orders(self, institution_id: InstitutionId) -> Sequence[Order]:
        """Every order of every member, whichever address it was placed with (as go~mus shows).

        Oldest first; NotFoundError for an unknown institution.
        """
        wanted = _institution_id(institution_id)
        with self._ctx.unit_of_work() as uow:
            uow.institutions.get(wanted)
            members = uow.customers.members(wanted)
            return uow.orders.of_customers([m.id for m in members])
