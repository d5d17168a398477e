"""The SQL stores' cache of decoded fee tables: by content, committed data only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest

from gomus_customers import Money
from gomus_customers.adapters.sql.cache import DocumentCache
from gomus_customers.testing import (
    OpenedStore,
    make_customer_category,
    make_fee_table,
    make_offer_category,
    open_store,
    save,
)
from gomus_customers.testing.postgres import fresh_schema, server_dsn

DAY = date(2026, 3, 2)


@pytest.fixture(name="store", params=["sqlite", "postgresql"])
def fixture_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenedStore]:
    if request.param == "sqlite":
        store = open_store(f"sqlite:{tmp_path / 'cache.sqlite3'}")
        yield store
        store.close()
    else:
        with fresh_schema(server_dsn()) as dsn:
            store = open_store(f"postgresql:{dsn}")
            yield store
            store.close()


def test_a_table_is_decoded_once_and_then_served_from_the_cache(store: OpenedStore) -> None:
    customer, offer = make_customer_category(), make_offer_category()
    table = make_fee_table({(customer.id, offer.id): Money("12.00")})
    save(store.unit_of_work, customer, offer, table)
    with store.unit_of_work() as uow:
        first = uow.fee_tables.in_force(DAY)
    with store.unit_of_work() as uow:
        second = uow.fee_tables.in_force(DAY)
    assert first == table
    assert second is first  # the same decoded value, not a second decoding


def test_an_uncommitted_change_is_never_served_to_another_unit_of_work(
    store: OpenedStore,
) -> None:
    customer, offer = make_customer_category(), make_offer_category()
    table = make_fee_table({(customer.id, offer.id): Money("12.00")})
    save(store.unit_of_work, customer, offer, table)
    with store.unit_of_work() as changing:
        changed = changing.fee_tables.update(
            attrs.evolve(table, fees={(customer.id, offer.id): Money("99.00")})
        )
        assert changing.fee_tables.in_force(DAY) == changed  # its own change, read back
        changing.rollback()
    with store.unit_of_work() as reading:
        assert reading.fee_tables.in_force(DAY) == table


def test_a_committed_change_is_seen_at_once(store: OpenedStore) -> None:
    customer, offer = make_customer_category(), make_offer_category()
    table = make_fee_table({(customer.id, offer.id): Money("12.00")})
    save(store.unit_of_work, customer, offer, table)
    with store.unit_of_work() as uow:
        assert uow.fee_tables.in_force(DAY) == table
    with store.unit_of_work() as uow:
        changed = uow.fee_tables.update(
            attrs.evolve(table, fees={(customer.id, offer.id): Money("13.00")})
        )
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.fee_tables.in_force(DAY) == changed


def test_the_cache_forgets_the_oldest_entries() -> None:
    cache = DocumentCache(size=2)
    for key in ("a", "b", "c"):
        cache.put(key, key.upper())
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, "B", "C")
