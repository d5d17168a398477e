"""Random sequences of commands against each store and a plain model, comparing every answer."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from gomus_customers import (
    AlreadyExistsError,
    ConcurrentModificationError,
    Customer,
    CustomerCategory,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers._checks import name_key
from gomus_customers.adapters.memory import MemoryStore
from gomus_customers.adapters.sqlite import SqliteStore
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing import make_customer, make_customer_category

NAMES = st.sampled_from(["Schule", "schule", "Verein", "Privatkunde", "Presse"])
FIRST = st.sampled_from(["Anna", "Eva", "Jonas"])
LAST = st.sampled_from(["Schmidt", "Weber", "Fischer"])
EMAILS = st.sampled_from([None, "a@example.org", "b@example.org", "A@Example.org"])
NUMBERS = st.sampled_from([None, "1", "2", "3"])


def _order(c: Customer) -> tuple[str, str, str]:
    return (name_key(c.last_name), name_key(c.first_name), str(c.id))


class StoreMachine(RuleBasedStateMachine):
    """Customers and categories in a store and in dicts; every query must agree."""

    categories = Bundle("categories")
    customers = Bundle("customers")

    def __init__(self) -> None:
        super().__init__()
        self.model_categories: dict[uuid.UUID, CustomerCategory] = {}
        self.model_customers: dict[uuid.UUID, Customer] = {}
        self.factory = self.open_store()

    def open_store(self) -> UnitOfWorkFactory:
        raise NotImplementedError

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
        customer = make_customer(category, first_name=first, last_name=last, email=email,  # type: ignore[arg-type]
                                 number=number)  # fmt: skip
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
                uow.customers.get(customer)  # type: ignore[arg-type]
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
                uow.customers.delete(customer)  # type: ignore[arg-type]
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
                uow.customer_categories.delete(category)  # type: ignore[arg-type]
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


class MemoryMachine(StoreMachine):
    def open_store(self) -> UnitOfWorkFactory:
        return MemoryStore().unit_of_work


class SqliteMachine(StoreMachine):
    def open_store(self) -> UnitOfWorkFactory:
        self.folder = tempfile.TemporaryDirectory()
        self.store = SqliteStore(Path(self.folder.name) / "state.sqlite3", busy_timeout=0.5)
        return self.store.unit_of_work

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()


TestMemoryStoreAgainstModel = MemoryMachine.TestCase
TestMemoryStoreAgainstModel.settings = settings(max_examples=40, stateful_step_count=25,
                                                deadline=None)  # fmt: skip
TestSqliteStoreAgainstModel = SqliteMachine.TestCase
TestSqliteStoreAgainstModel.settings = settings(max_examples=25, stateful_step_count=20,
                                                deadline=None)  # fmt: skip
