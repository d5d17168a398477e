"""Helpers for the service tests: a snapshot of everything in a store."""

from __future__ import annotations

from gomus_customers import CustomerModule
from gomus_customers.serialization import to_json


def snapshot(module: CustomerModule) -> str:
    """Everything the store holds, as text, to show that a failed command changed nothing."""
    with module.unit_of_work() as uow:
        return to_json(
            [
                list(uow.customer_categories.list()),
                list(uow.offer_categories.list()),
                list(uow.offers.list()),
                list(uow.institutions.list()),
                list(uow.customers.list()),
            ]
        )
