"""The repository contract as random command sequences, compared with a plain model.

Hypothesis runs sequences of adds, updates (fresh and stale), deletes and queries against a
fresh store and against dicts, and every answer must agree. Needs the fixture ``store_opener``
of :mod:`gomus_customers.testing.contract.processes`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from gomus_customers._checks import name_key
from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerCategoryId, CustomerId
from gomus_customers.model import Customer, CustomerCategory, Institution, Offer, Order
from gomus_customers.money import Money, Percentage
from gomus_customers.pricing import FeeTable
from gomus_customers.privacy import AccessRequest
from gomus_customers.testing.builders import (
    make_access_request,
    make_customer,
    make_customer_category,
    make_fee_table,
    make_institution,
    make_offer,
    make_offer_category,
    make_order,
    make_order_line,
)
from gomus_customers.testing.contract.processes import StoreOpener
from gomus_customers.testing.stores import OpenedStore

__all__ = ["CustomersMachine", "OtherAggregatesMachine", "StatefulContract", "StoreSource"]


@attrs.frozen
class StoreSource:
    """Where a machine gets its fresh store from: the test's ``store_opener``."""

    opener: StoreOpener

    def open(self) -> OpenedStore:
        """A fresh, empty store."""
        return self.opener()


NAMES = st.sampled_from(["Schule", "schule", "Verein", "Privatkunde", "Presse"])
FIRST = st.sampled_from(["Anna", "Eva", "Jonas"])
LAST = st.sampled_from(["Schmidt", "Weber", "Fischer"])
EMAILS = st.sampled_from([None, "a@example.org", "b@example.org", "A@Example.org"])
NUMBERS = st.sampled_from([None, "1", "2", "3"])


def _order(c: Customer) -> tuple[str, str, str]:
    return (name_key(c.last_name), name_key(c.first_name), str(c.id))


class CustomersMachine(RuleBasedStateMachine):
    """Customers and categories in a store and in dicts; every query must agree."""

    source: ClassVar[StoreSource]

    categories = Bundle("categories")
    customers = Bundle("customers")

    def __init__(self) -> None:
        super().__init__()
        self.store = self.source.open()
        self.factory = self.store.unit_of_work
        self.model_categories: dict[uuid.UUID, CustomerCategory] = {}
        self.model_customers: dict[uuid.UUID, Customer] = {}

    def teardown(self) -> None:
        self.store.close()

    @rule(target=categories, name=NAMES)
    def add_category(self, name: str) -> uuid.UUID:
        category = make_customer_category(name)
        taken = any(c.key == category.key for c in self.model_categories.values())
        try:
            with self.factory() as uow:
                uow.customer_categories.add(category)
                uow.commit()
        except AlreadyExistsError:
            assert taken
        else:
            assert not taken
            self.model_categories[category.id] = category
        return category.id

    @rule(target=customers, category=categories, first=FIRST, last=LAST, email=EMAILS,
          number=NUMBERS)  # fmt: skip
    def add_customer(
        self, category: uuid.UUID, first: str, last: str, email: str | None, number: str | None
    ) -> uuid.UUID:
        customer = make_customer(
            CustomerCategoryId(category), first_name=first, last_name=last, email=email,
            number=number,
        )  # fmt: skip
        number_taken = number is not None and any(
            c.number == number for c in self.model_customers.values()
        )
        try:
            with self.factory() as uow:
                uow.customers.add(customer)
                uow.commit()
        except AlreadyExistsError:
            assert number_taken
        except ReferentialIntegrityError:
            assert category not in self.model_categories
        else:
            assert not number_taken
            assert category in self.model_categories
            self.model_customers[customer.id] = customer
        return customer.id

    @rule(customer=customers, email=EMAILS, stale=st.booleans())
    def update_customer(self, customer: uuid.UUID, email: str | None, stale: bool) -> None:
        current = self.model_customers.get(customer)
        if current is None:
            with self.factory() as uow, pytest.raises(NotFoundError):
                uow.customers.get(CustomerId(customer))
            return
        # A version the store does not have: someone else saved in between.
        loaded = attrs.evolve(current, version=current.version + 1) if stale else current
        changed = attrs.evolve(loaded, email=email)
        try:
            with self.factory() as uow:
                saved = uow.customers.update(changed)
                uow.commit()
        except ConcurrentModificationError:
            assert stale
        else:
            assert not stale
            self.model_customers[customer] = saved

    @rule(customer=customers)
    def delete_customer(self, customer: uuid.UUID) -> None:
        try:
            with self.factory() as uow:
                uow.customers.delete(CustomerId(customer))
                uow.commit()
        except NotFoundError:
            assert customer not in self.model_customers
        else:
            del self.model_customers[customer]

    @rule(category=categories)
    def delete_category(self, category: uuid.UUID) -> None:
        used = any(c.category_id == category for c in self.model_customers.values())
        try:
            with self.factory() as uow:
                uow.customer_categories.delete(CustomerCategoryId(category))
                uow.commit()
        except NotFoundError:
            assert category not in self.model_categories
        except ReferentialIntegrityError:
            assert used
        else:
            assert not used
            del self.model_categories[category]

    @invariant()
    def queries_agree(self) -> None:
        model = sorted(self.model_customers.values(), key=_order)
        with self.factory() as uow:
            assert list(uow.customers.list()) == model
            assert uow.customers.count() == len(model)
            for email in ("a@example.org", "b@example.org"):
                expected = [c for c in model if c.email == email]
                assert list(uow.customers.list(email=email.upper())) == expected
            for number in ("1", "2"):
                assert list(uow.customers.list(number=number)) == [
                    c for c in model if c.number == number
                ]
            assert list(uow.customers.list(name="schmidt")) == [
                c for c in model if c.last_name == "Schmidt"
            ]
            categories = sorted(self.model_categories.values(), key=lambda c: (c.key, str(c.id)))
            assert list(uow.customer_categories.list()) == categories
            for category in categories:
                expected = [c for c in model if c.category_id == category.id]
                assert uow.customers.count(category_id=category.id) == len(expected)


class OtherAggregatesMachine(RuleBasedStateMachine):
    """Offers, institutions, fee tables, orders and access requests against plain dicts."""

    source: ClassVar[StoreSource]

    institutions = Bundle("institutions")
    orders = Bundle("orders")
    cases = Bundle("cases")

    def __init__(self) -> None:
        super().__init__()
        self.store = self.source.open()
        self.factory = self.store.unit_of_work
        self.category = make_customer_category()
        self.offer_category = make_offer_category()
        self.model_offers: dict[uuid.UUID, Offer] = {}
        self.model_institutions: dict[uuid.UUID, Institution] = {}
        self.model_tables: dict[uuid.UUID, FeeTable] = {}
        self.model_orders: dict[uuid.UUID, Order] = {}
        self.model_cases: dict[uuid.UUID, AccessRequest] = {}
        with self.factory() as uow:
            uow.customer_categories.add(self.category)
            uow.offer_categories.add(self.offer_category)
            uow.commit()

    def teardown(self) -> None:
        self.store.close()

    @rule(name=NAMES, price=st.sampled_from([None, "1.00", "12.50"]))
    def add_offer(self, name: str, price: str | None) -> None:
        offer = make_offer(
            self.offer_category.id, name, price=None if price is None else Money(price)
        )
        with self.factory() as uow:
            uow.offers.add(offer)
            uow.commit()
        self.model_offers[offer.id] = offer

    @rule(target=institutions, name=NAMES, discount=st.sampled_from([None, "10", "15.5"]))
    def add_institution(self, name: str, discount: str | None) -> uuid.UUID:
        institution = make_institution(
            name, discount=None if discount is None else Percentage(discount)
        )
        with self.factory() as uow:
            uow.institutions.add(institution)
            uow.commit()
        self.model_institutions[institution.id] = institution
        return institution.id

    @rule(institution=institutions, active=st.booleans())
    def update_institution(self, institution: uuid.UUID, active: bool) -> None:
        current = self.model_institutions[institution]
        with self.factory() as uow:
            saved = uow.institutions.update(attrs.evolve(current, active=active))
            uow.commit()
        self.model_institutions[institution] = saved

    @rule(day=st.integers(0, 5), price=st.sampled_from(["6.00", "12.00"]))
    def add_fee_table(self, day: int, price: str) -> None:
        table = make_fee_table(
            {(self.category.id, self.offer_category.id): Money(price)},
            name=f"Entgelte ab Tag {day}",  # a name per first day: names are unique too
            valid_from=date(2026, 1, 1) + timedelta(days=day),
        )
        taken = any(t.valid_from == table.valid_from for t in self.model_tables.values())
        try:
            with self.factory() as uow:
                uow.fee_tables.add(table)
                uow.commit()
        except AlreadyExistsError:
            assert taken
        else:
            assert not taken
            self.model_tables[table.id] = table

    @rule(target=orders, day=st.integers(0, 9), quantity=st.integers(1, 3))
    def add_order(self, day: int, quantity: int) -> uuid.UUID:
        order = make_order(
            self.category.id,
            lines=(make_order_line(quantity=quantity),),
            placed_on=date(2026, 3, 1) + timedelta(days=day),
        )
        with self.factory() as uow:
            uow.orders.add(order)
            uow.commit()
        self.model_orders[order.id] = order
        return order.id

    @rule(order=orders)
    def cancel_order(self, order: uuid.UUID) -> None:
        current = self.model_orders[order]
        if current.is_cancelled:
            return
        with self.factory() as uow:
            saved = uow.orders.update(current.cancel(datetime(2026, 4, 1, tzinfo=UTC)))
            uow.commit()
        self.model_orders[order] = saved

    @rule(target=cases, number=st.integers(1, 5), email=EMAILS)
    def add_case(self, number: int, email: str | None) -> uuid.UUID:
        case = make_access_request(f"AR-2026-{number:04d}", email=email)
        taken = any(c.reference == case.reference for c in self.model_cases.values())
        try:
            with self.factory() as uow:
                uow.access_requests.add(case)
                uow.commit()
        except AlreadyExistsError:
            assert taken
        else:
            assert not taken
            self.model_cases[case.id] = case
        return case.id

    @invariant()
    def queries_agree(self) -> None:
        with self.factory() as uow:
            assert sorted(uow.offers.list(), key=lambda o: str(o.id)) == sorted(
                self.model_offers.values(), key=lambda o: str(o.id)
            )
            assert {i.id: i for i in uow.institutions.list()} == self.model_institutions
            for day in range(8):
                on = date(2026, 1, 1) + timedelta(days=day)
                expected = max(
                    (t for t in self.model_tables.values() if t.valid_from <= on),
                    key=lambda t: t.valid_from,
                    default=None,
                )
                assert uow.fee_tables.in_force(on) == expected
            period = uow.orders.list(start=date(2026, 3, 3), end=date(2026, 3, 6))
            assert {o.id: o for o in period} == {
                i: o
                for i, o in self.model_orders.items()
                if date(2026, 3, 3) <= o.placed_on <= date(2026, 3, 6)
            }
            assert len(uow.orders.list()) == len(self.model_orders)
            assert {c.id: c for c in uow.access_requests.list()} == self.model_cases
            numbers = [int(c.reference[-4:]) for c in self.model_cases.values()]
            assert uow.access_requests.last_reference_number(2026) == max(numbers, default=0)


class StatefulContract:
    """Random command sequences on fresh stores agree with a plain model."""

    examples: ClassVar[int] = 20
    """How many sequences each machine runs; a store that is slow to create may lower it."""

    def test_stateful_customers_and_categories_agree_with_a_model(
        self, store_opener: StoreOpener
    ) -> None:
        machine = type("Customers", (CustomersMachine,), {"source": StoreSource(store_opener)})
        run_state_machine_as_test(
            machine,
            settings=settings(max_examples=self.examples, stateful_step_count=20, deadline=None),
        )

    def test_stateful_other_aggregates_agree_with_a_model(self, store_opener: StoreOpener) -> None:
        machine = type(
            "OtherAggregates", (OtherAggregatesMachine,), {"source": StoreSource(store_opener)}
        )
        run_state_machine_as_test(
            machine,
            settings=settings(max_examples=self.examples, stateful_step_count=15, deadline=None),
        )
