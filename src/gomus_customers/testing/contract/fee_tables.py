"""The repository contract: fee tables (Entgelttabellen)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from gomus_customers.exceptions import (
    AlreadyExistsError,
    ConcurrentModificationError,
    ReferentialIntegrityError,
)
from gomus_customers.ids import CustomerCategoryId
from gomus_customers.model import (
    CustomerCategory,
    OfferCategory,
)
from gomus_customers.money import Money
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_customer_category,
    make_fee_table,
    make_offer_category,
)
from gomus_customers.testing.contract._support import save

__all__ = ["FeeTableRepositoryContract"]


class FeeTableRepositoryContract:
    """Fee tables: cells kept exactly, unique start days, the table in force on a day."""

    @pytest.fixture(name="cells")
    def fixture_cells(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> tuple[CustomerCategory, CustomerCategory, OfferCategory]:
        private, school = make_customer_category("Privatkunde"), make_customer_category("Schule")
        admission = make_offer_category("Eintritt")
        save(unit_of_work_factory, private, school, admission)
        return private, school, admission

    def test_fee_table_round_trips_with_its_cells(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        table = make_fee_table(
            {(private.id, admission.id): Money("12.00"), (school.id, admission.id): Money("6.50")},
            valid_until=date(2026, 12, 31),
            fallback_category_id=private.id,
        )
        save(unit_of_work_factory, table)
        with unit_of_work_factory() as uow:
            loaded = uow.fee_tables.get(table.id)
        assert loaded == table
        assert str(loaded.fees[(school.id, admission.id)]) == "6.50 EUR"

    def test_fee_table_start_days_are_unique(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        save(unit_of_work_factory, make_fee_table(name="A"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.fee_tables.add(make_fee_table(name="B"))
            uow.commit()
        assert raised.value.field == "valid_from"

    def test_fee_table_in_force_is_the_latest_start_that_covers_the_day(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        old = make_fee_table(name="2025", valid_from=date(2025, 1, 1))
        new = make_fee_table(name="2026", valid_from=date(2026, 1, 1))
        summer = make_fee_table(
            name="Sommer", valid_from=date(2026, 7, 1), valid_until=date(2026, 8, 31)
        )
        save(unit_of_work_factory, new, summer, old)
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.in_force(date(2024, 12, 31)) is None
            assert uow.fee_tables.in_force(date(2025, 12, 31)) == old
            assert uow.fee_tables.in_force(date(2026, 1, 1)) == new
            assert uow.fee_tables.in_force(date(2026, 8, 31)) == summer
            assert uow.fee_tables.in_force(date(2026, 9, 1)) == new
            assert [t.name for t in uow.fee_tables.list()] == ["2025", "2026", "Sommer"]

    def test_fee_table_counts_the_categories_it_names(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        save(
            unit_of_work_factory,
            make_fee_table(
                {(school.id, admission.id): Money("6")}, fallback_category_id=private.id
            ),
        )
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.count(customer_category_id=private.id) == 1
            assert uow.fee_tables.count(customer_category_id=school.id) == 1
            assert uow.fee_tables.count(offer_category_id=admission.id) == 1
            assert uow.fee_tables.count(offer_category_id=make_offer_category().id) == 0

    def test_fee_table_update_replaces_the_cells(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, school, admission = cells
        table = make_fee_table({(private.id, admission.id): Money("12")})
        save(unit_of_work_factory, table)
        changed = attrs.evolve(table, fees={(school.id, admission.id): Money("7.50")})
        with unit_of_work_factory() as uow:
            saved = uow.fee_tables.update(changed)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.get(table.id) == saved
            with pytest.raises(ConcurrentModificationError):
                uow.fee_tables.update(changed)

    def test_fee_table_cells_need_existing_categories(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        ghost = (CustomerCategoryId(make_customer_category().id), make_offer_category().id)
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.fee_tables.add(make_fee_table({ghost: Money("1")}))
            uow.commit()

    def test_fee_table_keeps_its_categories_from_being_deleted(
        self,
        unit_of_work_factory: UnitOfWorkFactory,
        cells: tuple[CustomerCategory, CustomerCategory, OfferCategory],
    ) -> None:
        private, _, admission = cells
        save(unit_of_work_factory, make_fee_table({(private.id, admission.id): Money("1")}))
        with pytest.raises(ReferentialIntegrityError), unit_of_work_factory() as uow:
            uow.offer_categories.delete(admission.id)
            uow.commit()

    def test_fee_table_delete(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        table = make_fee_table()
        save(unit_of_work_factory, table)
        with unit_of_work_factory() as uow:
            uow.fee_tables.delete(table.id)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert uow.fee_tables.in_force(date(2026, 3, 2)) is None

    def test_fee_table_names_are_unique_without_regard_to_case(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_fee_table(name="Entgelte 2026"))
        with unit_of_work_factory() as uow, pytest.raises(AlreadyExistsError) as raised:
            uow.fee_tables.add(make_fee_table(name="ENTGELTE 2026", valid_from=date(2027, 1, 1)))
            uow.commit()
        assert (raised.value.field, raised.value.value) == ("name", "ENTGELTE 2026")
