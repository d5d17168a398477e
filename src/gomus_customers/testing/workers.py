"""The processes the contract's process tests start, on a store given by its address.

``python -m gomus_customers.testing.workers count ADDRESS CUSTOMER OFFER TIMES`` counts a
shared customer's number up and places orders, retrying conflicts, and prints how many it
retried. ``python -m gomus_customers.testing.workers crash ADDRESS`` adds whole aggregates
until it is killed and prints each committed customer's number. Any other error ends a worker
with a traceback, which the tests read as a failure.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date

import attrs

from gomus_customers.exceptions import ConcurrentModificationError
from gomus_customers.ids import CustomerId, OfferId
from gomus_customers.model import Membership, SalesChannel
from gomus_customers.module import CustomerModule
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_address,
    make_customer,
    make_customer_category,
    make_institution,
    make_order,
    make_order_line,
)
from gomus_customers.testing.stores import open_module, open_store

__all__ = ["count_up", "write_until_killed"]


def count_up(module: CustomerModule, customer: CustomerId, offer: OfferId, times: int) -> int:
    """Increment the customer's number and place an order, ``times`` times; return conflicts.

    Raises AssertionError when an order's number is not greater than the number of the order
    this writer placed before: numbers increase, whatever the other writers do.
    """
    conflicts = 0
    last = ""
    for _ in range(times):
        while True:
            try:
                with module.unit_of_work() as uow:
                    current = uow.customers.get(customer)
                    count = int(current.number or "0") + 1
                    uow.customers.update(attrs.evolve(current, number=str(count)))
                    uow.commit()
                break
            except ConcurrentModificationError:
                conflicts += 1
        while True:
            try:
                order = module.orders.place(
                    channel="box_office", lines=[(offer, 1)], on=date(2026, 3, 2)
                )
                break
            except ConcurrentModificationError:
                conflicts += 1
        number = order.number or ""
        if number <= last:  # "2026-000012": same width, so text order is number order
            msg = f"order number {number!r} placed after {last!r} does not increase"
            raise AssertionError(msg)
        last = number
    return conflicts


def write_until_killed(factory: UnitOfWorkFactory) -> None:
    """Add a customer (two addresses, a membership) and an order (three lines) per unit of work,
    printing the customer's number after each commit, until the process is killed.
    """
    with factory() as uow:
        category = uow.customer_categories.by_name("Crash")
        if category is None:
            category = make_customer_category("Crash")
            uow.customer_categories.add(category)
        institutions = uow.institutions.list()
        school = institutions[0] if institutions else make_institution()
        if not institutions:
            uow.institutions.add(school)
        number = uow.customers.count()
        uow.commit()
    while True:
        number += 1
        at_school = make_address(street="Schulstraße 1", institution_id=school.id)
        customer = make_customer(
            category.id,
            number=str(number),
            member_of=(Membership(school.id),),
            addresses=(make_address(), at_school),
        )
        lines = tuple(make_order_line(unit_price="4.50", quantity=q) for q in (1, 2, 3))
        order = make_order(
            category.id,
            lines=lines,
            channel=SalesChannel.BACK_OFFICE,
            customer_id=customer.id,
            address_id=at_school.id,
            institution_id=school.id,
            placed_on=date(2026, 3, 2),
        )
        with factory() as uow:
            uow.customers.add(customer)
            uow.orders.add(order)
            uow.commit()
        print(number, flush=True)  # noqa: T201 - the test reads what was committed


def main(arguments: list[str]) -> None:
    """Run the worker named by the first argument."""
    kind, address = arguments[0], arguments[1]
    if kind == "count":
        customer, offer, times = arguments[2:5]
        with open_module(address) as module:
            conflicts = count_up(
                module, CustomerId(uuid.UUID(customer)), OfferId(uuid.UUID(offer)), int(times)
            )
        print(conflicts, flush=True)  # noqa: T201 - the test reads it
    elif kind == "crash":
        write_until_killed(open_store(address).unit_of_work)


if __name__ == "__main__":
    main(sys.argv[1:])
