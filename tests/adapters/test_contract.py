"""The exported contract suite, all of it, run against every shipped store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from gomus_customers.testing import StoreContract
from gomus_customers.testing.contract import StoreOpener
from gomus_customers.testing.postgres import fresh_schema
from gomus_customers.testing.stores import OpenedStore, open_store


class TestMemoryStore(StoreContract):
    @pytest.fixture(name="store_opener")
    def fixture_store_opener(self) -> StoreOpener:
        return lambda: open_store("memory")


class TestSqliteStore(StoreContract):
    @pytest.fixture(name="store_opener")
    def fixture_store_opener(self, tmp_path: Path) -> StoreOpener:
        made = iter(range(1_000_000))

        def opener() -> OpenedStore:
            return open_store(f"sqlite:{tmp_path / f'contract-{next(made)}.sqlite3'}")

        return opener


class TestPostgresStore(StoreContract):
    examples = 10  # every sequence creates a schema on the server

    @pytest.fixture(name="store_opener")
    def fixture_store_opener(self, postgres_server: str) -> Iterator[StoreOpener]:
        with ExitStack() as schemas:

            def opener() -> OpenedStore:
                dsn = schemas.enter_context(fresh_schema(postgres_server))
                return open_store(f"postgresql:{dsn}")

            yield opener
