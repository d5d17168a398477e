"""Addresses and memberships of customers: the part of ``module.customers`` that changes them.

:class:`CustomerChanges` is the base of
:class:`~gomus_customers.services.customers.CustomerService`: it holds the commands for
addresses and institution memberships, and the one way every customer command saves (load,
change, check the version, save, in one unit of work).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from gomus_customers._checks import Problems
from gomus_customers.exceptions import CustomerErasedError, ValidationError
from gomus_customers.ids import AddressId, CustomerId, InstitutionId, new_id
from gomus_customers.model import (
    Address,
    AddressType,
    Customer,
    Membership,
)
from gomus_customers.ports import UnitOfWork
from gomus_customers.services._common import (
    ServiceContext,
    build,
    to_day,
    to_enum,
    to_id,
    to_uuid,
)

__all__ = ["CustomerChanges"]


def _institution_id(value: object) -> InstitutionId:
    return InstitutionId(to_uuid(value, "institution_id"))


def _customer_id(value: object) -> CustomerId:
    return CustomerId(to_uuid(value, "customer_id"))


class CustomerChanges:
    """Addresses and memberships of customers, and the saving every customer command shares."""

    _ctx: ServiceContext

    def add_address(
        self,
        customer_id: CustomerId,
        *,
        street: str,
        postal_code: str,
        city: str,
        country: str = "DE",
        type: AddressType | str = AddressType.CUSTOMER,  # noqa: A002 - the Address field's name
        addressee: str | None = None,
        institution_id: InstitutionId | None = None,
    ) -> Address:
        """Add an address and return it.

        A private address by default; with ``institution_id`` an address at an institution the
        customer is a member of (use :meth:`join_institution` to become one).
        """
        problems = Problems()
        address_type = to_enum(AddressType, type, "type", problems) or AddressType.CUSTOMER
        at = (
            None
            if institution_id is None
            else InstitutionId(to_id(institution_id, "institution_id", problems))
        )
        address = build(
            lambda: Address(
                id=AddressId(new_id()),
                type=address_type,
                addressee=addressee,
                street=street,
                postal_code=postal_code,
                city=city,
                country=country,
                institution_id=at,
            ),
            problems,
        )

        def change(customer: Customer, uow: UnitOfWork) -> Customer:
            if address.institution_id is not None:
                uow.institutions.get(address.institution_id)
            return customer.with_address(address)

        self._change_with(customer_id, change)
        return address

    def remove_address(self, customer_id: CustomerId, address_id: AddressId) -> Customer:
        """Remove one of the customer's addresses; NotFoundError when it has no such address."""
        wanted = AddressId(to_uuid(address_id, "address_id"))
        return self._change(customer_id, lambda c: c.without_address(wanted))

    def join_institution(
        self,
        customer_id: CustomerId,
        institution_id: InstitutionId,
        *,
        street: str,
        postal_code: str,
        city: str,
        country: str = "DE",
        role: str | None = None,
        since: date | None = None,
        addressee: str | None = None,
    ) -> Address:
        """Make the customer a member of the institution, with an address there; returns it.

        ``since`` is the first day of membership; ``None`` leaves it open (a member since
        before records began). Orders placed with the returned address belong to the
        institution and get its discount while the membership is active.

        Raises NotFoundError for an unknown customer or institution, ValidationError when the
        institution is inactive or the customer is already a member.
        """
        target = _institution_id(institution_id)
        problems = Problems()
        membership = build(lambda: Membership(target, role, since), problems)
        address = build(
            lambda: Address(
                id=AddressId(new_id()),
                addressee=addressee,
                street=street,
                postal_code=postal_code,
                city=city,
                country=country,
                institution_id=target,
            )
        )

        def change(customer: Customer, uow: UnitOfWork) -> Customer:
            institution = uow.institutions.get(target)
            if not institution.active:
                raise ValidationError.single(
                    "institution_id", f"institution {institution.name!r} is not active"
                )
            return customer.join(membership, address)

        self._change_with(customer_id, change)
        return address

    def leave_institution(
        self, customer_id: CustomerId, institution_id: InstitutionId, *, on: date
    ) -> Customer:
        """End the customer's membership; ``on`` is its last day. Returns the saved customer.

        The addresses at the institution stay on record; orders with them after ``on`` are
        refused. NotFoundError when the customer has no open membership there.
        """
        target = _institution_id(institution_id)
        last_day = to_day(on, "on")
        return self._change(customer_id, lambda c: c.leave(target, last_day))

    def _change(
        self,
        customer_id: CustomerId,
        change: Callable[[Customer], Customer],
        problems: Problems | None = None,
        *,
        expected_version: int | None = None,
    ) -> Customer:
        return self._change_with(
            customer_id, lambda c, _uow: change(c), problems, expected_version=expected_version
        )

    def _change_with(
        self,
        customer_id: CustomerId,
        change: Callable[[Customer, UnitOfWork], Customer],
        problems: Problems | None = None,
        *,
        expected_version: int | None = None,
    ) -> Customer:
        wanted = _customer_id(customer_id)
        with self._ctx.unit_of_work() as uow:
            customer = uow.customers.get(wanted)
            if customer.erasure is not None:
                raise CustomerErasedError(customer.id, customer.erasure.on)
            if expected_version is not None:
                customer = attrs.evolve(customer, version=expected_version)
            changed = build(lambda: change(customer, uow), problems)
            saved = uow.customers.update(changed)
            uow.commit()
        return saved
