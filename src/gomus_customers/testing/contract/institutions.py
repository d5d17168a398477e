"""The repository contract: institutions."""

from __future__ import annotations

import attrs
import pytest

from gomus_customers.exceptions import (
    ConcurrentModificationError,
    NotFoundError,
)
from gomus_customers.ids import InstitutionId
from gomus_customers.money import Percentage
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing.builders import (
    make_institution,
)
from gomus_customers.testing.contract._support import save

__all__ = ["InstitutionRepositoryContract"]


class InstitutionRepositoryContract:
    """Institutions: discount, kind and state kept."""

    def test_institution_get_returns_what_was_added(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        institution = make_institution(discount=Percentage("12.5"))
        save(unit_of_work_factory, institution)
        with unit_of_work_factory() as uow:
            assert uow.institutions.get(institution.id) == institution

    def test_institution_update_and_stale_update(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        institution = make_institution()
        save(unit_of_work_factory, institution)
        with unit_of_work_factory() as uow:
            saved = uow.institutions.update(attrs.evolve(institution, active=False))
            uow.commit()
        assert (saved.active, saved.version) == (False, 2)
        with unit_of_work_factory() as uow, pytest.raises(ConcurrentModificationError):
            uow.institutions.update(attrs.evolve(institution, note="veraltet"))

    def test_institution_list_is_ordered_by_name(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        save(unit_of_work_factory, make_institution("Verein B"), make_institution("Schule A"))
        with unit_of_work_factory() as uow:
            assert [i.name for i in uow.institutions.list()] == ["Schule A", "Verein B"]

    def test_institution_get_of_a_missing_id_raises_not_found(
        self, unit_of_work_factory: UnitOfWorkFactory
    ) -> None:
        with unit_of_work_factory() as uow, pytest.raises(NotFoundError):
            uow.institutions.get(InstitutionId(make_institution().id))
