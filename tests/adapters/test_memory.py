"""What only the memory store needs shown: commit-time checks and thread safety."""

from __future__ import annotations

import threading

import attrs
import pytest

from gomus_customers import (
    AlreadyExistsError,
    ConcurrentModificationError,
    ReferentialIntegrityError,
)
from gomus_customers.adapters.memory import MemoryStore
from gomus_customers.testing import make_customer, make_customer_category, save


def test_a_commit_that_fails_applies_nothing() -> None:
    store = MemoryStore()
    first, taken = make_customer_category("Verein"), make_customer_category("Schule")
    with store.unit_of_work() as late:
        late.customer_categories.add(first)
        late.customer_categories.add(taken)
        save(store.unit_of_work, make_customer_category("schule"))
        with pytest.raises(AlreadyExistsError):
            late.commit()
    with store.unit_of_work() as uow:
        assert [c.name for c in uow.customer_categories.list()] == ["schule"]


def test_the_same_id_added_by_two_units_of_work() -> None:
    store = MemoryStore()
    category = make_customer_category()
    with store.unit_of_work() as first, store.unit_of_work() as second:
        first.customer_categories.add(category)
        second.customer_categories.add(category)
        first.commit()
        with pytest.raises(AlreadyExistsError):
            second.commit()


def test_a_delete_based_on_an_old_version_is_refused_at_commit() -> None:
    store = MemoryStore()
    category = make_customer_category()
    save(store.unit_of_work, category)
    with store.unit_of_work() as deleting:
        deleting.customer_categories.delete(category.id)
        with store.unit_of_work() as renaming:
            renaming.customer_categories.update(attrs.evolve(category, name="Neu"))
            renaming.commit()
        with pytest.raises(ConcurrentModificationError):
            deleting.commit()


def test_a_category_deleted_meanwhile_breaks_the_reference_at_commit() -> None:
    store = MemoryStore()
    category = make_customer_category()
    save(store.unit_of_work, category)
    with store.unit_of_work() as adding:
        adding.customers.add(make_customer(category.id))
        with store.unit_of_work() as deleting:
            deleting.customer_categories.delete(category.id)
            deleting.commit()
        with pytest.raises(ReferentialIntegrityError):
            adding.commit()
    with store.unit_of_work() as uow:
        assert uow.customers.count() == 0


def test_pending_changes_shadow_committed_rows_in_queries() -> None:
    store = MemoryStore()
    category = make_customer_category()
    anna = make_customer(category.id, email="anna@example.org")
    save(store.unit_of_work, category, anna)
    with store.unit_of_work() as uow:
        uow.customers.update(attrs.evolve(anna, email="anna@example.net"))
        assert list(uow.customers.list(email="anna@example.org")) == []
        assert len(uow.customers.list(email="anna@example.net")) == 1
        uow.customers.delete(anna.id)
        assert uow.customers.count() == 0


def test_threads_updating_one_customer_lose_no_update() -> None:
    store = MemoryStore()
    category = make_customer_category()
    customer = make_customer(category.id, number="0")
    save(store.unit_of_work, category, customer)
    conflicts = 0
    lock = threading.Lock()

    def increment(times: int) -> None:
        nonlocal conflicts
        done = 0
        while done < times:
            with store.unit_of_work() as uow:
                current = uow.customers.get(customer.id)
                try:
                    uow.customers.update(
                        attrs.evolve(current, number=str(int(current.number or 0) + 1))
                    )
                    uow.commit()
                except ConcurrentModificationError:
                    with lock:
                        conflicts += 1
                    continue
            done += 1

    threads = [threading.Thread(target=increment, args=(200,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.unit_of_work() as uow:
        final = uow.customers.get(customer.id)
    # Every successful commit added one: 4 threads x 200, however many conflicts were retried.
    assert final.number == "800"
    assert final.version == 801
