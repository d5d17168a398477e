"""Erasure and retention (DESIGN 14), the part of ``module.privacy`` that deletes: the plan of
an erasure, the erasure in one unit of work, and the records whose retention ended.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date

import attrs

from gomus_customers._checks import shown
from gomus_customers._words import counted
from gomus_customers.exceptions import ValidationError
from gomus_customers.ids import CustomerId
from gomus_customers.model import Customer, Order
from gomus_customers.model.customers import Erasure
from gomus_customers.ports import UnitOfWork
from gomus_customers.privacy.cases import AccessRequest
from gomus_customers.privacy.catalogue import ProcessingCatalogue
from gomus_customers.privacy.collectors import Text
from gomus_customers.privacy.erasure import (
    ErasurePlan,
    erase_case,
    erase_customer,
    erase_order,
    plan_erasure,
)
from gomus_customers.privacy.retention import BOOKING_RECORDS, CASE_FILES, RetentionRule
from gomus_customers.serialization import converter
from gomus_customers.services._common import ServiceContext, build, to_day, to_uuid

__all__ = ["ErasureService", "RetentionDue"]


@attrs.frozen(kw_only=True)
class RetentionDue:
    """The records whose retention ended: orders (booking records), case files, and erased
    customers' anonymised records that nothing kept refers to any more."""

    on: date
    orders: tuple[Order, ...]
    cases: tuple[AccessRequest, ...]
    customers: tuple[Customer, ...]

    def to_text(self) -> str:
        """A summary for staff."""
        return (
            f"Due on {self.on}: {counted(len(self.orders), 'order', 'orders')}, "
            f"{counted(len(self.cases), 'case file', 'case files')}, "
            f"{counted(len(self.customers), 'erased customer', 'erased customers')}"
        )


class ErasureService:
    """Erasure and retention; every method is one unit of work. Part of ``module.privacy``."""

    _ctx: ServiceContext
    _catalogue: ProcessingCatalogue

    def _past_day(self, on: date | None) -> date:
        day = self._ctx.today() if on is None else to_day(on, "on")
        if day > self._ctx.today():
            raise ValidationError.single(
                "on", f"{day} is in the future; records are erased on the day it is done"
            )
        return day

    def erasure_plan(
        self,
        customer_id: CustomerId,
        *,
        on: date | None = None,
        order_rule: RetentionRule = BOOKING_RECORDS,
    ) -> ErasurePlan:
        """What :meth:`erase` would do on ``on`` (default today), changing nothing: what is
        deleted, what anonymised, what must be kept until when under which rule, and whom to
        tell (Art. 19 GDPR). ``order_rule`` is the retention of orders (booking records: 8
        years; :data:`~gomus_customers.privacy.retention.BOOKS` for a museum whose order list
        is its book).

        While one of the person's own requests is open and its answer needs the data (an
        access or portability request), the plan still answers and names that request in
        ``held_back_by``; :meth:`erase` refuses until it is closed.

        Raises NotFoundError for an unknown customer, CustomerErasedError for one erased
        before.
        """
        day = to_day(on, "on") if on is not None else self._ctx.today()
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            return self._plan(uow, wanted, day, order_rule)[0]

    def erase(
        self,
        customer_id: CustomerId,
        *,
        reason: str,
        on: date | None = None,
        order_rule: RetentionRule = BOOKING_RECORDS,
    ) -> ErasurePlan:
        """Erase the customer's personal data on ``on`` (default today, not in the future)
        for ``reason`` (the request's reference, a ground of Art. 17(1)), and return the
        plan carried out.

        In one unit of work: the customer stays as an anonymised record (names "Gelöscht",
        no contact data, birthday, note, addresses or consents; memberships in institutions
        ended; the person leaves the holders of memberships and annual passes, and one left
        without holders ends; ``erasure`` set); orders whose retention ended go; the others
        keep their amounts, lines, day, channel and institution, lose the address they used
        and a cancellation's reason, and are restricted until their retention ends; the
        files of the person's own requests lose their copy and keep the SHA-256 of it. The
        same errors as :meth:`erasure_plan`, and ValidationError for an empty reason or
        while the plan is held back by an open request of the person's; nothing changes then.
        """
        day = self._past_day(on)
        build(lambda: Erasure(on=day, reason=reason))  # the reason checked before any load
        wanted = CustomerId(to_uuid(customer_id, "customer_id"))
        with self._ctx.unit_of_work() as uow:
            plan, customer, orders, cases = self._plan(uow, wanted, day, order_rule)
            plan.check_can_erase()
            for card in uow.memberships.of_customer(wanted):
                uow.memberships.update(card.erased(wanted, day))
            for order in orders:
                if order_rule.due(order.placed_on, day):
                    uow.orders.delete(order.id)
                else:
                    uow.orders.update(erase_order(order, until=order_rule.end(order.placed_on)))
            for case in cases:
                digest = _copy_digest(case)
                uow.access_requests.update(
                    attrs.evolve(erase_case(case, on=day), copy_sha256=digest)
                )
            uow.customers.update(erase_customer(customer, on=day, reason=reason))
            uow.commit()
        return plan

    def _plan(
        self, uow: UnitOfWork, customer_id: CustomerId, day: date, order_rule: RetentionRule
    ) -> tuple[ErasurePlan, Customer, Sequence[Order], Sequence[AccessRequest]]:
        _rule(order_rule)
        customer = uow.customers.get(customer_id)
        orders = uow.orders.list(customer_id=customer_id)
        cases = uow.access_requests.list(customer_id=customer_id)
        cards = uow.memberships.of_customer(customer_id)
        institutions = {i.id: i for i in uow.institutions.list()}
        # The built-in activities whose data the person has none of gave nothing to their
        # recipients (Art. 19 names those the data were disclosed to); the museum's own
        # activities are always told. An access request's answer goes to the person only.
        at_institution = any(a.institution_id for a in customer.addresses) or any(
            o.institution_id for o in orders
        )
        idle = {
            "access_requests",
            *(() if orders else ("ticket_sales",)),
            *(() if at_institution else ("institution_accounts",)),
            *(() if cards else ("memberships",)),
        }
        recipients: list[Text] = [
            recipient
            for activity in self._catalogue.activities
            if activity.key not in idle
            for recipient in activity.recipients
        ]
        plan = plan_erasure(
            customer,
            orders,
            cases,
            institutions,
            recipients,
            on=day,
            order_rule=order_rule,
            cards=cards,
        )
        return plan, customer, orders, cases

    def retention_due(
        self, *, on: date | None = None, order_rule: RetentionRule = BOOKING_RECORDS
    ) -> RetentionDue:
        """The records whose retention ended before ``on`` (default today): orders under
        ``order_rule``, ended cases after :data:`~gomus_customers.privacy.retention.
        CASE_FILES`, and erased customers that no remaining order or case refers to.
        """
        day = to_day(on, "on") if on is not None else self._ctx.today()
        _rule(order_rule)
        with self._ctx.unit_of_work() as uow:
            return self._due(uow, day, order_rule)

    def purge(
        self, *, on: date | None = None, order_rule: RetentionRule = BOOKING_RECORDS
    ) -> RetentionDue:
        """Delete what :meth:`retention_due` lists on ``on`` (default today, not in the
        future), in one unit of work, and return it. Reports over the purged years have
        fewer orders afterwards; that is the point of the retention period's end.
        """
        day = self._past_day(on)
        _rule(order_rule)
        with self._ctx.unit_of_work() as uow:
            due = self._due(uow, day, order_rule)
            for order in due.orders:
                uow.orders.delete(order.id)
            for case in due.cases:
                uow.access_requests.delete(case.id)
            for customer in due.customers:
                # The memberships it bought go with it (their orders went before); it leaves
                # the holders of others.
                for card in uow.memberships.of_customer(customer.id):
                    if card.buyer_id == customer.id:
                        uow.memberships.delete(card.id)
                    else:
                        uow.memberships.update(card.erased(customer.id, day))
                uow.customers.delete(customer.id)
            uow.commit()
        return due

    def _due(self, uow: UnitOfWork, day: date, order_rule: RetentionRule) -> RetentionDue:
        shortest = min(order_rule.years, order_rule.shortened_from or order_rule.years)
        # No record made after the end of this year can be due yet.
        latest = date(day.year - shortest - 1, 12, 31)
        orders = tuple(o for o in uow.orders.list(end=latest) if order_rule.due(o.placed_on, day))
        cases = tuple(
            case
            for case in uow.access_requests.list()
            if not case.status.is_open
            and case.ended_on is not None
            and CASE_FILES.due(case.ended_on, day)
        )
        going_orders = {o.id for o in orders}
        going_cases = {c.id for c in cases}
        customers = []
        for customer in uow.customers.list():
            if customer.erasure is None:
                continue
            kept_orders = [
                o for o in uow.orders.list(customer_id=customer.id) if o.id not in going_orders
            ]
            kept_cases = [
                c
                for c in uow.access_requests.list(customer_id=customer.id)
                if c.id not in going_cases
            ]
            if not kept_orders and not kept_cases:
                customers.append(customer)
        return RetentionDue(on=day, orders=orders, cases=cases, customers=tuple(customers))


def _rule(order_rule: object) -> None:
    if not isinstance(order_rule, RetentionRule):
        raise ValidationError.single(
            "order_rule", f"{shown(order_rule)} is not a RetentionRule such as BOOKING_RECORDS"
        )


def _copy_digest(case: AccessRequest) -> str:
    """The SHA-256 of the case's copy as it was before erasure: its collection, the request's
    text and the withheld items, as canonical JSON."""
    copy = converter.unstructure(
        {"collection": case.collection, "text": case.text, "withheld": case.withheld}
    )
    document = json.dumps(copy, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(document.encode()).hexdigest()
