"""The PostgreSQL driver: migrations, refusals, and what only a server shows."""

from __future__ import annotations

import importlib
import subprocess
import sys

import psycopg
import pytest

from gomus_customers import (
    CustomerModule,
    MissingExtraError,
    SchemaVersionError,
    StoreError,
)
from gomus_customers.adapters.postgresql import PostgresStore
from gomus_customers.adapters.sql import SCHEMA_VERSION


def _versions(dsn: str) -> list[int]:
    with psycopg.connect(dsn) as connection:
        return [int(row[0]) for row in connection.execute("SELECT version FROM schema_migrations")]


def test_opening_creates_the_schema_once(postgres_dsn: str) -> None:
    with CustomerModule.postgresql(postgres_dsn) as module:
        school = module.categories.add_customer_category("Schule")
    with CustomerModule.postgresql(postgres_dsn) as module:
        assert module.categories.customer_categories() == [school]
    assert _versions(postgres_dsn) == [SCHEMA_VERSION]


def test_processes_opening_at_once_migrate_once(postgres_dsn: str) -> None:
    code = (
        "import sys; from gomus_customers import CustomerModule as M; "
        "M.postgresql(sys.argv[1]).close()"
    )
    openers = [
        subprocess.Popen([sys.executable, "-c", code, postgres_dsn], stderr=subprocess.PIPE)  # noqa: S603 - our own code
        for _ in range(3)
    ]
    for opener in openers:
        _, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
    assert _versions(postgres_dsn) == [SCHEMA_VERSION]


def test_a_newer_schema_is_refused(postgres_dsn: str) -> None:
    PostgresStore(postgres_dsn).close()
    with psycopg.connect(postgres_dsn) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x')")
    with pytest.raises(SchemaVersionError) as raised:
        PostgresStore(postgres_dsn)
    assert (raised.value.found, raised.value.supported) == (99, SCHEMA_VERSION)


def test_another_programs_tables_are_refused_and_left_alone(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn) as connection:
        connection.execute("CREATE TABLE customers (kdnr INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match=r"another program's tables \(customers\)"):
        CustomerModule.postgresql(postgres_dsn)
    with psycopg.connect(postgres_dsn) as connection:
        columns = connection.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'customers'"
        ).fetchall()
        assert columns == [("kdnr",)]


def test_a_server_that_cannot_be_reached_is_one_store_error() -> None:
    with pytest.raises(StoreError, match="the server cannot be reached") as raised:
        PostgresStore("host=127.0.0.1 port=1 dbname=museum password=geheim", connect_timeout=1)
    assert "geheim" not in str(raised.value)


def test_without_the_extra_the_error_names_the_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "gomus_customers.adapters.postgresql")
    with pytest.raises(MissingExtraError) as raised:
        importlib.import_module("gomus_customers.adapters.postgresql")
    assert raised.value.install == 'python -m pip install "gomus-customers[postgresql]"'
