"""The facade and composition root: wiring, time zone, clock, units of work and closing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gomus_customers import (
    CustomerModule,
    GermanHolidays,
    StoreClosedError,
    ValidationError,
)
from gomus_customers._module_options import resolve_time_zone
from gomus_customers.adapters.memory import MemoryStore

LATE = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)


def test_today_is_the_module_time_zones_day() -> None:
    berlin = CustomerModule.in_memory(clock=lambda: LATE)
    new_york = CustomerModule.in_memory(clock=lambda: LATE, time_zone="America/New_York")
    # 23:30 UTC is 00:30 on 1 February in Berlin and 18:30 on 31 January in New York.
    assert (berlin.now().day, new_york.now().day) == (1, 31)


def test_an_unknown_time_zone_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="'Mars/Olympus' is not a time zone"):
        resolve_time_zone("Mars/Olympus")


def test_a_naive_clock_is_refused_when_it_is_read() -> None:
    module = CustomerModule.in_memory(clock=lambda: datetime(2026, 3, 2, 9, 0))  # noqa: DTZ001 - the naive clock under test
    with pytest.raises(ValidationError, match="time-zone aware"):
        module.now()


def test_a_host_store_is_wired_through_its_unit_of_work_factory() -> None:
    store = MemoryStore()
    module = CustomerModule(store.unit_of_work, holidays=GermanHolidays("BE"))
    school = module.categories.add_customer_category("Schule")
    with store.unit_of_work() as uow:
        assert uow.customer_categories.get(school.id) == school
    with module.unit_of_work() as uow:
        assert uow.customer_categories.list() == [school]


def test_the_module_closes_the_host_store_once_per_close() -> None:
    closed: list[str] = []
    module = CustomerModule(
        MemoryStore().unit_of_work, close=lambda: closed.append("x"), store_name="host"
    )
    with module:
        module.categories.customer_categories()
    assert closed == ["x"]
    with pytest.raises(StoreClosedError) as raised:
        module.categories.customer_categories()
    assert raised.value.store == "host"


def test_the_sqlite_module_keeps_its_data_across_a_reopen(tmp_path: Path) -> None:
    with CustomerModule.sqlite(tmp_path / "museum.sqlite3") as module:
        module.categories.add_customer_category("Schule")
    with CustomerModule.sqlite(tmp_path / "museum.sqlite3") as module:
        assert [c.name for c in module.categories.customer_categories()] == ["Schule"]
