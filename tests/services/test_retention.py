"""Retention ends and purging (DESIGN 14), on every store, and the SQLite file's bytes.

Booking records: 8 years from the end of their year, 10 for periods that had ended before
1 January 2025 (all hand-computed below). Case files: 3 years from the end of the year the
case ended.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from gomus_customers import CustomerModule, NotFoundError, ValidationError
from gomus_customers.privacy.retention import BOOKING_RECORDS, BOOKS, CASE_FILES
from tests.conftest import NOW, STORES
from tests.services.erasure_setup import (
    EMAIL,
    FIRST,
    LAST,
    PERSONAL,
    build_person,
    dump,
)


@pytest.mark.parametrize(
    ("made_on", "end"),
    [
        (date(2014, 12, 31), date(2024, 12, 31)),  # 10 years: ended before 2025
        (date(2015, 1, 1), date(2023, 12, 31)),  # 8 years: its 10 had not ended in 2025
        (date(2016, 6, 1), date(2024, 12, 31)),
        (date(2017, 2, 10), date(2025, 12, 31)),  # DESIGN's example
        (date(2024, 5, 17), date(2032, 12, 31)),  # DESIGN's example
        (date(2026, 3, 2), date(2034, 12, 31)),
    ],
)
def test_booking_records_are_kept_eight_years_since_2025(made_on: date, end: date) -> None:
    assert BOOKING_RECORDS.end(made_on) == end
    assert not BOOKING_RECORDS.due(made_on, end)  # kept on its last day
    assert BOOKING_RECORDS.due(made_on, date(end.year + 1, 1, 1))


def test_books_and_case_files() -> None:
    assert BOOKS.end(date(2024, 5, 17)) == date(2034, 12, 31)
    assert BOOKS.end(date(2014, 5, 17)) == date(2024, 12, 31)
    assert CASE_FILES.end(date(2026, 2, 21)) == date(2029, 12, 31)


class Clock:
    """A clock the test moves: the module's today follows it."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def move_to(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


Opener = Callable[[Clock], CustomerModule]


@pytest.fixture(name="opener", params=STORES)
def fixture_opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens a module with the test's clock on each shipped store."""
    opened: list[CustomerModule] = []

    def open_module(clock: Clock) -> CustomerModule:
        if request.param == "memory":
            module = CustomerModule.in_memory(clock=clock)
        elif request.param == "sqlite":
            module = CustomerModule.sqlite(tmp_path / "museum.sqlite3", clock=clock)
        else:
            postgres = request.getfixturevalue("postgres_dsn")
            module = CustomerModule.postgresql(postgres, clock=clock, pool_size=2)
        opened.append(module)
        return module

    yield open_module
    for module in opened:
        module.close()


def test_retention_due_and_purge_on_the_right_days(opener: Opener) -> None:
    clock = Clock()
    module = opener(clock)
    person = build_person(module)
    module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")  # 2 March 2026
    other_order = module.orders.list(start=date(2024, 6, 3), end=date(2024, 6, 3))[0]

    def due_on(day: date) -> tuple[list[date], int, int]:
        due = module.privacy.retention_due(on=day)
        return (
            sorted(o.placed_on for o in due.orders),
            len(due.cases),
            len(due.customers),
        )

    assert due_on(date(2026, 12, 31)) == ([], 0, 0)
    assert due_on(date(2027, 1, 1)) == ([date(2018, 2, 10)], 0, 0)
    assert due_on(date(2030, 1, 1)) == ([date(2018, 2, 10)], 1, 0)  # the case file too
    # 2033: the 2024 orders of both customers; the erased customer's 2026 order still holds it.
    assert due_on(date(2033, 1, 1)) == (
        [date(2018, 2, 10), date(2024, 2, 10), date(2024, 6, 3)],
        1,
        0,
    )
    assert due_on(date(2035, 1, 1))[2] == 1  # nothing refers to the erased customer any more

    with pytest.raises(ValidationError, match="in the future"):
        module.privacy.purge(on=date(2027, 1, 1))
    clock.move_to(date(2030, 1, 1))
    purged = module.privacy.purge()
    assert (len(purged.orders), len(purged.cases), len(purged.customers)) == (1, 1, 0)
    assert module.privacy.retention_due().orders == ()
    assert module.orders.get(other_order.id) == other_order  # not due before 2033
    clock.move_to(date(2035, 1, 1))
    purged = module.privacy.purge()
    assert (len(purged.orders), len(purged.cases), len(purged.customers)) == (3, 0, 1)
    remaining = [c.full_name for c in module.customers.list()]
    assert remaining == ["Bernd Keller"]
    assert module.orders.list() == []


def test_after_erasure_and_purge_the_sqlite_file_holds_no_personal_value(
    tmp_path: Path,
) -> None:
    path = tmp_path / "museum.sqlite3"
    clock = Clock()
    with CustomerModule.sqlite(path, clock=clock) as module:
        person = build_person(module)
    assert _values_in(path, PERSONAL) == set(PERSONAL)  # the search sees every value
    with CustomerModule.sqlite(path, clock=clock) as module:
        module.privacy.erase(person.customer_id, reason="Art. 17(1)(a)")
    found = _values_in(path, PERSONAL)
    # Only the case file's proof: the requester's name and e-mail.
    assert found <= {FIRST, LAST, EMAIL}, found
    assert found, "the case file keeps the requester's name and e-mail"
    clock.move_to(date(2030, 1, 1))  # the case file's retention ended on 31.12.2029
    with CustomerModule.sqlite(path, clock=clock) as module:
        module.privacy.purge()
        assert FIRST not in str(dump(module))
    assert _values_in(path, PERSONAL) == set()


def _values_in(path: Path, values: tuple[str, ...]) -> set[str]:
    """The values found in the file's bytes (and its WAL) after VACUUM, case-insensitively."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    data = b"".join(
        p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)
    ).lower()
    return {v for v in values if v.lower().encode() in data}


def test_a_purged_customer_takes_the_pass_it_bought_and_leaves_the_others(
    opener: Opener,
) -> None:
    clock = Clock()
    module = opener(clock)
    own = module.categories.add_customer_category("Erwachsene", is_default=True)
    sold_in = module.categories.add_offer_category("Mitgliedschaften")
    anna = module.customers.add(first_name="Anna", last_name="Huber", category_id=own.id)
    ben = module.customers.add(first_name="Ben", last_name="Huber", category_id=own.id)
    kind = module.memberships.add_type(
        "Jahreskarte", category_id=own.id, sold_in=sold_in.id, joining_price="60.00", holders=2
    )
    hers = module.memberships.sell(kind.id, buyer_id=anna.id, holder_ids=[anna.id, ben.id])
    his = module.memberships.sell(kind.id, buyer_id=ben.id, holder_ids=[ben.id, anna.id])
    module.privacy.erase(anna.id, reason="Art. 17(1)(a)")  # 2 March 2026
    # Her order of 2026 is kept to the end of 2034; on 1 January 2035 it, she and her pass go.
    clock.move_to(date(2035, 1, 1))
    purged = module.privacy.purge()
    assert [c.id for c in purged.customers] == [anna.id]
    with pytest.raises(NotFoundError):
        module.memberships.get(hers.id)
    assert module.memberships.get(his.id).holder_ids == (ben.id,)
    assert [c.full_name for c in module.customers.list()] == ["Ben Huber"]
