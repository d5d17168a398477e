"""A writer for the crash test: adds whole aggregates in a loop until it is killed.

Run as ``python crash_writer.py PATH``. Each unit of work adds a customer with two addresses
and a membership, and an order with three lines; after each commit it prints the customer's
number, so the test knows what was committed before the kill.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from gomus_customers.adapters.sqlite import SqliteStore
from gomus_customers.model import Membership, SalesChannel
from gomus_customers.testing import (
    make_address,
    make_customer,
    make_customer_category,
    make_institution,
    make_order,
    make_order_line,
)


def main(path: Path) -> None:
    store = SqliteStore(path, busy_timeout=5)
    with store.unit_of_work() as uow:
        category = uow.customer_categories.by_name("Crash") or make_customer_category("Crash")
        if uow.customer_categories.by_name("Crash") is None:
            uow.customer_categories.add(category)
        institutions = uow.institutions.list()
        school = institutions[0] if institutions else make_institution()
        if not institutions:
            uow.institutions.add(school)
        start = uow.customers.count()
        uow.commit()
    number = start
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
        with store.unit_of_work() as uow:
            uow.customers.add(customer)
            uow.orders.add(order)
            uow.commit()
        print(number, flush=True)  # noqa: T201 - the test reads what was committed


if __name__ == "__main__":
    main(Path(sys.argv[1]))
