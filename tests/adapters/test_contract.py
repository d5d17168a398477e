"""The exported contract suite, run against every shipped store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gomus_customers.adapters.memory import MemoryStore
from gomus_customers.adapters.sqlite import SqliteStore
from gomus_customers.ports import UnitOfWorkFactory
from gomus_customers.testing import RepositoryContract


class TestMemoryStore(RepositoryContract):
    @pytest.fixture(name="unit_of_work_factory")
    def fixture_unit_of_work_factory(self) -> UnitOfWorkFactory:
        return MemoryStore().unit_of_work


class TestSqliteStore(RepositoryContract):
    @pytest.fixture(name="unit_of_work_factory")
    def fixture_unit_of_work_factory(self, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
        store = SqliteStore(tmp_path / "contract.sqlite3", busy_timeout=0.5)
        yield store.unit_of_work
        store.close()


class TestPostgresStore(RepositoryContract):
    @pytest.fixture(name="unit_of_work_factory")
    def fixture_unit_of_work_factory(self, postgres_dsn: str) -> Iterator[UnitOfWorkFactory]:
        from gomus_customers.adapters.postgresql import PostgresStore

        store = PostgresStore(postgres_dsn, pool_size=4, busy_timeout=0.5)
        yield store.unit_of_work
        store.close()
