"""The other data-subject rights: restriction of processing (Einschränkung, Art. 18 GDPR),
erasure (Löschung, Art. 17) with retention duties, and the newsletter's recipients. Reached
as ``module.privacy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal, overload

from gomus_customers._checks import Problems, shown
from gomus_customers.exceptions import CustomerErasedError, ValidationError
from gomus_customers.ids import CustomerId
from gomus_customers.model import Customer
from gomus_customers.model.customers import Restriction
from gomus_customers.privacy.catalogue import ProcessingCatalogue
from gomus_customers.privacy.person_csv import to_csv_zip
from gomus_customers.privacy.portability import person_data
from gomus_customers.serialization import to_dict, to_json
from gomus_customers.services._common import ServiceContext, build, evolve, to_day, to_uuid
from gomus_customers.services.erasure import ErasureService

__all__ = ["PrivacyService"]


class PrivacyService(ErasureService):
    """Restriction of processing, erasure and retention; every method is one unit of work.

    ``catalogue`` is the museum's processing catalogue: its recipients are those an erasure
    plan says to tell (Art. 19 GDPR).
    """

    def __init__(self, context: ServiceContext, *, catalogue: ProcessingCatalogue) -> None:
        self._ctx = context
        self._catalogue = catalogue

    def _day(self, on: date | None) -> date:
        day = self._ctx.today() if on is None else to_day(on, "on")
        if day > self._ctx.today():
            raise ValidationError.single("on", f"{day} is in the future")
        return day

    def restrict(self, customer_id: CustomerId, *, reason: str, on: date | None = None) -> Customer:
        """Restrict the processing of the customer's data from ``on`` (default today), for
        ``reason`` (Art. 18(1): accuracy contested, objection pending, ...).

        The data are kept but not used: ``orders.place`` for the customer and
        :meth:`newsletter_recipients` refuse them (RestrictedError, and leaving them out),
        and the Art. 15 answer says so. ValidationError when the customer is restricted
        already or ``reason`` is empty.
        """
        day = self._day(on)
        restriction = build(lambda: Restriction(since=day, reason=reason))
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            customer = uow.customers.get(wanted)
            if customer.erasure is not None:
                raise CustomerErasedError(customer.id, customer.erasure.on)
            if customer.restriction is not None:
                raise ValidationError.single(
                    "customer_id",
                    f"customer {wanted} is restricted already since "
                    f"{customer.restriction.since}; lift that restriction first",
                )
            saved = uow.customers.update(evolve(customer, {"restriction": restriction}))
            uow.commit()
        return saved

    def lift_restriction(self, customer_id: CustomerId, *, on: date | None = None) -> Customer:
        """End the restriction: the customer's data may be used again from ``on`` (default
        today, not before the restriction began). ValidationError when there is none.
        """
        day = self._day(on)
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            customer = uow.customers.get(wanted)
            problems = Problems()
            if customer.restriction is None:
                problems.add("customer_id", f"customer {wanted} is not restricted")
            elif day < customer.restriction.since:
                problems.add(
                    "on", f"{day} is before the restriction began ({customer.restriction.since})"
                )
            problems.raise_if_any()
            saved = uow.customers.update(evolve(customer, {"restriction": None}))
            uow.commit()
        return saved

    def newsletter_recipients(self) -> Sequence[Customer]:
        """The customers a newsletter may go to: with a newsletter consent in force and an
        e-mail address, and not restricted (a restricted customer is left out).
        """
        return [
            customer
            for customer in self._customers()
            if customer.newsletter and customer.email and customer.restriction is None
        ]

    def _customers(self) -> Sequence[Customer]:
        with self._ctx.unit_of_work() as uow:
            return uow.customers.list()

    @overload
    def export_person(
        self, customer_id: CustomerId, *, format: Literal["json"] = "json"
    ) -> str: ...

    @overload
    def export_person(self, customer_id: CustomerId, *, format: Literal["csv"]) -> bytes: ...

    def export_person(
        self,
        customer_id: CustomerId,
        *,
        format: Literal["json", "csv"] = "json",  # noqa: A002 - DESIGN's name for it
    ) -> str | bytes:
        """The data the person provided and their orders, for them to take elsewhere
        (Datenübertragbarkeit, Art. 20 GDPR): master data, addresses, memberships, consents
        and orders (:class:`~gomus_customers.privacy.portability.PersonData`).

        ``"json"`` gives typed JSON text, described by the JSON Schema that ships with the
        package (:func:`~gomus_customers.privacy.portability.schema`); ``"csv"`` a ZIP of CSV
        files for spreadsheets (bytes; cells that look like formulas start with ``'``). A
        restricted customer's data may be handed out; an erased one's are gone
        (CustomerErasedError).
        """
        given: object = format  # anything, until checked
        if not isinstance(given, str) or given not in {"json", "csv"}:
            raise ValidationError.single("format", f"{shown(format)} is not 'json' or 'csv'")
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            customer = uow.customers.get(wanted)
            if customer.erasure is not None:
                raise CustomerErasedError(customer.id, customer.erasure.on)
            data = person_data(
                [customer],
                uow.orders.list(customer_id=wanted),
                {i.id: i for i in uow.institutions.list()},
                exported_at=self._ctx.now().astimezone(self._ctx.time_zone),
                cards=uow.memberships.of_customer(wanted),
            )
        if format == "csv":
            return to_csv_zip(to_dict(data))
        return to_json(data, indent=2)
