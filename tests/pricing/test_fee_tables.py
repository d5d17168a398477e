"""Fee tables (Entgelttabellen): their own rules and the table in force on a day."""

from __future__ import annotations

import uuid
from datetime import date

import attrs
import pytest

from gomus_customers import FeeTable, Money, ValidationError
from gomus_customers.ids import CustomerCategoryId, FeeTableId, OfferCategoryId
from gomus_customers.pricing import fee_table_in_force
from gomus_customers.testing import make_fee_table

PRIVATE = CustomerCategoryId(uuid.UUID(int=1))
SCHOOL = CustomerCategoryId(uuid.UUID(int=2))
ADMISSION = OfferCategoryId(uuid.UUID(int=11))
TOUR = OfferCategoryId(uuid.UUID(int=12))


def test_a_cell_gives_its_fee() -> None:
    table = make_fee_table({(PRIVATE, ADMISSION): Money("12.00")})
    assert table.fee(PRIVATE, ADMISSION) == (Money("12.00"), False)
    assert table.fee(SCHOOL, ADMISSION) is None


def test_the_fallback_category_fills_a_missing_cell() -> None:
    table = make_fee_table(
        {(PRIVATE, ADMISSION): Money("12.00"), (SCHOOL, TOUR): Money("45.00")},
        fallback_category_id=PRIVATE,
    )
    assert table.fee(SCHOOL, ADMISSION) == (Money("12.00"), True)
    assert table.fee(SCHOOL, TOUR) == (Money("45.00"), False)
    assert table.fee(PRIVATE, TOUR) is None
    assert table.customer_category_ids == {PRIVATE, SCHOOL}
    assert table.offer_category_ids == {ADMISSION, TOUR}


def test_the_cells_cannot_be_changed_through_the_callers_dict() -> None:
    fees = {(PRIVATE, ADMISSION): Money("12.00")}
    table = make_fee_table(fees)
    fees[(PRIVATE, ADMISSION)] = Money("1.00")
    assert table.fees[(PRIVATE, ADMISSION)] == Money("12.00")
    with pytest.raises(TypeError):
        table.fees[(PRIVATE, ADMISSION)] = Money("1.00")  # type: ignore[index]  # read-only


def test_every_bad_cell_is_named() -> None:
    with pytest.raises(ValidationError) as raised:
        make_fee_table(
            {
                (PRIVATE, ADMISSION): Money("-1.00"),
                (PRIVATE, TOUR): Money("12.345"),
                (SCHOOL, ADMISSION): Money("6.00", "CHF"),
            }
        )
    assert raised.value.problems == (
        (f"fees[{PRIVATE}, {ADMISSION}]", "-1.00 EUR is negative"),
        (f"fees[{PRIVATE}, {TOUR}]", "12.345 EUR has more than 2 decimal places"),
        (f"fees[{SCHOOL}, {ADMISSION}]", "6.00 CHF is in CHF; the table is in EUR"),
    )


def test_a_cell_must_be_a_pair_of_ids_and_money() -> None:
    with pytest.raises(ValidationError) as raised:
        make_fee_table({(PRIVATE,): Money("1"), (PRIVATE, "x"): "12"})  # type: ignore[dict-item]  # wrong on purpose
    assert [p for p, _ in raised.value.problems] == [
        f"fees[({PRIVATE!r},)]",
        f"fees[{PRIVATE}, x].offer_category_id",
        f"fees[{PRIVATE}, x]",
    ]


def test_validity_ends_on_or_after_it_begins() -> None:
    with pytest.raises(ValidationError, match="2025-12-31 is before 2026-01-01"):
        make_fee_table(valid_until=date(2025, 12, 31))
    assert make_fee_table(valid_until=date(2026, 1, 1)).covers(date(2026, 1, 1))


def test_the_currency_is_iso_4217() -> None:
    with pytest.raises(ValidationError, match="ISO 4217"):
        FeeTable(id=FeeTableId(uuid.uuid4()), name="x", valid_from=date(2026, 1, 1), currency="€")


def test_fees_must_be_a_mapping() -> None:
    with pytest.raises(ValidationError, match="mapping"):
        attrs.evolve(make_fee_table(), fees=5)  # type: ignore[arg-type]  # wrong on purpose


def test_covers_includes_both_ends() -> None:
    table = make_fee_table(valid_from=date(2026, 1, 1), valid_until=date(2026, 6, 30))
    assert [table.covers(d) for d in (date(2025, 12, 31), date(2026, 1, 1))] == [False, True]
    assert [table.covers(d) for d in (date(2026, 6, 30), date(2026, 7, 1))] == [True, False]


def test_a_newer_table_takes_over_from_an_open_ended_one() -> None:
    old = make_fee_table(name="2025", valid_from=date(2025, 1, 1))
    new = make_fee_table(name="2026", valid_from=date(2026, 1, 1))
    assert fee_table_in_force([new, old], date(2025, 12, 31)) == old
    assert fee_table_in_force([new, old], date(2026, 1, 1)) == new


def test_an_expired_newer_table_gives_way_to_the_older_one_again() -> None:
    year = make_fee_table(name="2026", valid_from=date(2026, 1, 1))
    special = make_fee_table(
        name="Sonderausstellung", valid_from=date(2026, 5, 1), valid_until=date(2026, 5, 31)
    )
    assert fee_table_in_force([year, special], date(2026, 5, 31)) == special
    assert fee_table_in_force([year, special], date(2026, 6, 1)) == year
    assert fee_table_in_force([year, special], date(2025, 12, 31)) is None
