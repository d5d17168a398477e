"""module.pricing on both stores: fee tables, the matrix and quotes."""

from __future__ import annotations

import collections
import uuid
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import Any, cast

import pytest

from gomus_customers import (
    AddressNotOwnedError,
    CategoryInUseError,
    CategoryRequiredError,
    CustomerModule,
    FloatNotAllowedError,
    MembershipInactiveError,
    Money,
    NoFeeError,
    NoFeeTableError,
    NotFoundError,
    UnitOfWork,
    ValidationError,
)
from gomus_customers.adapters.memory import MemoryStore
from tests.services.conftest import Museum, snapshot

DAY = date(2026, 3, 2)


def test_fee_cells_accept_decimals_strings_ints_and_money(
    module: CustomerModule, museum: Museum
) -> None:
    table = module.pricing.get_fee_table(museum.table.id)
    assert table.fees[(museum.schools.id, museum.tours.id)] == Money("45.00")
    assert module.pricing.fee_tables() == [table]
    assert module.pricing.fee_table_on(DAY) == table


def test_bad_cells_are_named_by_category_names(module: CustomerModule, museum: Museum) -> None:
    before = snapshot(module)
    with pytest.raises(ValidationError) as raised:
        module.pricing.set_fee_table(
            "Entgelte 2027",
            valid_from=date(2027, 1, 1),
            fees={
                (museum.private.id, museum.admission.id): "-12.00",
                (museum.schools.id, museum.tours.id): "45.001",
                (museum.schools.id, museum.admission.id): Money("6.00", "CHF"),
                (museum.private.id, museum.tours.id): "achtzig",
            },
        )
    assert raised.value.problems == (
        ("fees[Privatkunde, Führung]", "'achtzig' is not a number"),
        ("fees[Privatkunde, Eintritt]", "-12.00 EUR is negative"),
        ("fees[Schule, Führung]", "45.001 EUR has more than 2 decimal places"),
        ("fees[Schule, Eintritt]", "6.00 CHF is in CHF; the table is in EUR"),
    )
    assert snapshot(module) == before


def test_unknown_categories_in_cells_are_named(module: CustomerModule, museum: Museum) -> None:
    ghost = uuid.uuid4()
    with pytest.raises(ValidationError) as raised:
        module.pricing.set_fee_table(
            "Entgelte 2027",
            valid_from=date(2027, 1, 1),
            fees={(ghost, museum.admission.id): "1.00"},  # type: ignore[dict-item]  # unknown
            fallback_category_id=ghost,  # type: ignore[arg-type]  # unknown
        )
    assert raised.value.problems == (
        (f"fees[{ghost}, Eintritt]", f"no customer category {ghost}"),
        ("fallback_category_id", f"no customer category {ghost}"),
    )


def test_a_second_table_on_the_same_day_names_both(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(ValidationError) as raised:
        module.pricing.set_fee_table("Neue Entgelte", valid_from=date(2026, 1, 1), fees={})
    assert raised.value.problems == (
        (
            "valid_from",
            (
                "fee tables 'Neue Entgelte' and 'Entgelte 2026' both start on 2026-01-01; "
                "give one another day"
            ),
        ),
    )


def test_floats_are_refused_as_fees(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(FloatNotAllowedError):
        module.pricing.set_fee_table(
            "x",
            valid_from=date(2027, 1, 1),
            fees={(museum.private.id, museum.admission.id): 12.0},  # type: ignore[dict-item]  # wrong
        )


def test_bad_fee_shapes_and_dates(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(ValidationError) as raised:
        module.pricing.set_fee_table(
            "x",
            valid_from=date(2027, 1, 1),
            fees={"Eintritt": "1"},  # type: ignore[dict-item]  # wrong
        )
    assert raised.value.problems == (
        ("fees['Eintritt']", "a cell is (customer category id, offer category id)"),
    )
    with pytest.raises(ValidationError, match="is not a date"):
        module.pricing.set_fee_table("x", valid_from="2027-01-01", fees={})  # type: ignore[arg-type]  # wrong
    with pytest.raises(ValidationError, match="mapping"):
        module.pricing.set_fee_table("x", valid_from=date(2027, 1, 1), fees=[])  # type: ignore[arg-type]  # wrong
    with pytest.raises(ValidationError, match="ISO 4217"):
        module.pricing.set_fee_table("x", valid_from=date(2027, 1, 1), fees={}, currency="Euro")


def test_an_unknown_currency_is_the_one_problem_of_a_table_with_group_sizes(
    module: CustomerModule, museum: Museum
) -> None:
    # The cells are not read without a currency, so their group sizes are not said to lack a
    # fee: the one thing to fix is the currency.
    cell = (museum.schools.id, museum.tours.id)
    with pytest.raises(ValidationError) as raised:
        module.pricing.set_fee_table(
            "x", valid_from=date(2027, 1, 1), currency="Euro", fees={cell: "45.00"},
            group_sizes={cell: 25},
        )  # fmt: skip
    assert raised.value.problems == (("currency", "'EURO' is not an ISO 4217 currency code"),)


def test_a_newer_table_takes_over_and_orders_keep_their_price(
    module: CustomerModule, museum: Museum
) -> None:
    before = module.orders.place(channel="box_office", lines=[(museum.ticket.id, 1)], on=DAY)
    module.pricing.set_fee_table(
        "Entgelte ab April",
        valid_from=date(2026, 4, 1),
        fees={(museum.private.id, museum.admission.id): "14.00"},
    )
    assert module.pricing.fee_table_on(date(2026, 3, 31)).name == "Entgelte 2026"
    assert module.pricing.fee_table_on(date(2026, 4, 1)).name == "Entgelte ab April"
    after = module.orders.place(
        channel="box_office", lines=[(museum.ticket.id, 1)], on=date(2026, 4, 1)
    )
    assert (before.total, after.total) == (Money("12.00"), Money("14.00"))
    assert module.orders.get(before.id).total == Money("12.00")


def test_no_table_in_force(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(NoFeeTableError) as raised:
        module.pricing.fee_table_on(date(2025, 12, 31))
    assert raised.value.day == date(2025, 12, 31)
    with pytest.raises(NoFeeTableError):
        module.pricing.fee_matrix(on=date(2025, 12, 31))


def test_no_table_in_force_names_the_tables_either_side_of_the_day(
    module: CustomerModule, museum: Museum
) -> None:
    # A new year's table that begins a day late: the gap is plain from the error alone.
    module.pricing.replace_fee_table(museum.table.id, valid_until=date(2026, 12, 31))
    fees = {(museum.private.id, museum.admission.id): "13.00"}
    module.pricing.set_fee_table(
        "Entgelte 2025", valid_from=date(2025, 1, 1), valid_until=date(2025, 6, 30), fees=fees
    )
    module.pricing.set_fee_table("Entgelte 2027", valid_from=date(2027, 1, 2), fees=fees)
    gap = (
        "no fee table is in force on 2027-01-01 (the table before, 'Entgelte 2026', ends on "
        "2026-12-31; the next table, 'Entgelte 2027', begins on 2027-01-02); add one whose "
        "validity covers that day"
    )
    sales: list[Callable[[], object]] = [
        lambda: module.pricing.fee_table_on(date(2027, 1, 1)),
        lambda: module.pricing.fee_matrix(on=date(2027, 1, 1)),
        lambda: module.pricing.quote(lines=[(museum.ticket.id, 1)], on=date(2027, 1, 1)),
        lambda: module.orders.place(
            channel="box_office", lines=[(museum.ticket.id, 1)], on=date(2027, 1, 1)
        ),
    ]
    for sale in sales:
        with pytest.raises(NoFeeTableError) as raised:
            sale()
        assert str(raised.value) == gap
        assert (raised.value.before, raised.value.after) == (
            ("Entgelte 2026", date(2026, 12, 31)),
            ("Entgelte 2027", date(2027, 1, 2)),
        )
    assert module.orders.list() == []
    # Before the first table only the next one is named; between 2025's and 2026's, both.
    with pytest.raises(NoFeeTableError) as raised:
        module.pricing.fee_table_on(date(2024, 12, 31))
    assert (raised.value.before, raised.value.after) == (None, ("Entgelte 2025", date(2025, 1, 1)))
    assert "(the next table, 'Entgelte 2025', begins on 2025-01-01); add" in str(raised.value)
    with pytest.raises(NoFeeTableError) as raised:
        module.pricing.fee_table_on(date(2025, 7, 1))
    assert (raised.value.before, raised.value.after) == (
        ("Entgelte 2025", date(2025, 6, 30)),
        ("Entgelte 2026", date(2026, 1, 1)),
    )


def test_without_any_table_the_error_names_none(module: CustomerModule) -> None:
    with pytest.raises(NoFeeTableError) as raised:
        module.pricing.fee_table_on(date(2026, 3, 2))
    assert str(raised.value) == (
        "no fee table is in force on 2026-03-02; add one whose validity covers that day"
    )
    assert (raised.value.before, raised.value.after) == (None, None)


def test_replace_a_table(module: CustomerModule, museum: Museum) -> None:
    replaced = module.pricing.replace_fee_table(
        museum.table.id,
        name="Entgelte 2026 (neu)",
        valid_until=date(2026, 12, 31),
        fees={(museum.private.id, museum.admission.id): "13.00"},
        fallback_category_id=museum.private.id,
    )
    assert replaced.version == 2
    assert replaced.fees == {(museum.private.id, museum.admission.id): Money("13.00")}
    quote = module.pricing.quote(
        lines=[(museum.ticket.id, 1)], category_id=museum.schools.id, on=DAY
    )
    assert quote.total == Money("13.00")
    assert quote.lines[0].trace.fallback_used
    moved = module.pricing.replace_fee_table(
        museum.table.id, valid_from=date(2026, 2, 1), valid_until=None, fallback_category_id=None
    )
    assert (moved.valid_from, moved.valid_until, moved.fallback_category_id) == (
        date(2026, 2, 1),
        None,
        None,
    )


def test_delete_a_table(module: CustomerModule, museum: Museum) -> None:
    module.pricing.delete_fee_table(museum.table.id)
    assert module.pricing.fee_tables() == []
    with pytest.raises(NotFoundError):
        module.pricing.get_fee_table(museum.table.id)


def test_the_matrix_shows_rows_of_customer_and_columns_of_offer_categories(
    module: CustomerModule, museum: Museum
) -> None:
    module.categories.add_customer_category("Verein")
    matrix = module.pricing.fee_matrix(on=DAY)
    assert [c.name for c in matrix.customer_categories] == ["Privatkunde", "Schule", "Verein"]
    assert [c.name for c in matrix.offer_categories] == ["Eintritt", "Führung"]
    assert matrix.cells[2] == (None, None)
    assert matrix.to_text() == (
        "Entgelte 2026 (EUR, valid 2026-01-01 to open)\n"
        "             Eintritt  Führung\n"
        "Privatkunde     12.00    80.00\n"
        "Schule           6.00    45.00\n"
        "Verein              -        -"
    )
    assert module.pricing.fee_matrix(fee_table_id=museum.table.id) == matrix


def test_the_matrix_defaults_to_today_and_marks_the_fallback(
    module: CustomerModule, museum: Museum
) -> None:
    module.pricing.replace_fee_table(museum.table.id, fallback_category_id=museum.private.id)
    assert "Privatkunde (fallback)" in module.pricing.fee_matrix().to_text()


def test_categories_a_table_prices_cannot_be_deleted(
    module: CustomerModule, museum: Museum
) -> None:
    with pytest.raises(CategoryInUseError) as raised:
        module.categories.delete_customer_category(museum.schools.id)
    assert raised.value.users == {"fee tables": 1}
    with pytest.raises(CategoryInUseError) as raised:
        module.categories.delete_offer_category(museum.tours.id)
    assert raised.value.users == {"offers": 1, "fee tables": 1}


def test_quote_for_a_category_or_the_default(module: CustomerModule, museum: Museum) -> None:
    lines = [(museum.tour.id, 2), (museum.ticket.id, 1)]
    assert module.pricing.quote(lines=lines, on=DAY).total == Money("172.00")
    school = module.pricing.quote(lines=lines, on=DAY, category_id=museum.schools.id)
    assert school.total == Money("96.00")
    assert module.pricing.quote(lines=lines).day == DAY  # the module clock's day


def test_quote_without_any_category(module: CustomerModule, museum: Museum) -> None:
    module.categories.set_default_customer_category(None)
    with pytest.raises(CategoryRequiredError):
        module.pricing.quote(lines=[(museum.ticket.id, 1)], on=DAY)


def test_quote_for_a_customer_uses_the_customers_category(
    module: CustomerModule, museum: Museum
) -> None:
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.schools.id
    )
    quote = module.pricing.quote(lines=[(museum.tour.id, 1)], customer_id=anna.id, on=DAY)
    assert quote.total == Money("45.00")
    with pytest.raises(ValidationError, match="customer's category"):
        module.pricing.quote(
            lines=[(museum.tour.id, 1)],
            customer_id=anna.id,
            category_id=museum.private.id,
            on=DAY,
        )


def test_a_missing_cell_is_no_fee(module: CustomerModule, museum: Museum) -> None:
    club = module.categories.add_customer_category("Verein")
    with pytest.raises(NoFeeError) as raised:
        module.pricing.quote(lines=[(museum.tour.id, 1)], category_id=club.id, on=DAY)
    assert (raised.value.customer_category, raised.value.offer_category) == ("Verein", "Führung")


def test_bad_lines_are_reported_together(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(ValidationError) as raised:
        module.pricing.quote(
            lines=[(museum.tour.id, 0), ("Führung", 1), (museum.ticket.id,)],  # type: ignore[list-item]  # wrong on purpose
            on=DAY,
        )
    assert [p for p, _ in raised.value.problems] == [
        "lines[0].quantity",
        "lines[1].offer_id",
        "lines[2]",
    ]
    with pytest.raises(ValidationError, match="at least one line"):
        module.pricing.quote(lines=[], on=DAY)
    with pytest.raises(NotFoundError):
        module.pricing.quote(lines=[(uuid.uuid4(), 1)], on=DAY)  # type: ignore[list-item]  # unknown


def test_an_address_needs_its_customer(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(ValidationError, match="only be given with its customer"):
        module.pricing.quote(lines=[(museum.tour.id, 1)], address_id=uuid.uuid4(), on=DAY)  # type: ignore[arg-type]  # any id


def test_the_address_must_be_the_customers_and_the_membership_active(
    module: CustomerModule, museum: Museum
) -> None:
    school = module.institutions.add("Goethe-Gymnasium", discount="10")
    anna = module.customers.add(
        first_name="Anna", last_name="Schmidt", category_id=museum.schools.id
    )
    eva = module.customers.add(first_name="Eva", last_name="Fischer", category_id=museum.private.id)
    evas_home = module.customers.add_address(
        eva.id, street="Hauptstraße 3", postal_code="80331", city="München"
    )
    at_school = module.customers.join_institution(
        anna.id,
        school.id,
        since=date(2026, 3, 1),
        street="Schulstraße 1",
        postal_code="14467",
        city="Potsdam",
    )
    lines = [(museum.tour.id, 2)]
    with pytest.raises(AddressNotOwnedError) as raised:
        module.pricing.quote(lines=lines, customer_id=anna.id, address_id=evas_home.id, on=DAY)
    assert (raised.value.customer_id, raised.value.address_id) == (anna.id, evas_home.id)
    with pytest.raises(MembershipInactiveError) as inactive:
        module.pricing.quote(
            lines=lines, customer_id=anna.id, address_id=at_school.id, on=date(2026, 2, 28)
        )
    assert (inactive.value.institution_id, inactive.value.day) == (school.id, date(2026, 2, 28))
    quote = module.pricing.quote(lines=lines, customer_id=anna.id, address_id=at_school.id, on=DAY)
    assert quote.total == Money("81.00")
    assert quote.institution_id == school.id


class _Counting:
    """Counts the calls made to the wrapped repository."""

    def __init__(self, inner: object, name: str, calls: collections.Counter[str]) -> None:
        self._inner, self._name, self._calls = inner, name, calls

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._inner, attribute)
        if not callable(value):
            return value

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._calls[f"{self._name}.{attribute}"] += 1
            return value(*args, **kwargs)

        return counted


class _CountingUnitOfWork:
    def __init__(self, inner: UnitOfWork, calls: collections.Counter[str]) -> None:
        self._inner = inner
        for name in (
            "customer_categories",
            "offer_categories",
            "offers",
            "institutions",
            "customers",
            "fee_tables",
            "orders",
            "membership_types",
            "memberships",
        ):
            setattr(self, name, _Counting(getattr(inner, name), name, calls))

    def __enter__(self) -> _CountingUnitOfWork:
        self._inner.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inner.__exit__(kind, error, tb)

    def commit(self) -> None:
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


def test_a_thousand_lines_load_the_fee_table_and_institution_once() -> None:
    store = MemoryStore()
    calls: collections.Counter[str] = collections.Counter()
    factory = cast(
        Callable[[], UnitOfWork], lambda: _CountingUnitOfWork(store.unit_of_work(), calls)
    )
    module = CustomerModule(factory)
    schools = module.categories.add_customer_category("Schule")
    tours = module.categories.add_offer_category("Führung")
    module.pricing.set_fee_table(
        "Entgelte", valid_from=date(2026, 1, 1), fees={(schools.id, tours.id): "45.00"}
    )
    offers = [module.catalog.add_offer(f"Führung {i}", category_id=tours.id) for i in range(10)]
    school = module.institutions.add("Goethe-Gymnasium", discount="10")
    anna = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=schools.id)
    at_school = module.customers.join_institution(
        anna.id, school.id, street="Schulstraße 1", postal_code="14467", city="Potsdam"
    )
    calls.clear()
    quote = module.pricing.quote(
        lines=[(offers[i % 10].id, 1) for i in range(1000)],
        customer_id=anna.id,
        address_id=at_school.id,
        on=DAY,
    )
    # 1,000 x (45.00 - 4.50) = 40,500.00
    assert quote.total == Money("40500.00")
    assert calls["fee_tables.in_force"] == 1
    assert calls["institutions.get"] == 1
    assert calls["customers.get"] == 1
    assert (calls["offers.get_many"], calls["offers.get"]) == (1, 0)  # all ten offers at once
    assert calls["offer_categories.get_many"] == 1
    assert calls["memberships.of_holder"] == 1  # Anna holds none: nothing more is loaded
    assert calls["membership_types.get"] == 0
