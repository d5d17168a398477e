"""A worker for the concurrency test: counts up a shared customer and places orders.

Run as ``python concurrent_worker.py PATH CUSTOMER_ID OFFER_ID TIMES``. It prints how many
increments it made and how many conflicts it retried; any other error ends it with a
traceback, which the test treats as a failure.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path

import attrs

from gomus_customers import ConcurrentModificationError, CustomerModule
from gomus_customers.ids import CustomerId, OfferId


def work(module: CustomerModule, customer: CustomerId, offer: OfferId, times: int) -> int:
    """Increment the customer's number and place an order, ``times`` times; return conflicts."""
    conflicts = 0
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
                module.orders.place(channel="box_office", lines=[(offer, 1)], on=date(2026, 3, 2))
                break
            except ConcurrentModificationError:
                conflicts += 1
    return conflicts


if __name__ == "__main__":
    path, customer, offer, times = sys.argv[1:5]
    with CustomerModule.sqlite(Path(path), busy_timeout=30) as module:
        made = work(module, CustomerId(uuid.UUID(customer)), OfferId(uuid.UUID(offer)), int(times))
    print(made, flush=True)  # noqa: T201 - the test reads it
