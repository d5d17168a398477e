"""What only the SQLite store needs shown: durability, schema versions, pragmas, locking."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from gomus_customers import (
    ConcurrentModificationError,
    CustomerModule,
    Percentage,
    SchemaVersionError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
)
from gomus_customers.adapters.sqlite import SCHEMA_VERSION, SqliteStore
from gomus_customers.cli import main
from gomus_customers.serialization import to_json
from gomus_customers.testing import make_customer_category, save


def test_data_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    with CustomerModule.sqlite(path) as module:
        category = module.categories.add_customer_category("Schule", is_default=True)
        school = module.institutions.add("Goethe-Gymnasium", discount=Percentage("10"))
        anna = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=category.id)
        module.customers.join_institution(
            anna.id,
            school.id,
            since=date(2025, 8, 1),
            street="Schulstraße 1",
            postal_code="14467",
            city="Potsdam",
        )
        saved = module.customers.get(anna.id)
    with CustomerModule.sqlite(path) as reopened:
        assert reopened.customers.get(anna.id) == saved
        assert reopened.institutions.get(school.id) == school
        assert reopened.categories.default_customer_category() == category


def test_a_customer_is_stored_without_the_fields_that_say_nothing(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    with CustomerModule.sqlite(path) as module:
        category = module.categories.add_customer_category("Privatkunde", is_default=True)
        anna = module.customers.add(first_name="Anna", last_name="Schmidt", category_id=category.id)
    connection = sqlite3.connect(path)
    (document,) = connection.execute("SELECT document FROM customers").fetchone()
    # An earlier release wrote every field: such a document reads the same.
    connection.execute("UPDATE customers SET document = ?", (to_json(anna),))
    connection.commit()
    connection.close()
    stored = json.loads(document)
    assert "email" not in stored
    assert "addresses" not in stored
    assert stored["language"] == "de"
    with CustomerModule.sqlite(path) as module:
        assert module.customers.get(anna.id) == anna


def test_the_schema_records_its_migrations(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    SqliteStore(path).close()
    with sqlite3.connect(path) as connection:
        versions = connection.execute(
            "SELECT version, description FROM schema_migrations"
        ).fetchall()
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        journal = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    # A new file gets the current layout at once; older files record each step (test_migrations).
    assert versions == [(SCHEMA_VERSION, "the SQL core's layout")]
    assert user_version == SCHEMA_VERSION
    assert journal == "wal"


def test_every_connection_keeps_32_mib_of_pages_and_zeroes_what_it_deletes(
    tmp_path: Path,
) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3")
    connection = store._acquire()  # the pool's connection, as a unit of work gets it
    try:
        # Negative: KiB. 100,000 customers' indexes fit, so bulk writes read no page back.
        assert connection.execute("PRAGMA cache_size").fetchone()[0] == -32 * 1024
        assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        connection.close()
        store.close()


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(SchemaVersionError) as raised:
        SqliteStore(path)
    assert (raised.value.found, raised.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Dies ist keine Datenbank. " * 100, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="it is not a SQLite database"):
        SqliteStore(path)
    assert path.read_bytes() == before


def test_a_path_that_cannot_be_opened_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be opened"):
        SqliteStore(tmp_path / "missing-folder" / "museum.sqlite3")


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3")
    with store.unit_of_work() as uow:
        assert uow.session.execute("PRAGMA foreign_keys") == [(1,)]
    store.close()


def test_a_writer_waiting_too_long_gets_a_library_error(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3", busy_timeout=0.1)
    with store.unit_of_work() as holding:
        holding.customer_categories.add(make_customer_category("Schule"))
        holding.customer_categories.list()  # sends the insert: the write lock is held now
        with store.unit_of_work() as waiting, pytest.raises(StoreBusyError) as raised:
            waiting.customer_categories.add(make_customer_category("Verein"))
            waiting.commit()  # inserts are sent at the latest here
        assert raised.value.timeout == 0.1
        holding.commit()
    store.close()


def test_a_write_after_a_stale_read_is_a_concurrent_modification(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3", busy_timeout=0.1)
    category = make_customer_category()
    save(store.unit_of_work, category)
    with store.unit_of_work() as stale:
        stale.customer_categories.get(category.id)
        save(store.unit_of_work, make_customer_category("Verein"))
        with pytest.raises(ConcurrentModificationError):
            stale.customer_categories.delete(category.id)
    store.close()


def test_a_closed_store_opens_no_unit_of_work(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3")
    store.close()
    with pytest.raises(StoreClosedError) as raised, store.unit_of_work() as uow:
        uow.customer_categories.list()
    assert raised.value.store == str(tmp_path / "museum.sqlite3")


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_a_closed_module_refuses_every_command(store: str, tmp_path: Path) -> None:
    module = (
        CustomerModule.sqlite(tmp_path / "museum.sqlite3")
        if store == "sqlite"
        else CustomerModule.in_memory()
    )
    module.close()
    module.close()  # twice is fine
    with pytest.raises(StoreClosedError, match="is closed"):
        module.categories.add_customer_category("Schule")


def test_a_unit_of_work_still_open_at_close_releases_its_connection(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3")
    with store.unit_of_work() as uow:
        uow.customer_categories.list()
        store.close()
    store.close()


def test_a_reader_that_must_wait_to_write_is_told_to_retry(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3", busy_timeout=5)
    with store.unit_of_work() as writer, store.unit_of_work() as reader:
        writer.customer_categories.add(make_customer_category("Schule"))
        writer.customer_categories.list()  # sends the insert: the writer holds the lock
        reader.customer_categories.list()
        with pytest.raises(ConcurrentModificationError):
            reader.customer_categories.add(make_customer_category("Verein"))
            reader.commit()  # inserts are sent at the latest here
        writer.commit()
    store.close()


def test_the_facade_queues_writers_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    store = SqliteStore(path, busy_timeout=5, immediate=True)
    with store.unit_of_work() as first:
        first.customer_categories.add(make_customer_category("Schule"))
        first.commit()
        first.customer_categories.list()
    store.close()
    with CustomerModule.sqlite(path, busy_timeout=0.2) as module, module.unit_of_work() as held:
        held.customer_categories.list()  # holds the write lock: facade units are IMMEDIATE
        with pytest.raises(StoreBusyError):
            module.categories.add_customer_category("Verein")


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "kasse.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE bons (nr INTEGER PRIMARY KEY, betrag TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database") as raised:
        CustomerModule.sqlite(path)
    assert raised.value.store == str(path)
    assert path.read_bytes() == before


def test_an_empty_file_is_only_made_a_database_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "leer.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="not a gomus-customers database yet"):
        CustomerModule.sqlite(path)
    assert path.read_bytes() == b""
    with CustomerModule.sqlite(path, create=True) as module:
        assert module.categories.customer_categories() == []


def test_a_missing_file_is_not_created_when_creating_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no database"):
        CustomerModule.sqlite(tmp_path / "fehlt.sqlite3", create=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only files")
def test_a_read_only_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "museum.sqlite3"
    CustomerModule.sqlite(path).close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        CustomerModule.sqlite(path)


def test_a_file_that_is_no_database_file_is_a_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    folder.mkdir()
    with pytest.raises(StoreError, match="it is a folder"):
        CustomerModule.sqlite(folder)
    proc = Path("/proc/version")
    if proc.exists():
        with pytest.raises(StoreError):
            CustomerModule.sqlite(proc)


def test_a_read_command_never_changes_another_programs_file(tmp_path: Path) -> None:
    path = tmp_path / "fremd.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE x (y)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    assert main(["--db", str(path), "customers", "list"]) == 2
    empty = tmp_path / "leer.sqlite3"
    empty.write_bytes(b"")
    assert main(["--db", str(empty), "customers", "list"]) == 2
    assert (path.read_bytes(), empty.read_bytes()) == (before, b"")
    assert main(["--db", str(empty), "init"]) == 0
    assert empty.stat().st_size > 0


def test_a_file_that_fails_underneath_a_command_is_one_store_error(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "museum.sqlite3")
    with store.unit_of_work() as uow:
        # A file that became read-only underneath the store: SQLite says SQLITE_READONLY.
        uow.session.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError, match="the file is read-only") as raised:
            uow.customer_categories.add(make_customer_category("Schule"))
            uow.commit()  # inserts are sent at the latest here
        assert raised.value.store == str(tmp_path / "museum.sqlite3")
    store.close()
