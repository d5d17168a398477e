"""The repository contract: orders."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    NotFoundError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerId, OrderId
from gomus_customers.model import (
    Customer,
    CustomerCategory,
    Institution,
    Membership,
    SalesChannel,
)
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_address,
    make_customer,
    make_customer_category,
    make_institution,
    make_order,
    make_order_line,
)
from gomus_customers.testing.contract._support import ids, save

__all__ = ["OrderRepositoryContract"]


class OrderRepositoryContract:
    """Orders with their lines: exact amounts, indexed by customer, institution and day."""

    @pytest.fixture(name="shop")
    def fixture_shop(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> tuple[CustomerCategory, Institution, Customer, Customer]:
        category = make_customer_category()
        school = make_institution()
        at_school = make_address(institution_id=school.id)
        anna = make_customer(
            category.id, member_of=(Membership(school.id),), addresses=(at_school,)
        )
        eva = make_customer(category.id, first_name="Eva")
        save(unit_of_work_factory, category, school, anna, eva)
        return category, school, anna, eva

    def test_order_round_trips_with_exact_amounts(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        shop: tuple[CustomerCategory, Institution, Customer, Customer],
    ) -> None:
        category, school, anna, _ = shop
        order = make_order(
            category.id,
            channel=SalesChannel.BACK_OFFICE,
            customer_id=anna.id,
            address_id=anna.addresses[0].id,
            institution_id=school.id,
            lines=(
                make_order_line(unit_price="45.00", quantity=2, discount="9.00"),
                make_order_line(unit_price="12.35", quantity=3, discount="5.56"),
            ),
        )
        save(unit_of_work_factory, order)
        with unit_of_work_factory() as uow:
            loaded = uow.orders.get(order.id)
        assert loaded == order
        assert [str(line.net) for line in loaded.lines] == ["81.00 EUR", "31.49 EUR"]
        assert str(loaded.total) == "112.49 EUR"

    def test_order_queries_by_customer_institution_period_and_channel(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        shop: tuple[CustomerCategory, Institution, Customer, Customer],
    ) -> None:
        category, school, anna, eva = shop
        for_school = make_order(
            category.id,
            channel=SalesChannel.BACK_OFFICE,
            customer_id=anna.id,
            address_id=anna.addresses[0].id,
            institution_id=school.id,
            placed_on=date(2026, 3, 1),
        )
        private = make_order(
            category.id,
            channel=SalesChannel.ONLINE_SHOP,
            customer_id=anna.id,
            placed_on=date(2026, 3, 31),
        )
        evas = make_order(
            category.id,
            channel=SalesChannel.ONLINE_SHOP,
            customer_id=eva.id,
            placed_on=date(2026, 4, 1),
        )
        walk_in = make_order(category.id, placed_on=date(2026, 2, 28))
        save(unit_of_work_factory, evas, walk_in, private, for_school)
        with unit_of_work_factory() as uow:
            assert ids(uow.orders.list(customer_id=anna.id)) == [for_school.id, private.id]
            assert ids(uow.orders.list(institution_id=school.id)) == [for_school.id]
            march = uow.orders.list(start=date(2026, 3, 1), end=date(2026, 3, 31))
            assert ids(march) == [for_school.id, private.id]
            assert ids(uow.orders.list(start=date(2026, 3, 31))) == [private.id, evas.id]
            assert ids(uow.orders.list(end=date(2026, 2, 28))) == [walk_in.id]
            online = uow.orders.list(channel=SalesChannel.ONLINE_SHOP, start=date(2026, 4, 1))
            assert ids(online) == [evas.id]
            assert len(uow.orders.list()) == 4
            assert ids(uow.orders.of_customers([eva.id, anna.id])) == [
                for_school.id,
                private.id,
                evas.id,
            ]
            assert list(uow.orders.of_customers([])) == []

    def test_orders_of_a_day_are_ordered_by_creation(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        later = make_order(category.id, created_at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
        # 11:30 in Berlin is 10:30 UTC: earlier, whatever the offset it is written with.
        earlier = make_order(
            category.id,
            created_at=datetime(2026, 3, 2, 11, 30, tzinfo=timezone(timedelta(hours=1))),
        )
        save(unit_of_work_factory, category, later, earlier)
        with unit_of_work_factory() as uow:
            assert ids(uow.orders.list(start=date(2026, 3, 2))) == [earlier.id, later.id]

    def test_orders_of_one_instant_are_ordered_by_number(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        # Placed at the same instant (a fixed clock, or two tills): the order they were
        # numbered in, whatever their ids; one from before numbers existed first. The ids
        # run against the numbers, and 2026-000010 comes after 2026-000009 as a number.
        category = make_customer_category()
        customer = make_customer(category.id)
        ids_downwards = [OrderId(uuid.UUID(int=n)) for n in (4, 3, 2, 1)]
        unnumbered, ninth, tenth, hundredth = (
            attrs.evolve(make_order(category.id, customer_id=customer.id), id=id_, number=number)
            for id_, number in zip(
                ids_downwards, (None, "2026-000009", "2026-000010", "2026-000100"), strict=True
            )
        )
        save(unit_of_work_factory, category, customer, hundredth, tenth, unnumbered, ninth)
        expected = [unnumbered.id, ninth.id, tenth.id, hundredth.id]
        with unit_of_work_factory() as uow:
            assert ids(uow.orders.list(start=date(2026, 3, 2))) == expected
            assert ids(uow.orders.list(customer_id=customer.id)) == expected
            assert ids(uow.orders.of_customers([customer.id])) == expected

    def test_order_cancellation_is_saved(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        order = make_order()
        save(unit_of_work_factory, order)
        cancelled = order.cancel(datetime(2026, 3, 3, 9, 0, tzinfo=UTC), "storniert")
        with unit_of_work_factory() as uow:
            saved = uow.orders.update(cancelled)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.orders.get(order.id) == saved
            assert saved.is_cancelled
            with pytest.raises(ConcurrentModificationError):
                uow.orders.update(cancelled)

    def test_order_needs_an_existing_customer(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        ghost = CustomerId(make_customer().id)
        order = make_order(channel=SalesChannel.ONLINE_SHOP, customer_id=ghost)
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.orders.add(order)
            uow.commit()

    def test_order_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError) as raised:
            uow.orders.get(make_order().id)
        assert raised.value.kind == "order"

    def test_order_numbers_are_unique_and_increase_within_a_year(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        save(unit_of_work_factory, category)
        with unit_of_work_factory() as uow:
            first, second = uow.orders.next_number(2026), uow.orders.next_number(2026)
            other_year = uow.orders.next_number(2027)
            assert 0 < first < second
            order = attrs.evolve(make_order(category.id), number=f"2026-{second:06d}")
            uow.orders.add(order)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.orders.next_number(2026) > second
            assert uow.orders.by_number(f"2026-{second:06d}") == order
            assert uow.orders.by_number("2026-999999") is None
        assert other_year >= 1
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.orders.add(attrs.evolve(make_order(category.id), number=order.number))
            uow.commit()
        assert (raised.value.field, raised.value.value) == ("number", order.number)
