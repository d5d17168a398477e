"""A host application checks its own unit of work against the exported contract suite.

The host here wraps the shipped SQLite store in a unit of work of its own that publishes an
event after every successful commit (for a search index, say). The contract suite proves that
the wrapper still keeps every promise of the ports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

import pytest

from gomus_customers.adapters.sqlite import SqliteStore
from gomus_customers.ports import (
    AccessRequestRepository,
    CustomerCategoryRepository,
    CustomerRepository,
    FeeTableRepository,
    InstitutionRepository,
    MembershipRepository,
    MembershipTypeRepository,
    OfferCategoryRepository,
    OfferRepository,
    OrderRepository,
    SettingsRepository,
    UnitOfWork,
    UnitOfWorkFactory,
)
from gomus_customers.testing import RepositoryContract


class PublishingUnitOfWork:
    """Delegates to another unit of work and calls ``publish`` after each successful commit."""

    def __init__(self, inner: UnitOfWork, publish: Callable[[], None]) -> None:
        self._inner = inner
        self._publish = publish

    @property
    def customer_categories(self) -> CustomerCategoryRepository:
        return self._inner.customer_categories

    @property
    def offer_categories(self) -> OfferCategoryRepository:
        return self._inner.offer_categories

    @property
    def offers(self) -> OfferRepository:
        return self._inner.offers

    @property
    def institutions(self) -> InstitutionRepository:
        return self._inner.institutions

    @property
    def customers(self) -> CustomerRepository:
        return self._inner.customers

    @property
    def fee_tables(self) -> FeeTableRepository:
        return self._inner.fee_tables

    @property
    def orders(self) -> OrderRepository:
        return self._inner.orders

    @property
    def access_requests(self) -> AccessRequestRepository:
        return self._inner.access_requests

    @property
    def settings(self) -> SettingsRepository:
        return self._inner.settings

    @property
    def membership_types(self) -> MembershipTypeRepository:
        return self._inner.membership_types

    @property
    def memberships(self) -> MembershipRepository:
        return self._inner.memberships

    def __enter__(self) -> Self:
        self._inner.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, traceback)

    def commit(self) -> None:
        self._inner.commit()
        self._publish()

    def rollback(self) -> None:
        self._inner.rollback()


class TestPublishingUnitOfWork(RepositoryContract):
    """Every contract test, run against the host's wrapper."""

    published: list[str]

    @pytest.fixture(name="unit_of_work_factory")
    def fixture_unit_of_work_factory(self, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
        store = SqliteStore(tmp_path / "host.sqlite3", busy_timeout=0.5)
        self.published = []

        def factory() -> UnitOfWork:
            return PublishingUnitOfWork(store.unit_of_work(), lambda: self.published.append("x"))

        yield factory
        store.close()

    def test_each_commit_is_published(self, unit_of_work_factory: UnitOfWorkFactory) -> None:
        with unit_of_work_factory() as uow:
            uow.commit()
        assert self.published == ["x"]
