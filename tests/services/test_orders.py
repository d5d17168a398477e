"""module.orders and the institution's order views, on both stores."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gomus_customers import (
    AddressNotOwnedError,
    CategoryRequiredError,
    CustomerModule,
    CustomerRequiredError,
    InstitutionInactiveError,
    MembershipInactiveError,
    Money,
    NoFeeTableError,
    NotFoundError,
    OrderStatus,
    Percentage,
    SalesChannel,
    ValidationError,
)
from tests.services.conftest import Museum, SchoolSetup, snapshot

DAY = date(2026, 3, 2)


def test_an_order_at_an_institution_belongs_to_it_with_its_discount(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    order = module.orders.place(
        channel=SalesChannel.BACK_OFFICE,
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 2)],
        on=DAY,
    )
    assert order.institution_id == s.school.id
    assert order.discount_rate == Percentage("10")
    assert order.total == Money("81.00")
    assert (order.gross, order.discount) == (Money("90.00"), Money("9.00"))
    assert order.vat == Money("12.93")  # 81.00 x 19/119
    assert order.customer_category_name == "Schule"
    assert order.lines[0].offer_name == "Highlights-Führung"
    assert order.status is OrderStatus.PLACED
    assert module.orders.get(order.id) == order


def test_a_private_address_gets_no_discount(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    order = module.orders.place(
        channel="online_shop",
        customer_id=s.anna.id,
        address_id=s.home.id,
        lines=[(s.tour.id, 2)],
        on=DAY,
    )
    assert (order.institution_id, order.total) == (None, Money("90.00"))


def test_institution_orders_and_member_orders_are_different_lists(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    anna, school, tour = s.anna, s.school, s.tour
    for_school = module.orders.place(
        channel="back_office",
        customer_id=anna.id,
        address_id=s.at_school.id,
        lines=[(tour.id, 1)],
        on=DAY,
    )
    private = module.orders.place(
        channel="online_shop", customer_id=anna.id, lines=[(tour.id, 1)], on=date(2026, 3, 3)
    )
    module.orders.place(channel="box_office", lines=[(tour.id, 1)], on=DAY)
    assert [o.id for o in module.institutions.orders(school.id)] == [for_school.id]
    assert [o.id for o in module.institutions.member_orders(school.id)] == [
        for_school.id,
        private.id,
    ]
    assert [o.id for o in module.orders.of_customer(anna.id)] == [for_school.id, private.id]
    with pytest.raises(NotFoundError):
        module.institutions.orders(uuid.uuid4())  # type: ignore[arg-type]  # unknown
    with pytest.raises(NotFoundError):
        module.institutions.member_orders(uuid.uuid4())  # type: ignore[arg-type]  # unknown
    with pytest.raises(NotFoundError):
        module.orders.of_customer(uuid.uuid4())  # type: ignore[arg-type]  # unknown


def test_the_box_office_sells_without_a_customer_at_the_default_category(
    module: CustomerModule, museum: Museum
) -> None:
    walk_in = module.orders.place(
        channel=SalesChannel.BOX_OFFICE, lines=[(museum.ticket.id, 3)], on=DAY
    )
    assert walk_in.customer_id is None
    assert walk_in.total == Money("36.00")
    assert walk_in.customer_category_name == "Privatkunde"
    school_class = module.orders.place(
        channel="box_office",
        lines=[(museum.ticket.id, 25)],
        category_id=museum.schools.id,
        on=DAY,
    )
    assert school_class.total == Money("150.00")


@pytest.mark.parametrize("channel", ["online_shop", "back_office", "reseller"])
def test_every_other_channel_needs_a_customer(
    module: CustomerModule, museum: Museum, channel: str
) -> None:
    with pytest.raises(CustomerRequiredError) as raised:
        module.orders.place(channel=channel, lines=[(museum.ticket.id, 1)], on=DAY)
    assert raised.value.channel == SalesChannel(channel)
    assert module.orders.list() == []


def test_an_unknown_channel_is_named(module: CustomerModule, museum: Museum) -> None:
    with pytest.raises(ValidationError, match="'telefon' is not a SalesChannel"):
        module.orders.place(channel="telefon", lines=[(museum.ticket.id, 1)], on=DAY)


def test_failed_orders_leave_nothing_behind(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    anna, tour = s.anna, s.tour
    other = module.customers.add(first_name="Eva", last_name="Fischer", category_id=s.private.id)
    before = snapshot(module)
    failures: list[tuple[type[Exception], dict[str, object]]] = [
        (AddressNotOwnedError, {"customer_id": other.id, "address_id": s.at_school.id}),
        (
            MembershipInactiveError,
            {"customer_id": anna.id, "address_id": s.at_school.id, "on": date(2025, 7, 31)},
        ),
        (NoFeeTableError, {"customer_id": anna.id, "on": date(2025, 12, 31)}),
        (NotFoundError, {"customer_id": uuid.uuid4()}),
    ]
    for error, arguments in failures:
        with pytest.raises(error):
            module.orders.place(
                channel="back_office",
                lines=[(tour.id, 1)],
                **{"on": DAY, **arguments},  # type: ignore[arg-type]  # each case's own keywords
            )
    assert snapshot(module) == before
    with module.unit_of_work() as uow:
        assert list(uow.orders.list()) == []


def test_no_default_category_and_none_given(module: CustomerModule, museum: Museum) -> None:
    module.categories.set_default_customer_category(None)
    with pytest.raises(CategoryRequiredError):
        module.orders.place(channel="box_office", lines=[(museum.ticket.id, 1)], on=DAY)


def test_leaving_the_institution_ends_its_discount(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    anna, school = s.anna, s.school
    module.customers.leave_institution(anna.id, school.id, on=DAY)
    last_day = module.orders.place(
        channel="back_office",
        customer_id=anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 1)],
        on=DAY,
    )
    assert last_day.total == Money("40.50")
    with pytest.raises(MembershipInactiveError):
        module.orders.place(
            channel="back_office",
            customer_id=anna.id,
            address_id=s.at_school.id,
            lines=[(s.tour.id, 1)],
            on=date(2026, 3, 3),
        )


def test_later_changes_never_change_a_placed_order(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    order = module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, 2)],
        on=DAY,
    )
    module.institutions.set_discount(s.school.id, "50")
    module.pricing.replace_fee_table(
        s.table.id,
        fees={(s.schools.id, s.tours.id): "99.00"},
    )
    module.categories.update_customer_category(s.schools.id, name="Schulen")
    assert module.orders.get(order.id) == order


def test_cancel_keeps_the_order(module: CustomerModule, museum: Museum) -> None:
    order = module.orders.place(channel="box_office", lines=[(museum.ticket.id, 1)], on=DAY)
    cancelled = module.orders.cancel(order.id, reason="Doppelt gebucht")
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.cancel_reason == "Doppelt gebucht"
    assert cancelled.cancelled_at is not None
    assert cancelled.total == order.total
    assert module.orders.get(order.id) == cancelled
    with pytest.raises(ValidationError, match="cancelled already"):
        module.orders.cancel(order.id)


def test_list_orders_of_a_period_and_channel(module: CustomerModule, museum: Museum) -> None:
    ticket = museum.ticket
    first = module.orders.place(channel="box_office", lines=[(ticket.id, 1)], on=date(2026, 3, 1))
    module.orders.place(channel="box_office", lines=[(ticket.id, 1)], on=date(2026, 4, 1))
    assert module.orders.list(start=date(2026, 3, 1), end=date(2026, 3, 31)) == [first]
    assert module.orders.list(channel="online_shop") == []
    with pytest.raises(ValidationError):
        module.orders.list(channel="telefon")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
@given(
    quantities=st.lists(st.integers(1, 40), min_size=1, max_size=5),
    discount=st.decimals(min_value=0, max_value=100, places=1),
)
def test_an_order_adds_up_and_never_changes(
    module: CustomerModule,
    school_setup: SchoolSetup,
    quantities: list[int],
    discount: Decimal,
) -> None:
    s = school_setup
    module.institutions.set_discount(s.school.id, discount)
    order = module.orders.place(
        channel="back_office",
        customer_id=s.anna.id,
        address_id=s.at_school.id,
        lines=[(s.tour.id, q) for q in quantities],
        on=DAY,
    )
    assert order.total == sum((line.net for line in order.lines), Money.zero())
    for line, quantity in zip(order.lines, quantities, strict=True):
        assert line.gross == Money("45.00") * quantity
        assert Money.zero() <= line.discount <= line.gross
    module.institutions.set_discount(s.school.id, "0")
    assert module.orders.get(order.id) == order


def test_orders_get_numbers_a_visitor_can_read_out(module: CustomerModule, museum: Museum) -> None:
    first = module.orders.place(channel="box_office", lines=[(museum.ticket.id, 1)], on=DAY)
    second = module.orders.place(channel="box_office", lines=[(museum.ticket.id, 2)], on=DAY)
    next_year = module.orders.place(
        channel="box_office", lines=[(museum.ticket.id, 1)], on=date(2027, 1, 2)
    )
    assert (first.number, second.number) == ("2026-000001", "2026-000002")
    assert next_year.number == "2027-000001"  # each year counts from 1
    assert module.orders.get_by_number(" 2026-000002 ") == second
    with pytest.raises(NotFoundError) as raised:
        module.orders.get_by_number("2026-000099")
    assert (raised.value.kind, raised.value.id) == ("order", "2026-000099")


def test_an_inactive_institution_grants_no_discount(
    module: CustomerModule, school_setup: SchoolSetup
) -> None:
    s = school_setup
    module.institutions.update(s.school.id, active=False)
    before = snapshot(module)
    lines = [(s.tour.id, 2)]
    with pytest.raises(InstitutionInactiveError) as raised:
        module.orders.place(
            channel="back_office",
            customer_id=s.anna.id,
            address_id=s.at_school.id,
            lines=lines,
            on=DAY,
        )
    assert (raised.value.institution_id, raised.value.name) == (s.school.id, "Goethe-Gymnasium")
    with pytest.raises(InstitutionInactiveError):
        module.pricing.quote(customer_id=s.anna.id, address_id=s.at_school.id, lines=lines, on=DAY)
    assert snapshot(module) == before
