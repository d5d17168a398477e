"""The repository contract: Commit, rollback and isolation: what every unit of work keeps."""

from __future__ import annotations

import pytest

from gomus_customers.exceptions import (
    NotFoundError,
)
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_customer_category,
)
from gomus_customers.testing.contract._support import ids

__all__ = ["UnitOfWorkContract"]


class UnitOfWorkContract:
    """Commit, rollback and isolation."""

    def test_unit_of_work_changes_are_invisible_to_others_before_commit(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as writer:
            writer.customer_categories.add(category)
            with unit_of_work_factory() as reader, pytest.raises(NotFoundError):
                reader.customer_categories.get(category.id)
            writer.commit()
        with unit_of_work_factory() as reader:
            assert reader.customer_categories.get(category.id) == category

    def test_unit_of_work_a_unit_of_work_sees_its_own_changes(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(category)
            assert uow.customer_categories.get(category.id) == category
            assert ids(uow.customer_categories.list()) == [category.id]

    def test_unit_of_work_leaving_without_commit_rolls_back(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        category = make_customer_category()
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(category)
        with unit_of_work_factory() as uow:
            assert list(uow.customer_categories.list()) == []

    def test_unit_of_work_an_exception_rolls_back_everything(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        first = make_customer_category("Schule")
        second = make_customer_category("Verein")
        with pytest.raises(RuntimeError), unit_of_work_factory() as uow:
            uow.customer_categories.add(first)
            uow.customer_categories.add(second)
            message = "the command failed half-way"
            raise RuntimeError(message)
        with unit_of_work_factory() as uow:
            assert list(uow.customer_categories.list()) == []

    def test_unit_of_work_rollback_forgets_changes_and_the_unit_goes_on(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        dropped = make_customer_category("Schule")
        kept = make_customer_category("Verein")
        with unit_of_work_factory() as uow:
            uow.customer_categories.add(dropped)
            uow.rollback()
            uow.customer_categories.add(kept)
            uow.commit()
        with unit_of_work_factory() as uow:
            assert ids(uow.customer_categories.list()) == [kept.id]
